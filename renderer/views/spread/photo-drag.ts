import { dropPhotoAt, dropTargetAt, type PhotoPayload } from './drop-photo';

/**
 * Dragging a photo with the pointer, from the tray or from a frame's photo grip: a small picture
 * of the photo follows the pointer, the frame under it is marked, and letting go drops it
 * (drop-photo.ts). Pointer events rather than HTML5 drag and drop: they work the same with a
 * mouse, a pen and a finger, draw our own ghost, and are what Playwright's mouse drives.
 * Escape or a cancelled pointer drops nothing.
 */

/** A press must travel this far (CSS px) to become a drag, so a click still picks the photo. */
const DRAG_START_PX = 4;

export function startPhotoDrag(
  event: React.PointerEvent,
  payload: PhotoPayload,
  thumbnail: string | undefined,
): void {
  if (event.button !== 0) return;
  const origin = { x: event.clientX, y: event.clientY };
  const pointerId = event.pointerId;
  let ghost: HTMLElement | null = null;
  let marked: Element | null = null;
  let frame = 0;
  let last = origin;

  const mark = (element: Element | null) => {
    if (element === marked) return;
    marked?.classList.remove('drop-target');
    element?.classList.add('drop-target');
    marked = element;
  };
  const follow = () => {
    frame = 0;
    if (!ghost) return;
    ghost.style.transform = `translate(${last.x}px, ${last.y}px)`;
    const target = dropTargetAt(last.x, last.y);
    mark(
      target?.kind === 'frame'
        ? document.querySelector(`.stage [data-frame-id="${CSS.escape(target.frameId)}"]`)
        : target?.kind === 'page' && payload.fromFrameId === undefined
          ? document.querySelector(`.stage [data-page-id="${CSS.escape(target.pageId)}"]`)
          : null,
    );
  };
  const onMove = (e: PointerEvent) => {
    if (e.pointerId !== pointerId) return;
    last = { x: e.clientX, y: e.clientY };
    if (!ghost) {
      if (Math.hypot(last.x - origin.x, last.y - origin.y) < DRAG_START_PX) return;
      ghost = makeGhost(thumbnail);
    }
    if (!frame) frame = requestAnimationFrame(follow);
  };
  const end = () => {
    if (frame) cancelAnimationFrame(frame);
    mark(null);
    ghost?.remove();
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', end);
    window.removeEventListener('keydown', onKey, true);
  };
  const onUp = (e: PointerEvent) => {
    if (e.pointerId !== pointerId) return;
    const dragged = ghost !== null;
    end();
    if (!dragged) return;
    swallowNextClick();
    dropPhotoAt(e.clientX, e.clientY, payload);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !ghost) return;
    e.preventDefault();
    e.stopPropagation();
    end();
  };
  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
  window.addEventListener('pointercancel', end);
  window.addEventListener('keydown', onKey, true);
}

/** The picture under the pointer: the photo's thumbnail, small, never in the way of hit tests. */
function makeGhost(thumbnail: string | undefined): HTMLElement {
  const ghost = document.createElement('div');
  ghost.className = 'drag-ghost';
  ghost.setAttribute('aria-hidden', 'true');
  if (thumbnail) {
    const img = document.createElement('img');
    img.src = thumbnail;
    img.alt = '';
    ghost.append(img);
  }
  document.body.append(ghost);
  return ghost;
}

/** The click that ends a drag is not a click on what was dragged (it would pick the photo). */
function swallowNextClick() {
  const swallow = (e: MouseEvent) => {
    e.stopPropagation();
    e.preventDefault();
  };
  window.addEventListener('click', swallow, { capture: true, once: true });
  setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0);
}
