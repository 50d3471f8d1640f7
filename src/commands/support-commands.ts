import type { CommandEffect } from './editor';
import type { CommandDefinition } from './registry';

/**
 * Support's File, Open order ("Bestellung öffnen …"): a pulled order's folder, opened read-only
 * in the designer exactly as it was ordered. Like saving and opening a project it changes no
 * book: `perform` hands the request to the renderer, which asks the desktop host for the folder.
 */
export const openOrderCommand: CommandDefinition = {
  id: 'support.openOrder',
  label: 'command.support.openOrder',
  isEnabled: (s) => !s.gesture,
  run: () => ({ kind: 'request', request: 'support.openOrder' }),
};

export const supportCommands: readonly CommandDefinition[] = [openOrderCommand];

/**
 * What a read-only view (an order opened by support) lets a command do: look, never change.
 * Selection, zoom, turning the pages and the preview are the session's; edits, undo and redo,
 * and requests such as saving a project are refused; opening another order is allowed.
 */
export function readOnlyAllows(effect: CommandEffect): boolean {
  return (
    effect.kind === 'session' ||
    // Opening another order replaces the view; it changes nothing in this one.
    (effect.kind === 'request' && effect.request === 'support.openOrder')
  );
}
