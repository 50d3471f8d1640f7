import { describe, expect, it } from 'vitest';
import bookV1 from '../../fixtures/book-v1.json';
import { addAssets, newBook, placePhoto } from '../../../src/model/commands';
import { loadBook } from '../../../src/model/migrate';
import { OrderFile, parseManifest, photoFileName } from '../../../src/order/manifest';
import { a4, anna, counterIds, forward, frameOf, pageAt, photo } from '../model/fixtures';

const p = photo(1, 6000, 4000);

function manifest() {
  const empty = newBook(a4, counterIds());
  const book = forward(empty, addAssets(empty, [p]));
  return {
    manifestVersion: 2,
    orderId: 'order-1',
    createdAt: '2025-05-01T10:00:00.000Z',
    client: { app: 'photodose', version: '0.1.0' },
    lab: { id: 'photodose-bremen' },
    book: forward(book, placePhoto(book, frameOf(book, pageAt(book, 0)), p.id)),
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

/** A manifest as the version 1 app wrote it: the same envelope round a format 1 book. */
function manifestV1() {
  const hafen = bookV1.assets['photo-01010101010101010101010101010101'];
  return {
    ...manifest(),
    manifestVersion: 1,
    book: structuredClone(bookV1),
    files: [
      {
        ...manifest().files[0]!,
        assetId: hafen.id,
        sha256: hafen.sha256,
        byteSize: hafen.byteSize,
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

  it('reads a complete version 2 manifest as version 3, its book as a photo-book design', () => {
    const { book, ...envelope } = manifest();
    expect(parseManifest(manifest())).toEqual({
      ...envelope,
      manifestVersion: 3,
      design: { kind: 'photoBook', book },
    });
  });

  it('reads a version 1 manifest as version 3, its book migrated', () => {
    const { book: _v1, ...envelope } = manifestV1();
    const read = parseManifest(manifestV1());
    expect(read).toEqual({
      ...envelope,
      manifestVersion: 3,
      design: { kind: 'photoBook', book: loadBook(bookV1) },
    });
    if (read.design.kind !== 'photoBook') throw new Error('not a photo book');
    expect(read.design.book.frames['slot-0002']).toMatchObject({
      assetId: 'photo-01010101010101010101010101010101',
    });
  });

  it('names the place of a bad field', () => {
    const bad = manifest();
    (bad.customer as Record<string, unknown>).postalCode = 28195;
    expect(() => parseManifest(bad)).toThrow(/^order manifest invalid at customer\.postalCode: /);
    expect(() => parseManifest({ ...manifest(), files: [] })).toThrow(/invalid at files: /);
    expect(() => parseManifest({ ...manifest(), manifestVersion: 5 })).toThrow(
      /^order manifest invalid at manifestVersion: /,
    );
  });

  it('names a damaged book, of either version, with what loadBook says', () => {
    expect(() =>
      parseManifest({ ...manifest(), book: { ...manifest().book, assets: {} } }),
    ).toThrow(
      `order manifest invalid at book: book damaged: frame ${frameOf(manifest().book, pageAt(manifest().book, 0))} on page ${pageAt(manifest().book, 0)} refers to photo ${p.id}, which is missing`,
    );
    expect(() => parseManifest({ ...manifestV1(), book: { ...bookV1, pageIds: [] } })).toThrow(
      'order manifest invalid at book: book damaged at pageIds: Too small: expected array to have >=1 items',
    );
  });

  it('refuses a version 2 manifest round a format 1 book', () => {
    expect(() => parseManifest({ ...manifest(), book: structuredClone(bookV1) })).toThrow(
      'order manifest invalid at book.formatVersion: a version 2 manifest carries a format 2 book, not 1',
    );
  });
});
