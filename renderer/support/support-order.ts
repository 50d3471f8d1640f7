import type { HostClient } from '../host/client';
import type { SupportOrder } from '../../src/contract/host';
import { thumbnailFetcher } from '../photo-import';
import { useAppStore } from '../stores/app-store';
import { handleOutsideRequest } from '../stores/outside-requests';

const store = () => useAppStore.getState();

/**
 * Shows an order read-only with its photos: the design at once, each photo's thumbnail as the
 * host sends it (made from the order's own files). Until they are in, the photos count as
 * arriving, not missing, so the checks show what the customer saw.
 */
async function show(host: HostClient, order: SupportOrder): Promise<void> {
  store().forgetPhotos();
  store().showSupportOrder(order);
  store().setPhotoRestore({ phase: 'loading', total: order.photos.length });
  const thumbnails = thumbnailFetcher(host);
  thumbnails.fetch(order.photos.map((photo) => photo.asset.id));
  await thumbnails.done();
  store().setPhotoRestore({ phase: 'idle' });
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * At start: the order this host was started to show (`photodose support open`), if any; and
 * File, Open order (the `support.openOrder` command) in the desktop app, through the host's
 * folder dialog. Returns how to stop handling the command.
 */
export function startSupport(host: HostClient): () => void {
  host.invoke('support.order', {}).then(
    (order) => order && show(host, order),
    // A host that can't answer at all is reported once, by the app's own check (app.info); the
    // customer's app would otherwise show a second alert about an order it never opened.
    () => {},
  );
  return handleOutsideRequest('support.openOrder', () => {
    host.invoke('support.open', {}).then(
      (order) => order && show(host, order),
      (error: unknown) => store().setSupportProblem(reason(error)),
    );
  });
}
