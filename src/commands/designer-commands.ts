import type { Frame } from '../model/book';
import { pagesInPrintOrder, framesOn } from '../model/commands';
import { FILL } from '../model/crop';
import { noSelection, type CommandEffect, type EditorState } from './editor';
import { frameCommands } from './frame-commands';
import { pageCommands } from './page-commands';
import { assistantCommands } from './assistant-commands';
import { previewCommands } from './preview-commands';
import { projectCommands } from './project-commands';
import { supportCommands } from './support-commands';
import { textCommands } from './text-commands';
import { viewCommands } from './view-commands';
import { createRegistry, type CommandDefinition, type CommandRegistry } from './registry';

/** One arrow press moves the selected frame this far; with Shift, ten times as far. */
export const NUDGE_MM = 1;
export const FAR_NUDGE_MM = 10;

/** The selected frame, if it still exists (an undo may have removed it). */
export function selectedFrame(state: EditorState): Frame | undefined {
  return state.selectedFrameId ? state.book.frames[state.selectedFrameId] : undefined;
}

/** Every frame in reading order: pages in print order, on a page back to front. */
function framesInOrder(state: EditorState): Frame[] {
  return pagesInPrintOrder(state.book).flatMap((pageId) => framesOn(state.book, pageId));
}

/** What a command does when run although disabled (say, from a menu drawn a moment ago). */
const nothing: CommandEffect = { kind: 'session', session: {} };

const undoCommand: CommandDefinition = {
  id: 'edit.undo',
  label: 'command.edit.undo',
  shortcuts: ['Mod+Z'],
  isEnabled: (s) => !s.gesture && s.history.undo.length > 0,
  run: () => ({ kind: 'undo' }),
};

const redoCommand: CommandDefinition = {
  id: 'edit.redo',
  label: 'command.edit.redo',
  // Cmd+Shift+Z is the macOS habit, Ctrl+Y the Windows one; both work everywhere.
  shortcuts: ['Mod+Shift+Z', 'Mod+Y'],
  isEnabled: (s) => !s.gesture && s.history.redo.length > 0,
  run: () => ({ kind: 'redo' }),
};

/** Delete empties a photo frame first, so a photo can be taken out without losing its frame. */
const deleteCommand: CommandDefinition = {
  id: 'frame.delete',
  label: 'command.frame.delete',
  shortcuts: ['Delete', 'Backspace'],
  isEnabled: (s) => !s.gesture && selectedFrame(s) !== undefined,
  run: (s) => {
    const frame = selectedFrame(s);
    if (!frame) return nothing;
    if (frame.kind === 'photo' && frame.assetId !== null) {
      const after = { ...frame, assetId: null, crop: FILL };
      return {
        kind: 'edit',
        label: 'frame.removePhoto',
        changes: [{ kind: 'frame', id: frame.id, before: frame, after }],
        enters: 'history',
      };
    }
    return {
      kind: 'edit',
      label: 'frame.delete',
      changes: [{ kind: 'frame', id: frame.id, before: frame, after: undefined }],
      enters: 'history',
      session: { selectedFrameId: null },
    };
  },
};

type Direction = 'left' | 'right' | 'up' | 'down';
const arrows: Record<Direction, { key: string; dx: number; dy: number }> = {
  left: { key: 'ArrowLeft', dx: -1, dy: 0 },
  right: { key: 'ArrowRight', dx: 1, dy: 0 },
  up: { key: 'ArrowUp', dx: 0, dy: -1 },
  down: { key: 'ArrowDown', dx: 0, dy: 1 },
};

function nudgeCommand(direction: Direction, far: boolean): CommandDefinition {
  const { key, dx, dy } = arrows[direction];
  const mm = far ? FAR_NUDGE_MM : NUDGE_MM;
  const name = `nudge${direction[0]!.toUpperCase()}${direction.slice(1)}${far ? 'Far' : ''}`;
  return {
    id: `frame.${name}`,
    label: 'command.frame.nudge',
    labelParams: { direction, mm },
    shortcuts: [far ? `Shift+${key}` : key],
    isEnabled: (s) => !s.gesture && selectedFrame(s) !== undefined,
    run: (s) => {
      const frame = selectedFrame(s);
      if (!frame) return nothing;
      const after = { ...frame, xMm: frame.xMm + dx * mm, yMm: frame.yMm + dy * mm };
      return {
        kind: 'edit',
        label: `frame.${name}`,
        changes: [{ kind: 'frame', id: frame.id, before: frame, after }],
        enters: 'history',
      };
    },
  };
}

/** Alt+arrows walk through the frames, so every frame is reachable without a pointer. */
function selectStepCommand(step: 1 | -1): CommandDefinition {
  return {
    id: step === 1 ? 'selection.nextFrame' : 'selection.previousFrame',
    label: step === 1 ? 'command.selection.nextFrame' : 'command.selection.previousFrame',
    shortcuts: [step === 1 ? 'Alt+ArrowRight' : 'Alt+ArrowLeft'],
    isEnabled: (s) => !s.gesture && Object.keys(s.book.frames).length > 0,
    run: (s) => {
      const frames = framesInOrder(s);
      const at = frames.findIndex((f) => f.id === s.selectedFrameId);
      // Nothing selected: next starts at the first frame, previous at the last.
      const next = at === -1 ? (step === 1 ? 0 : frames.length - 1) : at + step;
      const wrapped = (next + frames.length) % frames.length;
      return { kind: 'session', session: { selectedFrameId: frames[wrapped]!.id } };
    },
  };
}

/** Escape cancels a gesture under way; with none, it lets go of the selection. */
const escapeCommand: CommandDefinition = {
  id: 'edit.escape',
  label: 'command.edit.escape',
  shortcuts: ['Escape'],
  isEnabled: (s) => s.gesture !== null || s.selectedFrameId !== null || s.selectedAssetId !== null,
  run: (s) => (s.gesture ? { kind: 'cancelGesture' } : { kind: 'session', session: noSelection }),
};

/** The designer's commands, in the order a menu would list them. */
export const designerCommands: CommandRegistry = createRegistry([
  undoCommand,
  redoCommand,
  deleteCommand,
  ...(['left', 'right', 'up', 'down'] as const).flatMap((d) => [
    nudgeCommand(d, false),
    nudgeCommand(d, true),
  ]),
  selectStepCommand(1),
  selectStepCommand(-1),
  escapeCommand,
  ...viewCommands,
  ...frameCommands,
  ...pageCommands,
  ...textCommands,
  ...projectCommands,
  ...supportCommands,
  ...assistantCommands,
  ...previewCommands,
]);
