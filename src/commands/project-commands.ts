import { createRegistry, type CommandDefinition, type CommandRegistry } from './registry';
import type { OutsideRequest } from './editor';
import { supportCommands } from './support-commands';

/**
 * Saving and opening the project: registered once like every command, so the toolbar, the
 * keyboard (Ctrl+S, Ctrl+Shift+S, Ctrl+O) and later the desktop menus agree. They change nothing
 * in the book: `perform` hands the request to the renderer, which shows the file dialogs.
 */
function projectCommand(
  id: Exclude<OutsideRequest, 'support.openOrder'>,
  shortcut: string,
): CommandDefinition {
  const label = {
    'project.save': 'command.project.save',
    'project.saveAs': 'command.project.saveAs',
    'project.open': 'command.project.open',
  } as const;
  return {
    id,
    label: label[id],
    shortcuts: [shortcut],
    // Not in the middle of a drag: the file would hold half a gesture.
    isEnabled: (s) => !s.gesture,
    run: () => ({ kind: 'request', request: id }),
  };
}

export const projectCommands: readonly CommandDefinition[] = [
  projectCommand('project.save', 'Mod+S'),
  projectCommand('project.saveAs', 'Mod+Shift+S'),
  projectCommand('project.open', 'Mod+O'),
];

/**
 * The same commands on their own, for screens without the book designer (the start screen,
 * prints, canvas), where only these keys mean something.
 */
export const projectOnlyCommands: CommandRegistry = createRegistry([
  ...projectCommands,
  ...supportCommands,
]);
