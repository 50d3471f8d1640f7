import catalogData from '../assets/catalog.json';
import { parseCatalog } from '../src/catalog/catalog';

/** The lab's catalog, checked once when the app starts. */
export const catalog = parseCatalog(catalogData);
