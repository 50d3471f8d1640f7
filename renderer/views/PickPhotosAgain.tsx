import { useRef, useState } from 'react';
import { useAppStore } from '../stores/app-store';
import { useHost } from '../host-context';
import { useT } from '../i18n';
import type { MessageKey } from '../../src/i18n/translate';
import type { NeededPhoto } from '../../src/contract/host';

const problemText: Record<NeededPhoto['problem'], MessageKey> = {
  missing: 'order.pickAgain.missing',
  unreadable: 'order.pickAgain.unreadable',
  changed: 'order.pickAgain.changed',
};

/**
 * An order that stopped for photos it can no longer read (a reloaded page lost its files, a photo
 * moved or changed on disk): names them and lets the customer pick them again, in one go. The
 * host matches each picked file by its hash and goes on with the same order once none is missing.
 */
export function PickPhotosAgain({ orderId, photos }: { orderId?: string; photos: NeededPhoto[] }) {
  const t = useT();
  const host = useHost();
  const [unmatched, setUnmatched] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const supply = async (files: File[]) => {
    if (files.length === 0) return;
    setBusy(true);
    try {
      const result = await host.invoke('order.supplyPhotos', { sources: host.sourcesFor(files) });
      // Names only: a desktop source is a path, the customer knows the file by its name.
      setUnmatched(result.unmatched.map((name) => name.split(/[\\/]/).pop() ?? name));
      const order = useAppStore.getState().order;
      if (!result.resumed && order.state === 'failed') {
        useAppStore.getState().setOrder({ ...order, needsPhotos: result.needsPhotos });
      }
    } catch {
      // The order went on meanwhile, or was let go: its own events say what it is now.
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="pick-again">
      <h2>{t('order.pickAgain.title')}</h2>
      <p>{t('order.pickAgain', { orderId: orderId ?? '', count: photos.length })}</p>
      <ul>
        {photos.map((photo) => (
          <li key={photo.assetId}>{t(problemText[photo.problem], { name: photo.name })}</li>
        ))}
      </ul>
      <button type="button" disabled={busy} onClick={() => input.current?.click()}>
        {t('order.pickAgain.choose')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept="image/*,.heic,.heif"
        data-testid="pick-again-input"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          void supply(files);
        }}
      />
      {unmatched.length > 0 && (
        <p role="alert">
          {t('order.pickAgain.unmatched', { count: unmatched.length, names: unmatched.join(', ') })}
        </p>
      )}
    </div>
  );
}
