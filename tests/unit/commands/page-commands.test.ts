import { describe, expect, it } from 'vitest';
import { findProduct } from '../../../src/catalog/catalog';
import { designerCommands } from '../../../src/commands/designer-commands';
import {
  applyEffect,
  beginGesture,
  editorFor,
  type EditorState,
} from '../../../src/commands/editor';
import {
  dropSpread,
  openPage,
  pageCommands,
  shippedPageContext,
  spreadRefusal,
} from '../../../src/commands/page-commands';
import {
  commandForKey,
  commandOf,
  createRegistry,
  perform,
  type CommandDefinition,
} from '../../../src/commands/registry';
import { currentLayoutOf } from '../../../src/layout/apply';
import { layoutsFor } from '../../../src/layout/library';
import { addAssets, framesOn, newBook, placePhoto, type MakeId } from '../../../src/model/commands';
import { lastSurface, pagesOfSpread } from '../../../src/model/spreads';
import { catalog, frameOf, photo } from '../model/fixtures';
import { press as keyPress } from './key-press';
import { formatShortcut } from '../../../src/commands/shortcuts';

const book30 = findProduct(catalog, 'book-30x30-hardcover', 'photoBook');
const registry = createRegistry(pageCommands);
const run = (state: EditorState, ...ids: string[]) =>
  ids.reduce((s, id) => perform(registry, s, id), state);
const enabled = (state: EditorState, id: string) => commandOf(registry, id).isEnabled(state);
const undo = (state: EditorState) => applyEffect(state, { kind: 'undo' });

const appIds = (): MakeId => {
  let n = 0;
  return (prefix) => `${prefix}-app${++n}`;
};

/** A 30x30 book open at its first spread (pages 2 and 3). */
function opened(): EditorState {
  return { ...editorFor(newBook(book30, appIds())), surfaceIndex: 2 };
}

describe('page commands in the registry', () => {
  it('join the designer registry without a clash of id or shortcut', () => {
    const merged: CommandDefinition[] = [...designerCommands.commands.values()];
    const missing = pageCommands.filter((c) => !designerCommands.commands.has(c.id));
    expect(() => createRegistry([...merged, ...missing])).not.toThrow();
  });
});

describe('spread.add and spread.remove', () => {
  it('adds a spread after the open one as one undo step and opens it', () => {
    const start = opened();
    const added = run(start, 'spread.add');
    expect(added.book.options.pageCount).toBe(26);
    expect(added.surfaceIndex).toBe(3);
    expect(added.history.undo.map((e) => e.label)).toEqual(['spread.add']);
    expect(undo(added).book).toEqual(start.book);
  });

  it('removes only a spread, only above the minimum, and says why not', () => {
    const start = opened();
    expect(enabled(start, 'spread.remove')).toBe(false);
    expect(spreadRefusal(shippedPageContext, start, 'spread.remove')).toEqual({
      key: 'pages.refused.min',
      params: { min: 24 },
    });
    const added = run(start, 'spread.add');
    expect(enabled({ ...added, surfaceIndex: 1 }, 'spread.remove')).toBe(false);
    expect(
      spreadRefusal(shippedPageContext, { ...added, surfaceIndex: 1 }, 'spread.remove'),
    ).toEqual({ key: 'pages.refused.notSpread' });
    const removed = run({ ...added, surfaceIndex: 2 }, 'spread.remove');
    expect(removed.book.options.pageCount).toBe(24);
    expect(removed.book.pageIds).toEqual(added.book.pageIds.filter((id, i) => i !== 1 && i !== 2));
    expect(undo(removed).book).toEqual(added.book);
  });

  it('lets go of a selected frame that went with its spread', () => {
    const added = run(opened(), 'spread.add');
    // Spread 1 is the new, blank one; spread 2 holds pages 4 and 5 with their frames.
    const [left] = pagesOfSpread(added.book, 2);
    const frame = framesOn(added.book, left)[0]!;
    const removed = run({ ...added, surfaceIndex: 4, selectedFrameId: frame.id }, 'spread.remove');
    expect(removed.selectedFrameId).toBeNull();
  });

  it('is refused during a gesture', () => {
    const state = beginGesture(opened(), 'frame.move');
    expect(enabled(state, 'spread.add')).toBe(false);
  });
});

