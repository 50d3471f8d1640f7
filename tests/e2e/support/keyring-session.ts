import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A private D-Bus session with an unlocked gnome-keyring: the OS keychain of one test. */
export interface KeyringSession {
  /** What a process needs to reach this keychain (its D-Bus address). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts a session bus and gnome-keyring on it (as scripts/with-keyring.sh does for the keyring
 * tests), for processes the test starts one after another: a host killed and started again finds
 * what the first one kept. `env` gives both the client machine's folders, so the keyring's
 * files land there.
 */
export async function startKeyringSession(env: Record<string, string>): Promise<KeyringSession> {
  const started: ChildProcess[] = [];
  const stop = async () => {
    for (const child of started.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
  };
  try {
    const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    started.push(bus);
    const address = await new Promise<string>((resolve, reject) => {
      createInterface({ input: bus.stdout! }).once('line', resolve);
      bus.once('exit', (code) => reject(new Error(`dbus-daemon exited (${code})`)));
    });
    const session = { DBUS_SESSION_BUS_ADDRESS: address.trim() };
    const keyring = spawn(
      'gnome-keyring-daemon',
      ['--unlock', '--components=secrets', '--foreground'],
      { env: { ...process.env, ...env, ...session }, stdio: ['pipe', 'ignore', 'ignore'] },
    );
    started.push(keyring);
    // An empty password unlocks (and first creates) the login keyring.
    keyring.stdin!.end('\n');
    await untilAnswers({ ...process.env, ...env, ...session });
    return { env: session, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits until the keyring stores and gives back a probe secret through its D-Bus API. */
async function untilAnswers(env: NodeJS.ProcessEnv): Promise<void> {
  const attrs = ['service', 'photodose-e2e-probe', 'username', 'probe'];
  for (let i = 0; i < 100; i++) {
    try {
      await new Promise<void>((resolve, reject) => {
        const store = spawn('secret-tool', ['store', '--label=probe', ...attrs], { env });
        store.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
        store.stdin.end('probe');
      });
      const { stdout } = await run('secret-tool', ['lookup', ...attrs], { env });
      if (stdout === 'probe') {
        await run('secret-tool', ['clear', ...attrs], { env });
        return;
      }
    } catch {
      // Not up yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('gnome-keyring did not answer on the private session bus');
}
