import type { BrowserWindow, Menu as MenuClass, MenuItemConstructorOptions } from 'electron';
import type { DesktopMenu } from '../src/contract/desktop';
import { desktopMenus } from '../src/commands/desktop-menus';
import { designerCommands } from '../src/commands/designer-commands';
import { projectOnlyCommands } from '../src/commands/project-commands';
import type { Platform } from '../src/commands/shortcuts';
import { translate, type Locale } from '../src/i18n/translate';
import type { DesktopShell } from '../services/host/create-host';
import type { OpenedFiles } from '../services/host/opened-files';
import { menuTemplate } from './menu';

/** The parts of Electron main uses here, handed in so the wiring stays readable. */
export interface ShellDeps {
  Menu: Pick<typeof MenuClass, 'buildFromTemplate' | 'setApplicationMenu'>;
  showMessageBox(
    window: BrowserWindow | undefined,
    options: { title: string; message: string; detail: string; buttons: string[] },
  ): Promise<unknown>;
  platform: NodeJS.Platform;
  appName: string;
  version: string;
  lab: { name: string; city: string };
  /** Opens the lab's support page (Help menu), when its configuration names one. */
  openSupport?: () => void;
  /** Runs a command in the window (an `app.command` event). */
  runCommand(id: string): void;
  window(): BrowserWindow | undefined;
  opened: OpenedFiles;
  /** Self-updates, when the app is installed and its lab names an update feed. */
  updates?: DesktopShell['updates'];
}

export function platformOf(platform: NodeJS.Platform): Platform {
  return platform === 'darwin' ? 'mac' : platform === 'win32' ? 'windows' : 'linux';
}

/**
 * The host's desktop-only services for Electron: the menu bar from the model the window sends,
 * the About box, the project files the system opened. Until the window sends its first menu, the
 * menu has the project commands only (what applies before a book is open), in the system language.
 */
export function createDesktopShell(deps: ShellDeps, systemLocale: Locale): DesktopShell {
  let locale = systemLocale;
  const platform = platformOf(deps.platform);
  const about = () => {
    const p = {
      app: deps.appName,
      version: deps.version,
      lab: `${deps.lab.name}, ${deps.lab.city}`,
    };
    void deps.showMessageBox(deps.window(), {
      title: translate(locale, 'about.title', p),
      message: deps.appName,
      detail: translate(locale, 'about.detail', p),
      buttons: [translate(locale, 'about.ok')],
    });
  };
  const setMenu = (menu: DesktopMenu) => {
    locale = menu.locale;
    const template: MenuItemConstructorOptions[] = menuTemplate(menu, platform, deps.appName, {
      command: deps.runCommand,
      about,
      support: deps.openSupport,
    });
    deps.Menu.setApplicationMenu(deps.Menu.buildFromTemplate(template));
  };
  setMenu(desktopMenus(designerCommands, null, systemLocale, projectOnlyCommands));
  return { setMenu, takeOpenedFile: () => deps.opened.take(), updates: deps.updates };
}
