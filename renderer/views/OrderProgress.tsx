import { useEffect, useState } from 'react';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { useHost } from '../host-context';
import { formatBytes } from '../../src/i18n/translate';
import { secondsLeft, speedSeries, windowSpeed } from '../../src/order/speed';
import { SpeedChart } from './SpeedChart';
import { orderFailureKey } from './order-failure';
import { currentDesign } from '../stores/prints-canvas-slice';
import { PickPhotosAgain } from './PickPhotosAgain';
import { OrderStatusLink } from './OrderStatusScreen';
import { OrderReceipt } from './checkout/OrderReceipt';

/**
 * Sending the order: a bar, bytes, the line's speed and the time left while it runs; a calm
 * countdown while the connection is gone (the host sends again by itself); the order number
 * when it is through. The host owns the order, so a reloaded window shows the same.
 */
export function OrderProgress() {
  const t = useT();
  const order = useAppStore((s) => s.order);
  if (order.state === 'done') return <OrderDone orderId={order.orderId} savedTo={order.savedTo} />;
  if (order.state === 'failed') return <OrderFailed />;
  if (order.state !== 'sending') return null;
  return (
    <section className="order-progress" role="status" aria-live="polite">
      {order.phase === 'waiting' ? <Waiting /> : <Sending />}
      <progress max={order.totalBytes || 1} value={order.sentBytes} />
      <SpeedChart speeds={speedSeries(order.samples)} label={t('order.speedChart')} />
      <p className="note">{t('order.keepOpen')}</p>
      <NewBookButton sending />
    </section>
  );
}

function Sending() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const order = useAppStore((s) => s.order);
  if (order.state !== 'sending') return null;
  if (order.phase === 'committing') return <p>{t('order.committing')}</p>;
  if (order.phase !== 'uploading') return <p>{t('order.preparing')}</p>;
  const speed = windowSpeed(order.samples);
  const left = secondsLeft(order.sentBytes, order.totalBytes, speed);
  const parts = [
    t('order.uploading', {
      sent: formatBytes(locale, order.sentBytes),
      total: formatBytes(locale, order.totalBytes),
    }),
  ];
  if (speed !== undefined) parts.push(t('order.speed', { speed: formatBytes(locale, speed) }));
  if (left !== undefined)
    parts.push(t('order.timeLeft', { minutes: Math.floor(left / 60), seconds: left % 60 }));
  return <p>{parts.join(' · ')}</p>;
}

/** The connection is gone: when the host tries again, and a way to try now. */
function Waiting() {
  const t = useT();
  const host = useHost();
  const order = useAppStore((s) => s.order);
  const now = useNow(1000);
  if (order.state !== 'sending') return null;
  const inS = Math.max(0, Math.ceil(((order.retryAt ?? now) - now) / 1000));
  return (
    <>
      <p>{t('order.waiting', { seconds: inS })}</p>
      <button type="button" onClick={() => void host.invoke('order.retry', {}).catch(() => {})}>
        {t('order.retryNow')}
      </button>
    </>
  );
}

/** What sending again can't cure (a photo gone, the server refusing), with a way on. */
function OrderFailed() {
  const t = useT();
  const host = useHost();
  const order = useAppStore((s) => s.order);
  if (order.state !== 'failed') return null;
  return (
    <section
      // Photos to pick again: the order waits for them, it has not failed for good.
      className={order.needsPhotos?.length ? 'order-failed order-needs-photos' : 'order-failed'}
      role="alert"
    >
      {order.needsPhotos?.length ? (
        <PickPhotosAgain orderId={order.orderId} photos={order.needsPhotos} />
      ) : (
        <p>{t(orderFailureKey(order.code))}</p>
      )}
      <details>
        <summary>{t('order.failedDetails')}</summary>
        <code>{order.detail}</code>
      </details>
      {!order.needsPhotos?.length && (
        <button type="button" onClick={() => void host.invoke('order.retry', {}).catch(() => {})}>
          {t('order.retry')}
        </button>
      )}
      <NewBookButton />
    </section>
  );
}

function OrderDone({ orderId, savedTo }: { orderId: string; savedTo?: string }) {
  return (
    <section className="order-done" role="status">
      <OrderReceipt orderId={orderId} savedTo={savedTo} />
      <div className="actions">
        <NewBookButton />
        {/* The provider's server never sees an order on a medium: nothing to look up there. */}
        {!savedTo && <OrderStatusLink label="status.openFromDone" />}
      </div>
    </section>
  );
}

/**
 * Starts over: the sent design's photos and the order are let go, in the host too. While the
 * order is still being sent it asks first, and the host goes on sending it (it keeps the order's
 * photos itself); the order's progress shows again at the next checkout.
 */
function NewBookButton({ sending = false }: { sending?: boolean }) {
  const t = useT();
  const host = useHost();
  const setView = useAppStore((s) => s.setView);
  const setOrder = useAppStore((s) => s.setOrder);
  const forgetPhotos = useAppStore((s) => s.forgetPhotos);
  return (
    <button
      onClick={() => {
        const order = useAppStore.getState().order;
        const orderId = order.state === 'sending' ? (order.orderId ?? '') : '';
        if (sending && !window.confirm(t('order.newBookWhileSending', { orderId }))) return;
        const design = currentDesign(useAppStore.getState());
        const doc =
          design?.kind === 'photoBook'
            ? design.book
            : design?.kind === 'prints'
              ? design.prints
              : design?.canvas;
        const assetIds = Object.keys(doc?.assets ?? {});
        if (assetIds.length > 0) void host.invoke('photos.release', { assetIds }).catch(() => {});
        forgetPhotos();
        setView('products');
        if (sending) return;
        void host.invoke('order.forget', {}).catch(() => {});
        setOrder({ state: 'idle' });
      }}
    >
      {t('order.newBook')}
    </button>
  );
}

/** The time now, again every `everyMs`: for a countdown. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
