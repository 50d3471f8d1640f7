import { open } from 'node:fs/promises';
import { basename, extname, isAbsolute, resolve } from 'node:path';
import type { OpenedProjectFile } from '../../src/contract/desktop';
import { MAX_PROJECT_BYTES, PROJECT_EXTENSION } from '../../src/project/project-file';

/**
 * Project files the operating system handed to the desktop app (a double-click on a `.pdbook`,
 * "Open with", the app started a second time with a file), kept until the window takes them.
 * The window may not be ready yet when the first one arrives (the app is just starting), so they
 * wait here instead of in an event nobody hears. Only paths the system gave are ever read: the
 * window asks for "the next one", never for a path of its choosing.
 */
export class OpenedFiles {
  private readonly waiting: string[] = [];

  constructor(private readonly announce: () => void = () => {}) {}

  /** Queues a path from argv or macOS's open-file; anything but a project file is ignored. */
  add(path: string, cwd = process.cwd()): boolean {
    if (extname(path).toLowerCase() !== PROJECT_EXTENSION) return false;
    this.waiting.push(isAbsolute(path) ? path : resolve(cwd, path));
    this.announce();
    return true;
  }

  /** The next file's text, or why it can't be read; null when none is waiting. */
  async take(): Promise<OpenedProjectFile | null> {
    const path = this.waiting.shift();
    if (path === undefined) return null;
    const name = basename(path);
    try {
      const file = await open(path, 'r');
      try {
        const { size } = await file.stat();
        // The same bound the renderer's open dialog checks, before a byte is read.
        if (size > MAX_PROJECT_BYTES) return { name, problem: 'too-large' };
        return { name, text: await file.readFile('utf8') };
      } finally {
        await file.close();
      }
    } catch (error) {
      return { name, problem: (error as NodeJS.ErrnoException).code ?? 'unreadable' };
    }
  }
}

/** The project file named on a command line (the app started by a double-click), if any. */
export function projectFileInArgv(argv: readonly string[]): string | undefined {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && extname(arg).toLowerCase() === PROJECT_EXTENSION)
    .at(-1);
}
