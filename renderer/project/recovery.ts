import { readProject } from '../../src/project/read-project';
import { serializeProject, type Project } from '../../src/project/project-file';

/**
 * The design-only recovery copy (privacy rule 2): the project file's own text in the origin's
 * localStorage, so a reload, a crash or a killed app loses nothing. localStorage because it is
 * written synchronously: the copy is still complete when the page is torn down mid-write, where
 * IndexedDB's transaction might not finish. The Electron window keeps it the same way, in its
 * own profile in the app's data folder. It holds the design and photo records only, never
 * personal data or image bytes, and is removed once the project is saved or closed.
 */
const KEY = 'photodose.recovery.project';
const AT_KEY = 'photodose.recovery.changedAt';

/** A recovered project and when it was last changed (ms since 1970). */
export interface Recovered {
  project: Project;
  changedAt: number;
}

/** Writes the copy; false when the browser's storage is full or refused (the customer is told). */
export function writeRecovery(project: Project, nowMs: number): boolean {
  try {
    localStorage.setItem(KEY, serializeProject(project));
    localStorage.setItem(AT_KEY, String(nowMs));
    return true;
  } catch {
    removeRecovery();
    return false;
  }
}

/**
 * The copy, read through the same hardened reader as a project file: storage can be changed by
 * anything on this machine, so a copy that is refused is removed rather than trusted.
 */
export function readRecovery(): Recovered | null {
  let text: string | null;
  try {
    text = localStorage.getItem(KEY);
  } catch {
    return null;
  }
  if (text === null) return null;
  const result = readProject(text);
  if (!result.ok) {
    removeRecovery();
    return null;
  }
  const changedAt = Number(localStorage.getItem(AT_KEY));
  return { project: result.project, changedAt: Number.isFinite(changedAt) ? changedAt : 0 };
}

export function removeRecovery(): void {
  try {
    localStorage.removeItem(KEY);
    localStorage.removeItem(AT_KEY);
  } catch {
    // Storage that can't be reached holds no copy either.
  }
}
