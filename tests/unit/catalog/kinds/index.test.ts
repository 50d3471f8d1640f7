import { describe, expect, it } from 'vitest';
import catalogData from '../../../../assets/catalog.json';
import { parseCatalog } from '../../../../src/catalog/catalog';
import {
  defaultOptionsOf,
  kinds,
  priceLinesFor,
  problemsOf,
  surfacesFor,
} from '../../../../src/catalog/kinds';

const catalog = parseCatalog(catalogData);

describe('the kind registry', () => {
  it('defines photo books, prints and canvas', () => {
    expect(Object.keys(kinds).sort()).toEqual(['canvas', 'photoBook', 'print']);
  });

  it.each(catalog.products)('$id: its defaults are makeable, printable and priced', (product) => {
    const options = defaultOptionsOf(product);
    expect(problemsOf(product, options)).toEqual([]);
    expect(() => surfacesFor(product, options)).not.toThrow();
    for (const line of priceLinesFor(product, options))
      expect(Number.isInteger(line.cents)).toBe(true);
  });
});
