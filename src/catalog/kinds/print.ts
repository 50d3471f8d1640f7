import { z } from 'zod';
import { printSurface } from '../../geometry/flat';
import { CatalogId, Cents, MarginMm, OrientationSchema, uniqueById } from '../units';
import type { PriceLine, ProductKind } from './kind';

/**
 * A paper size of the minilab. Its pixels are the truth: minilab paper is inch-based, so a
 * "10x15" is 1200 x 1800 px at 300 dpi (101.6 x 152.4 mm), and labs differ.
 */
const PrintSize = z.object({
  id: CatalogId,
  px: z.object({
    width: z.number().int().positive({ error: 'must be more than 0 px' }),
    height: z.number().int().positive({ error: 'must be more than 0 px' }),
  }),
  priceCents: Cents,
});

/** From `fromQuantity` prints in one order, every print costs `percent` less. */
const QuantityDiscount = z.object({
  fromQuantity: z.number().int().min(2),
  percent: z.number().int().min(1).max(99),
});

/** Photo prints in the catalog: one product, several paper sizes. */
export const PhotoPrint = z.object({
  id: CatalogId,
  kind: z.literal('print'),
  /** The minilab's resolution: some expose at 300 dpi, some at 320. */
  dpi: z.number().int().positive(),
  safeMm: MarginMm,
  finishes: z.array(z.enum(['glossy', 'matte'])).min(1),
  /** Fill crops the photo to the paper; fit leaves a white border. */
  fits: z.array(z.enum(['fill', 'fit'])).min(1),
  sizes: uniqueById(PrintSize, 'print size'),
  quantityDiscounts: z
    .array(QuantityDiscount)
    .refine(
      (tiers) => tiers.every((t, i) => i === 0 || t.fromQuantity > tiers[i - 1]!.fromQuantity),
      {
        error: 'discounts must be listed by growing quantity',
      },
    )
    .default([]),
});
export type PhotoPrint = z.infer<typeof PhotoPrint>;

/** One photo to print: its paper size, how many copies, which way up, its surface and fit. */
const PrintItem = z.object({
  sizeId: z.string(),
  quantity: z.number(),
  orientation: OrientationSchema.optional(),
  finish: z.string().optional(),
  fit: z.string().optional(),
});
export type PrintItem = z.infer<typeof PrintItem>;

/** What a customer chooses for prints: the photos, each with size and quantity. */
export const PrintOptions = z.object({ prints: z.array(PrintItem) });
export type PrintOptions = z.infer<typeof PrintOptions>;

function sizeOf(product: PhotoPrint, sizeId: string) {
  const size = product.sizes.find((s) => s.id === sizeId);
  if (!size) throw new Error(`unknown print size ${sizeId}`);
  return size;
}

/** The most copies of one print in one order: more is a typo, not an order. */
export const MAX_PRINT_QUANTITY = 999;

/** Cents off a subtotal, rounded half up to the cent. */
function discountCents(subtotal: number, percent: number): number {
  return Math.floor((subtotal * percent + 50) / 100);
}

/** Photo prints: priced per size and copy, with a discount for large orders. */
export const photoPrint = {
  schema: PhotoPrint,
  options: PrintOptions,
  defaultOptions: () => ({ prints: [] }),
  problems: (product, { prints }) =>
    prints.flatMap(({ sizeId, quantity, finish, fit }, index) => {
      const problems: string[] = [];
      if (!product.sizes.some((s) => s.id === sizeId)) {
        problems.push(`print ${index + 1}: unknown print size ${sizeId}`);
      }
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_PRINT_QUANTITY) {
        problems.push(
          `print ${index + 1}: quantity ${quantity} is not a whole number from 1 to ${MAX_PRINT_QUANTITY}`,
        );
      }
      if (finish !== undefined && !(product.finishes as string[]).includes(finish)) {
        problems.push(`print ${index + 1}: finish ${finish} is not offered`);
      }
      if (fit !== undefined && !(product.fits as string[]).includes(fit)) {
        problems.push(`print ${index + 1}: fit ${fit} is not offered`);
      }
      return problems;
    }),
  surfaces: (product, { prints }) =>
    prints.map((item, index) =>
      printSurface(
        { px: sizeOf(product, item.sizeId).px, dpi: product.dpi, safeMm: product.safeMm },
        item.orientation,
        `print-${index + 1}`,
      ),
    ),
  priceLines: (product, { prints }) => {
    const lines: PriceLine[] = [];
    // One line per size, in the catalog's order, however the photos are ordered.
    for (const size of product.sizes) {
      const quantity = prints
        .filter((p) => p.sizeId === size.id)
        .reduce((sum, p) => sum + p.quantity, 0);
      if (quantity === 0) continue;
      lines.push({
        labelKey: 'price.prints',
        params: { size: size.id, quantity },
        cents: quantity * size.priceCents,
      });
    }
    const total = prints.reduce((sum, p) => sum + p.quantity, 0);
    const tier = product.quantityDiscounts.findLast((t) => total >= t.fromQuantity);
    if (tier) {
      const subtotal = lines.reduce((sum, line) => sum + line.cents, 0);
      lines.push({
        labelKey: 'price.quantityDiscount',
        params: { percent: tier.percent },
        cents: -discountCents(subtotal, tier.percent),
      });
    }
    return lines;
  },
} satisfies ProductKind<PhotoPrint, PrintOptions>;
