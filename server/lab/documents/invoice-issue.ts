import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { checkDate, labDateOf, type CalendarDate } from '../../../src/documents/calendar';
import { formatInvoiceNumber } from '../../../src/documents/invoice';
import type { InvoiceIssue } from '../../../src/documents/order-invoice';

/**
 * Where invoice numbers come from: the lab store's one consecutive counter (LabStore), which
 * gives an order the same number however often it is asked, and the next free one to a new
 * order, in a transaction that survives restarts.
 */
export interface InvoiceNumbers {
  nextInvoiceNumber(orderId: string): Promise<number>;
}

/** The record of an issued invoice, beside it in the order's documents folder. */
export const ISSUE_FILE = 'invoice-issue.json';

const IssueRecord = z.object({
  orderId: z.string(),
  number: z.number().int().positive(),
  invoiceDate: z.string().refine((d) => checkDate(d) === d),
  deliveryDate: z.string().refine((d) => checkDate(d) === d),
});
type IssueRecord = z.infer<typeof IssueRecord>;

/**
 * The order's invoice issue: the one recorded in `documentsDir` when there is one, so an issued
 * invoice keeps its number and its dates for good; else a new one, numbered by the store and
 * dated today in Bremen, recorded before any PDF is drawn. The store answers a second request
 * for the same order with the same number, so a run that stops between the two never skips one.
 */
export async function invoiceIssue(
  documentsDir: string,
  orderId: string,
  numbers: InvoiceNumbers,
  options: { now: Date; deliveryDate?: CalendarDate },
): Promise<{ issue: InvoiceIssue; issuedNow: boolean }> {
  const path = join(documentsDir, ISSUE_FILE);
  const recorded = await readRecord(path);
  if (recorded) {
    if (recorded.orderId !== orderId) {
      throw new Error(`${path} records an invoice of order ${recorded.orderId}, not ${orderId}`);
    }
    return { issue: asIssue(recorded), issuedNow: false };
  }
  const invoiceDate = labDateOf(options.now);
  const record: IssueRecord = {
    orderId,
    number: await numbers.nextInvoiceNumber(orderId),
    invoiceDate,
    // The invoice goes into the parcel: delivered the day it is issued, unless the lab says.
    deliveryDate: checkDate(options.deliveryDate ?? invoiceDate),
  };
  await writeFile(`${path}.partial`, `${JSON.stringify(record, null, 2)}\n`);
  await rename(`${path}.partial`, path);
  return { issue: asIssue(record), issuedNow: true };
}

function asIssue(record: IssueRecord): InvoiceIssue {
  return {
    number: formatInvoiceNumber(record.number),
    invoiceDate: record.invoiceDate,
    deliveryDate: record.deliveryDate,
  };
}

async function readRecord(path: string): Promise<IssueRecord | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = IssueRecord.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} is not an invoice record: ${parsed.error.message}`);
  return parsed.data;
}
