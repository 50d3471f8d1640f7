import { translate, type Locale, type MessageKey } from '../i18n/translate';

/**
 * Keyboard shortcuts in one platform-neutral form: modifiers joined by `+`, then the key, e.g.
 * `Mod+Z`, `Mod+Shift+Z`, `Shift+ArrowLeft`, `Delete`. `Mod` is Cmd on macOS and Ctrl
 * elsewhere, so one registration serves every platform. The key is a `KeyboardEvent.key` value;
 * letters are matched without regard to case (Shift makes `z` into `Z`).
 */
export type Shortcut = string;

/** The platforms whose keyboards differ in how shortcuts are pressed and written. */
export type Platform = 'mac' | 'windows' | 'linux';

/** What a keydown says, without the DOM: the renderer copies these fields from its event. */
export interface KeyPress {
  key: string;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

/** A shortcut taken apart. */
export interface ParsedShortcut {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  /** Ctrl itself on macOS, where Mod is Cmd; not allowed elsewhere (Mod is Ctrl there). */
  ctrl: boolean;
  key: string;
}

const MODIFIERS = ['Mod', 'Ctrl', 'Alt', 'Shift'] as const;

/** Parses a shortcut; throws on an unknown modifier or a missing key, so a typo fails at startup. */
export function parseShortcut(shortcut: Shortcut): ParsedShortcut {
  const parts = shortcut.split('+');
  const key = parts.pop();
  if (!key) throw new Error(`shortcut "${shortcut}" names no key`);
  const parsed: ParsedShortcut = { mod: false, shift: false, alt: false, ctrl: false, key };
  for (const part of parts) {
    if (!(MODIFIERS as readonly string[]).includes(part)) {
      throw new Error(`shortcut "${shortcut}": unknown modifier "${part}"`);
    }
    const field = part.toLowerCase() as Lowercase<(typeof MODIFIERS)[number]>;
    if (parsed[field]) throw new Error(`shortcut "${shortcut}" repeats ${part}`);
    parsed[field] = true;
  }
  if (parsed.ctrl && parsed.mod) {
    throw new Error(`shortcut "${shortcut}": Ctrl and Mod are the same key off macOS`);
  }
  return parsed;
}

/** Letters compare without case; named keys (ArrowLeft, Delete) as written. */
const keyOf = (key: string) => (key.length === 1 ? key.toLowerCase() : key);

/**
 * One spelling per shortcut, so `Shift+Mod+z` and `Mod+Shift+Z` are seen as the same keys (the
 * registry refuses a shortcut twice by comparing these).
 */
export function normalizeShortcut(shortcut: Shortcut): string {
  const p = parseShortcut(shortcut);
  const mods = MODIFIERS.filter((m) => p[m.toLowerCase() as 'mod' | 'ctrl' | 'alt' | 'shift']);
  return [...mods, keyOf(p.key)].join('+');
}

/** Whether a key press is exactly this shortcut on this platform: no modifier more, none less. */
export function matchesShortcut(shortcut: Shortcut, press: KeyPress, platform: Platform): boolean {
  const p = parseShortcut(shortcut);
  const wantCtrl = platform === 'mac' ? p.ctrl : p.mod;
  const wantMeta = platform === 'mac' ? p.mod : false;
  return (
    press.ctrl === wantCtrl &&
    press.meta === wantMeta &&
    press.shift === p.shift &&
    press.alt === p.alt &&
    keyOf(press.key) === keyOf(p.key)
  );
}

/** macOS writes modifiers as symbols, in Apple's order (⌃⌥⇧⌘), with no separator. */
const MAC_SYMBOLS: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Delete: '⌦',
  Backspace: '⌫',
  Escape: '⎋',
  Enter: '↩',
  Tab: '⇥',
  PageUp: '⇞',
  PageDown: '⇟',
};

/** Keys whose names differ by language on Windows and Linux keyboards ("Entf", "Del"). */
const KEY_NAMES: Record<string, MessageKey> = {
  Delete: 'key.delete',
  Backspace: 'key.backspace',
  Escape: 'key.escape',
  PageUp: 'key.pageUp',
  PageDown: 'key.pageDown',
};

const ARROWS: Record<string, string> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
};

const keyLabel = (key: string) => (key.length === 1 ? key.toUpperCase() : key);

/**
 * A shortcut as the customer reads it on their keyboard: "⇧⌘Z" on macOS, "Strg+Umschalt+Z" in
 * German and "Ctrl+Shift+Z" in English elsewhere, since German keyboards print Strg and
 * Umschalt on those keys.
 */
export function formatShortcut(shortcut: Shortcut, platform: Platform, locale: Locale): string {
  const p = parseShortcut(shortcut);
  if (platform === 'mac') {
    const symbols = [p.ctrl && '⌃', p.alt && '⌥', p.shift && '⇧', p.mod && '⌘'].filter(Boolean);
    return [...symbols, MAC_SYMBOLS[p.key] ?? keyLabel(p.key)].join('');
  }
  const t = (key: MessageKey) => translate(locale, key);
  const mods = [
    (p.mod || p.ctrl) && t('key.ctrl'),
    p.alt && t('key.alt'),
    p.shift && t('key.shift'),
  ].filter((m): m is string => typeof m === 'string');
  const named = KEY_NAMES[p.key];
  const key = named ? t(named) : (ARROWS[p.key] ?? keyLabel(p.key));
  return [...mods, key].join('+');
}

/**
 * A shortcut in the form `aria-keyshortcuts` wants (`Control+Shift+Z`, `Meta+Z`), so a screen
 * reader announces the keys of a menu item or button on this platform.
 */
export function ariaShortcut(shortcut: Shortcut, platform: Platform): string {
  const p = parseShortcut(shortcut);
  const control = p.ctrl || (p.mod && platform !== 'mac');
  const meta = p.mod && platform === 'mac';
  const mods = [control && 'Control', p.alt && 'Alt', p.shift && 'Shift', meta && 'Meta'];
  return [...mods.filter((m): m is string => typeof m === 'string'), keyLabel(p.key)].join('+');
}
