import { describe, expect, it } from 'vitest';
import {
  desktopMenuLayout,
  desktopMenus,
  electronAccelerator,
  type MenuCommandItem,
  type MenuModel,
} from '../../../src/commands/desktop-menus';
import { designerCommands } from '../../../src/commands/designer-commands';
import { projectOnlyCommands } from '../../../src/commands/project-commands';
import { applyEffect, editorFor, type EditorState } from '../../../src/commands/editor';
import { commandLabel } from '../../../src/commands/labels';
import { commandOf } from '../../../src/commands/registry';
import { addAssets, newBook, placePhoto } from '../../../src/model/commands';
import { a4, counterIds, frameOf, pageAt, photo } from '../model/fixtures';

const items = (model: MenuModel) =>
  model.menus.flatMap((m) => m.items.filter((i): i is MenuCommandItem => i.kind === 'command'));
const item = (model: MenuModel, id: string) => items(model).find((i) => i.id === id)!;

/** A fresh book: nothing to undo, nothing selected. */
const fresh = (): EditorState => editorFor(newBook(a4, counterIds()));

/** A photo placed on page 1 with its frame selected: undo, delete and the frame menu apply. */
function withSelectedPhoto(): EditorState {
  let s = fresh();
  const p = photo(1, 6000, 4000);
  s = applyEffect(s, {
    kind: 'edit',
    label: 'photos.add',
    changes: addAssets(s.book, [p]),
    enters: 'history',
  });
  const frameId = frameOf(s.book, pageAt(s.book, 0));
  return applyEffect(s, {
    kind: 'edit',
    label: 'frame.placePhoto',
    changes: placePhoto(s.book, frameId, p.id),
    enters: 'history',
    session: { selectedFrameId: frameId },
  });
}

describe('desktop menus from the command registry', () => {
  it('lists only registered commands, each once, with the registry’s own labels', () => {
    const ids = desktopMenuLayout.flatMap((m) => m.items.filter((e) => e !== '-'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const locale of ['de', 'en'] as const) {
      const model = desktopMenus(designerCommands, fresh(), locale, projectOnlyCommands);
      for (const entry of items(model)) {
        expect(entry.label).toBe(commandLabel(commandOf(designerCommands, entry.id), locale));
      }
    }
    const de = desktopMenus(designerCommands, fresh(), 'de', projectOnlyCommands);
    expect(de.menus.map((m) => m.label)).toEqual([
      'Datei',
      'Bearbeiten',
      'Ansicht',
      'Seiten',
      'Rahmen',
      'Text',
    ]);
    expect(item(de, 'edit.undo').label).toBe('Rückgängig');
    const en = desktopMenus(designerCommands, fresh(), 'en', projectOnlyCommands);
    expect(item(en, 'edit.undo').label).toBe('Undo');
  });

  it('shows the first shortcut of each command as an accelerator', () => {
    const model = desktopMenus(designerCommands, fresh(), 'de', projectOnlyCommands);
    expect(item(model, 'edit.undo').accelerator).toBe('CmdOrCtrl+Z');
    expect(item(model, 'edit.redo').accelerator).toBe('CmdOrCtrl+Shift+Z');
    expect(item(model, 'project.saveAs').accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(item(model, 'frame.delete').accelerator).toBe('Delete');
    expect(item(model, 'frame.rotateLeft').accelerator).toBeUndefined();
  });

  it('greys out exactly what the toolbar greys out', () => {
    const before = desktopMenus(designerCommands, fresh(), 'de', projectOnlyCommands);
    expect(item(before, 'edit.undo').enabled).toBe(false);
    expect(item(before, 'frame.delete').enabled).toBe(false);
    expect(item(before, 'project.save').enabled).toBe(true);

    const state = withSelectedPhoto();
    const after = desktopMenus(designerCommands, state, 'de', projectOnlyCommands);
    for (const entry of items(after)) {
      expect(entry.enabled, entry.id).toBe(commandOf(designerCommands, entry.id).isEnabled(state));
    }
    expect(item(after, 'edit.undo').enabled).toBe(true);
    expect(item(after, 'frame.delete').enabled).toBe(true);
  });

  it('offers only the project commands where no book is open', () => {
    const model = desktopMenus(designerCommands, null, 'de', projectOnlyCommands);
    const enabled = items(model)
      .filter((i) => i.enabled)
      .map((i) => i.id);
    expect(enabled.sort()).toEqual([
      'project.open',
      'project.save',
      'project.saveAs',
      'support.openOrder',
    ]);
  });
});

describe('Electron accelerators', () => {
  it('spells the registry’s shortcuts as Electron expects', () => {
    expect(electronAccelerator('Mod+Z')).toBe('CmdOrCtrl+Z');
    expect(electronAccelerator('Shift+ArrowLeft')).toBe('Shift+Left');
    expect(electronAccelerator('Alt+ArrowDown')).toBe('Alt+Down');
    expect(electronAccelerator('Mod+=')).toBe('CmdOrCtrl+=');
    expect(electronAccelerator('Mod+Shift+]')).toBe('CmdOrCtrl+Shift+]');
    expect(electronAccelerator('Shift+PageDown')).toBe('Shift+PageDown');
    expect(electronAccelerator('t')).toBe('T');
  });
});
