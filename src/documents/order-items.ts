import { isMessageKey, translate } from '../i18n/translate';
import type { InvoiceItem } from './invoice';

/** The product's name as the shop shows it in German ("Fotobuch 21×21 Softcover"). */
export function productName(productId: string): string {
  const key = `product.${productId}`;
  return isMessageKey(key) ? translate('de', key) : productId;
}

/** A price line as the catalog makes it and the manifest's totals carry it. */
export interface PricedLine {
  labelKey: string;
  params: Record<string, string | number>;
  cents: number;
}

/**
 * The invoice lines of an order's price lines: the same lines the customer was shown, each with a
 * quantity and a unit price where it has them, in German, VAT at `vatPercent`.
 */
export function invoiceItemsOf(
  lines: readonly PricedLine[],
  productId: string,
  vatPercent: number,
): InvoiceItem[] {
  return lines.map((line) => ({
    ...describe(line, productId),
    grossCents: line.cents,
    vatPercent,
  }));
}

function describe(
  line: PricedLine,
  productId: string,
): Pick<InvoiceItem, 'description' | 'detail' | 'quantity' | 'unitCents'> {
  const { labelKey, params } = line;
  const per = (quantity: number) => {
    if (!Number.isSafeInteger(quantity) || quantity < 1 || line.cents % quantity !== 0) {
      throw new Error(
        `price line ${labelKey} of ${line.cents} cents is not ${quantity} equal items`,
      );
    }
    return { quantity, unitCents: line.cents / quantity };
  };
  switch (labelKey) {
    case 'price.book':
      return {
        description: productName(productId),
        detail: translate('de', labelKey, params),
        ...per(1),
      };
    case 'price.extraPages':
      return { description: 'Weitere Seiten', ...per(Number(params.pages)) };
    case 'price.prints':
      return {
        description: `Fotoabzug ${String(params.size)} cm`,
        ...per(Number(params.quantity)),
      };
    case 'price.quantityDiscount':
      return { description: translate('de', labelKey, params), quantity: 1 };
    default:
      // Cover, canvas, and any line a newer app adds: its own words, one item.
      return {
        description: isMessageKey(labelKey) ? translate('de', labelKey, params) : labelKey,
        ...per(1),
      };
  }
}
