import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * Where `lab pull` writes decrypted orders: customers' names, addresses and
 * photos. By default a folder of its own in the operator's home, never the
 * folder the command happens to run in (often a checkout of this project).
 */
export function defaultOrdersDir(): string {
  return join(homedir(), 'photodose-lab-orders');
}

/**
 * Refuses a folder inside a git work tree: decrypted orders there are one
 * `git add .` away from a commit, and a .gitignore entry is easily lost.
 */
export async function checkOrdersDir(dir: string): Promise<string> {
  const absolute = resolve(dir);
  const workTree = await gitWorkTreeAround(absolute);
  if (workTree) {
    throw new Error(
      `refusing to write decrypted orders to ${absolute}: it is inside the git work tree ` +
        `${workTree} (customer data would be one 'git add' away from a commit). ` +
        `Choose a folder outside it with --out.`,
    );
  }
  return absolute;
}

/** The nearest folder at or above `dir` that holds a `.git` (a folder, or a file for worktrees). */
async function gitWorkTreeAround(dir: string): Promise<string | undefined> {
  for (let at = dir; ; at = dirname(at)) {
    if (await stat(join(at, '.git')).catch(() => undefined)) return at;
    if (dirname(at) === at) return undefined;
  }
}
