import type { StateCreator } from 'zustand';
import { editorFor } from '../../src/commands/editor';
import type { Design } from '../../src/model/design';
import { projectOf, type Project, type ProjectPhoto } from '../../src/project/project-file';
import { readProject, type ProjectProblem } from '../../src/project/read-project';
import { currentDesign } from './prints-canvas-slice';
import type { AppState } from './app-store';

/**
 * Bringing an opened project's photos back: loading them from where they were last seen (the
 * desktop app), the photos still missing (the dialog with one "search in folder"), or a folder
 * being searched by content.
 */
export type PhotoRestore =
  | { phase: 'idle' }
  | { phase: 'loading'; total: number }
  | { phase: 'missing'; missing: ProjectPhoto[]; searchedFolder: boolean }
  | { phase: 'searching'; missing: ProjectPhoto[]; done: number; total: number };

/** The file a project was saved to or opened from, as the customer named it. */
export interface ProjectFileInfo {
  name: string;
  /** Whether autosave may write to it again (a File System Access handle; not a download). */
  writable: boolean;
  /** Saved as a download (browsers without the pickers): it is in the downloads folder. */
  downloaded?: boolean;
}

/**
 * The project around the design: which file it belongs to, whether it has unsaved changes,
 * where its photos were last seen, and why the last file was refused. The reading and checking
 * is the core's (src/project); file dialogs and storage live in renderer/project.
 */
export interface ProjectSlice {
  projectFile: ProjectFileInfo | null;
  /** When the project was last written to its file (ms), for "saved at". */
  savedAt: number | null;
  /**
   * The design document (book, prints or canvas) as last saved or opened. Every edit makes a new
   * document, so "unsaved changes" is "the current document is not this one".
   */
  savedDocument: object | null;
  /**
   * The id of the design this project holds. A design with another id that appears (the
   * customer started a new product) is a new project: nothing to lose yet, no file.
   */
  projectDesignId: string | null;
  /** Where the desktop app last read each photo, by asset id; empty in a browser. */
  photoLocations: Record<string, string>;
  /** The photos of the opened project, as its file listed them: what "missing" is measured against. */
  projectPhotos: ProjectPhoto[];
  /** Why the last file was not opened; the open project is untouched. */
  openProblem: { file: string; problem: ProjectProblem } | null;
  photoRestore: PhotoRestore;
  setPhotoRestore(restore: PhotoRestore): void;
  /** Why the last save failed (the browser's or system's words), until the next save works. */
  saveProblem: string | null;
  /**
   * Reads a project file's text and, when it is sound, makes it the open project; a refused file
   * changes nothing but `openProblem`. Says whether it opened.
   */
  openProjectText(fileName: string, text: string, file: ProjectFileInfo | null): boolean;
  /** Makes a checked project the open one (an opened file or the recovery copy). */
  loadProject(project: Project, file: ProjectFileInfo | null): void;
  /** The design was written to `file` as `document`. */
  projectSaved(file: ProjectFileInfo, document: object, nowMs: number): void;
  rememberLocations(locations: Readonly<Record<string, string>>): void;
  /** A design the customer just started becomes a project of its own, with nothing unsaved. */
  adoptNewDesign(document: { id: string }): void;
  dismissOpenProblem(): void;
  setSaveProblem(problem: string | null): void;
  /** Leaves the project: no file, nothing unsaved, back to choosing a product. */
  closeProject(): void;
}

/** The document being designed: a photo book, prints or a canvas. */
export function currentDocument(state: AppState): { id: string } | null {
  const design = currentDesign(state);
  if (!design) return null;
  return design.kind === 'photoBook'
    ? design.book
    : design.kind === 'prints'
      ? design.prints
      : design.canvas;
}

/** Whether the design has changes that no file holds yet. */
export function hasUnsavedChanges(state: AppState): boolean {
  const document = currentDocument(state);
  return document !== null && document !== state.savedDocument;
}

/** The project file's content for the current design (design only; paths only in the desktop app). */
export function currentProject(state: AppState): Project | null {
  const design = currentDesign(state);
  return design && projectOf(design, state.photoLocations);
}

function designState(design: Design): Partial<AppState> {
  switch (design.kind) {
    case 'photoBook':
      return { designKind: 'photoBook', ...editorFor(design.book) };
    case 'prints':
      return { designKind: 'prints', prints: design.prints, selectedPrintId: null };
    case 'canvas':
      return { designKind: 'canvas', canvas: design.canvas };
  }
}

const documentOf = (design: Design): { id: string } =>
  design.kind === 'photoBook'
    ? design.book
    : design.kind === 'prints'
      ? design.prints
      : design.canvas;

export const createProjectSlice: StateCreator<AppState, [], [], ProjectSlice> = (set, get) => ({
  projectFile: null,
  savedAt: null,
  savedDocument: null,
  projectDesignId: null,
  photoLocations: {},
  projectPhotos: [],
  openProblem: null,
  saveProblem: null,
  photoRestore: { phase: 'idle' },
  setPhotoRestore: (photoRestore) => set({ photoRestore }),
  openProjectText: (fileName, text, file) => {
    const result = readProject(text);
    if (!result.ok) {
      set({ openProblem: { file: fileName, problem: result.problem } });
      return false;
    }
    get().loadProject(result.project, file);
    return true;
  },
  loadProject: (project, file) => {
    const locations: Record<string, string> = {};
    for (const photo of project.photos) {
      if (photo.lastKnownPath) locations[photo.assetId] = photo.lastKnownPath;
    }
    set({
      ...designState(project.design),
      view: 'designer',
      projectFile: file,
      savedAt: null,
      // A recovered project (no file) has changes no file holds: it stays "unsaved".
      savedDocument: file ? documentOf(project.design) : null,
      projectDesignId: documentOf(project.design).id,
      photoLocations: locations,
      projectPhotos: project.photos,
      openProblem: null,
      photoRestore: { phase: 'idle' },
    });
  },
  projectSaved: (file, document, nowMs) =>
    set({ projectFile: file, savedDocument: document, savedAt: nowMs, saveProblem: null }),
  rememberLocations: (locations) =>
    set({ photoLocations: { ...get().photoLocations, ...locations } }),
  adoptNewDesign: (document) =>
    set({
      projectDesignId: document.id,
      savedDocument: document,
      projectFile: null,
      savedAt: null,
      photoLocations: {},
      projectPhotos: [],
    }),
  dismissOpenProblem: () => set({ openProblem: null }),
  setSaveProblem: (saveProblem) => set({ saveProblem }),
  closeProject: () =>
    set({
      projectFile: null,
      savedAt: null,
      savedDocument: null,
      projectDesignId: null,
      photoLocations: {},
      projectPhotos: [],
      openProblem: null,
      saveProblem: null,
      photoRestore: { phase: 'idle' },
      book: null,
      prints: null,
      canvas: null,
      view: 'products',
    }),
});
