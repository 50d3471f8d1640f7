import { describe, expect, it } from 'vitest';
import catalogData from '../../../assets/catalog.json';
import { catalogOfLab } from '../../../server/lab/order-catalog';
import { readLabFolder } from '../../../services/lab/lab-folder';
import { parseCatalog } from '../../../src/catalog/catalog';

/**
 * The lab's tools (render, job sheet, invoice) read an order with the catalog of the lab it was
 * placed with, found by the manifest's lab id among the lab folders.
 */
describe("an order's catalog", () => {
  const photoDose = parseCatalog(catalogData);

  it("is the catalog of the lab folder whose configuration has the order's lab id", async () => {
    const elbfoto = await readLabFolder('elbfoto');
    const found = await catalogOfLab(elbfoto.config.id);
    expect(found).toEqual(elbfoto.catalog);
    // Elbfoto's prints come in matte only, Photo Dose's in glossy and matte too.
    const prints = (c: typeof found) => c.products.find((p) => p.id === 'prints');
    expect(prints(found)).not.toEqual(prints(photoDose));
  });

  it("is Photo Dose's for Photo Dose and for a lab no folder names", async () => {
    expect(await catalogOfLab('photodose-bremen')).toEqual(photoDose);
    expect(await catalogOfLab('some-other-lab')).toEqual(photoDose);
  });
});
