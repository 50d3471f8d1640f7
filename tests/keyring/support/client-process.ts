import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** One line the client host process printed (client-host.ts). */
export interface ClientMessage {
  event?: string;
  payload?: unknown;
  log?: string;
  /** order.status as a window opening at start sees it (resume mode). */
  status?: unknown;
}

/** The client host as a process of its own (support/client-host.ts). */
export interface ClientProcess {
  child: ChildProcess;
  /** Every message so far. */
  seen: ClientMessage[];
  /** Its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Resolves at the first message `test` picks; rejects if the process ends first. */
  until(test: (m: ClientMessage) => boolean): Promise<void>;
}

const script = join(import.meta.dirname, 'client-host.ts');
const started: ChildProcess[] = [];

/** Starts the client host in `mode` with its JSON config; its stdout lines become messages. */
export function startClient(mode: 'order' | 'resume', config: string): ClientProcess {
  // node itself with tsx's loader, not the tsx command: its wrapper process would take the
  // SIGKILL and leave the host running in a child of its own.
  const child = spawn(process.execPath, ['--import', 'tsx', script, mode, config], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const seen: ClientMessage[] = [];
  const waiters: { test: (m: ClientMessage) => boolean; resolve: () => void }[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let msg: ClientMessage;
    try {
      msg = JSON.parse(text) as ClientMessage;
    } catch {
      return;
    }
    seen.push(msg);
    for (const waiter of waiters.splice(0)) {
      if (waiter.test(msg)) waiter.resolve();
      else waiters.push(waiter);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    seen,
    exited,
    until: (test) =>
      new Promise<void>((resolve, reject) => {
        if (seen.some(test)) return resolve();
        waiters.push({ test, resolve });
        void exited.then((code) =>
          reject(
            new Error(
              `client exited (${code}) first: ${stderr.slice(-2000)} ${JSON.stringify(seen).slice(-3000)}`,
            ),
          ),
        );
      }),
  };
}

/** Ends every client process the test started that is still running. */
export function killClients(): void {
  for (const child of started.splice(0)) child.kill('SIGKILL');
}
