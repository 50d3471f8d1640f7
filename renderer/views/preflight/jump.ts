import { useAppStore } from '../../stores/app-store';
import type { Finding } from '../../../src/preflight/findings';

/** Frames to wait at most for the jumped-to frame to be drawn before giving up on focusing it. */
const FOCUS_TRIES = 10;

/**
 * Shows where a finding is: back in the designer, its spread open (the session's surfaceIndex)
 * and its frame selected and focused, so arrows, Delete and the crop act on it at once; for
 * prints, that print selected. Selection never enters history.
 */
export function jumpTo(finding: Finding): void {
  const store = useAppStore.getState();
  const { place } = finding;
  if (store.view !== 'designer') store.setView('designer');
  if (place.kind === 'print') {
    store.selectPrint(place.printId);
    return;
  }
  if (place.kind !== 'page') return;
  store.openSurface(place.surfaceIndex);
  if (place.frameId === undefined) return;
  store.selectFrame(place.frameId);
  focusFrame(place.frameId, FOCUS_TRIES);
}

function focusFrame(frameId: string, tries: number) {
  requestAnimationFrame(() => {
    const frame = document.querySelector<HTMLElement>(
      `.stage [data-frame-id="${CSS.escape(frameId)}"]`,
    );
    if (frame) {
      frame.focus();
      frame.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    } else if (tries > 1) {
      focusFrame(frameId, tries - 1);
    }
  });
}
