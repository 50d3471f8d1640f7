import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopMenu } from '../src/contract/desktop';
import type { Platform } from '../src/commands/shortcuts';
import { translate, type MessageKey } from '../src/i18n/translate';

export interface MenuActions {
  /** A registry command was chosen: the window runs it, as if its key had been pressed. */
  command(id: string): void;
  about(): void;
  /** The lab's support page, if the lab configuration names one. */
  support?: () => void;
}

/**
 * The native menu bar: the renderer's menus (built from the command registry) wrapped in the
 * platform's own conventions: on macOS the app menu (About, Hide, Quit) first and a Window menu,
 * elsewhere Quit at the end of File and About under Help. The Edit menu also carries the system's
 * cut, copy, paste and select-all, which text fields need (on macOS they work only through it).
 *
 * The registry's shortcuts are shown but not registered with the system: the window already
 * handles its keys (and leaves them to a text field being typed in), so a key never runs twice and
 * Backspace in a caption never deletes a frame.
 */
export function menuTemplate(
  menu: DesktopMenu,
  platform: Platform,
  appName: string,
  actions: MenuActions,
): MenuItemConstructorOptions[] {
  const t = (key: MessageKey) => translate(menu.locale, key, { app: appName });
  const ours = menu.menus.map((m): MenuItemConstructorOptions => ({
    label: m.label,
    submenu: [
      ...m.items.map((item): MenuItemConstructorOptions => {
        if (item.kind === 'separator') return { type: 'separator' };
        const fieldRole = menu.textFocus ? TEXT_FIELD_ROLES[item.id] : undefined;
        // In a text field the system's undo and redo (with their keys) act on the field's text.
        if (fieldRole) return { role: fieldRole, label: item.label };
        return {
          label: item.label,
          enabled: item.enabled,
          ...(item.accelerator ? { accelerator: item.accelerator } : {}),
          registerAccelerator: false,
          click: () => actions.command(item.id),
        };
      }),
      ...(m.id === 'edit' ? editRoles(t) : []),
      ...(m.id === 'file' && platform !== 'mac'
        ? [{ type: 'separator' } as const, { role: 'quit', label: t('menu.quit') } as const]
        : []),
    ],
  }));
  const about: MenuItemConstructorOptions = { label: t('menu.about'), click: actions.about };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: t('menu.help'),
    submenu: [
      ...(actions.support ? [{ label: t('menu.support'), click: actions.support }] : []),
      ...(platform === 'mac' ? [] : [{ type: 'separator' } as const, about]),
    ],
  };
  if (platform !== 'mac') return [...ours, help];
  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      about,
      { type: 'separator' },
      { role: 'hide', label: t('menu.hide') },
      { role: 'hideOthers', label: t('menu.hideOthers') },
      { role: 'unhide', label: t('menu.showAll') },
      { type: 'separator' },
      { role: 'quit', label: t('menu.quit') },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    role: 'window',
    label: t('menu.window'),
    submenu: [
      { role: 'minimize', label: t('menu.minimize') },
      { role: 'close', label: t('menu.closeWindow') },
    ],
  };
  return [appMenu, ...ours, windowMenu, help];
}

/** Registry commands whose place the system's text-field roles take while a field has focus. */
const TEXT_FIELD_ROLES: Record<string, 'undo' | 'redo'> = {
  'edit.undo': 'undo',
  'edit.redo': 'redo',
};

function editRoles(t: (key: MessageKey) => string): MenuItemConstructorOptions[] {
  return [
    { type: 'separator' },
    { role: 'cut', label: t('menu.cut') },
    { role: 'copy', label: t('menu.copy') },
    { role: 'paste', label: t('menu.paste') },
    { role: 'selectAll', label: t('menu.selectAll') },
  ];
}
