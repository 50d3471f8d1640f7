import { useEffect, useState } from 'react';
import type { NotSentOrder } from '../../src/contract/host';
import { useHost } from '../host-context';
import { useT } from '../i18n';

/**
 * An order the app was sending when it was closed, found on start but not resumable (closed
 * before its manifest got through, or the lab's server changed since): the customer is told
 * that it did not go out and that the design is safe, instead of finding nothing. Dismissing
 * it lets the host forget it (`order.forget`), for every window.
 */
export function NotSentNotice() {
  const t = useT();
  const host = useHost();
  const [notSent, setNotSent] = useState<NotSentOrder>();

  useEffect(() => {
    let current = true;
    host.invoke('order.status', {}).then(
      (status) => {
        if (current && status.state === 'idle' && status.notSent) setNotSent(status.notSent);
      },
      // A host that can't answer is shown by the app's own check (app.info).
      () => {},
    );
    return () => {
      current = false;
    };
  }, [host]);

  if (!notSent) return null;
  const why =
    notSent.reason === 'closed-early' ? 'order.notSent.closedEarly' : 'order.notSent.labChanged';
  return (
    <section className="not-sent-notice" role="status" aria-labelledby="not-sent-title">
      <h2 id="not-sent-title">{t('order.notSent.title')}</h2>
      <p>{t(why, { orderId: notSent.orderId })}</p>
      <p>{t('order.notSent.designSafe')}</p>
      <button
        type="button"
        onClick={() => {
          setNotSent(undefined);
          void host.invoke('order.forget', {}).catch(() => {});
        }}
      >
        {t('order.notSent.dismiss')}
      </button>
    </section>
  );
}
