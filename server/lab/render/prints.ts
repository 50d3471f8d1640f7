import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PhotoPrint } from '../../../src/catalog/kinds/print';
import { visibleRegion } from '../../../src/model/crop';
import { paperOf, printItems, type PrintItem, type Prints } from '../../../src/model/prints';
import { WHOLE } from '../../../src/order/print-regions';
import { pickPhoto, regionAtPixels, wholeAtPixels, type PhotoSource } from './photo-cut';

/** One print file: what a minilab's hot folder needs to know is in its name. */
export interface PrintFile {
  itemId: string;
  /** `001_10x15_glossy_fill_x3.jpg`: position in the order, paper, finish, fit, copies. */
  name: string;
  quantity: number;
  widthPx: number;
  heightPx: number;
}

/**
 * The file name of a print: minilabs (Fuji Frontier, Noritsu, DNP hot folders) read size, finish
 * and quantity from it, and the position keeps the customer's order on the job sheet.
 */
export function printFileName(item: PrintItem, position: number): string {
  const n = String(position).padStart(3, '0');
  return `${n}_${item.sizeId}_${item.finish}_${item.fit}_x${item.quantity}.jpg`;
}

/**
 * One JPEG of a print at exactly the paper's pixels (the catalog's, turned the print's way):
 * fill shows the part of the photo the customer's crop chose, fit the whole photo with white
 * where the paper's aspect differs.
 */
export async function renderPrint(
  product: PhotoPrint,
  prints: Prints,
  item: PrintItem,
  photos: PhotoSource,
): Promise<Buffer> {
  const paper = paperOf(product, item);
  const asset = prints.assets[item.assetId];
  if (!asset) throw new Error(`print ${item.id} shows photo ${item.assetId}, which is missing`);
  if (item.fit === 'fit') {
    // Only an image of the whole photo covers the whole photo: the original or a print-ready one.
    const { input } = await pickPhoto(photos, asset.id, WHOLE);
    return wholeAtPixels(input, paper.px, paper.dpi);
  }
  const region = visibleRegion(item.crop, asset, {
    widthMm: paper.media.width,
    heightMm: paper.media.height,
  });
  const pick = await pickPhoto(photos, asset.id, region);
  return regionAtPixels(pick.input, pick.region, paper.px, paper.dpi);
}

/** Every print of the order into `dir`, one file per print line, in the customer's order. */
export async function writePrintFiles(
  product: PhotoPrint,
  prints: Prints,
  photos: PhotoSource,
  dir: string,
): Promise<PrintFile[]> {
  if (prints.productId !== product.id) {
    throw new Error(`prints ${prints.id} are ${prints.productId}, not ${product.id}`);
  }
  await mkdir(dir, { recursive: true });
  const files: PrintFile[] = [];
  for (const [i, item] of printItems(prints).entries()) {
    const name = printFileName(item, i + 1);
    const paper = paperOf(product, item);
    await writeFile(join(dir, name), await renderPrint(product, prints, item, photos));
    files.push({
      itemId: item.id,
      name,
      quantity: item.quantity,
      widthPx: paper.px.width,
      heightPx: paper.px.height,
    });
  }
  return files;
}
