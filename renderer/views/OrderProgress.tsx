import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { useHost } from '../host-context';
import { formatBytes } from '../../src/i18n/translate';
import { speedSeries } from '../../src/order/speed';
import { SpeedChart } from './SpeedChart';
import { currentDesign } from '../stores/prints-canvas-slice';

/** Sending the order: a bar, bytes and speed while it runs; the order id when done. */
export function OrderProgress() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const order = useAppStore((s) => s.order);
  const setView = useAppStore((s) => s.setView);
  const setOrder = useAppStore((s) => s.setOrder);
  const forgetPhotos = useAppStore((s) => s.forgetPhotos);
  const host = useHost();

  if (order.state === 'done') {
    return (
      <section className="order-done" role="status">
        <p>{t('order.done', { orderId: order.orderId })}</p>
        <button
          onClick={() => {
            // The sent design's photos are no longer needed: free the host's memory of them.
            const design = currentDesign(useAppStore.getState());
            const doc =
              design?.kind === 'photoBook'
                ? design.book
                : design?.kind === 'prints'
                  ? design.prints
                  : design?.canvas;
            const assetIds = Object.keys(doc?.assets ?? {});
            if (assetIds.length > 0)
              void host.invoke('photos.release', { assetIds }).catch(() => {});
            forgetPhotos();
            setOrder({ state: 'idle' });
            setView('products');
          }}
        >
          {t('order.newBook')}
        </button>
      </section>
    );
  }
  if (order.state !== 'sending') return null;
  const latest = order.samples.at(-1)?.atMs ?? order.startedAt;
  const seconds = Math.max(0.001, (latest - order.startedAt) / 1000);
  const speed = formatBytes(locale, order.sentBytes / seconds);
  const text =
    order.phase === 'uploading'
      ? `${t('order.uploading', {
          sent: formatBytes(locale, order.sentBytes),
          total: formatBytes(locale, order.totalBytes),
        })} · ${t('order.speed', { speed })}`
      : order.phase === 'committing'
        ? t('order.committing')
        : t('order.preparing');
  return (
    <section className="order-progress" role="status" aria-live="polite">
      <p>{text}</p>
      <progress max={order.totalBytes || 1} value={order.sentBytes} />
      <SpeedChart speeds={speedSeries(order.samples)} label={t('order.speedChart')} />
    </section>
  );
}
