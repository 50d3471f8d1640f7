import { z } from 'zod';
import { parseOrThrow } from '../validation';
import { ProductSchema, type KindName, type Product, type ProductOf } from './kinds';
import { uniqueById } from './units';

export type { KindName, Product, ProductOf } from './kinds';

/** A photo book in the catalog. */
export type PhotoBook = ProductOf<'photoBook'>;

/** The lab's catalog, shipped as data in assets/catalog.json. Prices in cents, VAT included. */
export const Catalog = z.object({
  currency: z.literal('EUR'),
  /** German VAT is 19 %; a whole or a decimal percentage such as 7.7 (at most two decimals). */
  vatPercent: z
    .number()
    .nonnegative()
    .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, {
      error: 'must have at most two decimals',
    }),
  // Orders name their product by id: one id, one product, one price.
  products: uniqueById(ProductSchema, 'product id'),
});
export type Catalog = z.infer<typeof Catalog>;

/** Parses catalog data and fails with the offending path when the lab's file is wrong. */
export function parseCatalog(data: unknown): Catalog {
  return parseOrThrow(Catalog, data, 'catalog');
}

/** The product with this id; with `kind`, also checks that it is of that kind. */
export function findProduct(catalog: Catalog, productId: string): Product;
export function findProduct<K extends KindName>(
  catalog: Catalog,
  productId: string,
  kind: K,
): ProductOf<K>;
export function findProduct(catalog: Catalog, productId: string, kind?: KindName): Product {
  const product = catalog.products.find((p) => p.id === productId);
  if (!product) throw new Error(`unknown product: ${productId}`);
  if (kind !== undefined && product.kind !== kind) {
    throw new Error(`product ${productId} is a ${product.kind}, not a ${kind}`);
  }
  return product;
}

/** The products of one kind, in catalog order. */
export function productsOfKind<K extends KindName>(catalog: Catalog, kind: K): ProductOf<K>[] {
  return catalog.products.filter((p): p is ProductOf<K> => p.kind === kind);
}
