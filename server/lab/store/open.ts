import { join } from 'node:path';
import type { Clock, LabStore } from './lab-store';
import { LAB_DB_FILE, openSqliteLabStore } from './sqlite-store';

/** The lab database of an orders folder: DIR/lab.sqlite (the one backend so far). */
export function openLabStore(
  ordersDir: string,
  clock: Clock = () => new Date(),
): Promise<LabStore> {
  return openSqliteLabStore(join(ordersDir, LAB_DB_FILE), clock);
}
