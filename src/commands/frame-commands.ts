import type { Frame } from '../model/book';
import { arrangeFrame, canArrange, duplicateFrame, type Arrange } from '../model/frame-arrange';
import { normaliseAngle, replaceFrame } from '../model/frame-edits';
import type { MessageKey } from '../i18n/translate';
import type { CommandEffect, EditorState } from './editor';
import type { CommandDefinition } from './registry';

/**
 * Arranging the selected frame: drawing order, quarter turns, a copy. Registered in the one
 * registry (designer-commands.ts) with the designer's other commands.
 */

function selected(state: EditorState): Frame | undefined {
  return state.selectedFrameId ? state.book.frames[state.selectedFrameId] : undefined;
}

const nothing: CommandEffect = { kind: 'session', session: {} };

/**
 * Figma's and InDesign's keys: Mod+] forward, Mod+[ backward, with Shift all the way. On a US
 * keyboard Shift turns ] into }, so the braces are listed too (the first shortcut is the one
 * menus show).
 */
const arrangeCommands: { id: string; label: MessageKey; to: Arrange; shortcuts: string[] }[] = [
  {
    id: 'frame.bringForward',
    label: 'command.frame.bringForward',
    to: 'forward',
    shortcuts: ['Mod+]'],
  },
  {
    id: 'frame.sendBackward',
    label: 'command.frame.sendBackward',
    to: 'backward',
    shortcuts: ['Mod+['],
  },
  {
    id: 'frame.bringToFront',
    label: 'command.frame.bringToFront',
    to: 'front',
    shortcuts: ['Mod+Shift+]', 'Mod+Shift+}'],
  },
  {
    id: 'frame.sendToBack',
    label: 'command.frame.sendToBack',
    to: 'back',
    shortcuts: ['Mod+Shift+[', 'Mod+Shift+{'],
  },
];

function arrangeCommand(
  id: string,
  label: MessageKey,
  to: Arrange,
  shortcuts: string[],
): CommandDefinition {
  return {
    id,
    label,
    shortcuts,
    isEnabled: (s) =>
      !s.gesture && s.selectedFrameId !== null && canArrange(s.book, s.selectedFrameId, to),
    run: (s) => {
      const frame = selected(s);
      if (!frame) return nothing;
      return {
        kind: 'edit',
        label: id,
        changes: arrangeFrame(s.book, frame.id, to),
        enters: 'history',
      };
    },
  };
}

function rotateCommand(id: string, label: MessageKey, by: 90 | -90): CommandDefinition {
  return {
    id,
    label,
    isEnabled: (s) => !s.gesture && selected(s) !== undefined,
    run: (s) => {
      const frame = selected(s);
      if (!frame) return nothing;
      // A quarter turn from a free angle keeps the odd part: 93° turns to 183°, not to 180°.
      const rotationDeg = normaliseAngle(frame.rotationDeg + by);
      const changes = replaceFrame(s.book, { ...frame, rotationDeg });
      return { kind: 'edit', label: id, changes, enters: 'history' };
    },
  };
}

const duplicateCommand: CommandDefinition = {
  id: 'frame.duplicate',
  label: 'command.frame.duplicate',
  shortcuts: ['Mod+D'],
  isEnabled: (s) => !s.gesture && selected(s) !== undefined,
  run: (s) => {
    const frame = selected(s);
    if (!frame) return nothing;
    const { changes, id } = duplicateFrame(s.book, frame.id);
    // The copy is selected, so the next arrow key moves it off its original.
    return {
      kind: 'edit',
      label: 'frame.duplicate',
      changes,
      enters: 'history',
      session: { selectedFrameId: id },
    };
  },
};

/**
 * Crop mode from a key or a button (double-click is the pointer's way): the photo then moves
 * with the arrows or a drag and zooms with + and - or the wheel, all as one undo step; Enter
 * takes the crop, Escape cancels it.
 */
const cropCommand: CommandDefinition = {
  id: 'frame.crop',
  label: 'command.frame.crop',
  shortcuts: ['Mod+Shift+C'],
  isEnabled: (s) => {
    const frame = selected(s);
    return !s.gesture && frame?.kind === 'photo' && frame.assetId !== null;
  },
  run: () => ({ kind: 'beginGesture', label: 'frame.crop' }),
};

/** The arrange commands, in the order the Arrange panel and menus list them. */
export const frameCommands: readonly CommandDefinition[] = [
  ...arrangeCommands.map((c) => arrangeCommand(c.id, c.label, c.to, c.shortcuts)),
  rotateCommand('frame.rotateLeft', 'command.frame.rotateLeft', -90),
  rotateCommand('frame.rotateRight', 'command.frame.rotateRight', 90),
  duplicateCommand,
  cropCommand,
];
