import { germanDate } from '../../../src/documents/calendar';
import { invoiceTotals, type Invoice } from '../../../src/documents/invoice';
import { formatEuro, formatPercent } from '../../../src/documents/money';
import { formatIban } from '../../../src/order/payment';
import type { LabBusiness } from '../../../src/lab/lab-business';
import type { FontSource } from '../render/fonts';
import { A4, MARGIN, Sheet } from './sheet';

/**
 * The invoice as an A4 PDF in German, laid out after DIN 5008 (address field for a window
 * envelope, information block beside it): every field § 14 Abs. 4 UStG asks for, drawn from the
 * Invoice model, which holds them all. Dated with the invoice date, so a re-render is identical.
 */
export async function renderInvoicePdf(
  invoice: Invoice,
  bank: LabBusiness['bank'],
  fonts?: FontSource,
): Promise<Uint8Array> {
  const [year, month, day] = invoice.invoiceDate.split('-').map(Number) as [number, number, number];
  const sheet = await Sheet.create(
    {
      title: `Rechnung ${invoice.number}`,
      // Noon in UTC is the same calendar day in Bremen all year.
      date: new Date(Date.UTC(year, month - 1, day, 12)),
      identity: { document: 'invoice', invoice, bank },
    },
    fonts,
  );
  new InvoiceLayout(sheet, invoice, bank).draw();
  return sheet.save();
}

const RIGHT = A4.width - MARGIN;
/** Where a page's body ends: the footer below it names the lab. */
const BODY_END = 262;
const LINE = 4.6;
const COLUMNS = { pos: MARGIN, text: MARGIN + 10, quantity: 135, unit: 162, amount: RIGHT };
const TEXT_WIDTH = 88;

class InvoiceLayout {
  private y = 0;

  constructor(
    private readonly sheet: Sheet,
    private readonly invoice: Invoice,
    private readonly bank: LabBusiness['bank'],
  ) {}

  draw(): void {
    this.sheet.addPage();
    this.letterhead();
    this.items();
    this.totals();
    this.payment();
    this.footers();
  }

  private letterhead(): void {
    const { sheet, invoice } = this;
    const { seller, buyer } = invoice;
    sheet.text(seller.name, RIGHT, 20, { size: 14, bold: true, align: 'right' });
    [...seller.addressLines, ...(seller.email ? [seller.email] : [])].forEach((line, i) =>
      sheet.text(line, RIGHT, 26 + i * 4, { size: 9, align: 'right' }),
    );
    // The sender line above the window of a DIN envelope.
    const senderLine = [seller.name, ...seller.addressLines].join(' · ');
    sheet.text(senderLine, MARGIN, 50, { size: 7, grey: true });
    sheet.rule(MARGIN, MARGIN + sheet.width(senderLine, { size: 7 }), 51.2, 0.3);
    [buyer.name, ...buyer.addressLines].forEach((line, i) =>
      sheet.text(line, MARGIN, 57 + i * LINE, { size: 10 }),
    );
    const facts: [string, string][] = [
      ['Rechnungsnummer', invoice.number],
      ['Rechnungsdatum', germanDate(invoice.invoiceDate)],
      ['Lieferdatum', germanDate(invoice.deliveryDate)],
      ['Bestellnummer', invoice.orderId],
      ['Bestelldatum', germanDate(invoice.orderDate)],
    ];
    facts.forEach(([label, value], i) => {
      sheet.text(label, 125, 57 + i * LINE, { size: 9 });
      sheet.text(value, RIGHT, 57 + i * LINE, { size: 9, align: 'right' });
    });
    sheet.text(`Rechnung Nr. ${invoice.number}`, MARGIN, 100, { size: 14, bold: true });
    this.y = 110;
    this.tableHead();
  }

  private tableHead(): void {
    const { sheet } = this;
    const head = { size: 9, bold: true } as const;
    sheet.text('Pos.', COLUMNS.pos, this.y, head);
    sheet.text('Beschreibung', COLUMNS.text, this.y, head);
    sheet.text('Menge', COLUMNS.quantity, this.y, { ...head, align: 'right' });
    sheet.text('Einzelpreis', COLUMNS.unit, this.y, { ...head, align: 'right' });
    sheet.text('Betrag', COLUMNS.amount, this.y, { ...head, align: 'right' });
    sheet.rule(MARGIN, RIGHT, this.y + 1.8);
    this.y += 6.5;
  }

  /** Room for `height` mm more on this page, or a new page that continues the table. */
  private room(height: number, withHead = true): void {
    if (this.y + height <= BODY_END) return;
    this.sheet.addPage();
    this.sheet.text(`Rechnung Nr. ${this.invoice.number} (Fortsetzung)`, MARGIN, 25, {
      size: 11,
      bold: true,
    });
    this.y = 35;
    if (withHead) this.tableHead();
  }

