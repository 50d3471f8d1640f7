import { useEffect, useRef } from 'react';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { dismissMissing, searchFolder } from '../project/restore-photos';

/** The names listed in the dialog; the rest are counted. */
const LISTED = 8;

/**
 * The photos of an opened project that were not found, in one dialog with one "search in
 * folder" for all of them (never a question per photo), and the progress of that search.
 */
export function MissingPhotos() {
  const t = useT();
  const restore = useAppStore((s) => s.photoRestore);
  const folder = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const open = restore.phase === 'missing' || restore.phase === 'searching';

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  // A directory picker: the chosen folder's files, subfolders included.
  useEffect(() => {
    folder.current?.setAttribute('webkitdirectory', '');
  }, []);

  const missing = open ? restore.missing : [];
  return (
    <>
      {restore.phase === 'loading' && (
        <p className="banner project-banner" role="status">
          {t('project.loadingPhotos', { count: restore.total })}
        </p>
      )}
      <dialog
        ref={dialog}
        className="missing-photos"
        aria-labelledby="missing-photos-title"
        onCancel={(e) => {
          e.preventDefault();
          if (restore.phase === 'missing') dismissMissing();
        }}
      >
        <h2 id="missing-photos-title">{t('project.missing.title', { count: missing.length })}</h2>
        <p>{t('project.missing.text')}</p>
        <ul>
          {missing.slice(0, LISTED).map((photo) => (
            <li key={photo.assetId}>{photo.name}</li>
          ))}
          {missing.length > LISTED && (
            <li>{t('project.missing.more', { count: missing.length - LISTED })}</li>
          )}
        </ul>
        {restore.phase === 'missing' && restore.searchedFolder && (
          <p role="alert">{t('project.missing.stillMissing', { count: missing.length })}</p>
        )}
        {restore.phase === 'searching' && (
          <p role="status">
            {t('project.missing.searching', { done: restore.done, total: restore.total })}
            <progress max={restore.total} value={restore.done} />
          </p>
        )}
        <input
          ref={folder}
          type="file"
          multiple
          hidden
          data-testid="missing-photos-folder"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length > 0) void searchFolder(files);
          }}
        />
        <div className="dialog-buttons">
          <button onClick={dismissMissing} disabled={restore.phase === 'searching'}>
            {t('project.missing.later')}
          </button>
          <button
            className="primary"
            onClick={() => folder.current?.click()}
            disabled={restore.phase === 'searching'}
          >
            {t('project.missing.search')}
          </button>
        </div>
      </dialog>
    </>
  );
}
