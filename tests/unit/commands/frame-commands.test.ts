import { describe, expect, it } from 'vitest';
import {
  beginGesture,
  editorFor,
  endGesture,
  updateGesture,
  type EditorState,
} from '../../../src/commands/editor';
import { commandForKey, perform } from '../../../src/commands/registry';
import { designerCommands } from '../../../src/commands/designer-commands';
import { frameCommands } from '../../../src/commands/frame-commands';
import { commandLabel } from '../../../src/commands/labels';
import type { PhotoFrame } from '../../../src/model/book';
import { framesOn } from '../../../src/model/commands';
import { moveFrame, resizeFrame } from '../../../src/model/frame-edits';
import { snapTargets } from '../../../src/model/frame-place';
import { panPhoto, zoomPhoto } from '../../../src/model/photo-edits';
import { bookWith, box, landscapePhoto, spreadOf } from '../model/frame-fixtures';
import { press } from './key-press';

const run = (state: EditorState, ...ids: string[]) =>
  ids.reduce((s, id) => perform(designerCommands, s, id), state);

function editor(selected: string | null = 'b'): EditorState {
  const book = bookWith((p) => [
    box('a', p.left, 10, 10, 60, 40, { z: 0, assetId: landscapePhoto.id }),
    box('b', p.left, 30, 30, 60, 40, { z: 1 }),
    box('c', p.left, 50, 50, 60, 40, { z: 2 }),
    box('d', p.right, 20, 20, 50, 50, { z: 0 }),
  ]);
  return { ...editorFor(book), surfaceIndex: 2, selectedFrameId: selected };
}

const order = (s: EditorState) => framesOn(s.book, s.book.frames.a!.pageId).map((f) => f.id);

describe('arrange commands', () => {
  it('bring forward, send backward, to front, to back: each one undo step', () => {
    const start = editor('b');
    expect(order(run(start, 'frame.bringForward'))).toEqual(['a', 'c', 'b']);
    expect(order(run(start, 'frame.sendBackward'))).toEqual(['b', 'a', 'c']);
    expect(order(run({ ...start, selectedFrameId: 'a' }, 'frame.bringToFront'))).toEqual([
      'b',
      'c',
      'a',
    ]);
    expect(order(run({ ...start, selectedFrameId: 'c' }, 'frame.sendToBack'))).toEqual([
      'c',
      'a',
      'b',
    ]);
    const moved = run(start, 'frame.bringForward');
    expect(moved.history.undo.map((e) => e.label)).toEqual(['frame.bringForward']);
    expect(run(moved, 'edit.undo').book).toEqual(start.book);
  });

  it('are disabled where nothing lies in front or behind, or nothing is selected', () => {
    const enabled = (s: EditorState, id: string) =>
      frameCommands.find((c) => c.id === id)!.isEnabled(s);
    expect(enabled(editor('c'), 'frame.bringForward')).toBe(false);
    expect(enabled(editor('c'), 'frame.bringToFront')).toBe(false);
    expect(enabled(editor('a'), 'frame.sendBackward')).toBe(false);
    expect(enabled(editor('a'), 'frame.sendToBack')).toBe(false);
    expect(enabled(editor('d'), 'frame.bringForward')).toBe(false);
    expect(enabled(editor(null), 'frame.rotateLeft')).toBe(false);
    expect(enabled(editor(null), 'frame.duplicate')).toBe(false);
    const disabled = editor('c');
    expect(run(disabled, 'frame.bringForward')).toBe(disabled);
  });

  it('are disabled during a drag', () => {
    const dragging = beginGesture(editor('b'), 'frame.move');
    for (const command of frameCommands)
      expect(command.isEnabled(dragging), command.id).toBe(false);
  });

  it('rotate by a quarter turn either way, from a free angle too', () => {
    const start = editor('b');
    expect(run(start, 'frame.rotateRight').book.frames.b!.rotationDeg).toBe(90);
    expect(run(start, 'frame.rotateLeft').book.frames.b!.rotationDeg).toBe(270);
    expect(run(start, 'frame.rotateLeft', 'frame.rotateRight').book.frames.b!.rotationDeg).toBe(0);
    const free = {
      ...start,
      book: {
        ...start.book,
        frames: { ...start.book.frames, b: { ...start.book.frames.b!, rotationDeg: 3 } },
      },
    };
    expect(run(free, 'frame.rotateRight').book.frames.b!.rotationDeg).toBe(93);
  });

  it('duplicate adds a copy in front, selects it, and undo takes it away', () => {
    const start = editor('a');
    const copied = run(start, 'frame.duplicate');
    expect(copied.selectedFrameId).toBe('a-copy');
    expect(copied.book.frames['a-copy']).toMatchObject({
      xMm: 15,
      yMm: 15,
      z: 3,
      assetId: landscapePhoto.id,
    });
    expect(run(copied, 'edit.undo').book).toEqual(start.book);
  });

  it('answer to their keys, with or without the shifted braces of a US keyboard', () => {
    const key = (k: string, shift = false) =>
      commandForKey(designerCommands, press(k, { ctrl: true, shift }), 'linux')?.id;
    expect(key(']')).toBe('frame.bringForward');
    expect(key('[')).toBe('frame.sendBackward');
    expect(key(']', true)).toBe('frame.bringToFront');
    expect(key('}', true)).toBe('frame.bringToFront');
    expect(key('{', true)).toBe('frame.sendToBack');
    expect(key('d')).toBe('frame.duplicate');
    expect(commandForKey(designerCommands, press(']', { meta: true }), 'mac')?.id).toBe(
      'frame.bringForward',
    );
  });

  it('have names in German and English', () => {
    const names = frameCommands.map((c) => [commandLabel(c, 'de'), commandLabel(c, 'en')]);
    expect(names).toEqual([
      ['Eine Ebene nach vorne', 'Bring forward'],
      ['Eine Ebene nach hinten', 'Send backward'],
      ['In den Vordergrund', 'Bring to front'],
      ['In den Hintergrund', 'Send to back'],
      ['Um 90° nach links drehen', 'Rotate 90° left'],
      ['Um 90° nach rechts drehen', 'Rotate 90° right'],
      ['Rahmen duplizieren', 'Duplicate frame'],
      ['Ausschnitt wählen', 'Crop photo'],
    ]);
  });
});

