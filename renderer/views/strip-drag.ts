import { useCallback, useEffect, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';

/**
 * Dragging a spread along the page strip to move it: a small state machine (idle, pressed,
 * dragging). A press becomes a drag only once the pointer has moved a few pixels, so a click
 * still opens the spread. While dragging, the gap the spread would land in is shown; releasing
 * there moves it (one undo step, by the caller), Escape or releasing where it already is does
 * nothing. Only inner spreads move and land between inner spreads: page 1 and the last page
 * stay the book's ends (model/spreads.ts).
 *
 * Gaps are numbered like the inner spreads after them: gap 0 lies just after page 1, gap k just
 * before inner spread k, and gap `count` just before the last page.
 */

/** Pixels the pointer travels before a press becomes a drag (a click's jitter stays a click). */
const DRAG_THRESHOLD_PX = 5;

export interface SpreadDrag {
  /** The inner spread being dragged and the gap it would land in now, while a drag is on. */
  from: number;
  before: number;
  /** Where the pointer is, for the picked-up spread's ghost. */
  x: number;
  y: number;
}

interface Press {
  pointerId: number;
  from: number;
  startX: number;
  startY: number;
  dragging: boolean;
}

/** What the strip tells the hook: where each inner spread's item is, and what a drop does. */
export interface SpreadDragOptions {
  /** The strip items of the inner spreads, in order (inner spread k at index k). */
  itemsOf(): readonly Element[];
  /** A drop in gap `before` of inner spread `from`; the caller refuses a move to where it is. */
  onDrop(from: number, before: number): void;
}

/** The gap an x position falls in: before the first item whose middle lies right of it. */
function gapAt(items: readonly Element[], x: number): number {
  const index = items.findIndex((item) => {
    const box = item.getBoundingClientRect();
    return x < box.left + box.width / 2;
  });
  return index === -1 ? items.length : index;
}

/** Whether dropping `from` into gap `before` would leave it where it is. */
export const staysPut = (from: number, before: number) => before === from || before === from + 1;

export function useSpreadDrag({ itemsOf, onDrop }: SpreadDragOptions) {
  const press = useRef<Press | null>(null);
  const [drag, setDrag] = useState<SpreadDrag | null>(null);
  // The click that follows a drag's release must not open the spread it was dropped on.
  const swallowClick = useRef(false);

  const cancel = useCallback(() => {
    press.current = null;
    setDrag(null);
  }, []);

  useEffect(() => {
    if (!drag) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Escape belongs to this drag: nothing has changed yet, so letting go is all.
      event.stopPropagation();
      swallowClick.current = true;
      cancel();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [drag, cancel]);

  /** A press on any strip item; `from` is undefined for the cover, page 1 and the last page. */
  const onPointerDown = useCallback(
    (from: number | undefined, event: ReactPointerEvent<Element>) => {
      // A new press starts a new click: a drag's release that was followed by no click (the item
      // moved away under the pointer) must not swallow this one.
      swallowClick.current = false;
      if (event.button !== 0 || from === undefined) return;
      press.current = {
        pointerId: event.pointerId,
        from,
        startX: event.clientX,
        startY: event.clientY,
        dragging: false,
      };
    },
    [],
  );

  const onPointerMove = useCallback(
    (event: ReactPointerEvent<Element>) => {
      const p = press.current;
      if (!p || p.pointerId !== event.pointerId) return;
      const moved = Math.hypot(event.clientX - p.startX, event.clientY - p.startY);
      if (!p.dragging && moved < DRAG_THRESHOLD_PX) return;
      if (!p.dragging) {
        p.dragging = true;
        // Keep the moves coming when the pointer leaves the item (or the strip).
        event.currentTarget.setPointerCapture?.(event.pointerId);
      }
      const before = gapAt(itemsOf(), event.clientX);
      setDrag({ from: p.from, before, x: event.clientX, y: event.clientY });
    },
    [itemsOf],
  );

  const onPointerUp = useCallback(
    (event: ReactPointerEvent<Element>) => {
      const p = press.current;
      if (!p || p.pointerId !== event.pointerId) return;
      press.current = null;
      if (!p.dragging) return;
      swallowClick.current = true;
      setDrag(null);
      const before = gapAt(itemsOf(), event.clientX);
      if (!staysPut(p.from, before)) onDrop(p.from, before);
    },
    [itemsOf, onDrop],
  );

  /**
   * Call from the item's click with its `detail` (the click count): false when the click only
   * ended a drag. A click from the keyboard (Enter, Space: detail 0) is always a real one.
   */
  const clickAllowed = useCallback((detail: number) => {
    const allowed = detail === 0 || !swallowClick.current;
    swallowClick.current = false;
    return allowed;
  }, []);

  return { drag, onPointerDown, onPointerMove, onPointerUp, onPointerCancel: cancel, clickAllowed };
}
