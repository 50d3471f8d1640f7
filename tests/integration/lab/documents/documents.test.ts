import { readFile, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runDocuments } from '../../../../server/lab/documents/cli';
import { writeOrderDocuments } from '../../../../server/lab/documents/order-documents';
import { openLabStore } from '../../../../server/lab/store/open';
import { readLabFolder } from '../../../../services/lab/lab-folder';
import { labCheckout } from '../../../../src/lab/lab-config';
import {
  SEPA,
  bookDesign,
  business,
  canvasDesign,
  checkout,
  counter,
  legacyManifestOf,
  manifestOf,
  manyPrintsDesign,
  orderFolder,
  printsDesign,
  scratch,
  tool,
} from './support';

const NOW = new Date('2026-11-26T09:00:00Z');
const LAB_FILE = resolve(import.meta.dirname, '../../../../dev/lab.json');

/** pdftotext's reading of a PDF, runs of spaces made one so columns read as lines. */
async function textOf(pdf: string): Promise<string> {
  return (await tool('pdftotext', ['-layout', pdf, '-'])).replace(/[ \t]+/g, ' ');
}

describe('the invoice', () => {
  it('carries every field § 14 Abs. 4 UStG asks for, in German, fonts embedded', async () => {
    const root = await scratch();
    const dir = await orderFolder(
      root,
      manifestOf({ orderId: 'PD-BOOKAAAAAA', design: bookDesign('book-21x21-hardcover', 30) }),
    );
    const made = await writeOrderDocuments(dir, {
      checkout,
      business,
      numbers: counter(41),
      now: NOW,
      deliveryDate: '2026-11-27',
    });
    expect(made.invoice).toBe('invoice-000041.pdf');
    const pdf = join(dir, 'documents', made.invoice);
    const text = await textOf(pdf);
    const required: [string, string][] = [
      ['lab: full name', 'Photo Dose GmbH'],
      ['lab: address', 'Am Wall 140'],
      ['lab: city', '28195 Bremen'],
      ['customer: full name', 'Frau Anna Schmidt'],
      ['customer: address', 'Am Wall 12'],
      ['lab: VAT id', 'USt-IdNr. DE123456789'],
      ['lab: tax number', 'Steuernummer 60/145/12345'],
      ['invoice date', 'Rechnungsdatum 26.11.2026'],
      ['consecutive number', 'Rechnungsnummer 000041'],
      ['delivery date', 'Lieferdatum 27.11.2026'],
      ['item with quantity', '1 Fotobuch 21×21 Hardcover 1 19,99 € 19,99 €'],
      ['item with quantity', '3 Weitere Seiten 6 0,59 € 3,54 €'],
      ['shipping', '4 Versand: DHL Paket 1 4,99 € 4,99 €'],
      ['net amount per rate', 'Nettobetrag zu 19 % USt. 29,01 €'],
      ['VAT rate and amount', 'Umsatzsteuer 19 % 5,51 €'],
      ['total', 'Gesamtbetrag 34,52 €'],
      ['payment term', 'bis zum 10.12.2026'],
      ['bank', 'IBAN DE89 3704 0044 0532 0130 00'],
    ];
    for (const [field, expected] of required) expect(text, field).toContain(expected);

    const fonts = await tool('pdffonts', [pdf]);
    expect(fonts).toMatch(/OpenSans-Regular\s+CID TrueType\s+Identity-H\s+yes/);
    expect(fonts).toMatch(/OpenSans-Bold\s+CID TrueType\s+Identity-H\s+yes/);
    // Every font embedded (whole, not subset), with a Unicode map so the text can be searched.
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/\syes\s+no\s+yes\s+\d+\s+\d+$/);
    const info = await tool('pdfinfo', [pdf]);
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.89 pts \(A4\)/);
    expect(info).toMatch(/Title:\s+Rechnung 000041/);
  }, 60_000);

  it("invoices another lab's order at that lab's prices, from its own catalog", async () => {
    // Elbfoto's 30x30 hardcover: its cover costs 9,00 € there, 7,00 € at Photo Dose.
    const elbfoto = await readLabFolder('elbfoto');
    const elbfotoCheckout = labCheckout(elbfoto.config);
    const manifest = manifestOf({
      orderId: 'PD-ELBFOTOAAA',
      design: bookDesign('book-30x30-hardcover', 24),
      shippingMethodId: 'dhl-paket-nord',
      lab: { id: elbfoto.config.id, catalog: elbfoto.catalog, checkout: elbfotoCheckout },
    });
    const dir = await orderFolder(await scratch(), manifest);
    const made = await writeOrderDocuments(dir, {
      checkout: elbfotoCheckout,
      business: elbfoto.config.business!,
      numbers: counter(),
      now: NOW,
    });
    const text = await textOf(join(dir, 'documents', made.invoice));
    const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;
    expect(text).toContain(`Gesamtbetrag ${euros(manifest.totals.totalCents)}`);
    expect(text).toMatch(/Fotobuch 30×30 Hardcover 1 \d+,\d\d € /);
    expect(text).toContain('9,00 €');
  });

  it('names the mandate reference, the creditor id and the debit date of a SEPA order', async () => {
    const root = await scratch();
    const dir = await orderFolder(
      root,
      manifestOf({ orderId: 'PD-PRINTSAAAA', design: printsDesign(), payment: SEPA }),
    );
    const made = await writeOrderDocuments(dir, {
      checkout,
      business,
      numbers: counter(),
      now: NOW,
    });
    const text = await textOf(join(dir, 'documents', made.invoice));
    expect(text).toContain('Mandatsreferenz: PD-MANDATE-0001');
    expect(text).toContain('Gläubiger-Identifikationsnummer: DE98ZZZ09999999999');
    // Thursday 26 November plus five days' notice: Tuesday 1 December.
    expect(text).toContain('am 01.12.2026 per SEPA-Lastschrift');
    expect(text).toContain('Mengenrabatt 5 % 1 -0,63 €');
    expect(text).toContain('Gesamtbetrag 16,93 €');
    expect(text).not.toContain('DE89370400440532013000');
  }, 60_000);
});

