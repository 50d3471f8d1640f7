import { useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { blocksOrder, type Finding } from '../../../src/preflight/findings';
import { FindingList } from './FindingList';
import { needsLook, orderedAnyway } from './finding-words';
import { jumpTo } from './jump';
import { usePreflight } from './use-preflight';
import { useModal } from './use-dialog';
import './preflight.css';

/**
 * The check before an order is sent. `beforeOrder(send)` sends at once when nothing needs a look;
 * otherwise it opens a dialog that lists what does, with "Prüfen" (back to the designer, at the
 * first place) and "Trotzdem bestellen", which says in one sentence what is then printed as it
 * is. Only what the lab cannot make at all (a missing photo, a page count it can't bind) leaves
 * no "order anyway". Once confirmed, sending the same design again (a retry) does not ask again.
 */
export function useOrderCheck(): { beforeOrder(send: () => void): void; dialog: ReactNode } {
  const findings = usePreflight();
  const [pending, setPending] = useState<{ send: () => void } | null>(null);
  const confirmed = useRef<readonly Finding[] | null>(null);
  const serious = findings.filter(needsLook);
  const beforeOrder = (send: () => void) => {
    if (serious.length === 0 || confirmed.current === findings) send();
    else setPending({ send });
  };
  const dialog = (
    <OrderCheckDialog
      open={pending !== null}
      findings={serious}
      onReview={(at) => {
        setPending(null);
        if (at) jumpTo(at);
      }}
      onAnyway={() => {
        confirmed.current = findings;
        const send = pending?.send;
        setPending(null);
        send?.();
      }}
    />
  );
  return { beforeOrder, dialog };
}

function OrderCheckDialog(props: {
  open: boolean;
  findings: readonly Finding[];
  /** Back to the designer: at a chosen place, or at the first one. */
  onReview(at: Finding | undefined): void;
  onAnyway(): void;
}) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const dialog = useModal(props.open);
  const namesId = useId();
  const blocked = blocksOrder(props.findings);
  const names = orderedAnyway(t, props.findings, locale);
  return (
    <dialog
      ref={dialog}
      className="preflight-dialog order-check"
      aria-labelledby="order-check-title"
      onCancel={(e) => {
        e.preventDefault();
        props.onReview(undefined);
      }}
    >
      <h2 id="order-check-title">{t('preflight.order.title')}</h2>
      <p>{t(blocked ? 'preflight.order.blocked' : 'preflight.order.intro')}</p>
      <FindingList findings={props.findings} onJump={(at) => props.onReview(at)} />
      {!blocked && names !== '' && (
        <p id={namesId} className="order-check-names">
          {t('preflight.order.names', { list: names })}
        </p>
      )}
      <div className="dialog-buttons">
        <button
          type="button"
          className="primary"
          autoFocus
          onClick={() => props.onReview(props.findings[0])}
        >
          {t('preflight.order.review')}
        </button>
        {!blocked && (
          <button type="button" aria-describedby={namesId} onClick={props.onAnyway}>
            {t('preflight.order.anyway')}
          </button>
        )}
      </div>
    </dialog>
  );
}
