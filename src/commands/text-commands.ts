import catalogData from '../../assets/catalog.json';
import { findProduct, parseCatalog } from '../catalog/catalog';
import type { BookSpec } from '../geometry/book';
import type { Book, TextFrame } from '../model/book';
import { freshIds } from '../model/fresh-ids';
import { surfacesOfBook } from '../model/surfaces';
import { addTextFrame, setTextStyle, type TextStyle } from '../model/text-edits';
import { fontOrDefault, hasBold, hasItalic } from '../text/fonts';
import type { CommandDefinition } from './registry';
import type { CommandEffect, EditorState } from './editor';

/** What the text commands need beyond the editor state: the book's geometry. */
export interface TextCommandContext {
  /** The photo book a book is made as (a catalog photo book satisfies BookSpec). */
  productOf(book: Book): BookSpec;
}

/** The selected frame if it holds text. */
export function selectedTextFrame(state: EditorState): TextFrame | undefined {
  const frame = state.selectedFrameId ? state.book.frames[state.selectedFrameId] : undefined;
  return frame?.kind === 'text' ? frame : undefined;
}

/** What a command does when run although disabled: nothing. */
const nothing: CommandEffect = { kind: 'session', session: {} };

/**
 * The page a new text frame goes on: the selected frame's page when it lies on the open surface,
 * otherwise the surface's last panel (the right page of a spread, the cover's front).
 */
function targetPage(state: EditorState, spec: BookSpec): string | undefined {
  const placed = surfacesOfBook(state.book, spec)[state.surfaceIndex];
  if (!placed) return undefined;
  const selected = state.selectedFrameId ? state.book.frames[state.selectedFrameId] : undefined;
  const onSurface = placed.pages.find((p) => p.pageId === selected?.pageId);
  return (onSurface ?? placed.pages[placed.pages.length - 1])?.pageId;
}

/** A style change of the selected text frame as one undo step. */
function styleEffect(state: EditorState, patch: Partial<TextStyle>): CommandEffect {
  const frame = selectedTextFrame(state);
  if (!frame) return nothing;
  return {
    kind: 'edit',
    label: 'text.style',
    changes: setTextStyle(state.book, frame.id, patch),
    enters: 'history',
  };
}

const ALIGNMENTS = ['left', 'center', 'right', 'justify'] as const;

/**
 * The text commands, for the designer's registry: add a text frame to the open surface, bold,
 * italic and the four alignments of the selected text frame. Bold and italic are enabled only
 * where the frame's font has that face.
 *
 * `T` adds text, as in Figma and Excalidraw; Ctrl+Shift+T would be the browser's "reopen tab"
 * and never reach the page in the browser build.
 */
export function createTextCommands(context: TextCommandContext): CommandDefinition[] {
  const add: CommandDefinition = {
    id: 'text.add',
    label: 'command.text.add',
    shortcuts: ['T'],
    isEnabled: (s) => !s.gesture && targetPage(s, context.productOf(s.book)) !== undefined,
    run: (s) => {
      const spec = context.productOf(s.book);
      const pageId = targetPage(s, spec);
      if (!pageId) return nothing;
      // Derived from the book, so the same command on the same book makes the same id.
      const frameId = freshIds(s.book)('text');
      return {
        kind: 'edit',
        label: 'text.add',
        changes: addTextFrame(s.book, spec, pageId, frameId),
        enters: 'history',
        session: { selectedFrameId: frameId, selectedAssetId: null },
      };
    },
  };

  const bold: CommandDefinition = {
    id: 'text.bold',
    label: 'command.text.bold',
    shortcuts: ['Mod+B'],
    isEnabled: (s) => {
      const frame = selectedTextFrame(s);
      return !s.gesture && frame !== undefined && hasBold(fontOrDefault(frame.fontId));
    },
    run: (s) => styleEffect(s, { bold: !selectedTextFrame(s)?.bold }),
  };

  const italic: CommandDefinition = {
    id: 'text.italic',
    label: 'command.text.italic',
    shortcuts: ['Mod+I'],
    isEnabled: (s) => {
      const frame = selectedTextFrame(s);
      return !s.gesture && frame !== undefined && hasItalic(fontOrDefault(frame.fontId));
    },
    run: (s) => styleEffect(s, { italic: !selectedTextFrame(s)?.italic }),
  };

  const aligns = ALIGNMENTS.map((align): CommandDefinition => ({
    id: `text.align${align[0]!.toUpperCase()}${align.slice(1)}`,
    label: 'command.text.align',
    labelParams: { align },
    isEnabled: (s) => !s.gesture && selectedTextFrame(s) !== undefined,
    run: (s) => styleEffect(s, { align }),
  }));

  return [add, bold, italic, ...aligns];
}

const shippedCatalog = parseCatalog(catalogData);

/** The text commands for the catalog shipped in assets/, to register in the designer's registry. */
export const textCommands: readonly CommandDefinition[] = createTextCommands({
  productOf: (book) => findProduct(shippedCatalog, book.productId, 'photoBook'),
});
