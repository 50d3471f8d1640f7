import { PROJECT_EXTENSION } from '../../src/project/project-file';

/**
 * The File System Access API where the browser has it (Chromium, Edge, Electron): the system's
 * own save and open dialogs, and a handle the project can be written to again (autosave).
 * Other browsers fall back to a download and a file input. The API is not in TypeScript's DOM
 * library yet, so the parts used are declared here.
 */
interface PickerType {
  description: string;
  accept: Record<string, string[]>;
}
interface PickerWindow {
  showSaveFilePicker?(options: {
    suggestedName?: string;
    types?: PickerType[];
    excludeAcceptAllOption?: boolean;
  }): Promise<FileSystemFileHandle>;
  showOpenFilePicker?(options: {
    types?: PickerType[];
    multiple?: boolean;
    excludeAcceptAllOption?: boolean;
  }): Promise<FileSystemFileHandle[]>;
}

const pickers = (): PickerWindow => window as unknown as PickerWindow;

/** Asked at each use: a test or an embedder may take the pickers away. */
export function hasFilePickers(): boolean {
  return (
    typeof pickers().showSaveFilePicker === 'function' &&
    typeof pickers().showOpenFilePicker === 'function'
  );
}

const projectTypes = (description: string): PickerType[] => [
  { description, accept: { 'application/json': [PROJECT_EXTENSION] } },
];

/** The customer dismissed a dialog: not an error, nothing to say. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export async function pickSaveHandle(
  suggestedName: string,
  description: string,
): Promise<FileSystemFileHandle> {
  return pickers().showSaveFilePicker!({ suggestedName, types: projectTypes(description) });
}

export async function pickOpenHandle(description: string): Promise<FileSystemFileHandle> {
  const [handle] = await pickers().showOpenFilePicker!({
    types: projectTypes(description),
    multiple: false,
  });
  if (!handle) throw new DOMException('no file chosen', 'AbortError');
  return handle;
}

/** Writes the whole text; the file is replaced only when the write closes (no half files). */
export async function writeHandle(handle: FileSystemFileHandle, text: string): Promise<void> {
  const writable = await handle.createWritable();
  try {
    await writable.write(text);
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
}

/** Offers the text as a download under `name` (browsers without the pickers). */
export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has started from the URL; it may go once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
