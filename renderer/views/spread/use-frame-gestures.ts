import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useAppStore } from '../../stores/app-store';
import type { Frame } from '../../../src/model/book';
import type { SnapGuide } from '../../../src/geometry/snap';
import {
  moveFrame,
  pointerAngle,
  resizeFrame,
  rotateFrame,
  type Handle,
  type Snapping,
} from '../../../src/model/frame-edits';
import { frameBoxOnSurface, placedPageOf, snapTargets } from '../../../src/model/frame-place';
import { panPhoto, zoomPhoto } from '../../../src/model/photo-edits';
import type { BookSurface } from '../../../src/model/surfaces';

/**
 * Moving, resizing and rotating frames, and panning a photo in crop mode, with the pointer: a
 * small state machine (idle → pointing → dragging → idle) per STYLE.md. A press only becomes a
 * drag once the pointer has travelled a little, so a click still selects. Pointer moves are
 * coalesced to one core update per animation frame, so a drag stays smooth however fast the
 * mouse reports. The whole drag is one gesture of the core: one undo step, and Escape (the
 * designer's key handler) cancels it; this machine notices and lets go.
 */

/** A press must travel this far (CSS px) to become a drag: a click may wobble. */
const DRAG_START_PX = 3;
/** The snap radius on screen at any zoom; Alt turns snapping off. */
export const SNAP_PX = 6;
/** How much one notch of the wheel (100 px of deltaY) zooms the photo in crop mode. */
const WHEEL_ZOOM_PER_100PX = 1.15;
/** Crop mode by keyboard: arrows move the photo this far (Shift: farther), + and - zoom. */
const CROP_STEP_MM = 1;
const CROP_FAR_STEP_MM = 10;
const KEY_ZOOM = 1.1;
const CROP_ARROWS: Record<string, readonly [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** Where a press belongs to typing, not to the frame. */
const TEXT_ENTRY = 'textarea, input, select, [contenteditable="true"]';

type Kind =
  | { type: 'move' }
  | { type: 'resize'; handle: Handle }
  | { type: 'rotate'; cx: number; cy: number; angle0: number }
  | { type: 'pan' };

const LABELS: Record<Exclude<Kind['type'], 'pan'>, string> = {
  move: 'frame.move',
  resize: 'frame.resize',
  rotate: 'frame.rotate',
};

interface Pointer {
  x: number;
  y: number;
  shift: boolean;
  alt: boolean;
}

type Tool =
  | { state: 'idle' }
  | {
      state: 'pointing' | 'dragging';
      kind: Kind;
      start: Frame;
      from: Pointer;
      pointerId: number;
      snapping: Snapping;
      /** The guides the last move hit: they hold a little longer against flicker. */
      held?: readonly SnapGuide[];
    };

export interface FrameGestures {
  /** Give this to SpreadView's surfaceRef: pointers are captured and measured on it. */
  surfaceRef: RefObject<HTMLDivElement | null>;
  /** Handlers for a frame of the editing view (press to move; double-click to crop). */
  onFramePointerDown(frame: Frame, event: React.PointerEvent): void;
  onFrameDoubleClick(frame: Frame): void;
  /** A click that ended a drag is not a click: call from onClickCapture. */
  swallowClickAfterDrag(event: React.MouseEvent): void;
  /** Press on a resize or the rotate handle of the selected frame. */
  onHandlePointerDown(frame: Frame, kind: Handle | 'rotate', event: React.PointerEvent): void;
  /** The guides the frame snapped to in the last move, to draw while dragging. */
  guides: readonly SnapGuide[];
  /** Crop mode: the frame whose photo is being panned and zoomed, if any. */
  croppingId: string | null;
  endCrop(): void;
}

const pointerOf = (e: {
  clientX: number;
  clientY: number;
  shiftKey: boolean;
  altKey: boolean;
}) => ({
  x: e.clientX,
  y: e.clientY,
  shift: e.shiftKey,
  alt: e.altKey,
});

export function useFrameGestures(placed: BookSurface, pxPerMm: number): FrameGestures {
  const surfaceRef = useRef<HTMLDivElement | null>(null);
  const tool = useRef<Tool>({ state: 'idle' });
  const [guides, setGuides] = useState<readonly SnapGuide[]>([]);
  const gesture = useAppStore((s) => s.gesture);
  const selectedFrameId = useAppStore((s) => s.selectedFrameId);
  const croppingId = gesture?.label === 'frame.crop' ? selectedFrameId : null;
  // The latest values for listeners that live as long as a drag.
  const latest = useRef({ placed, pxPerMm });
  latest.current = { placed, pxPerMm };
  const pending = useRef<{ pointer: Pointer | null; frame: number }>({ pointer: null, frame: 0 });
  const justDragged = useRef(false);

  /** One core update for the pointer where it is now. */
  const apply = useCallback((pointer: Pointer) => {
    const t = tool.current;
    if (t.state !== 'dragging') return;
    const store = useAppStore.getState();
    if (!store.gesture) return;
    const { placed, pxPerMm } = latest.current;
    const dx = (pointer.x - t.from.x) / pxPerMm;
    const dy = (pointer.y - t.from.y) / pxPerMm;
    const snapping = {
      ...t.snapping,
      thresholdMm: pointer.alt ? 0 : SNAP_PX / pxPerMm,
      held: t.held,
    };
    let hit: readonly SnapGuide[] = [];
    store.updateGesture((book) => {
      switch (t.kind.type) {
        case 'move': {
          const edit = moveFrame(book, placed, t.start, dx, dy, snapping);
          hit = edit.guides;
          return edit.changes;
        }
        case 'resize': {
          const options = { ...snapping, keepAspect: pointer.shift };
          const edit = resizeFrame(book, placed, t.start, t.kind.handle, dx, dy, options);
          hit = edit.guides;
          return edit.changes;
        }
        case 'rotate': {
          const { cx, cy, angle0 } = t.kind;
          const [mx, my] = surfaceMm(pointer);
          const angle = t.start.rotationDeg + pointerAngle(cx, cy, mx, my) - angle0;
          return rotateFrame(book, t.start, angle, pointer.shift);
        }
        case 'pan':
          return t.start.kind === 'photo' ? panPhoto(book, t.start, dx, dy) : [];
      }
    });
    t.held = hit;
    // Most moves hit the same guides as the last one (or none): no new render for those.
    setGuides((shown) => (sameGuides(shown, hit) ? shown : hit));
  }, []);

  const flush = useCallback(() => {
    pending.current.frame = 0;
    const pointer = pending.current.pointer;
    pending.current.pointer = null;
    if (pointer) apply(pointer);
  }, [apply]);

  const finish = useCallback(() => {
    const t = tool.current;
    tool.current = { state: 'idle' };
    if (pending.current.frame) cancelAnimationFrame(pending.current.frame);
    pending.current = { pointer: null, frame: 0 };
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', onCancel);
    const surface = surfaceRef.current;
    if (t.state !== 'idle' && surface?.hasPointerCapture(t.pointerId)) {
      surface.releasePointerCapture(t.pointerId);
    }
    setGuides([]);
    // The handlers are stable (declared below with useCallback and no changing inputs).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function surfaceMm(pointer: { x: number; y: number }): [number, number] {
    const rect = surfaceRef.current?.getBoundingClientRect();
    const { pxPerMm } = latest.current;
    return rect ? [(pointer.x - rect.left) / pxPerMm, (pointer.y - rect.top) / pxPerMm] : [0, 0];
  }

  const onMove = useCallback(
    (event: PointerEvent) => {
      const t = tool.current;
      if (t.state === 'idle' || event.pointerId !== t.pointerId) return;
      const pointer = pointerOf(event);
      if (t.state === 'pointing') {
        if (Math.hypot(pointer.x - t.from.x, pointer.y - t.from.y) < DRAG_START_PX) return;
        const store = useAppStore.getState();
        if (t.kind.type !== 'pan') {
          if (store.gesture || !store.book) return finish();
          store.beginGesture(LABELS[t.kind.type]);
        }
        const targets = store.book
          ? snapTargets(store.book, latest.current.placed, new Set([t.start.id]))
          : [];
        tool.current = { ...t, state: 'dragging', snapping: { targets, thresholdMm: 0 } };
        // Captured only now: a plain click must still reach the frame (select, place, edit).
        surfaceRef.current?.setPointerCapture(event.pointerId);
      }
      pending.current.pointer = pointer;
      if (!pending.current.frame) pending.current.frame = requestAnimationFrame(flush);
    },
    [finish, flush],
  );

  const onUp = useCallback(
    (event: PointerEvent) => {
      const t = tool.current;
      if (t.state === 'idle' || event.pointerId !== t.pointerId) return;
      if (t.state === 'dragging') {
        // The last position counts even if its animation frame has not come yet.
        if (pending.current.frame) cancelAnimationFrame(pending.current.frame);
        pending.current.frame = 0;
        apply(pointerOf(event));
        if (t.kind.type !== 'pan') useAppStore.getState().endGesture();
        justDragged.current = true;
      }
      finish();
    },
    [apply, finish],
  );

  const onCancel = useCallback(() => {
    const t = tool.current;
    if (t.state === 'dragging' && t.kind.type !== 'pan') useAppStore.getState().cancelGesture();
    finish();
  }, [finish]);

  // Escape cancels the gesture in the core; the drag under way then lets go of the pointer.
  useEffect(
    () =>
      useAppStore.subscribe((state, previous) => {
        if (previous.gesture && !state.gesture && tool.current.state !== 'idle') finish();
      }),
    [finish],
  );

  const press = useCallback(
    (frame: Frame, kind: Kind, event: React.PointerEvent) => {
      if (event.button !== 0 || tool.current.state !== 'idle') return;
      tool.current = {
        state: 'pointing',
        kind,
        start: frame,
        from: pointerOf(event),
        pointerId: event.pointerId,
        snapping: { targets: [], thresholdMm: 0 },
      };
      justDragged.current = false;
      // No text selection or native drag may start from here: either would cancel the pointer.
      window.getSelection()?.removeAllRanges();
      window.addEventListener('pointermove', onMove);
      window.addEventListener('pointerup', onUp);
      window.addEventListener('pointercancel', onCancel);
    },
    [onMove, onUp, onCancel],
  );

  const onFramePointerDown = useCallback(
    (frame: Frame, event: React.PointerEvent) => {
      // Selecting text in a frame being typed into is not a move.
      if (event.target instanceof Element && event.target.closest(TEXT_ENTRY)) return;
      const store = useAppStore.getState();
      if (store.gesture?.label === 'frame.crop') {
        // In crop mode a press on the frame pans its photo; the outside-press listener ends it.
        if (frame.id === store.selectedFrameId) press(frame, { type: 'pan' }, event);
        return;
      }
      if (store.gesture) return;
      if (!store.selectedAssetId) store.selectFrame(frame.id);
      press(frame, { type: 'move' }, event);
    },
    [press],
  );

  const onHandlePointerDown = useCallback(
    (frame: Frame, kind: Handle | 'rotate', event: React.PointerEvent) => {
      event.stopPropagation();
      if (useAppStore.getState().gesture) return;
      if (kind !== 'rotate') return press(frame, { type: 'resize', handle: kind }, event);
      const page = placedPageOf(latest.current.placed, frame.pageId);
      if (!page) return;
      const box = frameBoxOnSurface(frame, page);
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      const [mx, my] = surfaceMm(pointerOf(event));
      press(frame, { type: 'rotate', cx, cy, angle0: pointerAngle(cx, cy, mx, my) }, event);
    },
    [press],
  );

  const onFrameDoubleClick = useCallback((frame: Frame) => {
    const store = useAppStore.getState();
    if (store.gesture?.label === 'frame.crop') return store.endGesture();
    if (store.gesture || frame.kind !== 'photo' || frame.assetId === null) return;
    store.selectFrame(frame.id);
    store.beginGesture('frame.crop');
  }, []);

  const swallowClickAfterDrag = useCallback((event: React.MouseEvent) => {
    if (!justDragged.current) return;
    justDragged.current = false;
    event.stopPropagation();
  }, []);

  const endCrop = useCallback(() => useAppStore.getState().endGesture(), []);
  useCropModeListeners(croppingId, surfaceRef, endCrop);

  return {
    surfaceRef,
    onFramePointerDown,
    onFrameDoubleClick,
    swallowClickAfterDrag,
    onHandlePointerDown,
    guides,
    croppingId,
    endCrop,
  };
}

/**
 * While a photo is being cropped: the wheel or + and - zoom it (about the middle it shows),
 * arrows move it, Enter takes the crop, and a press anywhere but the frame and its crop controls
 * takes it too. Escape is the designer's key and cancels it.
 */
function useCropModeListeners(
  croppingId: string | null,
  surfaceRef: RefObject<HTMLDivElement | null>,
  endCrop: () => void,
) {
  useEffect(() => {
    if (!croppingId) return;
    const surface = surfaceRef.current;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const factor = WHEEL_ZOOM_PER_100PX ** (-event.deltaY / 100);
      useAppStore.getState().updateGesture((book) => {
        const frame = book.frames[croppingId];
        return frame?.kind === 'photo' ? zoomPhoto(book, croppingId, frame.crop.zoom * factor) : [];
      });
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        return endCrop();
      }
      // The slider keeps its own arrows; elsewhere arrows move the photo and +/- zoom it.
      if (event.target instanceof Element && event.target.closest(TEXT_ENTRY)) return;
      const step = event.shiftKey ? CROP_FAR_STEP_MM : CROP_STEP_MM;
      const arrow = CROP_ARROWS[event.key];
      const zoomBy = event.key === '+' ? KEY_ZOOM : event.key === '-' ? 1 / KEY_ZOOM : null;
      if (!arrow && zoomBy === null) return;
      event.preventDefault();
      useAppStore.getState().updateGesture((book) => {
        const frame = book.frames[croppingId];
        if (frame?.kind !== 'photo') return [];
        if (zoomBy !== null) return zoomPhoto(book, croppingId, frame.crop.zoom * zoomBy);
        return panPhoto(book, frame, arrow![0] * step, arrow![1] * step);
      });
    };
    const onOutside = (event: PointerEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      const keep = target?.closest(`[data-frame-id="${CSS.escape(croppingId)}"], .crop-controls`);
      if (!keep) endCrop();
    };
    surface?.addEventListener('wheel', onWheel, { passive: false });
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onOutside, true);
    return () => {
      surface?.removeEventListener('wheel', onWheel);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onOutside, true);
    };
  }, [croppingId, surfaceRef, endCrop]);
}

const sameGuides = (a: readonly SnapGuide[], b: readonly SnapGuide[]) =>
  a.length === b.length &&
  a.every((g, i) => {
    const h = b[i]!;
    return g.axis === h.axis && g.at === h.at && g.from === h.from && g.to === h.to;
  });
