import { translate, type Locale, type MessageKey } from '../i18n/translate';
import { commandLabel } from './labels';
import { commandOf, type CommandRegistry } from './registry';
import type { EditorState } from './editor';
import { parseShortcut, type Shortcut } from './shortcuts';

/**
 * The desktop app's menu bar, built from the command registry: the same names, shortcuts and
 * enabled states as the toolbar and the keyboard, in the customer's language. The renderer
 * builds it (it holds the book) and hands the plain model to Electron's main process, which
 * only turns it into native menus and reports clicks back by command id.
 */
export interface MenuCommandItem {
  kind: 'command';
  id: string;
  label: string;
  /** Electron's accelerator spelling of the first shortcut, shown beside the label. */
  accelerator?: string;
  enabled: boolean;
}
export type MenuItemModel = MenuCommandItem | { kind: 'separator' };
export interface MenuModel {
  locale: Locale;
  /** The app's own menus; main adds the platform's (app menu, Edit roles, Window, Help). */
  menus: { id: string; label: string; items: MenuItemModel[] }[];
  /**
   * Focus is in a text field (a caption, the checkout form): undo, redo and the clipboard are
   * the field's, which on macOS work only through the Edit menu's system roles.
   */
  textFocus?: boolean;
}

/** A registered command id, or a separator between groups. */
type LayoutEntry = string | '-';

/** Which commands each menu lists, in order (registered commands only; a test checks the ids). */
export const desktopMenuLayout: readonly {
  id: string;
  label: MessageKey;
  items: readonly LayoutEntry[];
}[] = [
  {
    id: 'file',
    label: 'menu.file',
    // Support staff open a pulled order read-only from here (issue 11).
    items: ['project.open', '-', 'project.save', 'project.saveAs', '-', 'support.openOrder'],
  },
  {
    id: 'edit',
    label: 'menu.edit',
    items: ['edit.undo', 'edit.redo', '-', 'frame.duplicate', 'frame.delete'],
  },
  {
    id: 'view',
    label: 'menu.view',
    items: [
      'view.zoomIn',
      'view.zoomOut',
      'view.zoomFit',
      '-',
      'view.previousSpread',
      'view.nextSpread',
      '-',
      'view.preview',
    ],
  },
  {
    id: 'spread',
    label: 'menu.spread',
    items: [
      'spread.add',
      'spread.remove',
      '-',
      'spread.moveLeft',
      'spread.moveRight',
      '-',
      'layout.next',
    ],
  },
  {
    id: 'frame',
    label: 'menu.frame',
    items: [
      'selection.previousFrame',
      'selection.nextFrame',
      '-',
      'frame.bringForward',
      'frame.sendBackward',
      'frame.bringToFront',
      'frame.sendToBack',
      '-',
      'frame.rotateLeft',
      'frame.rotateRight',
      'frame.crop',
    ],
  },
  {
    id: 'text',
    label: 'menu.text',
    items: [
      'text.add',
      '-',
      'text.bold',
      'text.italic',
      '-',
      'text.alignLeft',
      'text.alignCenter',
      'text.alignRight',
      'text.alignJustify',
    ],
  },
];

/**
 * The menu model for the current state. Without a book (the start screen, prints, canvas) only
 * the project commands apply, as with the keyboard there (`projectOnly`).
 */
export function desktopMenus(
  registry: CommandRegistry,
  state: EditorState | null,
  locale: Locale,
  projectOnly: CommandRegistry,
): MenuModel {
  return {
    locale,
    menus: desktopMenuLayout.map((menu) => ({
      id: menu.id,
      label: translate(locale, menu.label),
      items: menu.items.map((entry): MenuItemModel => {
        if (entry === '-') return { kind: 'separator' };
        const command = commandOf(registry, entry);
        const enabled = state ? command.isEnabled(state) : projectOnly.commands.has(entry);
        const first = command.shortcuts?.[0];
        return {
          kind: 'command',
          id: entry,
          label: commandLabel(command, locale),
          ...(first === undefined ? {} : { accelerator: electronAccelerator(first) }),
          enabled,
        };
      }),
    })),
  };
}

/** Key names whose Electron spelling differs from `KeyboardEvent.key`. */
const ELECTRON_KEYS: Record<string, string> = {
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  '+': 'Plus',
  ' ': 'Space',
};

/** A registry shortcut in Electron's accelerator syntax: `Mod+Shift+Z` is `CmdOrCtrl+Shift+Z`. */
export function electronAccelerator(shortcut: Shortcut): string {
  const p = parseShortcut(shortcut);
  const mods = [p.mod && 'CmdOrCtrl', p.ctrl && 'Ctrl', p.alt && 'Alt', p.shift && 'Shift'];
  const key = ELECTRON_KEYS[p.key] ?? (p.key.length === 1 ? p.key.toUpperCase() : p.key);
  return [...mods.filter((m): m is string => typeof m === 'string'), key].join('+');
}
