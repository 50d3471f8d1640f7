import { useCallback, useEffect, useState } from 'react';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { placedAssets } from '../../src/model/commands';
import { commandForKey } from '../../src/commands/registry';
import { designerCommands } from '../../src/commands/designer-commands';
import { isTextEntry, keyPressOf, platform } from '../platform';
import { PhotoTray } from './PhotoTray';
import { CheckButton } from './preflight/CheckButton';
import { CommandButton } from './CommandButton';
import { ContextMenu } from './ContextMenu';
import { SpreadStage } from './spread/SpreadStage';
import { PageStrip } from './PageStrip';
import { Inspector } from './Inspector';
import { AssistantButton } from './AssistantDialog';
import { Preview } from './preview/Preview';
import { ProjectButtons } from './ProjectControls';
import { useBookView } from './spread/use-book-view';

/**
 * What a right click on a frame offers, in menu order: what acts on the frame first (remove it,
 * crop it, its drawing order, a copy), then undo and redo.
 */
const FRAME_MENU = [
  'frame.delete',
  'frame.crop',
  'frame.bringForward',
  'frame.sendBackward',
  'frame.duplicate',
  'edit.undo',
  'edit.redo',
] as const;

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

/**
 * The photo-book designer as CEWE and Saal lay it out: photos on the left, the open spread large
 * in the middle with the page strip under it, properties and the price on the right.
 */
export function Designer() {
  const t = useT();
  const view = useBookView();
  const zoom = useAppStore((s) => s.zoom);
  const previewOpen = useAppStore((s) => s.previewOpen);
  const setView = useAppStore((s) => s.setView);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | null>(null);
  const closeMenu = useCallback(() => setMenuAt(null), []);
  useEffect(() => {
    window.addEventListener('keydown', onDesignerKey);
    return () => window.removeEventListener('keydown', onDesignerKey);
  }, []);
  if (!view) return null;
  const placed = placedAssets(view.book).length;

  return (
    <div className="designer">
      <PhotoTray />
      <section className="workspace" aria-label={t('designer.workspace')}>
        <div className="toolbar">
          <ProjectButtons />
          <CommandButton id="edit.undo" />
          <CommandButton id="edit.redo" />
          <CommandButton id="text.add" />
          <AssistantButton />
          <CommandButton id="view.preview" />
          <span className="toolbar-group">
            <CommandButton id="view.zoomOut" icon="−" />
            <span className="zoom-level">
              {t('designer.zoom', { percent: Math.round(zoom * 100) })}
            </span>
            <CommandButton id="view.zoomIn" icon="+" />
            <CommandButton id="view.zoomFit" icon="⤢" />
          </span>
          <span className="note">{t('designer.placed', { count: placed })}</span>
          <CheckButton />
          <button className="primary" disabled={placed === 0} onClick={() => setView('checkout')}>
            {t('designer.checkout')}
          </button>
        </div>
        {placed === 0 && <p className="note">{t('designer.needPhoto')}</p>}
        <SpreadStage view={view} onFrameMenu={setMenuAt} />
        <PageStrip view={view} />
      </section>
      <Inspector view={view} />
      {previewOpen && <Preview view={view} />}
      {menuAt && (
        <ContextMenu x={menuAt.x} y={menuAt.y} commandIds={FRAME_MENU} onClose={closeMenu} />
      )}
    </div>
  );
}
