import { useAppStore } from '../stores/app-store';
import { currentAppName } from '../i18n';
import type { OpenedProjectFile } from '../../src/contract/desktop';
import {
  currentDocument,
  currentProject,
  hasUnsavedChanges,
  type ProjectFileInfo,
} from '../stores/project-slice';
import { isMessageKey, translate, type MessageKey } from '../../src/i18n/translate';
import { PROJECT_EXTENSION, serializeProject } from '../../src/project/project-file';
import { projectSizeProblem } from '../../src/project/read-project';
import {
  download,
  hasFilePickers,
  isAbort,
  pickOpenHandle,
  pickSaveHandle,
  writeHandle,
} from './file-access';
import { removeRecovery } from './recovery';
import { desktopHost, restoreProjectPhotos } from './restore-photos';

/**
 * Saving and opening the project, as the commands project.save, project.saveAs and project.open
 * ask: the system's dialogs through the File System Access API where the browser (or Electron)
 * has it, a download and a file input otherwise. Only one save runs at a time.
 */

/** The file handle of the open project, for saving again; only for the design it was made for. */
let saved: { designId: string; handle: FileSystemFileHandle } | null = null;
let running: Promise<unknown> = Promise.resolve();

const t = (key: MessageKey, params?: Record<string, string | number>) =>
  translate(useAppStore.getState().locale, key, { app: currentAppName(), ...params });

/** A name for the file dialog: the book's title, else the product's name; no path characters. */
function suggestedName(): string {
  const state = useAppStore.getState();
  const productKey = `product.${state.book?.productId ?? state.designKind}`;
  const title =
    (state.designKind === 'photoBook' && state.book?.title.trim()) ||
    (isMessageKey(productKey) ? t(productKey) : 'Photo Dose');
  // Characters no file system takes in a name, control characters among them.
  // eslint-disable-next-line no-control-regex
  const safe = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-');
  return `${safe.slice(0, 120)}${PROJECT_EXTENSION}`;
}

/**
 * Writes the project: to its file again when it has a writable one (`as` false), otherwise to a
 * file the customer picks, or as a download. Says whether it was written.
 */
export function saveProject(as: boolean): Promise<boolean> {
  const next = running.then(() => writeProject(as));
  running = next.catch(() => undefined);
  return next;
}

/** In the desktop app: where the host read each photo, the project's last known locations. */
async function learnLocations(): Promise<void> {
  const client = await desktopHost();
  const project = currentProject(useAppStore.getState());
  if (!client || !project) return;
  const assetIds = project.photos.map((photo) => photo.assetId);
  const { locations } = await client.invoke('photos.locations', { assetIds });
  useAppStore.getState().rememberLocations(locations);
}

async function writeProject(as: boolean): Promise<boolean> {
  await learnLocations().catch(() => undefined);
  const state = useAppStore.getState();
  const project = currentProject(state);
  const document = currentDocument(state);
  if (!project || !document) return false;
  const text = serializeProject(project);
  // What was written: edits made while the file is being written stay unsaved.
  const done = (file: ProjectFileInfo) => {
    useAppStore.getState().projectSaved(file, document, Date.now());
    // Rule 2 of the privacy statement: the recovery copy goes once the project is saved.
    removeRecovery();
    return true;
  };
  try {
    const again = saved?.designId === document.id ? saved.handle : null;
    if (!as && again && state.projectFile?.writable) {
      await writeHandle(again, text);
      return done({ name: again.name, writable: true });
    }
    if (hasFilePickers()) {
      const handle = await pickSaveHandle(suggestedName(), t('project.fileType'));
      await writeHandle(handle, text);
      saved = { designId: document.id, handle };
      return done({ name: handle.name, writable: true });
    }
    const name = state.projectFile?.name ?? suggestedName();
    download(name, text);
    return done({ name, writable: false, downloaded: true });
  } catch (error) {
    if (isAbort(error)) return false;
    useAppStore
      .getState()
      .setSaveProblem(error instanceof Error ? error.message : t('project.readFailed'));
    return false;
  }
}

/** Leaving unsaved changes behind asks first. */
function mayLeave(): boolean {
  return !hasUnsavedChanges(useAppStore.getState()) || window.confirm(t('project.discardChanges'));
}

/** Where the open dialog falls back to a file input (ProjectNotices renders it). */
export const PROJECT_INPUT_ID = 'project-file-input';

/** Ctrl+O and the open buttons: the system's dialog, or the file input. */
export async function openProjectDialog(): Promise<void> {
  if (!mayLeave()) return;
  if (!hasFilePickers()) {
    document.getElementById(PROJECT_INPUT_ID)?.click();
    return;
  }
  let handle: FileSystemFileHandle;
  let file: File;
  try {
    handle = await pickOpenHandle(t('project.fileType'));
    file = await handle.getFile();
  } catch (error) {
    if (!isAbort(error)) refuseUnreadable(error instanceof Error ? error.message : '');
    return;
  }
  await openProjectFile(file, handle);
}

/**
 * A project the system handed to the desktop app (a double-click on a `.pdbook`): the same
 * question about unsaved changes and the same checks as the open dialog. There is no handle to
 * save back to, so the next save asks where.
 */
export async function openProjectFromSystem(file: OpenedProjectFile): Promise<void> {
  if (!mayLeave()) return;
  if ('problem' in file) return refuseUnreadable(file.name);
  await openProjectFile(new File([file.text], file.name, { type: 'application/json' }), null);
}

function refuseUnreadable(name: string) {
  useAppStore.setState({
    openProblem: { file: name, problem: { code: 'not-json', position: null, truncated: false } },
  });
}

/**
 * Opens a picked file: its size is checked before a byte is read, then the core's reader
 * decides; a refused file leaves the open project as it is. Then the photos are brought back.
 */
export async function openProjectFile(
  file: File,
  handle: FileSystemFileHandle | null,
): Promise<boolean> {
  const tooLarge = projectSizeProblem(file.size);
  if (tooLarge) {
    useAppStore.setState({ openProblem: { file: file.name, problem: tooLarge } });
    return false;
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    refuseUnreadable(file.name);
    return false;
  }
  const store = useAppStore.getState();
  const opened = store.openProjectText(file.name, text, {
    name: file.name,
    writable: handle !== null,
  });
  if (!opened) return false;
  // When the file was last written: "saved at" shows that until the next save.
  useAppStore.setState({ savedAt: file.lastModified });
  const designId = currentDocument(useAppStore.getState())?.id;
  saved = handle && designId ? { designId, handle } : null;
  // The copy belonged to the project the customer chose to leave.
  removeRecovery();
  void restoreProjectPhotos();
  return true;
}
