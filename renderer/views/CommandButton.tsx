import { useCommand } from './use-command';

interface Props {
  id: string;
  /**
   * A symbol shown instead of the label where space is short (zoom's − and +); the label stays
   * the button's accessible name and its tooltip, so nothing is lost to a screen reader.
   */
  icon?: string;
}

/**
 * A toolbar button for a registered command: its label, its shortcut in the tooltip, and
 * enabled exactly when the command is, so the button and the key always agree.
 */
export function CommandButton({ id, icon }: Props) {
  const command = useCommand(id);
  return (
    <button
      className={icon ? 'icon-button' : undefined}
      onClick={command.run}
      disabled={!command.enabled}
      title={command.title}
      aria-label={icon ? command.label : undefined}
      aria-keyshortcuts={command.ariaShortcut}
    >
      {icon ? <span aria-hidden="true">{icon}</span> : command.label}
    </button>
  );
}
