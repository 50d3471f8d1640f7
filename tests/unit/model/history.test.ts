import { describe, expect, it } from 'vitest';
import type { Book } from '../../../src/model/book';
import type { Change } from '../../../src/model/changes';
import { addAssets, newBook, placePhoto } from '../../../src/model/commands';
import {
  cancelToMark,
  emptyHistory,
  mark,
  markGesture,
  record,
  redo,
  rollbackToMark,
  squashToMark,
  undo,
  type History,
} from '../../../src/model/history';
import { a4, counterIds, forward, pageAt, photo, photoFrameOn } from './fixtures';

type State = { book: Book; history: History };

/** What the app does for each command: apply the changes and record them. */
function perform(state: State, label: string, changes: Change[]): State {
  return { book: forward(state.book, changes), history: record(state.history, { label, changes }) };
}

/** One step of a drag: the photo frame of page 0 moved to x. */
function moveFrame(book: Book, xMm: number): Change[] {
  const frame = photoFrameOn(book, pageAt(book, 0));
  return [{ kind: 'frame', id: frame.id, before: frame, after: { ...frame, xMm } }];
}

function start(): { initial: Book; added: State; placed: State } {
  const initial = newBook(a4, counterIds());
  const p = photo(1, 6000, 4000);
  const added = perform({ book: initial, history: emptyHistory }, 'Add', addAssets(initial, [p]));
  const b = added.book;
  const placed = perform(added, 'Place', placePhoto(b, photoFrameOn(b, pageAt(b, 0)).id, p.id));
  return { initial, added, placed };
}

describe('history', () => {
  it('undo and redo restore the exact book', () => {
    const { initial, added, placed } = start();
    const once = undo(placed.history, placed.book);
    expect(once.book).toEqual(added.book);
    const twice = undo(once.history, once.book);
    expect(twice.book).toEqual(initial);
    expect(undo(twice.history, twice.book).book).toBe(twice.book);

    const again = redo(twice.history, twice.book);
    expect(again.book).toEqual(added.book);
    expect(redo(again.history, again.book).book).toEqual(placed.book);
  });

  it('a new step after undo drops the redo stack', () => {
    const { placed } = start();
    const back = undo(placed.history, placed.book);
    expect(back.history.redo).toHaveLength(1);
    const renamed = perform(back, 'Title', [{ kind: 'title', before: '', after: 'Sommer' }]);
    expect(renamed.history.redo).toEqual([]);
    expect(redo(renamed.history, renamed.book).book).toBe(renamed.book);
  });

  it('does not record an empty change list, nor clear redo for it', () => {
    const { placed } = start();
    const back = undo(placed.history, placed.book);
    const after = record(back.history, { label: 'Add nothing', changes: [] });
    expect(after).toBe(back.history);
    expect(redo(after, back.book).book).toEqual(placed.book);
  });

  it('squashes a drag into one entry that one undo reverts', () => {
    const { placed } = start();
    const at = mark(placed.history);
    let s = placed;
    for (const x of [5, 12, 30]) s = perform(s, 'drag', moveFrame(s.book, x));
    const history = squashToMark(s.history, at, 'Move photo');

    expect(history.undo).toHaveLength(at + 1);
    expect(history.undo.at(-1)?.label).toBe('Move photo');
    const back = undo(history, s.book);
    expect(back.book).toEqual(placed.book);
    expect(redo(back.history, back.book).book).toEqual(s.book);
  });

  it('rolls a cancelled drag back to the mark without leaving an entry', () => {
    const { initial, placed } = start();
    const at = mark(placed.history);
    let s = placed;
    for (const x of [5, 12]) s = perform(s, 'drag', moveFrame(s.book, x));
    const rolled = rollbackToMark(s.history, s.book, at);

    expect(rolled.book).toEqual(placed.book);
    expect(rolled.history.undo).toEqual(placed.history.undo);
    const first = undo(rolled.history, rolled.book);
    expect(undo(first.history, first.book).book).toEqual(initial);
  });

  it('cancelling a gesture begun after an undo brings back the redo stack its first step dropped', () => {
    const { placed } = start();
    const back = { ...placed, ...undo(placed.history, placed.book) };
    const at = markGesture(back.history);
    let s = back;
    for (const x of [5, 12]) s = perform(s, 'drag', moveFrame(s.book, x));
    expect(s.history.redo).toEqual([]);

    const cancelled = cancelToMark(s.history, s.book, at);
    expect(cancelled.book).toEqual(back.book);
    expect(cancelled.history).toEqual(back.history);
    expect(redo(cancelled.history, cancelled.book).book).toEqual(placed.book);
  });

  it('one undo takes back changes to several kinds of record, one redo brings them again', () => {
    const { placed } = start();
    const book = placed.book;
    const frame = photoFrameOn(book, pageAt(book, 0));
    const front = book.pages[book.cover.frontId]!;
    const title = { ...frame, id: 'cover-title', pageId: front.id, kind: 'text' as const };
    const changes: Change[] = [
      { kind: 'frame', id: frame.id, before: frame, after: undefined },
      {
        kind: 'frame',
        id: title.id,
        before: undefined,
        after: {
          ...title,
          text: 'Sommer 2026',
          fontId: 'lora',
          sizePt: 36,
          colour: '#ffffff',
          align: 'center',
          bold: true,
          italic: false,
        },
      },
      {
        kind: 'page',
        id: front.id,
        before: front,
        after: { ...front, background: { kind: 'colour', colour: '#1d3557' } },
      },
      { kind: 'options', before: { pageCount: 24 }, after: { pageCount: 26 } },
      { kind: 'title', before: '', after: 'Sommer' },
    ];
    const changed = perform(placed, 'Cover', changes);
    expect(changed.book.frames[frame.id]).toBeUndefined();
    expect(changed.book.frames['cover-title']).toMatchObject({ text: 'Sommer 2026' });
    expect(changed.book.pages[front.id]?.background).toEqual({ kind: 'colour', colour: '#1d3557' });
    expect(changed.book.options).toEqual({ pageCount: 26 });

    const back = undo(changed.history, changed.book);
    expect(back.book).toEqual(placed.book);
    expect(redo(back.history, back.book).book).toEqual(changed.book);
  });
});