describe('spread.moveLeft and spread.moveRight', () => {
  it('move the open spread one place and keep it open, by key too', () => {
    const start = { ...opened(), surfaceIndex: 3 };
    const spread = pagesOfSpread(start.book, 1);
    expect(commandForKey(registry, keyPress('PageUp', { shift: true }), 'linux')?.id).toBe(
      'spread.moveLeft',
    );
    // German keyboards print Bild↑ on that key; macOS writes ⇞.
    expect(formatShortcut('Shift+PageUp', 'linux', 'de')).toBe('Umschalt+Bild↑');
    expect(formatShortcut('Shift+PageDown', 'mac', 'en')).toBe('⇧⇟');
    const left = run(start, 'spread.moveLeft');
    expect(pagesOfSpread(left.book, 0)).toEqual(spread);
    expect(left.surfaceIndex).toBe(2);
    expect(left.history.undo).toHaveLength(1);
    const right = run(left, 'spread.moveRight', 'spread.moveRight');
    expect(pagesOfSpread(right.book, 2)).toEqual(spread);
    expect(right.surfaceIndex).toBe(4);
  });

  it('stop at page 1 and at the last page', () => {
    const first = opened();
    expect(enabled(first, 'spread.moveLeft')).toBe(false);
    expect(spreadRefusal(shippedPageContext, first, 'spread.moveLeft')?.key).toBe(
      'pages.refused.firstSpread',
    );
    const last = { ...first, surfaceIndex: lastSurface(first.book) - 1 };
    expect(enabled(last, 'spread.moveRight')).toBe(false);
    expect(enabled({ ...first, surfaceIndex: 1 }, 'spread.moveRight')).toBe(false);
  });

  it('a drop in the page strip is one undo step', () => {
    const start = opened();
    const effect = dropSpread(start, 0, 5);
    if (!effect) throw new Error('refused');
    const next = applyEffect(start, effect);
    expect(pagesOfSpread(next.book, 4)).toEqual(pagesOfSpread(start.book, 0));
    expect(next.surfaceIndex).toBe(6);
    expect(next.history.undo).toHaveLength(1);
    expect(dropSpread(start, 0, 1)).toBeUndefined(); // just after itself: no move
  });
});

describe('layout.next', () => {
  it('shuffles the open page through layouts of its photo count, keeping its photo', () => {
    let state = opened();
    const p = photo(1, 6000, 4000);
    state = applyEffect(state, {
      kind: 'edit',
      label: 'photos.add',
      changes: addAssets(state.book, [p]),
      enters: 'history',
    });
    const page = openPage(state, book30)!;
    const frameId = frameOf(state.book, page.pageId);
    state = applyEffect(state, {
      kind: 'edit',
      label: 'frame.placePhoto',
      changes: placePhoto(state.book, frameId, p.id),
      enters: 'history',
      session: { selectedFrameId: frameId },
    });
    const ones = layoutsFor(shippedPageContext.templates, 1).map((t) => t.id);
    const seen: string[] = [];
    for (let i = 0; i < ones.length + 1; i++) {
      state = run(state, 'layout.next');
      const current = currentLayoutOf(
        state.book,
        page.pageId,
        page.panel,
        shippedPageContext.templates,
      );
      seen.push(current?.id ?? 'none');
      const photos = framesOn(state.book, page.pageId).flatMap((f) =>
        f.kind === 'photo' && f.assetId ? [f.assetId] : [],
      );
      expect(photos).toEqual([p.id]);
    }
    // Every one-photo layout once, in library order, then round again.
    expect(seen).toEqual([...ones, ones[0]]);
    expect(state.history.undo).toHaveLength(2 + ones.length + 1);
    // The frame holding the photo was kept, so it is still selected and still exists.
    expect(state.book.frames[frameId]).toBeDefined();
  });

  it('acts on the page of the selected frame, else the left page', () => {
    const state = opened();
    const [left, right] = pagesOfSpread(state.book, 0);
    expect(openPage(state, book30)?.pageId).toBe(left);
    const onRight = framesOn(state.book, right)[0]!.id;
    expect(openPage({ ...state, selectedFrameId: onRight }, book30)?.pageId).toBe(right);
    expect(openPage({ ...state, surfaceIndex: 0 }, book30)).toBeUndefined();
    expect(enabled({ ...state, surfaceIndex: 0 }, 'layout.next')).toBe(false);
  });
});

describe('view.nextSpread and view.previousSpread', () => {
  it('page through the book without touching history or redo', () => {
    const start = run(opened(), 'spread.add');
    const undone = undo(start);
    const next = run({ ...undone, selectedFrameId: 'x' }, 'view.nextSpread');
    expect(next.surfaceIndex).toBe(undone.surfaceIndex + 1);
    expect(next.selectedFrameId).toBeNull();
    expect(next.history).toBe(undone.history);
    expect(next.book).toBe(undone.book);
    expect(commandForKey(registry, keyPress('PageDown'), 'linux')?.id).toBe('view.nextSpread');
    expect(commandForKey(registry, keyPress('PageUp'), 'mac')?.id).toBe('view.previousSpread');
  });

  it('stop at the cover and at the last page', () => {
    const state = opened();
    expect(enabled({ ...state, surfaceIndex: 0 }, 'view.previousSpread')).toBe(false);
    expect(enabled({ ...state, surfaceIndex: 0 }, 'view.nextSpread')).toBe(true);
    const last = { ...state, surfaceIndex: lastSurface(state.book) };
    expect(enabled(last, 'view.nextSpread')).toBe(false);
    expect(run(last, 'view.previousSpread').surfaceIndex).toBe(lastSurface(state.book) - 1);
  });
});
