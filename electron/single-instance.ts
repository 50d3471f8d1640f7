import { projectFileInArgv } from '../services/host/opened-files';

/** The parts of Electron's `app` the single-instance handling uses; Electron's app satisfies it. */
export interface InstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string) => void,
  ): unknown;
  on(
    event: 'open-file',
    listener: (event: { preventDefault(): void }, path: string) => void,
  ): unknown;
}

export interface InstanceHandlers {
  /** A project file the system asked to open (argv, a second start, macOS's open-file). */
  open(path: string, workingDirectory?: string): void;
  /** Someone started the app again: bring the running window forward. */
  focus(): void;
}

/**
 * One running app: a second start (a double-click on a `.pdbook` while the app is open) hands its
 * file to the first and quits, so there are never two windows writing the same project or two
 * hosts sending orders. Register before the app is ready: macOS sends open-file that early.
 * Returns false when another instance owns the app (this one is quitting).
 */
export function claimSingleInstance(
  app: InstanceApp,
  argv: readonly string[],
  handlers: InstanceHandlers,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  const first = projectFileInArgv(argv);
  if (first) handlers.open(first);
  app.on('second-instance', (_event, secondArgv, workingDirectory) => {
    handlers.focus();
    const file = projectFileInArgv(secondArgv);
    if (file) handlers.open(file, workingDirectory);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    handlers.open(path);
  });
  return true;
}
