import { useMemo } from 'react';
import { useAppStore } from '../stores/app-store';
import { commandOf } from '../../src/commands/registry';
import { commandLabel, commandTitle } from '../../src/commands/labels';
import { designerCommands } from '../../src/commands/designer-commands';
import { ariaShortcut, formatShortcut } from '../../src/commands/shortcuts';
import { platform } from '../platform';

/** What a button or menu item shows of a registered command, and how it runs it. */
export interface CommandView {
  label: string;
  /** The label with the first shortcut, for a tooltip. */
  title: string;
  /** The first shortcut as this keyboard prints it, or '' when it has none. */
  shortcut: string;
  /** The first shortcut for `aria-keyshortcuts`. */
  ariaShortcut: string | undefined;
  enabled: boolean;
  run(): void;
}

/** A registered command as the UI shows it: so a button, a menu item and the key always agree. */
export function useCommand(id: string): CommandView {
  const locale = useAppStore((s) => s.locale);
  const perform = useAppStore((s) => s.perform);
  const command = commandOf(designerCommands, id);
  // One boolean from the store, not the book and the selection: a toolbar button then draws
  // again only when its command turns on or off, not on every pointer move of a drag.
  const enabled = useAppStore((s) => s.book !== null && command.isEnabled({ ...s, book: s.book }));
  const first = command.shortcuts?.[0];
  const text = useMemo(
    () => ({
      label: commandLabel(command, locale),
      title: commandTitle(command, platform, locale),
      shortcut: first === undefined ? '' : formatShortcut(first, platform, locale),
      ariaShortcut: first === undefined ? undefined : ariaShortcut(first, platform),
    }),
    [command, first, locale],
  );
  return { ...text, enabled, run: () => void perform(id) };
}
