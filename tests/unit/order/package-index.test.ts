import { describe, expect, it } from 'vitest';
import {
  PACKAGE_INDEX_FILE,
  packageDirName,
  parsePackageIndex,
  partialDirName,
} from '../../../src/order/package-index';

const hash = 'ab'.repeat(32);

/** An index as the app writes it: the manifest and one photo. */
function index(): Record<string, unknown> {
  return {
    format: 'photodose-order-package',
    version: 1,
    orderId: 'PD-ABCDEFGH23',
    createdAt: '2026-11-26T03:00:00.000Z',
    files: [
      { name: 'manifest.age', byteSize: 1200, sha256: hash },
      { name: 'photo-0001.age', byteSize: 5_000_000_000, sha256: 'cd'.repeat(32) },
    ],
  };
}

describe('the order package index', () => {
  it('reads an index as the app writes it', () => {
    const read = parsePackageIndex(index());
    expect(read.orderId).toBe('PD-ABCDEFGH23');
    expect(read.files.map((f) => f.name)).toEqual(['manifest.age', 'photo-0001.age']);
  });

  it('names the folder after the order and writes it under another name until complete', () => {
    expect(packageDirName('PD-ABCDEFGH23')).toBe('photodose-order-PD-ABCDEFGH23');
    expect(partialDirName('photodose-order-PD-ABCDEFGH23')).toBe(
      'photodose-order-PD-ABCDEFGH23.partial',
    );
  });

  it.each([
    ['another format', { format: 'zip' }, /format/],
    ['a newer version', { version: 2 }, /version/],
    ['an order id that is not one', { orderId: '../PD-1' }, /orderId/],
    ['a field the format does not have (personal data has no place)', { name: 'Anna' }, /name/],
  ])('refuses %s', (_what, patch, where) => {
    expect(() => parsePackageIndex({ ...index(), ...patch })).toThrow(where);
  });

  it.each([
    ['a path in a file name', { name: '../manifest.age', byteSize: 1, sha256: hash }],
    ['a file listed twice', { name: 'photo-0001.age', byteSize: 1, sha256: hash }],
    ['the index itself', { name: PACKAGE_INDEX_FILE, byteSize: 1, sha256: hash }],
    ['an upper-case hash', { name: 'photo-0002.age', byteSize: 1, sha256: 'AB'.repeat(32) }],
    ['a negative size', { name: 'photo-0002.age', byteSize: -1, sha256: hash }],
  ])('refuses %s', (_what, file) => {
    const bad = index();
    bad.files = [...(bad.files as object[]), file];
    expect(() => parsePackageIndex(bad)).toThrow(/order-package\.json invalid at files/);
  });

  it('refuses a package without its manifest', () => {
    const bad = index();
    bad.files = [
      { name: 'photo-0001.age', byteSize: 1, sha256: hash },
      { name: 'photo-0002.age', byteSize: 1, sha256: hash },
    ];
    expect(() => parsePackageIndex(bad)).toThrow(/no manifest\.age/);
  });
});
