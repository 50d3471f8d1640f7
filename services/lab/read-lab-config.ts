import { readFile } from 'node:fs/promises';
import { checkLabConfig, type LabCheck, type LabUse } from '../../src/lab/lab-policy';

/**
 * Reads a lab configuration file and checks it for `use`. A file that can't
 * be read or isn't JSON is a refusal like any other, so every caller (the
 * app, the demonstration lab, the release check) words it the same way.
 */
export async function readLabConfigFile(
  file: string,
  use: LabUse,
  readText: (file: string) => Promise<string> = (path) => readFile(path, 'utf8'),
): Promise<LabCheck> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readText(file));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, refusal: { code: 'unreadable', file, detail } };
  }
  return checkLabConfig(raw, use);
}
