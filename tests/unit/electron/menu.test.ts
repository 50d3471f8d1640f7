import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { desktopMenus } from '../../../src/commands/desktop-menus';
import { designerCommands } from '../../../src/commands/designer-commands';
import { projectOnlyCommands } from '../../../src/commands/project-commands';
import { createDesktopShell, platformOf } from '../../../electron/desktop-shell';
import { menuTemplate } from '../../../electron/menu';
import { OpenedFiles } from '../../../services/host/opened-files';

const submenu = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];
const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label ?? i.type);
const find = (template: MenuItemConstructorOptions[], label: string) =>
  template.flatMap(submenu).find((i) => i.label === label);

function recorder() {
  const chosen: string[] = [];
  let abouts = 0;
  return {
    chosen,
    abouts: () => abouts,
    actions: { command: (id: string) => chosen.push(id), about: () => void abouts++ },
  };
}

describe('native menus', () => {
  const model = desktopMenus(designerCommands, null, 'de', projectOnlyCommands);

  it('on macOS: the app menu first (About, Hide, Quit), then ours, Window and Help', () => {
    const template = menuTemplate(model, 'mac', 'Photo Dose', recorder().actions);
    expect(labels(template)).toEqual([
      'Photo Dose',
      'Datei',
      'Bearbeiten',
      'Ansicht',
      'Seiten',
      'Rahmen',
      'Text',
      'Fenster',
      'Hilfe',
    ]);
    const appMenu = submenu(template[0]!);
    expect(appMenu[0]!.label).toBe('Über Photo Dose');
    expect(appMenu.at(-1)).toMatchObject({ role: 'quit', label: 'Photo Dose beenden' });
    // Quit lives in the app menu on macOS, not at the end of File.
    expect(submenu(template[1]!).some((i) => i.role === 'quit')).toBe(false);
  });

  it('on Windows and Linux: Quit ends File, About sits under Help', () => {
    for (const platform of ['windows', 'linux'] as const) {
      const template = menuTemplate(model, platform, 'Photo Dose', recorder().actions);
      expect(labels(template)[0]).toBe('Datei');
      expect(submenu(template[0]!).at(-1)).toMatchObject({ role: 'quit' });
      expect(labels(submenu(template.at(-1)!))).toContain('Über Photo Dose');
    }
  });

  it('runs the chosen command in the window, shows shortcuts without taking the keys', () => {
    const seen = recorder();
    const template = menuTemplate(model, 'windows', 'Photo Dose', seen.actions);
    const save = find(template, 'Speichern')!;
    expect(save).toMatchObject({ accelerator: 'CmdOrCtrl+S', enabled: true });
    // The window handles its keys itself: a registered accelerator would run the command twice.
    expect(
      template.flatMap(submenu).filter((i) => i.accelerator && i.registerAccelerator !== false),
    ).toEqual([]);
    (save.click as () => void)();
    expect(seen.chosen).toEqual(['project.save']);
    expect(find(template, 'Rückgängig')).toMatchObject({ enabled: false });
  });

  it('gives text fields the system’s cut, copy, paste and select all in Edit', () => {
    const template = menuTemplate(model, 'mac', 'Photo Dose', recorder().actions);
    const edit = submenu(template.find((m) => m.label === 'Bearbeiten')!);
    expect(edit.filter((i) => i.role).map((i) => i.role)).toEqual([
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
  });

  it('speaks the window’s language', () => {
    const en = desktopMenus(designerCommands, null, 'en', projectOnlyCommands);
    const template = menuTemplate(en, 'mac', 'Photo Dose', recorder().actions);
    expect(labels(template).slice(0, 3)).toEqual(['Photo Dose', 'File', 'Edit']);
    expect(submenu(template[0]!)[0]!.label).toBe('About Photo Dose');
  });
});

describe('the desktop shell', () => {
  it('sets a project-only menu at start, then the window’s, and shows About in its language', async () => {
    const built: MenuItemConstructorOptions[][] = [];
    const boxes: { title: string; detail: string }[] = [];
    const ran: string[] = [];
    const shell = createDesktopShell(
      {
        Menu: {
          buildFromTemplate: (template) => {
            built.push(template as MenuItemConstructorOptions[]);
            return template as never;
          },
          setApplicationMenu: () => {},
        },
        showMessageBox: async (_window, options) => void boxes.push(options),
        platform: 'win32',
        appName: 'Photo Dose',
        version: '1.2.3',
        lab: { name: 'Photo Dose', city: 'Bremen' },
        runCommand: (id) => ran.push(id),
        window: () => undefined,
        opened: new OpenedFiles(),
      },
      'de',
    );
    expect(built).toHaveLength(1);
    expect(find(built[0]!, 'Öffnen …')).toMatchObject({ enabled: true });
    expect(find(built[0]!, 'Rückgängig')).toMatchObject({ enabled: false });
    shell.setMenu(desktopMenus(designerCommands, null, 'en', projectOnlyCommands));
    const help = built[1]!.at(-1)!;
    (submenu(help).find((i) => i.label === 'About Photo Dose')!.click as () => void)();
    expect(boxes).toEqual([
      expect.objectContaining({
        title: 'About Photo Dose',
        detail: expect.stringContaining('1.2.3'),
      }),
    ]);
    expect(boxes[0]!.detail).toContain('Photo Dose, Bremen');
    (find(built[1]!, 'Open…')!.click as () => void)();
    expect(ran).toEqual(['project.open']);
    expect(await shell.takeOpenedFile()).toBeNull();
  });

  it('knows the platforms by Node’s names', () => {
    expect([platformOf('darwin'), platformOf('win32'), platformOf('linux')]).toEqual([
      'mac',
      'windows',
      'linux',
    ]);
  });
});
