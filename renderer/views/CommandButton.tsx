import { useCommand } from './use-command';

/**
 * A toolbar button for a registered command: its label, its shortcut in the tooltip, and
 * enabled exactly when the command is, so the button and the key always agree.
 */
export function CommandButton({ id }: { id: string }) {
  const command = useCommand(id);
  return (
    <button
      onClick={command.run}
      disabled={!command.enabled}
      title={command.title}
      aria-keyshortcuts={command.ariaShortcut}
    >
      {command.label}
    </button>
  );
}
