import { useAppStore } from '../stores/app-store';
import { commandOf } from '../../src/commands/registry';
import { commandLabel, commandTitle } from '../../src/commands/labels';
import { designerCommands } from '../../src/commands/designer-commands';
import { platform } from '../platform';

/**
 * A toolbar button for a registered command: its label, its shortcut in the tooltip, and
 * enabled exactly when the command is, so the button and the key always agree.
 */
export function CommandButton({ id }: { id: string }) {
  const locale = useAppStore((s) => s.locale);
  const book = useAppStore((s) => s.book);
  const history = useAppStore((s) => s.history);
  const gesture = useAppStore((s) => s.gesture);
  const selectedAssetId = useAppStore((s) => s.selectedAssetId);
  const selectedFrameId = useAppStore((s) => s.selectedFrameId);
  const perform = useAppStore((s) => s.perform);
  const command = commandOf(designerCommands, id);
  const enabled =
    book !== null &&
    command.isEnabled({ book, history, gesture, selectedAssetId, selectedFrameId });
  return (
    <button
      onClick={() => perform(id)}
      disabled={!enabled}
      title={commandTitle(command, platform, locale)}
    >
      {commandLabel(command, locale)}
    </button>
  );
}
