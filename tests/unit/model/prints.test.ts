import { describe, expect, it } from 'vitest';
import { priceOf } from '../../../src/catalog/price';
import { problemsOf } from '../../../src/catalog/kinds';
import {
  CheckedPrints,
  editPrints,
  printOptionsOf,
  printUsage,
  printedAssets,
  printItems,
} from '../../../src/model/prints';
import { FILL } from '../../../src/model/crop';
import { catalog } from './fixtures';
import { printProduct, square, tall, threePrints, wide } from './print-fixtures';

describe('prints document', () => {
  it('adds a print per photo at 10x15 glossy fill, turned the way the photo is', () => {
    const prints = threePrints();
    expect(
      printItems(prints).map((i) => [i.assetId, i.sizeId, i.finish, i.fit, i.orientation]),
    ).toEqual([
      [wide.id, '10x15', 'glossy', 'fill', 'landscape'],
      [tall.id, '10x15', 'glossy', 'fill', 'portrait'],
      [square.id, '10x15', 'glossy', 'fill', 'portrait'],
    ]);
    expect(printItems(prints).every((i) => i.quantity === 1 && i.crop === FILL)).toBe(true);
    expect(CheckedPrints.safeParse(prints).success).toBe(true);
  });

  it('keeps a photo added twice as one asset, and prints a photo twice as two lines', () => {
    let prints = editPrints(threePrints(), { kind: 'addPhotos', assets: [wide] });
    expect(Object.keys(prints.assets)).toHaveLength(3);
    prints = editPrints(prints, {
      kind: 'addPrint',
      itemId: 'again',
      assetId: wide.id,
      product: printProduct,
    });
    expect(printUsage(prints)).toEqual({ [wide.id]: 2, [tall.id]: 1, [square.id]: 1 });
    expect(printedAssets(prints).map((a) => a.id)).toEqual([wide.id, tall.id, square.id]);
  });

  it('clamps the quantity to 1..999 and rounds it', () => {
    const prints = threePrints();
    const quantity = (q: number) =>
      editPrints(prints, { kind: 'setQuantity', itemId: 'print-2', quantity: q }).items['print-2']!
        .quantity;
    expect([quantity(5), quantity(0), quantity(-3), quantity(2.6), quantity(5000)]).toEqual([
      5, 1, 1, 3, 999,
    ]);
    expect(quantity(Number.NaN)).toBe(1);
  });

  it('starts the crop again from fill when the paper changes shape, not when the finish does', () => {
    const crop = { panX: 0.5, panY: 0, zoom: 2 };
    const cropped = editPrints(threePrints(), { kind: 'setCrop', itemId: 'print-2', crop });
    const set = (patch: object) =>
      editPrints(cropped, { kind: 'setPrint', itemId: 'print-2', patch }).items['print-2']!;
    expect(set({ finish: 'matte' }).crop).toEqual(crop);
    expect(set({ fit: 'fit' }).crop).toEqual(crop);
    expect(set({ sizeId: '10x15' }).crop).toEqual(crop);
    expect(set({ sizeId: '13x18' }).crop).toEqual(FILL);
    expect(set({ orientation: 'landscape' }).crop).toEqual(crop);
    expect(set({ orientation: 'portrait' }).crop).toEqual(FILL);
  });

  it('applies a size and a finish to every print at once', () => {
    const prints = editPrints(threePrints(), {
      kind: 'applyToAll',
      patch: { sizeId: '9x13', finish: 'matte' },
    });
    expect(printItems(prints).map((i) => `${i.sizeId} ${i.finish}`)).toEqual([
      '9x13 matte',
      '9x13 matte',
      '9x13 matte',
    ]);
  });

  it('removes a print and keeps its photo in the tray', () => {
    const prints = editPrints(threePrints(), { kind: 'removePrint', itemId: 'print-3' });
    expect(prints.itemIds).toEqual(['print-2', 'print-4']);
    expect(prints.assets[tall.id]).toEqual(tall);
    expect(printUsage(prints)[tall.id]).toBeUndefined();
  });

  it('is priced live by the catalog rules: per size, then the quantity discount', () => {
    let prints = threePrints();
    const set = (itemId: string, sizeId: string, quantity: number) => {
      prints = editPrints(prints, { kind: 'setPrint', itemId, patch: { sizeId } });
      prints = editPrints(prints, { kind: 'setQuantity', itemId, quantity });
    };
    set('print-2', '10x15', 2);
    set('print-3', '13x18', 1);
    set('print-4', '9x13', 5);
    const price = priceOf(catalog, 'prints', printOptionsOf(prints));
    expect(price.lines).toEqual([
      { labelKey: 'price.prints', params: { size: '9x13', quantity: 5 }, cents: 75 },
      { labelKey: 'price.prints', params: { size: '10x15', quantity: 2 }, cents: 38 },
      { labelKey: 'price.prints', params: { size: '13x18', quantity: 1 }, cents: 39 },
    ]);
    expect(price.totalCents).toBe(152);
    set('print-4', '9x13', 60);
    expect(priceOf(catalog, 'prints', printOptionsOf(prints)).lines.at(-1)).toEqual({
      labelKey: 'price.quantityDiscount',
      params: { percent: 5 },
      cents: -Math.floor((900 + 38 + 39) * 0.05 + 0.5),
    });
  });

  it('lets the print kind refuse a size, a finish or a quantity the lab does not make', () => {
    const options = printOptionsOf(threePrints());
    const wrong = {
      prints: [
        { ...options.prints[0]!, sizeId: '11x17' },
        { ...options.prints[1]!, finish: 'silk' },
        { ...options.prints[2]!, quantity: 1000 },
      ],
    };
    expect(problemsOf(printProduct, wrong)).toEqual([
      'print 1: unknown print size 11x17',
      'print 2: finish silk is not offered',
      'print 3: quantity 1000 is not a whole number from 1 to 999',
    ]);
  });

  it('refuses dangling and doubled references, naming them', () => {
    const prints = threePrints();
    const problem = (doc: object) => {
      const parsed = CheckedPrints.safeParse(doc);
      return parsed.success ? null : parsed.error.issues[0]!.message;
    };
    expect(problem({ ...prints, assets: { [wide.id]: wide } })).toBe(
      `print print-3 refers to photo ${tall.id}, which is missing`,
    );
    expect(problem({ ...prints, itemIds: ['print-2', 'print-2'] })).toBe(
      'print print-2 is listed twice',
    );
    expect(problem({ ...prints, itemIds: ['print-2', 'print-3'] })).toBe(
      'print print-4 is stored but not listed',
    );
    const item = prints.items['print-2']!;
    expect(
      problem({ ...prints, items: { ...prints.items, 'print-2': { ...item, quantity: 0 } } }),
    ).toMatch(/>=1/);
  });
});