  private items(): void {
    const { sheet } = this;
    this.invoice.items.forEach((item, index) => {
      const lines = sheet.wrap(item.description, TEXT_WIDTH, { size: 9.5 });
      const details = item.detail ? sheet.wrap(item.detail, TEXT_WIDTH, { size: 8.5 }) : [];
      this.room((lines.length + details.length) * LINE + 1.5);
      const top = this.y;
      sheet.text(String(index + 1), COLUMNS.pos, top, { size: 9.5 });
      lines.forEach((line, i) => sheet.text(line, COLUMNS.text, top + i * LINE, { size: 9.5 }));
      details.forEach((line, i) =>
        sheet.text(line, COLUMNS.text, top + (lines.length + i) * LINE, { size: 8.5, grey: true }),
      );
      const right = { size: 9.5, align: 'right' } as const;
      sheet.text(String(item.quantity), COLUMNS.quantity, top, right);
      if (item.unitCents !== undefined) {
        sheet.text(formatEuro(item.unitCents), COLUMNS.unit, top, right);
      }
      sheet.text(formatEuro(item.grossCents), COLUMNS.amount, top, right);
      this.y = top + (lines.length + details.length) * LINE + 1.5;
    });
  }

  private totals(): void {
    const { sheet } = this;
    const totals = invoiceTotals(this.invoice.items);
    this.room(8 + (totals.groups.length * 2 + 1) * LINE, false);
    sheet.rule(MARGIN, RIGHT, this.y - 2);
    this.y += 3;
    const row = (label: string, cents: number, bold = false) => {
      sheet.text(label, 110, this.y, { size: 9.5, bold });
      sheet.text(formatEuro(cents), RIGHT, this.y, { size: 9.5, bold, align: 'right' });
      this.y += LINE;
    };
    for (const group of totals.groups) {
      row(`Nettobetrag zu ${formatPercent(group.vatPercent)} USt.`, group.netCents);
      row(`Umsatzsteuer ${formatPercent(group.vatPercent)}`, group.vatCents);
    }
    sheet.rule(110, RIGHT, this.y - 2.6, 0.3);
    this.y += 1;
    row('Gesamtbetrag', totals.grossCents, true);
    this.y += 4;
  }

  private payment(): void {
    const { sheet, invoice } = this;
    const total = formatEuro(invoiceTotals(invoice.items).grossCents);
    const paragraphs: string[] = [];
    const { payment } = invoice;
    if (payment?.kind === 'invoice') {
      const to = this.bank
        ? ` auf unser Konto bei der ${this.bank.name}, IBAN ${formatIban(this.bank.iban)}` +
          (this.bank.bic ? `, BIC ${this.bank.bic}` : '')
        : '';
      paragraphs.push(
        `Bitte überweisen Sie den Gesamtbetrag von ${total} ohne Abzug bis zum ` +
          `${germanDate(payment.dueDate)}${to}. Verwendungszweck: Rechnung ${invoice.number}.`,
      );
    } else if (payment?.kind === 'sepa') {
      const account = payment.maskedIban ? ` von Ihrem Konto ${payment.maskedIban}` : '';
      paragraphs.push(
        `Den Gesamtbetrag von ${total} ziehen wir am ${germanDate(payment.debitDate)} per ` +
          `SEPA-Lastschrift${account} ein. Mandatsreferenz: ${payment.mandateReference}. ` +
          `Gläubiger-Identifikationsnummer: ${payment.creditorId}.`,
        'Bitte sorgen Sie für ausreichende Deckung Ihres Kontos.',
      );
    } else if (payment?.kind === 'paid') {
      paragraphs.push(`Der Gesamtbetrag von ${total} wurde per ${payment.method} bezahlt.`);
    }
    paragraphs.push('Vielen Dank für Ihre Bestellung!');
    for (const paragraph of paragraphs) {
      const lines = sheet.wrap(paragraph, RIGHT - MARGIN, { size: 9.5 });
      this.room(lines.length * LINE + 2, false);
      for (const line of lines) {
        sheet.text(line, MARGIN, this.y, { size: 9.5 });
        this.y += LINE;
      }
      this.y += 2;
    }
  }

  /** The lab's details on every page, and which page of how many. */
  private footers(): void {
    const { sheet, invoice } = this;
    const { seller } = invoice;
    const ids = [
      seller.register,
      seller.vatId ? `USt-IdNr. ${seller.vatId}` : undefined,
      seller.taxNumber ? `Steuernummer ${seller.taxNumber}` : undefined,
    ].filter(Boolean);
    const lines = [
      [seller.name, ...seller.addressLines, seller.email].filter(Boolean).join(' · '),
      ids.join(' · '),
      ...(this.bank
        ? [
            [
              this.bank.name,
              `IBAN ${formatIban(this.bank.iban)}`,
              this.bank.bic && `BIC ${this.bank.bic}`,
            ]
              .filter(Boolean)
              .join(' · '),
          ]
        : []),
    ];
    const count = sheet.pages.length;
    sheet.pages.forEach((page, i) => {
      sheet.rule(MARGIN, RIGHT, 270, 0.3, page);
      lines.forEach((line, n) =>
        sheet.text(line, MARGIN, 274 + n * 3.6, { size: 7, grey: true }, page),
      );
      sheet.text(
        `Seite ${i + 1} von ${count}`,
        RIGHT,
        274,
        { size: 7, grey: true, align: 'right' },
        page,
      );
    });
  }
}
