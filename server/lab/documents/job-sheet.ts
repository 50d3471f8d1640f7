import { findProduct, type Catalog } from '../../../src/catalog/catalog';
import { labDateOf, germanDate, type CalendarDate } from '../../../src/documents/calendar';
import { shippingPostal } from '../../../src/documents/order-invoice';
import { productName } from '../../../src/documents/order-items';
import { addressLines, type PostalAddress } from '../../../src/documents/postal';
import { spineWidthMm } from '../../../src/geometry/book';
import { translate } from '../../../src/i18n/translate';
import { designAssets } from '../../../src/model/design';
import { printItems } from '../../../src/model/prints';
import type { AnyOrderManifest } from '../../../src/order/manifest';
import type { FontSource } from '../render/fonts';
import { BOOK_FILES } from '../render/book';
import { CANVAS_FILE } from '../render/canvas';
import { PRINT_DIR } from '../render/order';
import { printFileName } from '../render/prints';
import { drawCode128 } from './barcode';
import { MARGIN, A4, Sheet } from './sheet';

/**
 * What production needs on paper for one order: what to make, from which print file, how many,
 * and where it goes. No prices, no payment, no email: the sheet travels through the workshop.
 */
export interface JobSheet {
  orderId: string;
  orderDate: CalendarDate;
  product: string;
  /** Label and value pairs about the product: format, binding, page count, spine. */
  facts: [string, string][];
  /** One line per thing to produce, with its print file (relative to the order folder). */
  lines: { what: string; quantity: number; file: string }[];
  photoCount: number;
  shipping: { method: string; address: PostalAddress; phone?: string };
}

const FINISH = { glossy: 'glänzend', matte: 'matt' } as const;
const FIT = { fill: 'randlos', fit: 'ganzes Foto, weißer Rand' } as const;
const ORIENTATION = { portrait: 'Hochformat', landscape: 'Querformat' } as const;

function mm(value: number): string {
  return `${String(Math.round(value * 10) / 10).replace('.', ',')} mm`;
}

/** The job sheet of an order, from its manifest and the lab's catalog. */
export function jobSheetOf(manifest: AnyOrderManifest, catalog: Catalog): JobSheet {
  const { design } = manifest;
  const file = (name: string) => `${PRINT_DIR}/${name}`;
  let product: string;
  let facts: JobSheet['facts'];
  let lines: JobSheet['lines'];
  switch (design.kind) {
    case 'photoBook': {
      const { book } = design;
      const spec = findProduct(catalog, book.productId, 'photoBook');
      const pages = book.pageIds.length;
      const binding = translate('de', 'price.cover', { binding: spec.cover.binding });
      product = productName(book.productId);
      facts = [
        ['Format', `${spec.trimMm.width} × ${spec.trimMm.height} mm`],
        ['Einband', binding],
        ['Seiten', String(pages)],
        ['Buchrücken', mm(spineWidthMm(spec, pages))],
        ...(book.title ? [['Titel', book.title] as [string, string]] : []),
      ];
      lines = [
        { what: `Buchblock, ${pages} Seiten`, quantity: 1, file: file(BOOK_FILES.inner) },
        { what: binding, quantity: 1, file: file(BOOK_FILES.cover) },
      ];
      break;
    }
    case 'prints': {
      const items = printItems(design.prints);
      product = productName(design.prints.productId);
      const copies = items.reduce((sum, item) => sum + item.quantity, 0);
      facts = [
        ['Abzüge', String(copies)],
        ['Positionen', String(items.length)],
      ];
      lines = items.map((item, i) => ({
        what: `${item.sizeId} cm, ${FINISH[item.finish]}, ${FIT[item.fit]}, ${ORIENTATION[item.orientation]}`,
        quantity: item.quantity,
        file: file(printFileName(item, i + 1)),
      }));
      break;
    }
    case 'canvas': {
      const { canvas } = design;
      const spec = findProduct(catalog, canvas.productId, 'canvas');
      product = productName(canvas.productId);
      facts = [
        ['Format', `${canvas.sizeId} cm, ${ORIENTATION[canvas.orientation]}`],
        ['Keilrahmen', mm(spec.frameDepthMm)],
      ];
      lines = [
        {
          what: `Leinwand ${canvas.sizeId} cm, ${ORIENTATION[canvas.orientation]}`,
          quantity: 1,
          file: file(CANVAS_FILE),
        },
      ];
      break;
    }
  }
  const current = manifest.manifestVersion === 3 ? undefined : manifest;
  return {
    orderId: manifest.orderId,
    orderDate: labDateOf(new Date(manifest.createdAt)),
    product,
    facts,
    lines,
    photoCount: designAssets(design).length,
    shipping: {
      method: current?.totals.shipping.name ?? 'nicht gewählt (Bestellung vor der Versandwahl)',
      address: shippingPostal(manifest),
      phone: current?.customer.phone,
    },
  };
}

