import { describe, expect, it } from 'vitest';
import {
  ariaShortcut,
  formatShortcut,
  matchesShortcut,
  normalizeShortcut,
  parseShortcut,
} from '../../../src/commands/shortcuts';
import { press } from './key-press';

describe('shortcuts', () => {
  it('parses modifiers and key, and refuses what it cannot mean', () => {
    expect(parseShortcut('Mod+Shift+Z')).toEqual({
      mod: true,
      shift: true,
      alt: false,
      ctrl: false,
      key: 'Z',
    });
    expect(parseShortcut('Delete')).toEqual({
      mod: false,
      shift: false,
      alt: false,
      ctrl: false,
      key: 'Delete',
    });
    expect(() => parseShortcut('Cmd+Z')).toThrow('shortcut "Cmd+Z": unknown modifier "Cmd"');
    expect(() => parseShortcut('Mod+')).toThrow('shortcut "Mod+" names no key');
    expect(() => parseShortcut('Shift+Shift+A')).toThrow('shortcut "Shift+Shift+A" repeats Shift');
    expect(() => parseShortcut('Ctrl+Mod+A')).toThrow(
      'shortcut "Ctrl+Mod+A": Ctrl and Mod are the same key off macOS',
    );
  });

  it('spells the same keys one way, whatever the order and case', () => {
    expect(normalizeShortcut('Shift+Mod+z')).toBe('Mod+Shift+z');
    expect(normalizeShortcut('Mod+Shift+Z')).toBe('Mod+Shift+z');
    expect(normalizeShortcut('Alt+ArrowLeft')).toBe('Alt+ArrowLeft');
  });

  it('Mod is Ctrl off macOS and Cmd on macOS, never both', () => {
    expect(matchesShortcut('Mod+Z', press('z', { ctrl: true }), 'windows')).toBe(true);
    expect(matchesShortcut('Mod+Z', press('z', { ctrl: true }), 'linux')).toBe(true);
    expect(matchesShortcut('Mod+Z', press('z', { meta: true }), 'windows')).toBe(false);
    expect(matchesShortcut('Mod+Z', press('z', { meta: true }), 'mac')).toBe(true);
    expect(matchesShortcut('Mod+Z', press('z', { ctrl: true }), 'mac')).toBe(false);
  });

  it('needs exactly the modifiers named: Shift makes another shortcut', () => {
    // With Shift held the browser reports an upper-case Z: still the Z key.
    expect(matchesShortcut('Mod+Shift+Z', press('Z', { ctrl: true, shift: true }), 'linux')).toBe(
      true,
    );
    expect(matchesShortcut('Mod+Z', press('Z', { ctrl: true, shift: true }), 'linux')).toBe(false);
    expect(matchesShortcut('ArrowLeft', press('ArrowLeft', { shift: true }), 'linux')).toBe(false);
    expect(matchesShortcut('Shift+ArrowLeft', press('ArrowLeft', { shift: true }), 'mac')).toBe(
      true,
    );
    expect(matchesShortcut('Delete', press('Delete', { alt: true }), 'windows')).toBe(false);
  });

  it('writes shortcuts as German keyboards print them', () => {
    expect(formatShortcut('Mod+Z', 'windows', 'de')).toBe('Strg+Z');
    expect(formatShortcut('Mod+Shift+Z', 'linux', 'de')).toBe('Strg+Umschalt+Z');
    expect(formatShortcut('Delete', 'windows', 'de')).toBe('Entf');
    expect(formatShortcut('Backspace', 'windows', 'de')).toBe('Rücktaste');
    expect(formatShortcut('Shift+ArrowLeft', 'windows', 'de')).toBe('Umschalt+←');
    expect(formatShortcut('Escape', 'linux', 'de')).toBe('Esc');
  });

  it('writes shortcuts as English keyboards print them', () => {
    expect(formatShortcut('Mod+Z', 'windows', 'en')).toBe('Ctrl+Z');
    expect(formatShortcut('Mod+Shift+Z', 'linux', 'en')).toBe('Ctrl+Shift+Z');
    expect(formatShortcut('Mod+Y', 'windows', 'en')).toBe('Ctrl+Y');
    expect(formatShortcut('Delete', 'windows', 'en')).toBe('Del');
    expect(formatShortcut('Alt+ArrowRight', 'linux', 'en')).toBe('Alt+→');
  });

  it('writes shortcuts as macOS menus do, in any language', () => {
    expect(formatShortcut('Mod+Z', 'mac', 'de')).toBe('⌘Z');
    expect(formatShortcut('Mod+Z', 'mac', 'en')).toBe('⌘Z');
    expect(formatShortcut('Mod+Shift+Z', 'mac', 'de')).toBe('⇧⌘Z');
    expect(formatShortcut('Alt+ArrowLeft', 'mac', 'en')).toBe('⌥←');
    expect(formatShortcut('Backspace', 'mac', 'de')).toBe('⌫');
    expect(formatShortcut('Escape', 'mac', 'en')).toBe('⎋');
  });
});

describe('aria-keyshortcuts', () => {
  it('names the keys as the ARIA spec spells them, per platform', () => {
    expect(ariaShortcut('Mod+Shift+Z', 'linux')).toBe('Control+Shift+Z');
    expect(ariaShortcut('Mod+Shift+Z', 'mac')).toBe('Shift+Meta+Z');
    expect(ariaShortcut('Delete', 'windows')).toBe('Delete');
    expect(ariaShortcut('Alt+ArrowLeft', 'mac')).toBe('Alt+ArrowLeft');
  });
});
