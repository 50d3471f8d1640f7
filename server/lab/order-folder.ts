import { join } from 'node:path';
import { ORDER_ID } from '../../src/contract/receiver';

/**
 * The lab's orders folder, one place for every path in it:
 *
 * ```
 * DIR/lab.sqlite                  order states, erasures, invoice counter (no personal data)
 * DIR/<orderId>/                  a received order: manifest.json, photo-NNNN.<ext>
 * DIR/<orderId>/print/            print files (lab render)
 * DIR/<orderId>/documents/        job sheet (job-sheet.pdf) and invoice (invoice-<number>.pdf)
 * DIR/.incoming/<orderId>/        an order being taken in: cipher/ (ciphertext as received),
 *                                 plain/ (decrypted, moved to DIR/<orderId> once verified)
 * DIR/quarantine/<orderId>/       a damaged order: its ciphertext and reason.txt
 * ```
 */
export const PRINT_DIR = 'print';
export const DOCUMENTS_DIR = 'documents';
export const INCOMING_DIR = '.incoming';
export const QUARANTINE_DIR = 'quarantine';
export const REASON_FILE = 'reason.txt';

/** A received order's folder. */
export function orderDir(ordersDir: string, orderId: string): string {
  return join(ordersDir, orderId);
}

/** Where an order is taken in: its ciphertext as received, and its decrypted files. */
export function incomingDir(ordersDir: string, orderId: string) {
  const root = join(ordersDir, INCOMING_DIR, orderId);
  return { root, cipher: join(root, 'cipher'), plain: join(root, 'plain') };
}

/** A damaged order's ciphertext and the reason it was not taken in. */
export function quarantineDir(ordersDir: string, orderId: string): string {
  return join(ordersDir, QUARANTINE_DIR, orderId);
}

/** Whether a folder name is an order id (and so an order folder, not one of the lab's own). */
export function isOrderId(name: string): boolean {
  return ORDER_ID.test(name);
}

/**
 * An invoice in an order's documents folder (`invoice-<number>.pdf`, and `invoice-issue.json`,
 * its number and dates): kept for ten years (§ 147 AO, § 14b UStG), so an erasure leaves it;
 * everything else of the order goes.
 */
export function isKeptInvoice(name: string): boolean {
  return /^invoice[\w.-]*\.(pdf|json)$/.test(name);
}
