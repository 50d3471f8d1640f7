import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseCatalog, type Catalog } from '../../src/catalog/catalog';
import type { LabConfig } from '../../src/lab/lab-config';
import type { LabBrand, LabSupport } from '../../src/lab/lab-brand';
import { checkLabConfig, describeLabRefusal } from '../../src/lab/lab-policy';

/**
 * A white-label lab's folder, assets/labs/NAME/: everything the app is built for it from.
 *
 *   lab.json      the lab configuration (src/lab/lab-config.ts) with `brand` and `support`
 *   logo.svg      the logo `brand.logo` names
 *   catalog.json  its products and prices; without it, Photo Dose's (assets/catalog.json)
 *
 * Read at build time by the Vite plugin (scripts/lab-build.ts) and on the Node side by
 * `photodose web`, `npm start` and `npm run dist`, so the window and the host see one lab.
 */

/** The repository's (and the installed package's) folder. Bundled into the Vite config, this
 * module's own place is not known, so the build passes its root in. */
export const APP_ROOT = resolve(import.meta.dirname, '../..');
/** Photo Dose: the lab a build is for when none is named. */
export const DEFAULT_LAB = 'photodose';
/**
 * Written beside the built renderer's index.html (scripts/lab-build.ts): which lab folder it
 * was built for, so `photodose web` serves it with that lab's catalog and checkout.
 */
export const LAB_MARKER = 'photodose-lab.json';

/** The folder of every lab, and the catalog of a lab folder without its own (Photo Dose's). */
export function labPaths(root = APP_ROOT): { labsDir: string; defaultCatalogFile: string } {
  return {
    labsDir: join(root, 'assets', 'labs'),
    defaultCatalogFile: join(root, 'assets', 'catalog.json'),
  };
}

const LAB_NAME = /^[a-z0-9-]{1,40}$/;
const MAX_LOGO_BYTES = 32 * 1024;

export interface LabFolder {
  name: string;
  dir: string;
  config: LabConfig & { brand: LabBrand; support: LabSupport };
  catalog: Catalog;
  /** The catalog's file: the lab's own, or Photo Dose's assets/catalog.json. */
  catalogFile: string;
  logoFile: string;
}

/** The lab folder named (PHOTODOSE_LAB, `--lab`), Photo Dose when none; a bad name throws. */
export function labName(named: string | undefined): string {
  const name = named?.trim() || DEFAULT_LAB;
  if (!LAB_NAME.test(name)) {
    throw new Error(`lab name "${name}" is not a folder of assets/labs/ (a-z, 0-9 and -)`);
  }
  return name;
}

/** Reads and checks a lab folder; the error names the file and what is wrong with it. */
export async function readLabFolder(name: string, root = APP_ROOT): Promise<LabFolder> {
  const { labsDir, defaultCatalogFile } = labPaths(root);
  const dir = join(labsDir, labName(name));
  const configFile = join(dir, 'lab.json');
  const raw = await readJson(configFile);
  // A lab folder is what a release is built from: the release policy applies (https, recipient).
  const check = checkLabConfig(raw, 'release');
  if (!check.ok) throw new Error(`${configFile}: ${describeLabRefusal(check.refusal)}`);
  const { brand, support } = check.config;
  if (!brand) throw new Error(`${configFile}: a lab folder needs "brand" (colours and logo)`);
  if (!support) throw new Error(`${configFile}: a lab folder needs "support" (email at least)`);

  const ownCatalog = join(dir, 'catalog.json');
  const catalogText = await readFile(ownCatalog, 'utf8').catch(missingAs(undefined));
  const catalogFile = catalogText === undefined ? defaultCatalogFile : ownCatalog;
  let catalog: Catalog;
  try {
    catalog = parseCatalog(
      catalogText === undefined ? await readJson(catalogFile) : JSON.parse(catalogText),
    );
  } catch (error) {
    throw new Error(`${catalogFile}: ${messageOf(error)}`, { cause: error });
  }

  const logoFile = join(dir, brand.logo);
  const logo = await readFile(logoFile).catch((error: unknown) => {
    throw new Error(`${logoFile}: cannot read the logo (${messageOf(error)})`);
  });
  const problem = logoProblem(logo);
  if (problem) throw new Error(`${logoFile}: ${problem}`);

  return { name, dir, config: { ...check.config, brand, support }, catalog, catalogFile, logoFile };
}

/**
 * Why an SVG may not be a lab's logo, or undefined. It is shown as an image (no script runs
 * there), but a logo that fetches from elsewhere or carries script is not what a lab meant to ship.
 */
export function logoProblem(bytes: Buffer): string | undefined {
  if (bytes.length > MAX_LOGO_BYTES) return `the logo is larger than ${MAX_LOGO_BYTES / 1024} KB`;
  const text = bytes.toString('utf8');
  const start = text.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*/, '');
  if (!/^<svg[\s>]/.test(start)) return 'the logo is not an SVG file (<svg> first)';
  if (!/\bviewBox\s*=/.test(text)) return 'the logo needs a viewBox, so it scales to the header';
  if (/<script|<foreignObject|\son[a-z]+\s*=|javascript:/i.test(text)) {
    return 'the logo carries script or foreign content';
  }
  if (
    /(href|src)\s*=\s*["']\s*(https?:|\/\/|data:)/i.test(text) ||
    /url\(\s*["']?https?:/i.test(text)
  ) {
    return 'the logo refers to other files or addresses: draw it in the one file';
  }
  return undefined;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read (${messageOf(error)})`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${messageOf(error)})`, { cause: error });
  }
}

function missingAs<T>(value: T) {
  return (error: unknown): T => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return value;
    throw error;
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
