import { readdir } from 'node:fs/promises';
import { parseCatalog, type Catalog } from '../../src/catalog/catalog';
import { APP_ROOT, labPaths, readLabFolder } from '../../services/lab/lab-folder';
import catalogData from '../../assets/catalog.json';

/**
 * The catalog an order was designed and priced with: that of the lab folder (assets/labs/NAME/)
 * whose configuration has the manifest's lab id, Photo Dose's where none has. A white-label
 * lab's products differ in sizes, options and prices, and its print files, job sheet and
 * invoice must follow what its customers ordered, not Photo Dose's catalog.
 */
export function catalogOfLab(labId: string, root = APP_ROOT): Promise<Catalog> {
  // Found once a process: `lab documents` and `lab render` take many orders of few labs.
  const key = `${root}\0${labId}`;
  let found = catalogs.get(key);
  if (!found) catalogs.set(key, (found = findCatalog(labId, root)));
  return found;
}

const catalogs = new Map<string, Promise<Catalog>>();

async function findCatalog(labId: string, root: string): Promise<Catalog> {
  const { labsDir } = labPaths(root);
  const names = await readdir(labsDir).catch(() => [] as string[]);
  for (const name of names.sort()) {
    // A folder that isn't a valid lab is no lab an order was priced by: it is passed over here
    // (the build and its tests refuse it with the reason).
    const folder = await readLabFolder(name, root).catch(() => undefined);
    if (folder?.config.id === labId) return folder.catalog;
  }
  return parseCatalog(catalogData);
}
