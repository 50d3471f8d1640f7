import catalogData from '../../assets/catalog.json';
import layoutsData from '../../assets/layouts.json';
import { findProduct, parseCatalog, type PhotoBook } from '../catalog/catalog';
import type { PagePanel } from '../geometry/surface';
import { applyLayout, currentLayoutOf, photoCountOf } from '../layout/apply';
import { nextLayout } from '../layout/library';
import { parseLayouts, type LayoutTemplate } from '../layout/template';
import type { Book } from '../model/book';
import { freshIds } from '../model/fresh-ids';
import {
  addSpreads,
  dropTarget,
  lastSurface,
  moveSpread,
  removeSpread,
  spreadAtSurface,
  type Refusal,
  type SpreadEdit,
} from '../model/spreads';
import { surfacesOfBook, type BookSurface } from '../model/surfaces';
import type { CommandEffect, EditorState } from './editor';
import type { CommandDefinition } from './registry';

/**
 * Pages, spreads and layouts: add, remove and reorder spreads, shuffle a page's layout, and page
 * through the book. Definitions to register in the one registry (designer-commands.ts).
 *
 * These commands need the product (its page rules and geometry) and the layout templates, which
 * the editor state does not carry: `createPageCommands` takes them as a context, and
 * `pageCommands` is that for the catalog and templates shipped in assets/.
 */

/** What page commands need besides the editor state. */
export interface PageCommandContext {
  /** The photo book a book is made as (its `productId` in the catalog). */
  productOf(book: Book): PhotoBook;
  /** The layout library, in the order shuffle walks it. */
  templates: readonly LayoutTemplate[];
}

/** A page of the open surface and its panel, for layouts: inner pages only. */
export interface OpenPage {
  pageId: string;
  panel: PagePanel;
}

const nothing: CommandEffect = { kind: 'session', session: {} };

/** What finding the open surface and page reads: the book and the session's surface and frame. */
export type OpenState = Pick<EditorState, 'book' | 'surfaceIndex' | 'selectedFrameId'>;

/** The surface the session has open, if the index is in range. */
export function openSurface(state: OpenState, product: PhotoBook): BookSurface | undefined {
  return surfacesOfBook(state.book, product)[state.surfaceIndex];
}

/**
 * The page a layout applies to: the selected frame's page if it lies on the open surface, else
 * the open surface's first (left) page. None on the cover, whose panels are not book pages.
 */
export function openPage(state: OpenState, product: PhotoBook): OpenPage | undefined {
  const surface = openSurface(state, product);
  if (!surface || surface.surface.role === 'cover') return undefined;
  const selectedPage = state.selectedFrameId
    ? state.book.frames[state.selectedFrameId]?.pageId
    : undefined;
  const placed = surface.pages.find((p) => p.pageId === selectedPage) ?? surface.pages[0];
  if (!placed || !('bleed' in placed.panel)) return undefined;
  return { pageId: placed.pageId, panel: placed.panel as PagePanel };
}

/** A spread edit as an effect: one undo step, and the surface it leaves open. */
function spreadEffect(label: string, edit: SpreadEdit, state: EditorState): CommandEffect {
  if (!edit.ok) return nothing;
  const selected = state.selectedFrameId;
  const removed = edit.changes.some((c) => c.kind === 'frame' && c.id === selected && !c.after);
  return {
    kind: 'edit',
    label,
    changes: edit.changes,
    enters: 'history',
    session: { surfaceIndex: edit.surfaceIndex, ...(removed ? { selectedFrameId: null } : {}) },
  };
}

/** The spread edit each spread command would make now. */
function spreadEdits(context: PageCommandContext) {
  const rule = (s: EditorState) => context.productOf(s.book).pages;
  const move = (s: EditorState, by: 1 | -1): SpreadEdit => {
    const open = spreadAtSurface(s.book, s.surfaceIndex);
    if (open === undefined) return { ok: false, refusal: { key: 'pages.refused.notSpread' } };
    return moveSpread(s.book, open, open + by);
  };
  return {
    // Asking whether it is enabled (every render of its button) needs no real ids.
    'spread.add': (s: EditorState, probe = false) =>
      addSpreads(s.book, rule(s), s.surfaceIndex, probe ? () => 'probe' : freshIds(s.book)),
    'spread.remove': (s: EditorState) => removeSpread(s.book, rule(s), s.surfaceIndex),
    'spread.moveLeft': (s: EditorState) => move(s, -1),
    'spread.moveRight': (s: EditorState) => move(s, 1),
  } as const;
}

