import { fillBook, type FillOptions } from '../layout/assistant';
import { freshIds } from '../model/fresh-ids';
import type { CommandEffect, EditorState } from './editor';
import { shippedPageContext, type PageCommandContext } from './page-commands';
import type { CommandDefinition } from './registry';

/**
 * The assistant's fill as commands: one per choice of its dialog (which photos, which pages),
 * so the dialog, a menu or a test all run it through the one `perform`, and its whole result is
 * one undo step.
 */
export const FILL_COMMANDS = {
  'assistant.fill': { photos: 'unused', pages: 'keep' },
  'assistant.fillAll': { photos: 'all', pages: 'keep' },
  'assistant.refill': { photos: 'unused', pages: 'redo' },
  'assistant.refillAll': { photos: 'all', pages: 'redo' },
} as const satisfies Record<string, FillOptions>;

export type FillCommandId = keyof typeof FILL_COMMANDS;

/** The command that fills with these options. */
export function fillCommandId(options: FillOptions): FillCommandId {
  const ids = Object.keys(FILL_COMMANDS) as FillCommandId[];
  const found = ids.find(
    (id) =>
      FILL_COMMANDS[id].photos === options.photos && FILL_COMMANDS[id].pages === options.pages,
  );
  if (!found) throw new Error(`no fill command for ${JSON.stringify(options)}`);
  return found;
}

/** What a fill would do now: the assistant's dialog shows it before the customer confirms. */
export function plannedFill(context: PageCommandContext, state: EditorState, options: FillOptions) {
  return fillBook(state.book, options, {
    product: context.productOf(state.book),
    templates: context.templates,
    makeId: freshIds(state.book),
  });
}

/** The fill commands for a product lookup and a layout library. */
export function createAssistantCommands(context: PageCommandContext): CommandDefinition[] {
  return (Object.keys(FILL_COMMANDS) as FillCommandId[]).map((id) => ({
    id,
    label: 'command.assistant.fill',
    // Cheap on purpose: a button asks on every change of the store. Whether anything is left
    // to place is the fill's to find out; a fill with nothing to do records no step.
    isEnabled: (s) => !s.gesture && Object.keys(s.book.assets).length > 0,
    run: (s): CommandEffect => {
      const filled = plannedFill(context, s, FILL_COMMANDS[id]);
      return {
        kind: 'edit',
        label: id,
        changes: filled.changes,
        enters: 'history',
        // Frames of the old pages may be gone; show the book from its first page.
        session: filled.changes.length > 0 ? { selectedFrameId: null, surfaceIndex: 1 } : {},
      };
    },
  }));
}

/** The fill commands for the app as shipped; designer-commands.ts registers them. */
export const assistantCommands: readonly CommandDefinition[] =
  createAssistantCommands(shippedPageContext);
