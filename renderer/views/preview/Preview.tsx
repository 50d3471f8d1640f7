import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../../stores/app-store';
import { useT } from '../../i18n';
import {
  openBookSize,
  previewSheets,
  sheetForSurface,
  type PreviewSheet,
} from '../../../src/model/preview-sheets';
import { SpreadView } from '../spread/SpreadView';
import type { BookView } from '../spread/use-book-view';
import { sheetLabel } from './sheet-label';
import { useElementSize } from '../use-element-size';
import { keepTabInside } from '../focus-trap';
import './preview.css';

/** Room round the open book inside the stage, in CSS pixels. */
const MARGIN_PX = 16;

/**
 * The whole book full screen, cut at the trim, as the customer will hold it: the front cover,
 * the pages in spreads, the back cover. Drawn by the designer's own SpreadView without its
 * marks, so the preview is never a different picture from the design. A modal dialog: focus
 * stays inside, Escape closes it and focus goes back where it was (the "Vorschau" button).
 */
export function Preview({ view }: { view: BookView }) {
  const t = useT();
  const thumbnails = useAppStore((s) => s.thumbnails);
  const sheets = useMemo(() => previewSheets(view.surfaces), [view.surfaces]);
  const [index, setIndex] = useState(() =>
    sheetForSurface(sheets, useAppStore.getState().surfaceIndex),
  );
  const [direction, setDirection] = useState<'forward' | 'backward'>('forward');
  const dialog = useRef<HTMLDialogElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const size = useElementSize(stage);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    if (!dialog.current?.open) dialog.current?.showModal();
    return () => previous?.focus();
  }, []);

  const close = () => useAppStore.getState().perform('view.closePreview');
  const go = (to: number) => {
    const next = Math.max(0, Math.min(sheets.length - 1, to));
    if (next === index) return;
    setDirection(next > index ? 'forward' : 'backward');
    setIndex(next);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // The designer's keys (arrows nudge, Delete removes) must not act behind the preview.
    event.stopPropagation();
    keepTabInside(event, dialog.current);
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowDown: index + 1,
      PageDown: index + 1,
      ArrowLeft: index - 1,
      ArrowUp: index - 1,
      PageUp: index - 1,
      Home: 0,
      End: sheets.length - 1,
    };
    const to = moves[event.key];
    if (to !== undefined && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      go(to);
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'p') {
      // Open already: Ctrl+P must not fall through to the browser's print dialog.
      event.preventDefault();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };

  const sheet = sheets[index];
  const book = openBookSize(sheets);
  const pxPerMm =
    size.width > 0
      ? Math.min(
          (size.width - 2 * MARGIN_PX) / book.width,
          (size.height - 2 * MARGIN_PX) / book.height,
        )
      : 0;
  const caption = sheet ? sheetLabel(t, sheet, view.book.options.pageCount) : '';
  return (
    <dialog
      ref={dialog}
      className="preview"
      aria-labelledby="preview-title"
      aria-describedby="preview-keys"
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <header className="preview-bar">
        <h2 id="preview-title">{t('preview.title')}</h2>
        <p className="preview-caption" aria-live="polite" data-testid="preview-caption">
          {caption}
        </p>
        <button onClick={close}>{t('preview.close')}</button>
      </header>
      <div className="preview-stage" ref={stage}>
        {sheet && pxPerMm > 0 && (
          <div
            className="preview-book"
            style={{ width: book.width * pxPerMm, height: book.height * pxPerMm }}
          >
            <Sheet
              key={index}
              sheet={sheet}
              view={view}
              thumbnails={thumbnails}
              pxPerMm={pxPerMm}
              book={book}
              direction={direction}
              caption={caption}
            />
          </div>
        )}
      </div>
      <footer className="preview-bar">
        <button onClick={() => go(index - 1)} disabled={index === 0}>
          <span aria-hidden="true">← </span>
          {t('preview.previous')}
        </button>
        <p id="preview-keys" className="preview-keys">
          {t('preview.keys')}
        </p>
        <button onClick={() => go(index + 1)} disabled={index === sheets.length - 1} autoFocus>
          {t('preview.next')}
          <span aria-hidden="true"> →</span>
        </button>
      </footer>
    </dialog>
  );
}

interface SheetProps {
  sheet: PreviewSheet;
  view: BookView;
  thumbnails: Record<string, string>;
  pxPerMm: number;
  book: { width: number; height: number };
  direction: 'forward' | 'backward';
  caption: string;
}

/** One sheet at its side of the open book, its surface cut at the sheet's trim box. */
function Sheet({ sheet, view, thumbnails, pxPerMm, book, direction, caption }: SheetProps) {
  const placed = view.surfaces[sheet.surfaceIndex];
  if (!placed) return null;
  const { clip, side } = sheet;
  const left =
    side === 'left'
      ? book.width / 2 - clip.width
      : side === 'right'
        ? book.width / 2
        : (book.width - clip.width) / 2;
  return (
    <div
      className={`preview-sheet turn-${direction} side-${side}`}
      role="img"
      aria-label={caption}
      data-surface-index={sheet.surfaceIndex}
      style={{
        left: left * pxPerMm,
        top: ((book.height - clip.height) / 2) * pxPerMm,
        width: clip.width * pxPerMm,
        height: clip.height * pxPerMm,
      }}
    >
      <div style={{ position: 'absolute', left: -clip.x * pxPerMm, top: -clip.y * pxPerMm }}>
        <SpreadView
          placed={placed}
          pages={view.book.pages}
          framesOf={view.framesOf}
          assets={view.book.assets}
          thumbnails={thumbnails}
          pxPerMm={pxPerMm}
        />
      </div>
    </div>
  );
}
