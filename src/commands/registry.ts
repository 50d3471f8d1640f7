import type { MessageKey, MessageParams } from '../i18n/translate';
import { applyEffect, type CommandEffect, type EditorState } from './editor';
import {
  matchesShortcut,
  normalizeShortcut,
  type KeyPress,
  type Platform,
  type Shortcut,
} from './shortcuts';

/**
 * A command, registered once: the toolbar, the context menu, the keyboard and (later) the
 * desktop menus all show its label and shortcut, ask whether it is enabled, and run it through
 * the same `perform`.
 */
export interface CommandDefinition {
  /** Dotted and stable, e.g. `edit.undo`, `frame.nudgeLeft`: menus and tests refer to it. */
  readonly id: string;
  /** The message that names it in the customer's language. */
  readonly label: MessageKey;
  readonly labelParams?: MessageParams;
  /** Platform-neutral shortcuts (see shortcuts.ts); the first is the one menus show. */
  readonly shortcuts?: readonly Shortcut[];
  /** Whether it would do anything now; a disabled command's button is greyed out. */
  isEnabled(state: EditorState): boolean;
  /** What it does: changes and whether they enter history, or a step through history. */
  run(state: EditorState): CommandEffect;
}

/** The registered commands by id, in registration order. */
export interface CommandRegistry {
  readonly commands: ReadonlyMap<string, CommandDefinition>;
}

/** Registers commands; refuses an id twice and a shortcut twice, since either would be ambiguous. */
export function createRegistry(definitions: readonly CommandDefinition[]): CommandRegistry {
  const commands = new Map<string, CommandDefinition>();
  const shortcutOwners = new Map<string, string>();
  for (const command of definitions) {
    if (commands.has(command.id)) throw new Error(`command ${command.id} is registered twice`);
    for (const shortcut of command.shortcuts ?? []) {
      const normal = normalizeShortcut(shortcut);
      const owner = shortcutOwners.get(normal);
      if (owner !== undefined) {
        throw new Error(`shortcut ${shortcut} of ${command.id} already belongs to ${owner}`);
      }
      shortcutOwners.set(normal, command.id);
    }
    commands.set(command.id, command);
  }
  return { commands };
}

/** The command of an id; an unknown id is a programming error, so it throws. */
export function commandOf(registry: CommandRegistry, id: string): CommandDefinition {
  const command = registry.commands.get(id);
  if (!command) throw new Error(`no command ${id}`);
  return command;
}

/** The command a key press means on this platform, or undefined when it means none. */
export function commandForKey(
  registry: CommandRegistry,
  press: KeyPress,
  platform: Platform,
): CommandDefinition | undefined {
  for (const command of registry.commands.values()) {
    if (command.shortcuts?.some((s) => matchesShortcut(s, press, platform))) return command;
  }
  return undefined;
}

/**
 * Runs a command if it is enabled: its changes applied, recorded in history when they enter it,
 * selection left out of history. A disabled command returns the very same state.
 */
export function perform(registry: CommandRegistry, state: EditorState, id: string): EditorState {
  const command = commandOf(registry, id);
  if (!command.isEnabled(state)) return state;
  return applyEffect(state, command.run(state));
}
