import { describe, expect, it } from 'vitest';
import { addAssets, newBook } from '../../../src/model/commands';
import { OrderFile, parseManifest, photoFileName } from '../../../src/order/manifest';
import { a4, anna, counterIds, forward, photo } from '../model/fixtures';

function manifest() {
  const p = photo(1, 6000, 4000);
  const empty = newBook(a4, counterIds());
  return {
    manifestVersion: 1,
    orderId: 'order-1',
    createdAt: '2025-05-01T10:00:00.000Z',
    client: { app: 'photodose', version: '0.1.0' },
    lab: { id: 'photodose-bremen' },
    book: forward(empty, addAssets(empty, [p])),
    customer: { ...anna },
    files: [
      {
        name: photoFileName(1),
        role: 'photo',
        assetId: p.id,
        sha256: p.sha256,
        byteSize: p.byteSize,
        mime: p.mime,
      },
    ],
  };
}

describe('order manifest', () => {
  it('names photo files opaquely, in a form the manifest accepts', () => {
    expect(photoFileName(1)).toBe('photo-0001.age');
    expect(photoFileName(1234)).toBe('photo-1234.age');
    expect(OrderFile.shape.name.safeParse(photoFileName(42)).success).toBe(true);
  });

  it('parses a complete manifest', () => {
    expect(parseManifest(manifest())).toEqual(manifest());
  });

  it('names the place of a bad field', () => {
    const bad = manifest();
    bad.customer.postalCode = '2819';
    expect(() => parseManifest(bad)).toThrow(/^order manifest invalid at customer\.postalCode: /);
    expect(() => parseManifest({ ...manifest(), files: [] })).toThrow(/invalid at files: /);
  });
});
