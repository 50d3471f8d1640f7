import './update-notice.css';
import { useEffect, useState } from 'react';
import type { UpdateState } from '../../src/contract/desktop';
import { useHost } from '../host-context';
import { useT } from '../i18n';
import { useAppStore } from '../stores/app-store';

/**
 * A new version of the desktop app: its download drawn as a bar, then "restart to install",
 * which is not offered while an order is uploading (a restart would interrupt it; the host
 * refuses it then as well). Shows nothing in a browser (always idle).
 */
export function UpdateNotice() {
  const t = useT();
  const host = useHost();
  const [update, setUpdate] = useState<UpdateState>({ state: 'idle' });
  const [blocked, setBlocked] = useState(false);
  const uploading = useAppStore((s) => s.order.state === 'sending');

  useEffect(() => {
    const off = host.on('app.update', setUpdate);
    host.invoke('app.updateStatus', {}).then(setUpdate, () => {});
    return off;
  }, [host]);

  if (update.state === 'idle') return null;
  if (update.state === 'downloading') {
    return (
      <div className="update-notice" role="status">
        <span>{t('update.downloading', { version: update.version })}</span>
        <progress max={100} value={update.percent} aria-label={t('update.progress')} />
        <span>{update.percent} %</span>
      </div>
    );
  }
  const install = async () => {
    const result = await host.invoke('app.installUpdate', {});
    setBlocked(result.reason === 'order-running');
  };
  return (
    <div className="update-notice" role="status">
      <span>{t('update.ready', { version: update.version })}</span>
      {!uploading && <button onClick={() => void install()}>{t('update.restart')}</button>}
      {(uploading || blocked) && <span>{t('update.afterOrder')}</span>}
    </div>
  );
}
