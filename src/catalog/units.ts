import { z } from 'zod';
import { UM_PER_MM } from '../geometry/box';
import type { Orientation } from '../geometry/flat';

/** The geometry is exact to the micrometre, so the catalog may not say more (see geometry/box). */
const wholeMicrometres = (mm: number) => {
  const um = mm * UM_PER_MM;
  return Math.abs(um - Math.round(um)) < 1e-6;
};
const micrometreMessage = 'must be a whole number of micrometres (at most 3 decimals of a mm)';

/** A length that must be there: a size, a wrap, a spine board. */
export const LengthMm = z
  .number()
  .positive({ error: 'must be more than 0 mm' })
  .refine(wholeMicrometres, { error: micrometreMessage });

/** A margin that may be zero: a bleed, a paper thickness for a single-sheet product. */
export const MarginMm = z
  .number()
  .nonnegative({ error: 'must be 0 mm or more' })
  .refine(wholeMicrometres, { error: micrometreMessage });

/** Width and height in millimetres. */
export const SizeMm = z.object({ width: LengthMm, height: LengthMm });

/** Money in cents, VAT included: whole cents, never negative in the catalog. */
export const Cents = z
  .number()
  .int({ error: 'must be whole cents' })
  .nonnegative({ error: 'must be 0 cents or more' });

/** Which way up a print or canvas hangs (the geometry's `Orientation`). */
export const OrientationSchema = z.enum(['portrait', 'landscape']) satisfies z.ZodType<Orientation>;

/** Catalog ids name products and sizes in orders: short, stable, readable. */
export const CatalogId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {
  error: 'must be lower-case letters, digits and dashes',
});

/** A list whose entries are named by `id`, each name once: orders refer to entries by id. */
export function uniqueById<T extends z.ZodType<{ id: string }>>(entry: T, what: string) {
  return z
    .array(entry)
    .min(1)
    .superRefine((entries, ctx) => {
      const seen = new Set<string>();
      entries.forEach(({ id }, index) => {
        if (seen.has(id)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'id'],
            message: `${what} ${id} is used twice`,
          });
        }
        seen.add(id);
      });
    });
}
