import { useRef, useState, type DragEvent } from 'react';
import { useT } from '../i18n';
import {
  droppedItems,
  photosFromDrop,
  photosFromFolderInput,
  type PhotoSelection,
} from '../photo-files';
import { useAppStore } from '../stores/app-store';
import type { FolderNotes } from './ImportReport';
import './photo-import.css';

/** What the customer chose, ready to import; see photo-files.ts for what is kept and in what order. */
export type OnPhotos = (selection: PhotoSelection) => void;

/** The formats the host reads, offered by the file dialog (iPhone photos by extension too). */
const ACCEPT =
  'image/jpeg,image/png,image/webp,image/tiff,image/avif,image/gif,image/heic,image/heif,.heic,.heif';

/** Photos picked one by one: as they are, in the customer's order; the host names a wrong one. */
function picked(files: File[]): PhotoSelection {
  return { files, skipped: 0, overLimit: false, failures: [] };
}

/**
 * The tray's two buttons, "add photos" (a file dialog) and "add folder" (every photo under a
 * folder, its subfolders too), with their hidden inputs; `reading` while a dropped folder is read.
 */
export function PhotoPickers({
  picking: { onPhotos, reading },
}: {
  picking: Pick<ReturnType<typeof usePhotoPicking>, 'onPhotos' | 'reading'>;
}) {
  const t = useT();
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  return (
    <div className="photo-pickers">
      <button onClick={() => files.current?.click()}>{t('designer.addPhotos')}</button>
      <button onClick={() => folder.current?.click()}>{t('pickers.addFolder')}</button>
      <input
        ref={files}
        type="file"
        accept={ACCEPT}
        multiple
        hidden
        data-testid="photo-input"
        onChange={(e) => {
          onPhotos(picked([...(e.target.files ?? [])]));
          e.target.value = '';
        }}
      />
      <input
        ref={folder}
        type="file"
        // Not in React's types, but every engine we run on knows it (Chromium, Electron, Firefox, Safari).
        {...{ webkitdirectory: '' }}
        hidden
        data-testid="folder-input"
        onChange={(e) => {
          onPhotos(photosFromFolderInput([...(e.target.files ?? [])]));
          e.target.value = '';
        }}
      />
      {reading && <p role="status">{t('pickers.readingFolder')}</p>}
    </div>
  );
}

/**
 * How the tray takes photos: from the two buttons and from files or folders dropped on it. Each
 * selection goes to `importFiles` (with the count of files the folders held besides photos) and
 * leaves its `notes` for the report. Only drags that carry files are taken, so the designer's own
 * drags (photos onto frames) pass untouched; `over` marks the tray while files hover over it.
 */
export function usePhotoPicking(importFiles: (files: File[], skipped: number) => unknown) {
  const [notes, setNotes] = useState<FolderNotes | null>(null);
  const [over, setOver] = useState(false);
  const [reading, setReading] = useState(false);
  const onPhotos: OnPhotos = ({ files, skipped, overLimit, failures }) => {
    // A new selection starts a new report.
    useAppStore.getState().dismissImportReport();
    setNotes({ skipped, overLimit, failures });
    void importFiles(files, skipped);
  };
  const carriesFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');
  const dropProps = {
    onDragOver: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setOver(true);
    },
    onDragLeave: (e: DragEvent) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
    },
    onDrop: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      setOver(false);
      // The items are only there during the event: read them now, walk the folders after.
      const items = droppedItems(e.dataTransfer);
      setReading(true);
      void photosFromDrop(items)
        .then(onPhotos)
        .finally(() => setReading(false));
    },
  };
  return { onPhotos, dropProps, over, reading, notes, clearNotes: () => setNotes(null) };
}
