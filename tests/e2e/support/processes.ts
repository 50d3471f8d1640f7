import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const cli = resolve(import.meta.dirname, '../../../bin/photodose.js');

export interface Running {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts `photodose <args>` and waits for a line of its output that matches
 * `ready`; everything it prints is kept, so tests can read its logs.
 */
export async function startCli(
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = process.env,
  /** How long the process may take to say it is ready (a busy machine needs more). */
  readyTimeoutMs = 30_000,
): Promise<Running & { match: RegExpMatchArray }> {
  const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const match = await new Promise<RegExpMatchArray>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      // Not left running behind the test: it never said it was ready.
      child.kill('SIGKILL');
      reject(new Error(`timed out waiting for ${ready}:\n${output}`));
    }, readyTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = output.match(ready);
      if (found) {
        clearTimeout(timer);
        resolvePromise(found);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`photodose ${args[0]} exited (${code}):\n${output}`)),
    );
  });
  return {
    child,
    match,
    output: () => output,
    stop: () =>
      new Promise((done) => {
        // Ended already (by itself or killed by a signal): there is no exit left to wait for.
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs `photodose <args>` to the end; rejects with its output when it fails. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) =>
      code === 0
        ? resolvePromise(output)
        : reject(new Error(`photodose ${args.join(' ')} failed:\n${output}`)),
    );
  });
}
