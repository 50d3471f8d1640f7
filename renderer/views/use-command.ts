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
  const book = useAppStore((s) => s.book);
  const history = useAppStore((s) => s.history);
  const gesture = useAppStore((s) => s.gesture);
  const selectedAssetId = useAppStore((s) => s.selectedAssetId);
  const selectedFrameId = useAppStore((s) => s.selectedFrameId);
  const surfaceIndex = useAppStore((s) => s.surfaceIndex);
  const zoom = useAppStore((s) => s.zoom);
  const perform = useAppStore((s) => s.perform);
  const command = commandOf(designerCommands, id);
  const first = command.shortcuts?.[0];
  return {
    label: commandLabel(command, locale),
    title: commandTitle(command, platform, locale),
    shortcut: first === undefined ? '' : formatShortcut(first, platform, locale),
    ariaShortcut: first === undefined ? undefined : ariaShortcut(first, platform),
    enabled:
      book !== null &&
      command.isEnabled({
        book,
        history,
        gesture,
        selectedAssetId,
        selectedFrameId,
        surfaceIndex,
        zoom,
      }),
    run: () => void perform(id),
  };
}
