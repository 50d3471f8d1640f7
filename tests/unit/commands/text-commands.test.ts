import { describe, expect, it } from 'vitest';
import { findProduct } from '../../../src/catalog/catalog';
import { designerCommands } from '../../../src/commands/designer-commands';
import { editorFor, type EditorState } from '../../../src/commands/editor';
import { commandLabel } from '../../../src/commands/labels';
import { commandForKey, commandOf, createRegistry, perform } from '../../../src/commands/registry';
import { createTextCommands } from '../../../src/commands/text-commands';
import type { TextFrame } from '../../../src/model/book';
import { newBook } from '../../../src/model/commands';
import { setTextStyle } from '../../../src/model/text-edits';
import { catalog, counterIds, forward, pageAt, photoFrameOn } from '../model/fixtures';
import { press } from './key-press';

const product = findProduct(catalog, 'book-30x30-hardcover', 'photoBook');

/** The designer's one registry, where the text commands are registered with the shipped catalog. */
const registry = designerCommands;

const run = (state: EditorState, ...ids: string[]) =>
  ids.reduce((s, id) => perform(registry, s, id), state);
const enabled = (state: EditorState, id: string) => commandOf(registry, id).isEnabled(state);

function selectedText(state: EditorState): TextFrame {
  const frame = state.selectedFrameId ? state.book.frames[state.selectedFrameId] : undefined;
  if (frame?.kind !== 'text') throw new Error('no text frame selected');
  return frame;
}

/** A fresh book with spread 2-3 open (surface 2). */
const onSpread = (): EditorState => ({
  ...editorFor(newBook(product, counterIds())),
  surfaceIndex: 2,
});

describe('text.add', () => {
  it('adds a selected text frame to the open spread as one undo step', () => {
    const start = onSpread();
    const added = run(start, 'text.add');
    const frame = selectedText(added);
    expect(frame.id).toBe('text-1');
    // No frame selected: the spread's right page.
    expect(frame.pageId).toBe(pageAt(start.book, 2));
    expect(added.history.undo.map((e) => e.label)).toEqual(['text.add']);
    const undone = run(added, 'edit.undo');
    expect(undone.book).toEqual(start.book);
  });

  it("goes on the selected frame's page when that page is open, on the front when the cover is", () => {
    const start = onSpread();
    const left = photoFrameOn(start.book, pageAt(start.book, 1));
    const added = run({ ...start, selectedFrameId: left.id }, 'text.add');
    expect(selectedText(added).pageId).toBe(left.pageId);
    const onCover = run({ ...start, surfaceIndex: 0 }, 'text.add');
    expect(selectedText(onCover).pageId).toBe(start.book.cover.frontId);
  });

  it('is disabled during a drag and where no surface is open', () => {
    const start = onSpread();
    expect(enabled({ ...start, surfaceIndex: 99 }, 'text.add')).toBe(false);
    const dragging = { ...start, gesture: { mark: { depth: 0 }, label: 'drag' } } as EditorState;
    expect(enabled(dragging, 'text.add')).toBe(false);
  });

  it('answers to T', () => {
    expect(commandForKey(registry, press('t'), 'linux')?.id).toBe('text.add');
  });
});

describe('bold and italic', () => {
  it('toggle on the selected text frame, each press one undo step', () => {
    const added = run(onSpread(), 'text.add');
    const bold = run(added, 'text.bold');
    expect(selectedText(bold).bold).toBe(true);
    const both = run(bold, 'text.italic');
    expect(selectedText(both)).toMatchObject({ bold: true, italic: true });
    expect(selectedText(run(both, 'text.bold')).bold).toBe(false);
    expect(selectedText(run(both, 'edit.undo'))).toMatchObject({ bold: true, italic: false });
  });

  it('are disabled where the font lacks the face, and for photos', () => {
    const added = run(onSpread(), 'text.add');
    const id = selectedText(added).id;
    const script = {
      ...added,
      book: forward(added.book, setTextStyle(added.book, id, { fontId: 'dancing-script' })),
    };
    expect([enabled(script, 'text.bold'), enabled(script, 'text.italic')]).toEqual([true, false]);
    // Run anyway (a key pressed while the menu still showed it enabled): nothing changes.
    expect(run(script, 'text.italic')).toBe(script);
    const photo = { ...added, selectedFrameId: photoFrameOn(added.book, pageAt(added.book, 2)).id };
    expect([enabled(photo, 'text.bold'), enabled(photo, 'text.italic')]).toEqual([false, false]);
  });

  it('answer to Ctrl+B and Ctrl+I (Cmd on macOS)', () => {
    expect(commandForKey(registry, press('b', { ctrl: true }), 'windows')?.id).toBe('text.bold');
    expect(commandForKey(registry, press('i', { meta: true }), 'mac')?.id).toBe('text.italic');
  });
});

describe('alignment', () => {
  it('sets each alignment on the selected text frame', () => {
    let s = run(onSpread(), 'text.add');
    for (const [id, align] of [
      ['text.alignCenter', 'center'],
      ['text.alignRight', 'right'],
      ['text.alignJustify', 'justify'],
      ['text.alignLeft', 'left'],
    ] as const) {
      s = run(s, id);
      expect(selectedText(s).align).toBe(align);
    }
    // The add, then one step per press.
    expect(s.history.undo).toHaveLength(5);
    expect(run(s, 'text.alignLeft').history.undo).toHaveLength(5);
  });
});

describe('createTextCommands', () => {
  it('places frames by the geometry of the product its context names', () => {
    const others = [...designerCommands.commands.values()].filter((c) => !c.id.startsWith('text.'));
    const a4 = findProduct(catalog, 'book-a4-hardcover', 'photoBook');
    const own = createRegistry([...others, ...createTextCommands({ productOf: () => a4 })]);
    // A 30x30 book measured as A4: 60 % of an A4 page's safe width (210 - 8 - 12 mm), where the
    // shipped catalog gives 60 % of 300 - 8 - 12 mm.
    expect(selectedText(perform(own, onSpread(), 'text.add')).widthMm).toBe(114);
    expect(selectedText(perform(designerCommands, onSpread(), 'text.add')).widthMm).toBe(168);
  });
});

describe('labels', () => {
  it('name each command in German and English', () => {
    const names = (locale: 'de' | 'en') =>
      ['text.add', 'text.bold', 'text.italic', 'text.alignCenter'].map((id) =>
        commandLabel(commandOf(registry, id), locale),
      );
    expect(names('de')).toEqual(['Text hinzufügen', 'Fett', 'Kursiv', 'Zentriert']);
    expect(names('en')).toEqual(['Add text', 'Bold', 'Italic', 'Centre']);
  });
});
