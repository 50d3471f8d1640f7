import { memo, useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import type { BookSurface } from '../../src/model/surfaces';
import { SpreadView } from './spread/SpreadView';
import { surfaceLabel } from './spread/labels';
import type { BookView } from './spread/use-book-view';
import { StripTools } from './StripTools';
import { useFlaggedSurfaces } from './preflight/use-preflight';
import { staysPut, useSpreadDrag } from './strip-drag';
import { dropTarget, moveSpread, spreadAtSurface, surfaceOfSpread } from '../../src/model/spreads';

/** Thumbnail height in CSS pixels: a spread of a 30x30 book is then about 140 px wide. */
const THUMB_HEIGHT_PX = 68;

/**
 * Every surface of the book small, cover first, drawn by the same SpreadView as the stage, so a
 * thumbnail always shows what the page holds. A click opens the surface; an inner spread can be
 * dragged to another place (strip-drag.ts), one undo step.
 */
export function PageStrip({ view }: { view: BookView }) {
  const t = useT();
  const surfaceIndex = useAppStore((s) => s.surfaceIndex);
  const thumbnails = useAppStore((s) => s.thumbnails);
  const flagged = useFlaggedSurfaces();
  const open = useCallback((index: number) => useAppStore.getState().openSurface(index), []);
  const list = useRef<HTMLOListElement>(null);
  const itemsOf = useCallback(
    () => [...(list.current?.querySelectorAll('[data-spread-index]') ?? [])],
    [],
  );
  const onDrop = useCallback((from: number, before: number) => {
    const store = useAppStore.getState();
    const to = dropTarget(from, before);
    store.applyEdit('spread.move', (book) => {
      const edit = moveSpread(book, from, to);
      return edit.ok ? edit.changes : [];
    });
    store.openSurface(surfaceOfSpread(to));
  }, []);
  const { drag, clickAllowed, ...handlers } = useSpreadDrag({ itemsOf, onDrop });
  const near = useNearItems(list, view.surfaces.length);
  // The gap a dragged spread would land in lies just before this surface (see strip-drag.ts).
  const dropBefore =
    drag && !staysPut(drag.from, drag.before) ? surfaceOfSpread(drag.before) : undefined;
  const openItem = useCallback(
    (index: number, detail: number) => {
      if (clickAllowed(detail)) open(index);
    },
    [clickAllowed, open],
  );
  return (
    <nav className="strip" aria-label={t('designer.strip')}>
      <StripTools product={view.product} />
      <ol ref={list}>
        {view.surfaces.map((placed, index) => {
          const spread = spreadAtSurface(view.book, index);
          return (
            <li key={placed.surface.id} data-surface-index={index}>
              {index === dropBefore && <span className="strip-drop before" aria-hidden="true" />}
              <StripItem
                placed={placed}
                index={index}
                spread={spread}
                dragging={drag !== null && drag.from === spread}
                current={index === surfaceIndex}
                flag={flagged.get(index)}
                label={surfaceLabel(t, placed)}
                view={view}
                thumbnails={thumbnails}
                drawn={near.has(index)}
                onOpen={openItem}
                {...handlers}
              />
            </li>
          );
        })}
      </ol>
      {drag && (
        <div
          className="strip-ghost"
          aria-hidden="true"
          style={{ left: drag.x + 12, top: drag.y + 12 }}
        >
          {surfaceLabel(t, view.surfaces[surfaceOfSpread(drag.from)]!)}
        </div>
      )}
    </nav>
  );
}

interface StripItemProps {
  placed: BookSurface;
  index: number;
  current: boolean;
  /** The pre-order check found something to look at on this surface: a dot, amber or red. */
  flag: 'warn' | 'bad' | undefined;
  label: string;
  view: BookView;
  thumbnails: Record<string, string>;
  /** Whether the thumbnail is drawn: only near the strip's visible part (see useNearItems). */
  drawn: boolean;
  /** A click on the item; `detail` is the event's click count (0 from the keyboard). */
  onOpen(index: number, detail: number): void;
  /** The inner spread this surface is, if it can be dragged (not the cover, page 1, last page). */
  spread: number | undefined;
  dragging: boolean;
  onPointerDown(spread: number | undefined, event: ReactPointerEvent<Element>): void;
  onPointerMove(event: ReactPointerEvent<Element>): void;
  onPointerUp(event: ReactPointerEvent<Element>): void;
  onPointerCancel(): void;
}

const StripItem = memo(function StripItem(props: StripItemProps) {
  const { placed, view, spread } = props;
  const scale = THUMB_HEIGHT_PX / placed.surface.media.height;
  const classes = ['strip-item', props.current && 'current', props.dragging && 'dragging'];
  return (
    <button
      className={classes.filter(Boolean).join(' ')}
      aria-current={props.current ? 'page' : undefined}
      data-spread-index={spread}
      onClick={(e) => props.onOpen(props.index, e.detail)}
      onPointerDown={(e) => props.onPointerDown(spread, e)}
      onPointerMove={props.onPointerMove}
      onPointerUp={props.onPointerUp}
      onPointerCancel={props.onPointerCancel}
    >
      <span className="strip-thumb" aria-hidden="true">
        {props.drawn ? (
          <SpreadView
            placed={placed}
            pages={view.book.pages}
            framesOf={view.framesOf}
            assets={view.book.assets}
            thumbnails={props.thumbnails}
            pxPerMm={scale}
          />
        ) : (
          <span
            className="strip-placeholder"
            style={{ width: placed.surface.media.width * scale, height: THUMB_HEIGHT_PX }}
          />
        )}
      </span>
      {props.flag && <span className={`strip-flag tone-${props.flag}`} aria-hidden="true" />}
      <span className="strip-label">{props.label}</span>
    </button>
  );
});

/**
 * The strip items within a screen's width either side of what the strip shows. Only these draw
 * their thumbnail: a 200-page book has about a hundred surfaces, and drawing them all cost half a
 * second when the book opened. The others keep their button and name (keyboard, screen readers,
 * dragging) with a blank of the same size, and draw as they scroll near.
 */
function useNearItems(
  list: RefObject<HTMLOListElement | null>,
  count: number,
): ReadonlySet<number> {
  const [near, setNear] = useState<ReadonlySet<number>>(() => new Set());
  useEffect(() => {
    const root = list.current;
    if (!root) return;
    const observer = new IntersectionObserver(
      (entries) =>
        setNear((previous) => {
          const next = new Set(previous);
          for (const entry of entries) {
            const index = Number((entry.target as HTMLElement).dataset['surfaceIndex']);
            if (entry.isIntersecting) next.add(index);
            else next.delete(index);
          }
          return next;
        }),
      { root, rootMargin: '0px 100%' },
    );
    for (const item of root.querySelectorAll('[data-surface-index]')) observer.observe(item);
    return () => observer.disconnect();
  }, [list, count]);
  return near;
}
