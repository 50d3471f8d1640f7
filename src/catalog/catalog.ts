import { z } from 'zod';
import { parseOrThrow } from '../validation';

/** Page-count rules of a photo book: the lab binds in sheets, so counts move in steps. */
const PageRule = z
  .object({
    min: z.number().int().positive(),
    max: z.number().int().positive(),
    step: z.number().int().positive(),
    default: z.number().int().positive(),
  })
  .refine((p) => p.min <= p.default && p.default <= p.max, {
    message: 'default page count must lie between min and max',
  })
  .refine((p) => (p.max - p.min) % p.step === 0 && (p.default - p.min) % p.step === 0, {
    message: 'max and default must be min plus whole steps',
  });

/** A product the lab sells. Sizes are in millimetres; prices in cents, VAT included. */
export const Product = z.object({
  id: z.string().min(1),
  kind: z.enum(['photoBook']),
  trimMm: z.object({ width: z.number().positive(), height: z.number().positive() }),
  bleedMm: z.number().nonnegative(),
  safeMm: z.number().nonnegative(),
  coverWrapMm: z.number().nonnegative(),
  pages: PageRule,
  spine: z.object({ boardMm: z.number().nonnegative(), perPageMm: z.number().nonnegative() }),
  priceCents: z.object({
    base: z.number().int().nonnegative(),
    perExtraPage: z.number().int().nonnegative(),
  }),
});
export type Product = z.infer<typeof Product>;

/** The lab's catalog, shipped as data in assets/catalog.json. */
export const Catalog = z.object({
  currency: z.literal('EUR'),
  vatPercent: z.number().nonnegative(),
  products: z
    .array(Product)
    .min(1)
    .superRefine((products, ctx) => {
      // Orders name their product by id: one id, one product, one price.
      const seen = new Set<string>();
      products.forEach(({ id }, index) => {
        if (seen.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'id'],
            message: `product id ${id} is used twice`,
          });
        }
        seen.add(id);
      });
    }),
});
export type Catalog = z.infer<typeof Catalog>;

/** Parses catalog data and fails with the offending path when the lab's file is wrong. */
export function parseCatalog(data: unknown): Catalog {
  return parseOrThrow(Catalog, data, 'catalog');
}

export function findProduct(catalog: Catalog, productId: string): Product {
  const product = catalog.products.find((p) => p.id === productId);
  if (!product) throw new Error(`unknown product: ${productId}`);
  return product;
}

/** Price of a book with `pageCount` pages, in cents, VAT included, shipping extra. */
export function bookPriceCents(product: Product, pageCount: number): number {
  const extra = Math.max(0, pageCount - product.pages.min);
  return product.priceCents.base + extra * product.priceCents.perExtraPage;
}

/** Spine width grows with the page count (board plus paper). */
export function spineWidthMm(product: Product, pageCount: number): number {
  return product.spine.boardMm + product.spine.perPageMm * pageCount;
}
