import { findProduct } from '../../../src/catalog/catalog';
import { editPrints, newPrints, type Prints } from '../../../src/model/prints';
import { catalog, counterIds, photo } from './fixtures';

export const printProduct = findProduct(catalog, 'prints', 'print');
export const canvasProduct = findProduct(catalog, 'canvas', 'canvas');

/** A landscape, a portrait and a square photo. */
export const wide = photo(11, 6000, 4000);
export const tall = photo(12, 3000, 4500);
export const square = photo(13, 2000, 2000);

/** Prints of the three photos at the defaults, ids print-1.. in order. */
export function threePrints(): Prints {
  const ids = counterIds();
  let prints = editPrints(newPrints(printProduct, ids), {
    kind: 'addPhotos',
    assets: [wide, tall, square],
  });
  for (const asset of [wide, tall, square]) {
    prints = editPrints(prints, {
      kind: 'addPrint',
      itemId: ids('print'),
      assetId: asset.id,
      product: printProduct,
    });
  }
  return prints;
}
