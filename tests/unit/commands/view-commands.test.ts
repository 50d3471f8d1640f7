import { describe, expect, it } from 'vitest';
import { editorFor, type EditorState } from '../../../src/commands/editor';
import { perform } from '../../../src/commands/registry';
import { designerCommands } from '../../../src/commands/designer-commands';
import { ZOOM_STEPS, stepZoom } from '../../../src/commands/view-commands';
import { newBook } from '../../../src/model/commands';
import { a4, counterIds } from '../model/fixtures';

const run = (state: EditorState, ...ids: string[]) =>
  ids.reduce((s, id) => perform(designerCommands, s, id), state);

const enabled = (state: EditorState, id: string) =>
  designerCommands.commands.get(id)!.isEnabled(state);

describe('zoom commands', () => {
  it('step through the zoom steps and back to fit', () => {
    const start = editorFor(newBook(a4, counterIds()));
    expect(run(start, 'view.zoomIn').zoom).toBe(1.5);
    expect(run(start, 'view.zoomIn', 'view.zoomIn').zoom).toBe(2);
    expect(run(start, 'view.zoomOut').zoom).toBe(0.75);
    expect(run(start, 'view.zoomIn', 'view.zoomIn', 'view.zoomFit').zoom).toBe(1);
  });

  it('stop at the ends, where they are disabled', () => {
    let s = editorFor(newBook(a4, counterIds()));
    for (let i = 0; i < ZOOM_STEPS.length; i++) s = run(s, 'view.zoomIn');
    expect(s.zoom).toBe(4);
    expect(enabled(s, 'view.zoomIn')).toBe(false);
    expect(enabled(s, 'view.zoomOut')).toBe(true);
    expect(stepZoom(0.5, -1)).toBeUndefined();
    expect(enabled(editorFor(newBook(a4, counterIds())), 'view.zoomFit')).toBe(false);
  });

  it('never enter history and never clear redo', () => {
    const start = editorFor(newBook(a4, counterIds()));
    const withRedo = { ...start, history: { undo: [], redo: [{ label: 'x', changes: [] }] } };
    const zoomed = run(withRedo, 'view.zoomIn', 'view.zoomOut', 'view.zoomIn');
    expect(zoomed.history).toBe(withRedo.history);
    expect(zoomed.book).toBe(withRedo.book);
  });

  it('take a zoom between steps to the next step either way', () => {
    expect(stepZoom(1.2, 1)).toBe(1.5);
    expect(stepZoom(1.2, -1)).toBe(1);
  });
});
