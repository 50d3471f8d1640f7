import type { Book } from '../model/book';
import { applyChanges, type Change } from '../model/changes';
import {
  cancelToMark,
  emptyHistory,
  markGesture,
  record,
  redo,
  squashToMark,
  undo,
  type GestureMark,
  type History,
} from '../model/history';

/**
 * What the customer is doing right now but would not call a change to the book: which photo of
 * the tray and which frame are selected, and which surface (cover or spread) is open. It never
 * enters history and never clears redo.
 */
export interface Session {
  readonly selectedAssetId: string | null;
  readonly selectedFrameId: string | null;
  /**
   * The surface the spread view shows: an index into surfacesOfBook (0 is the cover, then the
   * inner surfaces in print order). Commands that act on "this spread" read it.
   */
  readonly surfaceIndex: number;
  /** The spread view's zoom relative to "fit the surface in the window" (1). */
  readonly zoom: number;
  /** Whether the full-screen preview of the whole book is open over the designer. */
  readonly previewOpen: boolean;
}

/** A drag, resize or crop under way: where it started, and what its one undo entry is called. */
export interface Gesture {
  readonly mark: GestureMark;
  readonly label: string;
}

/** Everything a command reads and `perform` returns anew: the book, its history, the session. */
export interface EditorState extends Session {
  readonly book: Book;
  readonly history: History;
  readonly gesture: Gesture | null;
}

/** Nothing selected; letting go of the selection keeps the surface that is open. */
export const noSelection = { selectedAssetId: null, selectedFrameId: null } as const;

/** A fresh editor on a book: nothing to undo, nothing selected, the first inner spread open. */
export function editorFor(book: Book): EditorState {
  return {
    book,
    history: emptyHistory,
    gesture: null,
    ...noSelection,
    surfaceIndex: 1,
    zoom: 1,
    previewOpen: false,
  };
}

/**
 * What running a command does, and whether it enters history (Excalidraw's capture rule):
 * - `edit`: changes to the book. With `enters: 'history'` they become one undo step (or, during
 *   a gesture, part of the gesture's one step); with `'never'` they apply and leave both stacks
 *   alone. Either may also move the selection (deleting a frame deselects it).
 * - `session`: selection only: never in history, never clears redo.
 * - `undo` / `redo`: a step back or forward through history.
 * - `cancelGesture`: Escape during a drag: everything since the gesture's mark rolled back.
 * - `beginGesture`: a mode whose edits end as one step, begun from a key or a button rather
 *   than a pointer (crop mode); it ends or is cancelled like any gesture.
 */
export type CommandEffect =
  | {
      kind: 'edit';
      label: string;
      changes: readonly Change[];
      enters: 'history' | 'never';
      session?: Partial<Session>;
    }
  | { kind: 'session'; session: Partial<Session> }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'cancelGesture' }
  | { kind: 'beginGesture'; label: string }
  | { kind: 'request'; request: OutsideRequest };

/**
 * Work a command asks of the app outside the book (a file dialog to save or open the project):
 * `perform` leaves the editor state as it is, and the renderer carries the request out.
 */
export type OutsideRequest =
  | 'project.save'
  | 'project.saveAs'
  | 'project.open'
  // Support opens a pulled order read-only (support-commands.ts).
  | 'support.openOrder';

/** The one place an effect reaches the book and its history. */
export function applyEffect(state: EditorState, effect: CommandEffect): EditorState {
  switch (effect.kind) {
    case 'edit': {
      const session = effect.session ?? {};
      if (effect.changes.length === 0) return { ...state, ...session };
      const book = applyChanges(state.book, effect.changes, 'forward');
      const history =
        effect.enters === 'history'
          ? record(state.history, { label: effect.label, changes: effect.changes })
          : state.history;
      return { ...state, ...session, book, history };
    }
    case 'session':
      return { ...state, ...effect.session };
    case 'undo':
      // Inside a gesture the undo stack holds the gesture's own steps: no undo until it ends.
      return state.gesture ? state : { ...state, ...undo(state.history, state.book) };
    case 'redo':
      return state.gesture ? state : { ...state, ...redo(state.history, state.book) };
    case 'cancelGesture':
      return cancelGesture(state);
    case 'beginGesture':
      return beginGesture(state, effect.label);
    case 'request':
      return state;
  }
}

/** A drag, resize or crop starts: its updates from here on end as one undo step. */
export function beginGesture(state: EditorState, label: string): EditorState {
  if (state.gesture) throw new Error(`a gesture (${state.gesture.label}) is already under way`);
  return { ...state, gesture: { mark: markGesture(state.history), label } };
}

/** One move of the pointer during a gesture: applied and recorded at once, squashed at the end. */
export function updateGesture(state: EditorState, changes: readonly Change[]): EditorState {
  if (!state.gesture) throw new Error('no gesture under way');
  return applyEffect(state, {
    kind: 'edit',
    label: state.gesture.label,
    changes,
    enters: 'history',
  });
}

/** The pointer is released: every update since the mark becomes one undo entry. */
export function endGesture(state: EditorState): EditorState {
  if (!state.gesture) return state;
  const { mark, label } = state.gesture;
  return { ...state, history: squashToMark(state.history, mark.depth, label), gesture: null };
}

/** Escape: the book and history exactly as before the gesture began, as if it never had. */
export function cancelGesture(state: EditorState): EditorState {
  if (!state.gesture) return state;
  return {
    ...state,
    ...cancelToMark(state.history, state.book, state.gesture.mark),
    gesture: null,
  };
}
