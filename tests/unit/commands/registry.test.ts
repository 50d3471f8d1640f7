import { describe, expect, it } from 'vitest';
import {
  commandForKey,
  commandOf,
  createRegistry,
  type CommandDefinition,
} from '../../../src/commands/registry';
import { designerCommands } from '../../../src/commands/designer-commands';
import { commandLabel, commandTitle } from '../../../src/commands/labels';
import type { KeyPress } from '../../../src/commands/shortcuts';
import { catalogs, locales } from '../../../src/i18n/translate';
import { press } from './key-press';

const command = (id: string, shortcuts: string[] = []): CommandDefinition => ({
  id,
  label: 'command.edit.undo',
  shortcuts,
  isEnabled: () => true,
  run: () => ({ kind: 'undo' }),
});

describe('command registry', () => {
  it('refuses an id registered twice', () => {
    expect(() => createRegistry([command('edit.undo'), command('edit.undo')])).toThrow(
      'command edit.undo is registered twice',
    );
  });

  it('refuses a shortcut registered twice, however it is spelt', () => {
    expect(() =>
      createRegistry([command('a', ['Mod+Shift+Z']), command('b', ['Shift+Mod+z'])]),
    ).toThrow('shortcut Shift+Mod+z of b already belongs to a');
  });

  it('finds the command a key means on each platform', () => {
    const id = (p: KeyPress, platform: 'mac' | 'windows' | 'linux') =>
      commandForKey(designerCommands, p, platform)?.id;
    expect(id(press('z', { ctrl: true }), 'windows')).toBe('edit.undo');
    expect(id(press('z', { meta: true }), 'mac')).toBe('edit.undo');
    expect(id(press('z', { ctrl: true }), 'mac')).toBeUndefined();
    expect(id(press('Z', { ctrl: true, shift: true }), 'linux')).toBe('edit.redo');
    expect(id(press('y', { ctrl: true }), 'windows')).toBe('edit.redo');
    expect(id(press('Z', { meta: true, shift: true }), 'mac')).toBe('edit.redo');
    expect(id(press('Delete'), 'linux')).toBe('frame.delete');
    expect(id(press('Backspace'), 'mac')).toBe('frame.delete');
    expect(id(press('ArrowLeft'), 'linux')).toBe('frame.nudgeLeft');
    expect(id(press('ArrowDown', { shift: true }), 'linux')).toBe('frame.nudgeDownFar');
    expect(id(press('ArrowRight', { alt: true }), 'windows')).toBe('selection.nextFrame');
    expect(id(press('Escape'), 'mac')).toBe('edit.escape');
    expect(id(press('a'), 'linux')).toBeUndefined();
  });

  it('registers the designer commands, in menu order', () => {
    // Features add commands of their own; these come first, in this order, whatever follows.
    expect([...designerCommands.commands.keys()].slice(0, 14)).toEqual([
      'edit.undo',
      'edit.redo',
      'frame.delete',
      'frame.nudgeLeft',
      'frame.nudgeLeftFar',
      'frame.nudgeRight',
      'frame.nudgeRightFar',
      'frame.nudgeUp',
      'frame.nudgeUpFar',
      'frame.nudgeDown',
      'frame.nudgeDownFar',
      'selection.nextFrame',
      'selection.previousFrame',
      'edit.escape',
    ]);
    expect([...designerCommands.commands.keys()]).toEqual(
      expect.arrayContaining(['view.zoomIn', 'view.zoomOut', 'view.zoomFit']),
    );
  });

  it("every command's label exists in every language and fills all its arguments", () => {
    for (const locale of locales) {
      for (const c of designerCommands.commands.values()) {
        expect(Object.hasOwn(catalogs[locale], c.label), `${locale} ${c.id}`).toBe(true);
        expect(commandLabel(c, locale), `${locale} ${c.id}`).not.toMatch(/[{}]/);
      }
    }
  });

  it('labels commands in the customer language, with the shortcut in the tooltip', () => {
    const undo = commandOf(designerCommands, 'edit.undo');
    const nudge = commandOf(designerCommands, 'frame.nudgeLeftFar');
    expect(commandLabel(undo, 'de')).toBe('Rückgängig');
    expect(commandTitle(undo, 'windows', 'de')).toBe('Rückgängig (Strg+Z)');
    expect(commandTitle(undo, 'linux', 'en')).toBe('Undo (Ctrl+Z)');
    expect(commandTitle(undo, 'mac', 'en')).toBe('Undo (⌘Z)');
    expect(commandTitle(nudge, 'linux', 'de')).toBe('Nach links verschieben (10 mm) (Umschalt+←)');
    expect(commandTitle(nudge, 'linux', 'en')).toBe('Move left (10 mm) (Shift+←)');
  });

  it('an unknown command id is an error, not a silent no-op', () => {
    expect(() => commandOf(designerCommands, 'edit.cut')).toThrow('no command edit.cut');
  });
});
