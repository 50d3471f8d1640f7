import type { KeyPress, Platform } from '../src/commands/shortcuts';

/** The keyboard's platform, read once here: the core is handed it and never asks the browser. */
export const platform: Platform = /Mac|iPhone|iPad/.test(navigator.userAgent)
  ? 'mac'
  : /Windows/.test(navigator.userAgent)
    ? 'windows'
    : 'linux';

/** The fields of a keydown the core's shortcut matching reads. */
export function keyPressOf(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): KeyPress {
  return {
    key: event.key,
    ctrl: event.ctrlKey,
    meta: event.metaKey,
    shift: event.shiftKey,
    alt: event.altKey,
  };
}

/** Typing into a field keeps its keys: Backspace there deletes a letter, not a frame. */
export function isTextEntry(target: EventTarget): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}