describe('the job sheet', () => {
  it('lists product, pages, print files, quantities and the shipping, with a code that scans', async () => {
    const root = await scratch();
    const dir = await orderFolder(
      root,
      manifestOf({ orderId: 'PD-BOOKBBBBBB', design: bookDesign('book-30x30-hardcover', 40) }),
    );
    const made = await writeOrderDocuments(dir, {
      checkout,
      business,
      numbers: counter(),
      now: NOW,
    });
    const pdf = join(dir, 'documents', made.jobSheet);
    const text = await textOf(pdf);
    for (const expected of [
      'PD-BOOKBBBBBB',
      'Bestellt am 25.11.2026',
      'Fotobuch 30×30 Hardcover',
      'Format 300 × 300 mm',
      'Seiten 40',
      'Buchrücken 7,3 mm',
      'Buchblock, 40 Seiten 1 print/book-inner.pdf',
      'Hardcover-Einband 1 print/book-cover.pdf',
      'Versand DHL Paket',
      'Frau Anna Schmidt',
      '28195 Bremen',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/€|anna@example\.de/);
    expect(await tool('pdffonts', [pdf])).toMatch(
      /OpenSans-Bold\s+CID TrueType\s+Identity-H\s+yes/,
    );

    // A picture of the page at office-printer resolution; zbar reads the Code 128 off it.
    await tool('pdftoppm', ['-r', '150', '-gray', '-png', '-singlefile', pdf, join(root, 'sheet')]);
    const scanned = await tool('zbarimg', ['-q', '--raw', join(root, 'sheet.png')]);
    expect(scanned.trim()).toBe('PD-BOOKBBBBBB');
  }, 60_000);

  it('runs on to more pages for a long prints order, each page with its code', async () => {
    const root = await scratch();
    const dir = await orderFolder(
      root,
      manifestOf({ orderId: 'PD-MANYAAAAAA', design: manyPrintsDesign(70) }),
    );
    const made = await writeOrderDocuments(dir, {
      checkout,
      business,
      numbers: counter(),
      now: NOW,
    });
    const pdf = join(dir, 'documents', made.jobSheet);
    const pages = Number(/Pages:\s+(\d+)/.exec(await tool('pdfinfo', [pdf]))![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = await textOf(pdf);
    expect(text).toContain('070_10x15_glossy_fill_x1.jpg');
    expect(text).toContain(`Seite ${pages} von ${pages}`);
    await tool('pdftoppm', [
      '-r',
      '150',
      '-gray',
      '-png',
      '-f',
      '2',
      '-l',
      '2',
      pdf,
      join(root, 'p'),
    ]);
    const page2 = (await readdir(root)).find((f) => f.startsWith('p-') && f.endsWith('.png'))!;
    expect((await tool('zbarimg', ['-q', '--raw', join(root, page2)])).trim()).toBe(
      'PD-MANYAAAAAA',
    );
  }, 60_000);
});

describe('issuing again', () => {
  it('keeps the number and dates, and draws the same bytes', async () => {
    const root = await scratch();
    const dir = await orderFolder(
      root,
      manifestOf({ orderId: 'PD-AGAINAAAAA', design: printsDesign(), payment: SEPA }),
    );
    const numbers = counter(7);
    const first = await writeOrderDocuments(dir, { checkout, business, numbers, now: NOW });
    const docs = join(dir, 'documents');
    const sheet = await readFile(join(docs, first.jobSheet));
    const invoice = await readFile(join(docs, first.invoice));

    // A week later, with a counter that would give another number: the invoice stays.
    const later = new Date('2026-12-03T09:00:00Z');
    const again = await writeOrderDocuments(dir, {
      checkout,
      business,
      numbers: counter(99),
      now: later,
    });
    expect(again).toMatchObject({ invoice: 'invoice-000007.pdf', invoiceIssuedNow: false });
    expect((await readFile(join(docs, again.jobSheet))).equals(sheet)).toBe(true);

    // Lost, and drawn again from the record: the very same bytes, not a new invoice.
    await rm(join(docs, first.invoice));
    await writeOrderDocuments(dir, { checkout, business, numbers: counter(99), now: later });
    expect((await readFile(join(docs, first.invoice))).equals(invoice)).toBe(true);
    expect((await readdir(docs)).sort()).toEqual([
      'invoice-000007.pdf',
      'invoice-issue.json',
      'job-sheet.pdf',
    ]);
  }, 60_000);
});

describe('invoice numbers from the lab database', () => {
  it('run on consecutively across orders and restarts, and an order keeps its own', async () => {
    const root = await scratch();
    const ids = ['PD-NUMBERAAAA', 'PD-NUMBERBBBB', 'PD-NUMBERCCCC', 'PD-NUMBERDDDD'];
    for (const orderId of ids)
      await orderFolder(root, manifestOf({ orderId, design: printsDesign() }));
    const received = await openLabStore(root);
    for (const orderId of ids)
      await received.recordReceived(orderId, { source: 'pull', photos: 2 });
    await received.close();

    // Each command run opens the database afresh, as the lab's runs do.
    const run = async (...orders: string[]) => {
      const lines: string[] = [];
      const log = vi
        .spyOn(console, 'log')
        .mockImplementation((line: string) => void lines.push(line));
      try {
        await runDocuments([...orders.map((id) => join(root, id)), '--lab', LAB_FILE]);
      } finally {
        log.mockRestore();
      }
      return lines;
    };
    expect(await run(ids[0]!, ids[1]!)).toEqual([
      expect.stringMatching(/^PD-NUMBERAAAA: job-sheet\.pdf, invoice-000001\.pdf \(new invoice\)/),
      expect.stringMatching(/^PD-NUMBERBBBB: job-sheet\.pdf, invoice-000002\.pdf \(new invoice\)/),
    ]);
    expect(await run(ids[2]!, ids[0]!)).toEqual([
      expect.stringMatching(/invoice-000003\.pdf \(new invoice\)/),
      expect.stringMatching(/^PD-NUMBERAAAA: .*invoice-000001\.pdf \(issued before, kept\)/),
    ]);
    expect(await run(ids[3]!)).toEqual([expect.stringMatching(/invoice-000004\.pdf/)]);
    for (const [i, orderId] of ids.entries()) {
      const docs = await readdir(join(root, orderId, 'documents'));
      expect(docs.filter((f) => f.endsWith('.pdf')).sort()).toEqual([
        `invoice-00000${i + 1}.pdf`,
        'job-sheet.pdf',
      ]);
    }
  }, 120_000);

  it('issues no number for an order the lab has not taken in', async () => {
    const root = await scratch();
    await orderFolder(root, manifestOf({ orderId: 'PD-STRAYAAAAA', design: printsDesign() }));
    await expect(runDocuments([join(root, 'PD-STRAYAAAAA'), '--lab', LAB_FILE])).rejects.toThrow(
      'order PD-STRAYAAAAA is not in the lab database',
    );
    const store = await openLabStore(root);
    try {
      expect(await store.invoiceNumberOf('PD-STRAYAAAAA')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

describe('other orders', () => {
  it('makes a canvas order’s sheet and an express shipment’s invoice', async () => {
    const root = await scratch();
    const dir = await orderFolder(
      root,
      manifestOf({
        orderId: 'PD-CANVASAAAA',
        design: canvasDesign(),
        shippingMethodId: 'ups-express',
      }),
    );
    const made = await writeOrderDocuments(dir, {
      checkout,
      business,
      numbers: counter(),
      now: NOW,
    });
    const sheet = await textOf(join(dir, 'documents', made.jobSheet));
    expect(sheet).toContain('Leinwand 60x40 cm, Querformat 1 print/canvas.jpg');
    expect(sheet).toContain('Keilrahmen 20 mm');
    expect(sheet).toContain('Versand UPS Express');
    const invoice = await textOf(join(dir, 'documents', made.invoice));
    expect(invoice).toContain('Leinwand 60x40 cm 1 59,99 € 59,99 €');
    expect(invoice).toContain('Versand: UPS Express 1 12,99 € 12,99 €');
    // 72,98 € gross: 11,65 € VAT (72,98 x 19 / 119 = 11,652), 61,33 € net.
    expect(invoice).toContain('Nettobetrag zu 19 % USt. 61,33 €');
    expect(invoice).toContain('Umsatzsteuer 19 % 11,65 €');
    expect(invoice).toContain('Gesamtbetrag 72,98 €');
  }, 60_000);

  it('invoices an order from before checkout at catalog prices, without shipping', async () => {
    const root = await scratch();
    const dir = await orderFolder(
      root,
      legacyManifestOf({ orderId: 'PD-OLDAAAAAAA', design: printsDesign() }),
    );
    const made = await writeOrderDocuments(dir, {
      checkout,
      business,
      numbers: counter(),
      now: NOW,
    });
    const invoice = await textOf(join(dir, 'documents', made.invoice));
    expect(invoice).toContain('Anna Schmidt');
    expect(invoice).toContain('Gesamtbetrag 11,94 €');
    expect(invoice).not.toContain('Versand');
    const sheet = await textOf(join(dir, 'documents', made.jobSheet));
    expect(sheet).toContain('nicht gewählt');
  }, 60_000);
});

describe('an order that cannot be invoiced', () => {
  it('takes no invoice number, so the sequence keeps no gap', async () => {
    const root = await scratch();
    const data = manifestOf({ orderId: 'PD-BROKENAAAA', design: printsDesign() });
    data.totals.totalCents += 1;
    const dir = await orderFolder(root, data);
    const numbers = counter();
    await expect(
      writeOrderDocuments(dir, { checkout, business, numbers, now: NOW }),
    ).rejects.toThrow('order PD-BROKENAAAA: its lines add up to 1693 cents');
    expect(numbers.issued.size).toBe(0);
    expect(await readdir(join(dir, 'documents'))).toEqual(['job-sheet.pdf']);
  }, 60_000);
});
