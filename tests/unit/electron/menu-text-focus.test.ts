import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { desktopMenus } from '../../../src/commands/desktop-menus';
import { designerCommands } from '../../../src/commands/designer-commands';
import { projectOnlyCommands } from '../../../src/commands/project-commands';
import { DesktopMenu } from '../../../src/contract/desktop';
import { menuTemplate } from '../../../electron/menu';

/**
 * macOS gives a text field undo, redo and the clipboard only through the Edit menu's system
 * roles. While the window reports focus in a text field (`textFocus`), Edit's undo and redo are
 * those roles, with their keys, so Cmd+Z undoes the typing and not the last change to the book.
 */
const submenu = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];
const model = desktopMenus(designerCommands, null, 'de', projectOnlyCommands);

function editMenu(textFocus: boolean, chosen: string[] = []) {
  const template = menuTemplate({ ...model, textFocus }, 'mac', 'Photo Dose', {
    command: (id) => chosen.push(id),
    about: () => {},
  });
  return submenu(template.find((m) => m.label === 'Bearbeiten')!);
}

describe('Edit while focus is in a text field (macOS)', () => {
  it("undo, redo, cut, copy, paste and select all are the system's text roles", () => {
    const edit = editMenu(true);
    expect(edit.filter((i) => i.role).map((i) => i.role)).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
    // The registry's names, in the window's language; the system's own keys (Cmd+Z, Shift+Cmd+Z).
    expect(edit[0]).toEqual({ role: 'undo', label: 'Rückgängig' });
    expect(edit[1]).toEqual({ role: 'redo', label: 'Wiederholen' });
  });

  it("outside a text field they are the book's undo and redo, run by the window", () => {
    const chosen: string[] = [];
    const edit = editMenu(false, chosen);
    expect(edit.filter((i) => i.role).map((i) => i.role)).toEqual([
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
    const undo = edit.find((i) => i.label === 'Rückgängig')!;
    expect(undo).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    (undo.click as () => void)();
    expect(chosen).toEqual(['edit.undo']);
  });

  it('the window may say where focus is, and nothing else than yes or no', () => {
    expect(DesktopMenu.parse({ ...model, textFocus: true }).textFocus).toBe(true);
    expect(DesktopMenu.safeParse({ ...model, textFocus: 'yes' }).success).toBe(false);
  });
});