describe('frame gestures', () => {
  /** A drag in many small pointer moves, as the designer sends them. */
  function drag(state: EditorState, id: string, toDx: number, toDy: number, steps = 40) {
    const spread = spreadOf(state.book);
    const start = state.book.frames[id]!;
    const snapping = { targets: snapTargets(state.book, spread, new Set([id])), thresholdMm: 1.5 };
    let s = beginGesture(state, 'frame.move');
    for (let i = 1; i <= steps; i++) {
      const edit = moveFrame(
        s.book,
        spread,
        start,
        (toDx * i) / steps,
        (toDy * i) / steps,
        snapping,
      );
      s = updateGesture(s, edit.changes);
    }
    return s;
  }

  it('a whole drag, across the binding and back, is one undo step', () => {
    const start = editor('b');
    const dragged = endGesture(drag(start, 'b', 150, 7));
    expect(dragged.book.frames.b!.pageId).toBe(start.book.frames.d!.pageId);
    expect(dragged.history.undo.map((e) => e.label)).toEqual(['frame.move']);
    const undone = run(dragged, 'edit.undo');
    expect(undone.book).toEqual(start.book);
    expect(run(undone, 'edit.redo').book).toEqual(dragged.book);
  });

  it('Escape during a drag puts the book and both stacks back exactly', () => {
    const base = run(editor('b'), 'frame.bringForward', 'edit.undo');
    expect(base.history.redo).toHaveLength(1);
    const midway = drag(base, 'b', 150, 7);
    expect(midway.book).not.toEqual(base.book);
    const cancelled = run(midway, 'edit.escape');
    expect(cancelled.book).toEqual(base.book);
    expect(cancelled.history).toEqual(base.history);
    expect(cancelled.gesture).toBeNull();
  });

  it('a resize of many moves is one step; Escape cancels it', () => {
    const start = editor('b');
    const spread = spreadOf(start.book);
    const frame = start.book.frames.b!;
    let s = beginGesture(start, 'frame.resize');
    for (let i = 1; i <= 20; i++) {
      const edit = resizeFrame(s.book, spread, frame, 'se', i, i / 2, {
        targets: [],
        thresholdMm: 0,
        keepAspect: false,
      });
      s = updateGesture(s, edit.changes);
    }
    const ended = endGesture(s);
    expect(ended.book.frames.b).toMatchObject({ widthMm: 80, heightMm: 50 });
    expect(ended.history.undo).toHaveLength(1);
    expect(run(ended, 'edit.undo').book).toEqual(start.book);
    expect(run(s, 'edit.escape').book).toEqual(start.book);
  });

  it('crop mode begins from its command, only on a photo frame with a photo', () => {
    expect(run(editor('b'), 'frame.crop').gesture).toBeNull();
    const cropping = run(editor('a'), 'frame.crop');
    expect(cropping.gesture?.label).toBe('frame.crop');
    expect(cropping.book).toEqual(editor('a').book);
    expect(
      commandForKey(designerCommands, press('C', { ctrl: true, shift: true }), 'linux')?.id,
    ).toBe('frame.crop');
    // Escape leaves crop mode with nothing changed and nothing in history.
    const left = run(cropping, 'edit.escape');
    expect(left.gesture).toBeNull();
    expect(left.history).toEqual(cropping.history);
  });

  it('a crop session of pans and zooms is one step', () => {
    const start = editor('a');
    let s = run(start, 'frame.crop');
    const first = s.book.frames.a as PhotoFrame;
    for (let i = 1; i <= 10; i++) s = updateGesture(s, panPhoto(s.book, first, -i, 0));
    s = updateGesture(s, zoomPhoto(s.book, 'a', 2));
    const second = s.book.frames.a as PhotoFrame;
    for (let i = 1; i <= 10; i++) s = updateGesture(s, panPhoto(s.book, second, 0, i));
    const ended = endGesture(s);
    expect((ended.book.frames.a as PhotoFrame).crop.zoom).toBe(2);
    expect(ended.history.undo.map((e) => e.label)).toEqual(['frame.crop']);
    expect(run(ended, 'edit.undo').book).toEqual(start.book);
  });
});
