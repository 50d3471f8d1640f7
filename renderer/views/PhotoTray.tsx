import { memo, useCallback, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../stores/app-store';
import { useHost } from '../host-context';
import { useT } from '../i18n';
import { hostErrorText } from '../../src/i18n/host-errors';
import { cancelPhotoImport, importPhotoFiles } from '../photo-import';
import { usageCounts } from '../../src/model/commands';
import type { PhotoAsset } from '../../src/model/book';
import { startPhotoDrag } from './spread/photo-drag';
import { PhotoPickers, usePhotoPicking } from './PhotoPickers';
import { ImportReport } from './ImportReport';

/**
 * Where the tray's photos live and what picking one does: the photo book's by default; prints
 * and canvas pass their own. Without `selectedId` a photo is an action button, not a toggle.
 */
export interface TraySource {
  assets: PhotoAsset[];
  uses: Record<string, number>;
  add(assets: PhotoAsset[]): void;
  selectedId?: string | null;
  pick(assetId: string): void;
}

const NO_USES: Record<string, number> = {};

function useBookSource(): TraySource {
  // The photos and their counts, not the book: moving a frame changes the book on every pointer
  // move, and a tray of hundreds of photos must not draw again for that (bench:designer).
  const bookAssets = useAppStore((s) => s.book?.assets);
  const uses = useAppStore(useShallow((s) => (s.book ? usageCounts(s.book) : NO_USES)));
  const assets = useMemo(() => (bookAssets ? Object.values(bookAssets) : []), [bookAssets]);
  const selectedId = useAppStore((s) => s.selectedAssetId);
  // The same function on every render, so the tray's memoised photos keep still.
  const pick = useCallback((assetId: string) => {
    const { selectedAssetId, selectAsset } = useAppStore.getState();
    selectAsset(assetId === selectedAssetId ? null : assetId);
  }, []);
  return {
    assets,
    uses,
    add: (assets) => useAppStore.getState().addPhotos(assets),
    selectedId,
    pick,
  };
}

/** The customer's photos: add by button or drop, pick one to place it. */
export function PhotoTray({ source }: { source?: TraySource }) {
  const t = useT();
  const host = useHost();
  const locale = useAppStore((s) => s.locale);
  const bookSource = useBookSource();
  const { assets, uses, selectedId: selected, pick } = source ?? bookSource;
  const thumbnails = useAppStore((s) => s.thumbnails);
  const progress = useAppStore((s) => s.importProgress);
  // The host's own reasons (a photo too large, a busy host), in the customer's language.
  const [errors, setErrors] = useState<string[]>([]);
  const [unusedOnly, setUnusedOnly] = useState(false);

  const importFiles = async (files: File[], skipped = 0) => {
    setErrors([]);
    await importPhotoFiles(host, files, {
      add: (assets) => (source ?? bookSource).add(assets),
      skipped,
      onError: (e) => setErrors((shown) => [...shown, hostErrorText(locale, e)]),
    });
  };

  // Buttons, folder walk and drops (PhotoPickers.tsx); each selection goes to importFiles.
  const picking = usePhotoPicking(importFiles);
  const shown = unusedOnly ? assets.filter((asset) => !uses[asset.id]) : assets;
  return (
    <aside
      className={picking.over ? 'tray drop-target' : 'tray'}
      aria-label={t('designer.photos', { count: assets.length })}
      {...picking.dropProps}
    >
      <h2>{t('designer.photos', { count: assets.length })}</h2>
      <PhotoPickers picking={picking} />
      {progress && (
        <div className="import-progress" role="status">
          <p>{t('designer.importing', { done: progress.done, total: progress.total })}</p>
          <progress max={progress.total} value={progress.done} />
          <button
            type="button"
            disabled={progress.cancelling}
            onClick={() => void cancelPhotoImport(host)}
          >
            {t(progress.cancelling ? 'designer.importCancelling' : 'designer.importCancel')}
          </button>
        </div>
      )}
      {errors.map((text) => (
        <p role="alert" key={text}>
          {text}
        </p>
      ))}
      <ImportReport notes={picking.notes} onClose={picking.clearNotes} />
      {assets.length === 0 && !progress && <p className="note">{t('designer.noPhotos')}</p>}
      {assets.length > 0 && (
        <label className="tray-filter">
          <input
            type="checkbox"
            checked={unusedOnly}
            onChange={(e) => setUnusedOnly(e.target.checked)}
          />
          {t('designer.unusedOnly')}
        </label>
      )}
      <ul className="thumbs">
        {shown.map((asset) => (
          <TrayItem
            key={asset.id}
            asset={asset}
            thumbnail={thumbnails[asset.id]}
            count={uses[asset.id] ?? 0}
            selected={selected === undefined ? undefined : asset.id === selected}
            draggable={!source}
            onPick={pick}
          />
        ))}
      </ul>
    </aside>
  );
}

interface TrayItemProps {
  asset: PhotoAsset;
  thumbnail: string | undefined;
  count: number;
  /** Whether this photo is the picked one; undefined where a photo is an action, not a toggle. */
  selected: boolean | undefined;
  /** The book's photos can also be dragged onto a frame or a page (photo-drag.ts). */
  draggable: boolean;
  onPick(assetId: string): void;
}

/**
 * One photo of the tray. Memoised: with hundreds of photos, picking one or placing one draws the
 * photos whose state changed, not every name and count again.
 */
const TrayItem = memo(function TrayItem(props: TrayItemProps) {
  const t = useT();
  const { asset, thumbnail, count, selected } = props;
  return (
    <li>
      <button
        className={selected ? 'thumb selected' : 'thumb'}
        aria-pressed={selected}
        aria-label={t('designer.photoInTray', { name: asset.name, count })}
        title={asset.name}
        onClick={() => props.onPick(asset.id)}
        onPointerDown={
          props.draggable ? (e) => startPhotoDrag(e, { assetId: asset.id }, thumbnail) : undefined
        }
        onDragStart={(e) => e.preventDefault()}
      >
        {thumbnail && <img src={thumbnail} alt="" decoding="async" />}
        {count > 0 && (
          <span className="use-badge" aria-hidden="true">
            {t('designer.useBadge', { count })}
          </span>
        )}
      </button>
      <span className="thumb-name" aria-hidden="true">
        {asset.name}
      </span>
    </li>
  );
});
