import { useState } from 'react';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { isMessageKey } from '../../src/i18n/translate';
import { documentAssets } from '../../src/project/project-file';
import { readRecovery, removeRecovery, type Recovered } from '../project/recovery';
import { restoreProjectPhotos } from '../project/restore-photos';
import { runOutsideRequest } from '../stores/outside-requests';

/**
 * The start screen's project part: the book that was not saved last time (after a reload, a
 * crash or a killed app), offered to continue or discard, and "open project".
 */
export function ProjectStart() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  // Read once when the start screen appears; accepting or discarding clears it.
  const [recovered, setRecovered] = useState<Recovered | null>(() => readRecovery());

  const productName = (r: Recovered) => {
    const design = r.project.design;
    const key = `product.${design.kind === 'photoBook' ? design.book.productId : design.kind}`;
    return isMessageKey(key) ? t(key) : key;
  };
  return (
    <div className="project-start">
      {recovered && (
        <section className="recovery-offer" role="region" aria-labelledby="recovery-title">
          <h2 id="recovery-title">{t('project.recovery.title')}</h2>
          <p>
            {t('project.recovery.text', {
              product: productName(recovered),
              photos: documentAssets(recovered.project.design).length,
              time: new Date(recovered.changedAt).toLocaleString(locale, {
                dateStyle: 'medium',
                timeStyle: 'short',
              }),
            })}
          </p>
          <div className="dialog-buttons">
            <button
              onClick={() => {
                removeRecovery();
                setRecovered(null);
              }}
            >
              {t('project.recovery.discard')}
            </button>
            <button
              className="primary"
              onClick={() => {
                // The copy stays until the project is saved or closed: a second crash loses nothing.
                useAppStore.getState().loadProject(recovered.project, null);
                setRecovered(null);
                void restoreProjectPhotos();
              }}
            >
              {t('project.recovery.restore')}
            </button>
          </div>
        </section>
      )}
      <button onClick={() => runOutsideRequest('project.open')}>{t('project.open')}</button>
    </div>
  );
}
