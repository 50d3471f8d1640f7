import { describe, expect, it } from 'vitest';
import {
  applyEffect,
  beginGesture,
  cancelGesture,
  editorFor,
  endGesture,
  updateGesture,
  type EditorState,
} from '../../../src/commands/editor';
import { perform } from '../../../src/commands/registry';
import { designerCommands } from '../../../src/commands/designer-commands';
import type { Change } from '../../../src/model/changes';
import { addAssets, newBook, placePhoto } from '../../../src/model/commands';
import { a4, counterIds, frameOf, pageAt, photo, photoFrameOn } from '../model/fixtures';

const run = (state: EditorState, ...ids: string[]) =>
  ids.reduce((s, id) => perform(designerCommands, s, id), state);

/** A book with one photo added and placed on page 1, its frame selected, two undo steps deep. */
function placed(): EditorState {
  const book = newBook(a4, counterIds());
  const p = photo(1, 6000, 4000);
  let s = editorFor(book);
  s = applyEffect(s, {
    kind: 'edit',
    label: 'photos.add',
    changes: addAssets(s.book, [p]),
    enters: 'history',
  });
  const frameId = frameOf(s.book, pageAt(s.book, 0));
  return applyEffect(s, {
    kind: 'edit',
    label: 'frame.placePhoto',
    changes: placePhoto(s.book, frameId, p.id),
    enters: 'history',
    session: { selectedFrameId: frameId },
  });
}

/** The page 1 frame moved to x: one pointer move of a drag. */
function moveTo(state: EditorState, xMm: number): Change[] {
  const frame = photoFrameOn(state.book, pageAt(state.book, 0));
  return [{ kind: 'frame', id: frame.id, before: frame, after: { ...frame, xMm } }];
}

describe('perform', () => {
  it('records an edit as one undo step and drops redo', () => {
    const start = placed();
    const undone = run(start, 'edit.undo');
    expect(undone.history.redo).toHaveLength(1);
    const nudged = run(undone, 'frame.nudgeRight');
    expect(nudged.history.undo.map((e) => e.label)).toEqual(['photos.add', 'frame.nudgeRight']);
    expect(nudged.history.redo).toEqual([]);
  });

  it('undo and redo through the registry restore the exact book', () => {
    const start = placed();
    const undone = run(start, 'edit.undo');
    expect(photoFrameOn(undone.book, pageAt(undone.book, 0)).assetId).toBeNull();
    expect(run(undone, 'edit.redo').book).toEqual(start.book);
    expect(run(start, 'edit.undo', 'edit.undo', 'edit.redo', 'edit.redo').book).toEqual(start.book);
  });

  it('selection never enters history and never clears redo', () => {
    const undone = run(placed(), 'edit.undo');
    const moved = run(undone, 'selection.nextFrame', 'selection.previousFrame', 'edit.escape');
    expect(moved.history).toBe(undone.history);
    expect(moved.book).toBe(undone.book);
    expect(moved.selectedFrameId).toBeNull();
    const selected = applyEffect(undone, {
      kind: 'session',
      session: { selectedAssetId: photo(1, 6000, 4000).id },
    });
    expect(selected.history).toBe(undone.history);
  });

  it('an edit that never enters history applies and leaves both stacks alone', () => {
    const undone = run(placed(), 'edit.undo');
    const next = applyEffect(undone, {
      kind: 'edit',
      label: 'title',
      changes: [{ kind: 'title', before: '', after: 'Sommer' }],
      enters: 'never',
    });
    expect(next.book.title).toBe('Sommer');
    expect(next.history).toBe(undone.history);
  });

  it('a disabled command returns the very same state', () => {
    const fresh = editorFor(newBook(a4, counterIds()));
    expect(run(fresh, 'edit.undo')).toBe(fresh);
    expect(run(fresh, 'frame.delete')).toBe(fresh);
    expect(run(fresh, 'frame.nudgeLeft')).toBe(fresh);
    expect(run(fresh, 'edit.escape')).toBe(fresh);
  });

  it('nudges the selected frame by 1 mm, with Shift by 10 mm', () => {
    const start = placed();
    const frame = photoFrameOn(start.book, pageAt(start.book, 0));
    const moved = run(start, 'frame.nudgeLeft', 'frame.nudgeDownFar', 'frame.nudgeUp');
    const after = moved.book.frames[frame.id]!;
    expect([after.xMm, after.yMm]).toEqual([frame.xMm - 1, frame.yMm + 9]);
    expect(moved.history.undo).toHaveLength(5);
  });

  it('Delete empties a photo frame first, then removes the frame and its selection', () => {
    const start = placed();
    const frameId = start.selectedFrameId!;
    const emptied = run(start, 'frame.delete');
    expect(emptied.book.frames[frameId]).toMatchObject({ assetId: null });
    expect(emptied.selectedFrameId).toBe(frameId);
    const removed = run(emptied, 'frame.delete');
    expect(removed.book.frames[frameId]).toBeUndefined();
    expect(removed.selectedFrameId).toBeNull();
    expect(run(removed, 'edit.undo', 'edit.undo').book).toEqual(start.book);
  });

  it('selects frames in print order and wraps around', () => {
    const start = { ...placed(), selectedFrameId: null };
    const ids = start.book.pageIds.map((pageId) => frameOf(start.book, pageId));
    expect(run(start, 'selection.nextFrame').selectedFrameId).toBe(ids[0]);
    expect(run(start, 'selection.previousFrame').selectedFrameId).toBe(ids.at(-1));
    expect(run(start, 'selection.nextFrame', 'selection.nextFrame').selectedFrameId).toBe(ids[1]);
    expect(
      run(start, 'selection.nextFrame', 'selection.nextFrame', 'selection.previousFrame')
        .selectedFrameId,
    ).toBe(ids[0]);
    // From the first frame, previous wraps to the last.
    expect(run(start, 'selection.nextFrame', 'selection.previousFrame').selectedFrameId).toBe(
      ids.at(-1),
    );
    expect(ids).toHaveLength(24);
  });
});

