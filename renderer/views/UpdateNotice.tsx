import './update-notice.css';
import { useEffect, useState } from 'react';
import type { UpdateState } from '../../src/contract/desktop';
import { useHost } from '../host-context';
import { useT } from '../i18n';

/**
 * A new version of the desktop app: its download drawn as a bar, then "restart to install",
 * which waits while an order is still uploading. Shows nothing in a browser (always idle).
 */
export function UpdateNotice() {
  const t = useT();
  const host = useHost();
  const [update, setUpdate] = useState<UpdateState>({ state: 'idle' });
  const [blocked, setBlocked] = useState(false);

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
      <button onClick={() => void install()}>{t('update.restart')}</button>
      {blocked && <span>{t('update.afterOrder')}</span>}
    </div>
  );
}
