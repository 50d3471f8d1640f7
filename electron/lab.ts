import { join } from 'node:path';
import { readLabConfigFile } from '../services/lab/read-lab-config';
import { pickLocale } from '../src/i18n/pick-locale';
import { translate } from '../src/i18n/translate';
import {
  RELEASE_LAB_FILE,
  describeLabRefusal,
  labRefusalMessage,
  type LabCheck,
  type LabRefusal,
} from '../src/lab/lab-policy';

/** What main knows when it picks the lab: from `app` and `process.env`. */
export interface LabSource {
  packaged: boolean;
  appPath: string;
  env: Record<string, string | undefined>;
}

/**
 * The lab configuration file the app reads. A packaged app reads only the
 * copy the release check accepted, inside its asar: an environment variable
 * must not be able to point a customer's app at another lab.
 * PHOTODOSE_LAB_CONFIG is how `npm start` hands over the development lab.
 */
export function labConfigFile(source: LabSource): string {
  const fromEnv = source.env.PHOTODOSE_LAB_CONFIG;
  return !source.packaged && fromEnv ? fromEnv : join(source.appPath, RELEASE_LAB_FILE);
}

/**
 * Reads and checks the app's lab. A packaged app is a release. The app never
 * starts a receiving server itself, so it refuses the demonstration lab even
 * in development: `npm start` runs that lab beside it and passes its address.
 */
export async function loadAppLab(
  source: LabSource,
  readText?: (file: string) => Promise<string>,
): Promise<LabCheck> {
  const use = source.packaged ? 'release' : 'development';
  const check = await readLabConfigFile(labConfigFile(source), use, readText);
  if (check.ok && check.config.serverUrl === 'embedded') {
    return { ok: false, refusal: { code: 'embedded' } };
  }
  return check;
}

/** The parts of Electron that a refused start uses. */
export interface RefusalDeps {
  preferredLanguages: readonly string[];
  showErrorBox(title: string, content: string): void;
  exit(code: number): void;
  log(line: string): void;
}

/** Tells the customer in their language why the app does not start, then exits with 1. */
export function refuseToStart(refusal: LabRefusal, deps: RefusalDeps): void {
  deps.log(`refusing to start: ${describeLabRefusal(refusal)}`);
  const locale = pickLocale(deps.preferredLanguages);
  const { key, params } = labRefusalMessage(refusal);
  deps.showErrorBox(translate(locale, 'startup.failed'), translate(locale, key, params));
  deps.exit(1);
}