type SpreadCommandId = keyof ReturnType<typeof spreadEdits>;

const spreadShortcuts: Record<SpreadCommandId, string[]> = {
  'spread.add': [],
  'spread.remove': [],
  // PageUp and PageDown turn the pages; with Shift they carry the open spread along.
  'spread.moveLeft': ['Shift+PageUp'],
  'spread.moveRight': ['Shift+PageDown'],
};

/** Why a spread command cannot run now, for a disabled button's explanation. */
export function spreadRefusal(
  context: PageCommandContext,
  state: EditorState,
  id: SpreadCommandId,
): Refusal | undefined {
  const edit = spreadEdits(context)[id](state);
  return edit.ok ? undefined : edit.refusal;
}

/** Moves a spread dragged in the page strip into the gap before inner spread `before`. */
export function dropSpread(
  state: EditorState,
  from: number,
  before: number,
): CommandEffect | undefined {
  const edit = moveSpread(state.book, from, dropTarget(from, before));
  return edit.ok ? spreadEffect('spread.move', edit, state) : undefined;
}

/** The layout shuffle would put on the open page now, and what it does. */
function shuffled(context: PageCommandContext, state: EditorState) {
  const product = context.productOf(state.book);
  const page = openPage(state, product);
  if (!page) return undefined;
  const { templates } = context;
  const current = currentLayoutOf(state.book, page.pageId, page.panel, templates);
  const count = photoCountOf(state.book, page.pageId, page.panel, templates);
  const template = nextLayout(templates, current?.id, count);
  if (!template) return undefined;
  const applied = applyLayout(state.book, page.pageId, page.panel, template, {
    makeId: freshIds(state.book),
  });
  return applied.changes.length > 0 ? applied : undefined;
}

/** Page through the book: the cover, page 1, each spread, the last page. Session only. */
function stepSurface(step: 1 | -1): CommandDefinition {
  const target = (s: EditorState) => s.surfaceIndex + step;
  return {
    id: step === 1 ? 'view.nextSpread' : 'view.previousSpread',
    label: step === 1 ? 'command.view.nextSpread' : 'command.view.previousSpread',
    shortcuts: [step === 1 ? 'PageDown' : 'PageUp'],
    isEnabled: (s) => !s.gesture && target(s) >= 0 && target(s) <= lastSurface(s.book),
    // The selected frame stays behind on the old spread: arrows must not move what is not seen.
    run: (s) => ({ kind: 'session', session: { surfaceIndex: target(s), selectedFrameId: null } }),
  };
}

/** The page commands for a product lookup and a layout library. */
export function createPageCommands(context: PageCommandContext): CommandDefinition[] {
  const edits = spreadEdits(context);
  const spreadCommands = (Object.keys(edits) as SpreadCommandId[]).map((id): CommandDefinition => ({
    id,
    label: `command.${id}`,
    shortcuts: spreadShortcuts[id],
    isEnabled: (s) => !s.gesture && edits[id](s, true).ok,
    run: (s) => spreadEffect(id, edits[id](s), s),
  }));
  const layoutNext: CommandDefinition = {
    id: 'layout.next',
    label: 'command.layout.next',
    isEnabled: (s) => !s.gesture && shuffled(context, s) !== undefined,
    run: (s) => {
      const applied = shuffled(context, s);
      if (!applied) return nothing;
      return { kind: 'edit', label: 'layout.next', changes: applied.changes, enters: 'history' };
    },
  };
  return [...spreadCommands, layoutNext, stepSurface(1), stepSurface(-1)];
}

/** The catalog shipped with the app: the products a book can be made as. */
const shippedCatalog = parseCatalog(catalogData);

/** The layout templates shipped with the app, in library order. */
export const shippedTemplates: readonly LayoutTemplate[] = parseLayouts(layoutsData).templates;

/** The context of the shipped catalog and layouts. */
export const shippedPageContext: PageCommandContext = {
  productOf: (book) => findProduct(shippedCatalog, book.productId, 'photoBook'),
  templates: shippedTemplates,
};

/** The page commands for the app as shipped; designer-commands.ts registers them. */
export const pageCommands: readonly CommandDefinition[] = createPageCommands(shippedPageContext);
