import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { verifyOrderFolder } from '../../../server/lab/verify';
import type { OrderFile, OrderManifest } from '../../../src/order/manifest';

/**
 * The lab's check of a pulled order's print-ready images: the bytes as the manifest says (hash
 * and size), and a JPEG of the pixel size the manifest gives, since the print cuts it by that.
 * (Whole orders through pull: tests/integration/order/print-ready-order.test.ts.)
 */

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-verify-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const image = (format: 'jpeg' | 'png') => {
  const plain = sharp({ create: { width: 300, height: 200, channels: 3, background: '#336699' } });
  return (format === 'jpeg' ? plain.jpeg() : plain.png()).toBuffer();
};

async function folderWith(bytes: Buffer, widthPx: number, heightPx: number) {
  await writeFile(join(dir, 'photo-0001.jpg'), bytes);
  const file: OrderFile = {
    name: 'photo-0001.age',
    role: 'photo',
    assetId: 'photo-1',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    byteSize: bytes.length,
    mime: 'image/jpeg',
    printReady: { covers: { x: 0, y: 0, w: 0.5, h: 0.5 }, widthPx, heightPx },
  };
  // The check reads only the manifest's files.
  return verifyOrderFolder(dir, { files: [file] } as OrderManifest);
}

describe('verifying print-ready images', () => {
  it('accepts a JPEG as the manifest describes it', async () => {
    expect(await folderWith(await image('jpeg'), 300, 200)).toEqual([]);
  });

  it('refuses one of another pixel size than the manifest says', async () => {
    expect(await folderWith(await image('jpeg'), 300, 201)).toEqual([
      'photo-0001.age: print-ready image of 300 x 200 pixels, manifest says 300 x 201',
    ]);
  });

  it('refuses one that is not a JPEG', async () => {
    expect(await folderWith(await image('png'), 300, 200)).toEqual([
      'photo-0001.age: a print-ready image that is not a JPEG',
    ]);
  });
});
