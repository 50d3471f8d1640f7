import { useAppStore } from '../stores/app-store';
import { currentDocument, currentProject, hasUnsavedChanges } from '../stores/project-slice';
import { translate } from '../../src/i18n/translate';
import { saveProject } from './project-actions';
import { writeRecovery } from './recovery';

/** A project saved to a file the app may write again is saved there this often when changed. */
export const AUTOSAVE_INTERVAL_MS = 30_000;

/** The recovery copy follows an edit this soon: long enough that a drag writes it once. */
const RECOVERY_DELAY_MS = 1_000;

/** Writes the recovery copy of unsaved changes now (also called as the page goes away). */
export function flushRecovery(): void {
  const state = useAppStore.getState();
  if (!hasUnsavedChanges(state)) return;
  const project = currentProject(state);
  if (project && !writeRecovery(project, Date.now())) {
    state.setSaveProblem(translate(state.locale, 'project.recovery.noSpace'));
  }
}

/**
 * Whether changes are still unsaved once the app has done what it can before it closes: saved
 * to the project's file when it has a writable one, else kept as the recovery copy. The desktop
 * app's close (electron/) calls this and asks the customer when it says true.
 */
export async function prepareToClose(): Promise<boolean> {
  const state = useAppStore.getState();
  if (!hasUnsavedChanges(state)) return false;
  if (state.projectFile?.writable && (await saveProject(false))) return false;
  flushRecovery();
  return true;
}

/**
 * Keeps the project from being lost: the recovery copy a moment after every change while
 * changes are unsaved, the project file every 30 s when it has one, and a question before the
 * page is left with unsaved changes. Returns how to stop (tests, hot reload).
 */
export function startAutosave(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = useAppStore.subscribe((state, previous) => {
    const document = currentDocument(state);
    if (document === currentDocument(previous)) return;
    // A design of a new id that was not opened is one the customer just started: a new
    // project with nothing to lose yet.
    if (document && document.id !== state.projectDesignId) {
      state.adoptNewDesign(document);
      return;
    }
    clearTimeout(timer);
    if (hasUnsavedChanges(state)) timer = setTimeout(flushRecovery, RECOVERY_DELAY_MS);
  });
  const interval = setInterval(() => {
    const state = useAppStore.getState();
    if (hasUnsavedChanges(state) && state.projectFile?.writable) void saveProject(false);
  }, AUTOSAVE_INTERVAL_MS);
  const onPageHide = () => flushRecovery();
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!hasUnsavedChanges(useAppStore.getState())) return;
    flushRecovery();
    // The browser asks in its own words whether to leave; a custom text is no longer shown.
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('pagehide', onPageHide);
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => {
    unsubscribe();
    clearTimeout(timer);
    clearInterval(interval);
    window.removeEventListener('pagehide', onPageHide);
    window.removeEventListener('beforeunload', onBeforeUnload);
  };
}
