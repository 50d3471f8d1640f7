import { useEffect } from 'react';
import { useAppStore } from '../stores/app-store';
import type { HostClient } from '../host/client';
import { HostErrorBody } from '../../src/contract/host';

/**
 * Joins the order the host is sending, whichever window sent it: every window hears its
 * progress, and a window that opens (a reload, a second tab) while an order is on its way, or
 * after it failed or went through, shows that instead of an empty start.
 */
export function useRunningOrder(host: HostClient): void {
  useEffect(() => {
    const offProgress = host.on('order.progress', (progress) => {
      const store = useAppStore.getState();
      // Through while the customer works on a new book (they chose to start one while it was
      // sent, and were given its number): the new book's checkout must not show the old order.
      if (progress.phase === 'done' && store.view !== 'checkout') {
        store.setOrder({ state: 'idle' });
        return;
      }
      store.progressed(progress, Date.now());
    });
    const offFailed = host.on('order.failed', (failure) => {
      const code = HostErrorBody.shape.code.safeParse(failure.code);
      useAppStore.getState().setOrder({
        state: 'failed',
        code: code.success ? code.data : 'internal',
        detail: failure.message,
        orderId: failure.orderId,
        needsPhotos: failure.needsPhotos,
      });
    });
    host.invoke('order.status', {}).then(
      (status) => {
        const store = useAppStore.getState();
        if (status.state === 'idle') return;
        if (status.state === 'sending') store.progressed(status.progress, Date.now());
        if (status.state === 'done') store.setOrder({ state: 'done', orderId: status.orderId });
        if (status.state === 'failed') {
          const code = HostErrorBody.shape.code.safeParse(status.error.code);
          store.setOrder({
            state: 'failed',
            code: code.success ? code.data : 'internal',
            detail: status.error.message,
            orderId: status.orderId,
            needsPhotos: status.needsPhotos,
          });
        }
        store.setView('checkout');
      },
      // A host that can't answer is shown by the app's own check (app.info).
      () => {},
    );
    return () => {
      offProgress();
      offFailed();
    };
  }, [host]);
}
