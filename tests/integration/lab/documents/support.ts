import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { InvoiceNumbers } from '../../../../server/lab/documents/invoice-issue';

export * from '../../../fixtures/order-manifests';

const run = promisify(execFile);

/** A pulled order's folder with its manifest (the documents read nothing else). */
export async function orderFolder(root: string, manifest: { orderId: string }): Promise<string> {
  const dir = join(root, manifest.orderId);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

export function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'photodose-documents-'));
}

/** An invoice counter in memory, for tests that are not about the store. */
export function counter(start = 1): InvoiceNumbers & { issued: Map<string, number> } {
  const issued = new Map<string, number>();
  let next = start;
  return {
    issued,
    async nextInvoiceNumber(orderId) {
      if (!issued.has(orderId)) issued.set(orderId, next++);
      return issued.get(orderId)!;
    },
  };
}

/** Runs a tool (poppler, zbarimg) and returns what it printed. */
export async function tool(name: string, args: string[]): Promise<string> {
  const { stdout } = await run(name, args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}
