import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { catalog } from '../catalog';
import { findProduct } from '../../src/catalog/catalog';
import { framesOn, placedAssets } from '../../src/model/commands';
import { PhotoTray } from './PhotoTray';
import { PageView } from './PageView';
import { CommandButton } from './CommandButton';
import { commandForKey } from '../../src/commands/registry';
import { designerCommands } from '../../src/commands/designer-commands';
import { isTextEntry, keyPressOf, platform } from '../platform';
import { useCallback, useEffect, useState } from 'react';
import { ContextMenu } from './ContextMenu';

/** What a right click on a page offers, in menu order. */
const FRAME_MENU = ['frame.delete', 'edit.undo', 'edit.redo'] as const;

/**
 * The designer's one keydown handler. It listens on the window while the designer is open, so
 * Ctrl+Z works wherever the focus is (after a click on a page, or on nothing at all), except
 * while typing into a field.
 */
function onDesignerKey(event: KeyboardEvent) {
  if (event.target && isTextEntry(event.target)) return;
  const command = commandForKey(designerCommands, keyPressOf(event), platform);
  // A key whose command ran is used up; otherwise it does what it always does (arrows scroll).
  if (command && useAppStore.getState().perform(command.id)) event.preventDefault();
}

export function Designer() {
  const t = useT();
  const book = useAppStore((s) => s.book);
  const thumbnails = useAppStore((s) => s.thumbnails);
  const selected = useAppStore((s) => s.selectedAssetId);
  const placeInFrame = useAppStore((s) => s.placeInFrame);
  const selectedFrameId = useAppStore((s) => s.selectedFrameId);
  const selectFrame = useAppStore((s) => s.selectFrame);
  const setView = useAppStore((s) => s.setView);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const closeMenu = useCallback(() => setMenuAt(null), []);
  useEffect(() => {
    window.addEventListener('keydown', onDesignerKey);
    return () => window.removeEventListener('keydown', onDesignerKey);
  }, []);
  if (!book) return null;
  const product = findProduct(catalog, book.productId, 'photoBook');
  const placed = placedAssets(book).length;

  return (
    <div className="designer">
      <PhotoTray />
      <section className="pages-area" aria-label={t('designer.placeHint')}>
        <div className="toolbar">
          <CommandButton id="edit.undo" />
          <CommandButton id="edit.redo" />
          <span className="note">{t('designer.placed', { count: placed })}</span>
          <button className="primary" disabled={placed === 0} onClick={() => setView('checkout')}>
            {t('designer.checkout')}
          </button>
        </div>
        <p className="note">{placed === 0 ? t('designer.needPhoto') : t('designer.placeHint')}</p>
        <ol className="pages">
          {book.pageIds.map((pageId, index) => {
            const page = book.pages[pageId];
            if (!page) return null;
            const frames = framesOn(book, pageId);
            // Select-then-click fills the page's frontmost photo frame.
            const target = frames.findLast((frame) => frame.kind === 'photo');
            return (
              <li key={pageId}>
                <PageView
                  page={page}
                  frames={frames}
                  product={product}
                  assets={book.assets}
                  thumbnails={thumbnails}
                  label={t('designer.page', { n: index + 1 })}
                  selectedFrameId={selectedFrameId}
                  onActivate={() => {
                    // With no photo picked, a click selects the page's frontmost frame instead.
                    if (selected && target) placeInFrame(target.id, selected);
                    else selectFrame(frames.at(-1)?.id ?? null);
                  }}
                  onContextMenu={(event) => {
                    // The menu acts on what was clicked: the page's frontmost frame.
                    event.preventDefault();
                    selectFrame(frames.at(-1)?.id ?? null);
                    setMenuAt({ x: event.clientX, y: event.clientY });
                  }}
                />
                <span className="page-number">{index + 1}</span>
              </li>
            );
          })}
        </ol>
      </section>
      {menuAt && (
        <ContextMenu x={menuAt.x} y={menuAt.y} commandIds={FRAME_MENU} onClose={closeMenu} />
      )}
    </div>
  );
}
