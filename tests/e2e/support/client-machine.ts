import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The customer's machine as the privacy scan sees it: every folder where the
 * app or the browser could leave something (home, temp, each XDG base
 * folder), fresh for each test, and a browser profile. Both the host
 * process and Chromium get `env`, so their writes land here and nowhere
 * else the scan would miss (Chromium keeps its crash reports in
 * $XDG_CONFIG_HOME/chromium, its caches in $XDG_CACHE_HOME).
 */
export interface ClientMachine {
  folders: {
    home: string;
    tmp: string;
    config: string;
    cache: string;
    data: string;
    state: string;
    runtime: string;
  };
  profile: string;
  /** The variables that point a process at these folders. */
  env: Record<string, string>;
  /** Every folder to scan: all of `folders` and the profile. */
  scanned: string[];
}

export async function makeClientMachine(root: string): Promise<ClientMachine> {
  const folders = {
    home: join(root, 'home'),
    tmp: join(root, 'tmp'),
    config: join(root, 'xdg-config'),
    cache: join(root, 'xdg-cache'),
    data: join(root, 'xdg-data'),
    state: join(root, 'xdg-state'),
    runtime: join(root, 'xdg-runtime'),
  };
  const profile = join(root, 'browser-profile');
  for (const dir of [...Object.values(folders), profile]) await mkdir(dir, { recursive: true });
  // The XDG spec asks for a runtime folder only its owner can enter.
  await chmod(folders.runtime, 0o700);
  return {
    folders,
    profile,
    env: {
      HOME: folders.home,
      TMPDIR: folders.tmp,
      XDG_CONFIG_HOME: folders.config,
      XDG_CACHE_HOME: folders.cache,
      XDG_DATA_HOME: folders.data,
      XDG_STATE_HOME: folders.state,
      XDG_RUNTIME_DIR: folders.runtime,
    },
    scanned: [...Object.values(folders), profile],
  };
}