const RIGHT = A4.width - MARGIN;
const LINE = 5;
const BODY_END = 275;

/**
 * The job sheet as an A4 PDF: the order id large and as a Code 128 a hand scanner reads, the
 * product and its facts, one line per print file with its quantity and a box to tick, and the
 * shipping method and address. Dated with the order, so a re-render is identical.
 */
export async function renderJobSheetPdf(
  sheetData: JobSheet,
  orderCreatedAt: Date,
  fonts?: FontSource,
): Promise<Uint8Array> {
  const sheet = await Sheet.create(
    {
      title: `Auftragszettel ${sheetData.orderId}`,
      date: orderCreatedAt,
      identity: { document: 'job-sheet', sheetData },
    },
    fonts,
  );
  const header = () => {
    sheet.addPage();
    sheet.text('Auftragszettel', MARGIN, 22, { size: 12, bold: true });
    sheet.text(sheetData.orderId, MARGIN, 34, { size: 22, bold: true });
    const codeWidth = drawCode128(
      sheet,
      sheetData.orderId,
      { x: 115, y: 15 },
      { module: 0.38, height: 16 },
    );
    sheet.text(sheetData.orderId, 115 + codeWidth / 2, 35.5, { size: 9, align: 'center' });
    sheet.text(`Bestellt am ${germanDate(sheetData.orderDate)}`, MARGIN, 41, { size: 9 });
    sheet.rule(MARGIN, RIGHT, 44);
  };
  header();
  let y = 53;
  sheet.text(sheetData.product, MARGIN, y, { size: 14, bold: true });
  y += 8;
  const facts: [string, string][] = [...sheetData.facts, ['Fotos', String(sheetData.photoCount)]];
  for (const [label, value] of facts) {
    sheet.text(label, MARGIN, y, { size: 10, grey: true });
    sheet.text(value, MARGIN + 35, y, { size: 10 });
    y += LINE;
  }
  y += 4;
  const tableHead = () => {
    const head = { size: 9, bold: true } as const;
    sheet.text('Pos.', MARGIN, y, head);
    sheet.text('Was', MARGIN + 10, y, head);
    sheet.text('Menge', 118, y, { ...head, align: 'right' });
    sheet.text('Druckdatei', 122, y, head);
    sheet.text('Erledigt', RIGHT, y, { ...head, align: 'right' });
    sheet.rule(MARGIN, RIGHT, y + 1.8);
    y += 6.5;
  };
  tableHead();
  sheetData.lines.forEach((line, i) => {
    const whatLines = sheet.wrap(line.what, 84, { size: 9.5 });
    const fileLines = sheet.wrap(line.file.replace(/_/g, '_ '), 52, { size: 8 });
    const height = Math.max(whatLines.length, fileLines.length) * 4.6 + 1.6;
    if (y + height > BODY_END) {
      header();
      y = 53;
      tableHead();
    }
    sheet.text(String(i + 1), MARGIN, y, { size: 9.5 });
    whatLines.forEach((w, n) => sheet.text(w, MARGIN + 10, y + n * 4.6, { size: 9.5 }));
    sheet.text(String(line.quantity), 118, y, { size: 9.5, bold: true, align: 'right' });
    fileLines.forEach((f, n) =>
      sheet.text(f.replace(/_ /g, '_'), 122, y + n * 4.6, { size: 8, grey: true }),
    );
    sheet.box(RIGHT - 4, y - 3.4, 4, 4, true);
    y += height;
  });
  sheet.rule(MARGIN, RIGHT, y - 2);

  // Shipping at the foot of the last page, where the packer looks last: a page of its own when
  // the table leaves no room for it.
  let foot = BODY_END - 38;
  if (y > foot - 10) header();
  sheet.rule(MARGIN, RIGHT, foot - 6);
  sheet.text('Versand', MARGIN, foot, { size: 11, bold: true });
  sheet.text(sheetData.shipping.method, MARGIN + 35, foot, { size: 10 });
  foot += 7;
  const { address, phone } = sheetData.shipping;
  sheet.text('Lieferanschrift', MARGIN, foot, { size: 10, grey: true });
  [address.name, ...addressLines(address), ...(phone ? [`Tel. ${phone}`] : [])].forEach((line, i) =>
    sheet.text(line, MARGIN + 35, foot + i * LINE, { size: 10 }),
  );
  ['Gedruckt', 'Geprüft', 'Verpackt', 'Versandt'].forEach((step, i) => {
    const x = 130;
    const top = foot - 3.4 + i * 6;
    sheet.box(x, top, 4, 4, true);
    sheet.text(step, x + 6, top + 3.4, { size: 9.5 });
  });
  const count = sheet.pages.length;
  sheet.pages.forEach((page, i) =>
    sheet.text(
      `${sheetData.orderId} · Seite ${i + 1} von ${count}`,
      RIGHT,
      288,
      {
        size: 7,
        grey: true,
        align: 'right',
      },
      page,
    ),
  );
  return sheet.save();
}
