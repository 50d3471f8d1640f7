import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Catalog } from '../../../src/catalog/catalog';
import { catalogOfLab } from '../order-catalog';
import { labDateOf, type CalendarDate } from '../../../src/documents/calendar';
import { invoiceOf } from '../../../src/documents/order-invoice';
import type { LabBusiness } from '../../../src/lab/lab-business';
import type { LabCheckout } from '../../../src/lab/checkout-config';
import { parseManifest } from '../../../src/order/manifest';
import { DOCUMENTS_DIR } from '../order-folder';
import type { FontSource } from '../render/fonts';
import { invoiceIssue, type InvoiceNumbers } from './invoice-issue';
import { renderInvoicePdf } from './invoice-pdf';
import { jobSheetOf, renderJobSheetPdf } from './job-sheet';

export const JOB_SHEET_FILE = 'job-sheet.pdf';

/** The invoice's file name: its number, so the lab finds it by the number the customer quotes. */
export function invoiceFileName(number: string): string {
  return `invoice-${number}.pdf`;
}

export interface DocumentsOptions {
  /** The lab's seller, terms and tax ids: the lab configuration's `checkout` and `business`. */
  checkout: LabCheckout;
  business: LabBusiness;
  numbers: InvoiceNumbers;
  /** Today, for a new invoice's date; tests move it. */
  now?: Date;
  /** A new invoice's delivery date, when it is not the invoice date. */
  deliveryDate?: CalendarDate;
  catalog?: Catalog;
  fonts?: FontSource;
}

/** What `writeOrderDocuments` made. */
export interface OrderDocuments {
  orderId: string;
  dir: string;
  jobSheet: string;
  invoice: string;
  invoiceNumber: string;
  /** False when the invoice had been issued before: kept as it was, number and file. */
  invoiceIssuedNow: boolean;
}

/**
 * Writes a pulled order's job sheet and invoice into `<order>/documents/`. The job sheet is drawn
 * again each time (the same order gives the same bytes). The invoice is issued once: its number
 * from the store, its dates recorded beside it; a file already written is never rewritten, and a
 * missing one is drawn again from the record, to the same bytes.
 */
export async function writeOrderDocuments(
  orderDir: string,
  options: DocumentsOptions,
): Promise<OrderDocuments> {
  const manifest = parseManifest(
    JSON.parse(await readFile(join(orderDir, 'manifest.json'), 'utf8')),
  );
  const catalog = options.catalog ?? (await catalogOfLab(manifest.lab.id));
  const dir = join(orderDir, DOCUMENTS_DIR);
  await mkdir(dir, { recursive: true });

  const jobSheet = await renderJobSheetPdf(
    jobSheetOf(manifest, catalog),
    new Date(manifest.createdAt),
    options.fonts,
  );
  await writeWhole(join(dir, JOB_SHEET_FILE), jobSheet);

  const now = options.now ?? new Date();
  const lab = { catalog, checkout: options.checkout, business: options.business };
  // An order that cannot be invoiced (its lines do not add up) fails here, before it takes a
  // number: a number issued to no invoice would leave a gap in the sequence.
  const today = labDateOf(now);
  invoiceOf(manifest, { number: 'draft', invoiceDate: today, deliveryDate: today }, lab);
  const { issue, issuedNow } = await invoiceIssue(dir, manifest.orderId, options.numbers, {
    now,
    deliveryDate: options.deliveryDate,
  });
  const invoicePath = join(dir, invoiceFileName(issue.number));
  if (!(await exists(invoicePath))) {
    const invoice = invoiceOf(manifest, issue, lab);
    await writeWhole(
      invoicePath,
      await renderInvoicePdf(invoice, options.business.bank, options.fonts),
    );
  }
  return {
    orderId: manifest.orderId,
    dir,
    jobSheet: JOB_SHEET_FILE,
    invoice: invoiceFileName(issue.number),
    invoiceNumber: issue.number,
    invoiceIssuedNow: issuedNow,
  };
}

/** Written beside and renamed into place, so a reader never sees half a PDF. */
async function writeWhole(path: string, bytes: Uint8Array): Promise<void> {
  await writeFile(`${path}.partial`, bytes);
  await rename(`${path}.partial`, path);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
