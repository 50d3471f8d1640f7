import { useT } from '../i18n';
import { useAppStore } from '../stores/app-store';
import { isMessageKey } from '../../src/i18n/translate';
import type { ImportFailure } from '../../src/contract/host';
import { MAX_PHOTOS_AT_ONCE, type PhotoSelection } from '../photo-files';
import './photo-import.css';

/** What the folders of the last selection held besides photos (photo-files.ts). */
export type FolderNotes = Pick<PhotoSelection, 'skipped' | 'overLimit' | 'failures'>;

/** Up to this many failures are listed at once; more stay folded under "which and why". */
const LISTED_OPEN = 5;

/**
 * One compact report for an import instead of one alert per file (fifty bad files would bury the
 * tray): how many files could not be added, which and why, and notes on the rest. It joins what
 * the browser found reading the folders (`notes`, there at once, even when a folder held no photo
 * at all) with what the host found importing (the store's report, there when the import ends).
 */
export function ImportReport({ notes, onClose }: { notes: FolderNotes | null; onClose(): void }) {
  const t = useT();
  const stored = useAppStore((s) => s.importReport);
  const failures = [...(notes?.failures ?? []), ...(stored?.failures ?? [])];
  // The skipped files are counted once, by the browser; the store carries the same number.
  const skipped = notes?.skipped ?? stored?.skipped ?? 0;
  const duplicates = stored?.duplicates ?? 0;
  const overLimit = notes?.overLimit ?? false;
  const cancelled = stored?.cancelled ?? false;
  if (failures.length === 0 && skipped === 0 && duplicates === 0 && !overLimit && !cancelled) {
    return null;
  }
  const reason = (f: ImportFailure) => {
    const key = `import.${f.code}`;
    return isMessageKey(key) ? t(key) : f.code;
  };
  const close = () => {
    useAppStore.getState().dismissImportReport();
    onClose();
  };
  return (
    <section className="import-report" aria-label={t('importReport.label')}>
      <button
        className="import-report-close"
        aria-label={t('importReport.close')}
        title={t('importReport.close')}
        onClick={close}
      >
        ×
      </button>
      {failures.length > 0 && (
        <>
          <p className="import-report-failed" role="alert">
            {t('importReport.failed', { count: failures.length })}
          </p>
          <details open={failures.length <= LISTED_OPEN}>
            <summary>{t('importReport.details', { count: failures.length })}</summary>
            <ul className="import-report-list">
              {failures.map((f, i) => (
                <li key={i}>
                  <span className="import-report-name">{f.name}</span>{' '}
                  <span className="import-report-reason">{reason(f)}</span>
                </li>
              ))}
            </ul>
          </details>
        </>
      )}
      <div role="status">
        {cancelled && <p>{t('importReport.cancelled')}</p>}
        {overLimit && <p>{t('importReport.overLimit', { limit: MAX_PHOTOS_AT_ONCE })}</p>}
        {skipped > 0 && <p>{t('importReport.skipped', { count: skipped })}</p>}
        {duplicates > 0 && <p>{t('importReport.duplicates', { count: duplicates })}</p>}
      </div>
    </section>
  );
}