describe('gestures', () => {
  it('a drag of many updates is one undo step', () => {
    const start = placed();
    let s = beginGesture(start, 'frame.move');
    for (const x of [1, 4, 9, 16, 25]) s = updateGesture(s, moveTo(s, x));
    s = endGesture(s);
    expect(s.gesture).toBeNull();
    expect(s.history.undo.map((e) => e.label)).toEqual([
      'photos.add',
      'frame.placePhoto',
      'frame.move',
    ]);
    expect(photoFrameOn(s.book, pageAt(s.book, 0)).xMm).toBe(25);
    const undone = run(s, 'edit.undo');
    expect(undone.book).toEqual(start.book);
    expect(run(undone, 'edit.redo').book).toEqual(s.book);
  });

  it('Escape cancels a gesture: book and both stacks exactly as before it began', () => {
    const start = run(placed(), 'edit.undo', 'edit.redo', 'edit.undo');
    let s = beginGesture(start, 'frame.move');
    for (const x of [3, 7]) s = updateGesture(s, moveTo(s, x));
    const cancelled = run(s, 'edit.escape');
    expect(cancelled.gesture).toBeNull();
    expect(cancelled.book).toEqual(start.book);
    expect(cancelled.history).toEqual(start.history);
    // The selection stays: Escape took back the drag, not the choice of frame.
    expect(cancelled.selectedFrameId).toBe(start.selectedFrameId);
  });

  it('undo, redo and nudges wait until the gesture ends', () => {
    const s = updateGesture(beginGesture(placed(), 'frame.move'), moveTo(placed(), 2));
    expect(run(s, 'edit.undo', 'edit.redo', 'frame.nudgeLeft')).toBe(s);
  });

  it('a gesture that changed nothing leaves no entry, and one cannot begin twice', () => {
    const start = placed();
    const begun = beginGesture(start, 'frame.move');
    expect(endGesture(begun).history).toBe(start.history);
    expect(cancelGesture(start)).toBe(start);
    expect(() => beginGesture(begun, 'frame.resize')).toThrow(
      'a gesture (frame.move) is already under way',
    );
  });
});

describe('commands run directly', () => {
  it('change nothing when their frame is gone, instead of throwing', () => {
    const fresh = editorFor(newBook(a4, counterIds()));
    for (const id of ['frame.delete', 'frame.nudgeLeft']) {
      const next = applyEffect(fresh, designerCommands.commands.get(id)!.run(fresh));
      expect(next.book, id).toBe(fresh.book);
      expect(next.history, id).toBe(fresh.history);
    }
  });
});
