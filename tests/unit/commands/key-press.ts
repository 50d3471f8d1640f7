import type { KeyPress } from '../../../src/commands/shortcuts';

/** A key press with no modifiers unless `mods` names them. */
export const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrl: false,
  meta: false,
  shift: false,
  alt: false,
  ...mods,
});
