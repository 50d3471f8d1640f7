import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePhoto } from '../../fixtures/photos';
import { parseRequest } from '../../../src/contract/host';
import { offlineHost } from './support';

/**
 * The desktop host's side of reopening a project: where each photo was read from (saved in the
 * project), and finding them again after the folder moved, through the services behind the
 * contract, on real files.
 */
let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'photodose-host-locate-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('photos.locations and photos.locate', () => {
  it('names where photos were read, and finds them after their folder moved next door', async () => {
    const host = offlineHost('electron');
    const folder = join(root, 'Bilder', 'Ostsee');
    await mkdir(folder, { recursive: true });
    const paths = [join(folder, 'Strand.jpg'), join(folder, 'Düne.jpg')];
    await writeFile(paths[0]!, await makePhoto(640, 480, 1));
    await writeFile(paths[1]!, await makePhoto(480, 640, 2));
    const imported = await host.services['photos.import']({
      importId: 'import-locate-test-0001',
      sources: paths.map((path) => ({ kind: 'path', path })),
    });
    const assets = imported.photos.map((p) => p.asset);
    const { locations } = await host.services['photos.locations']({
      assetIds: assets.map((a) => a.id),
    });
    expect(Object.values(locations).sort()).toEqual([...paths].sort());

    await rename(folder, join(root, 'Bilder', 'Ostsee 2025'));
    const events: number[] = [];
    const off = host.events.subscribe((name, payload) => {
      if (name === 'photos.locateProgress') events.push((payload as { found: number }).found);
    });
    const result = await host.services['photos.locate']({
      photos: assets.map((a) => ({
        assetId: a.id,
        sha256: a.sha256,
        byteSize: a.byteSize,
        lastKnownPath: locations[a.id],
      })),
    });
    off();
    expect(result.missing).toEqual([]);
    expect(result.found.map((f) => f.path).sort()).toEqual(
      ['Düne.jpg', 'Strand.jpg'].map((name) => join(root, 'Bilder', 'Ostsee 2025', name)),
    );
    expect(events.at(-1)).toBe(2);
  });

  it('is the desktop’s only: a browser page picks the folder itself', async () => {
    const host = offlineHost('loopback');
    await expect(
      host.services['photos.locate']({
        photos: [{ assetId: 'photo-1', sha256: 'a'.repeat(64), byteSize: 1 }],
      }),
    ).rejects.toThrow(/only the desktop app/);
  });

  it('refuses to search where a project may not point', () => {
    const photo = { assetId: 'photo-1', sha256: 'a'.repeat(64), byteSize: 1 };
    expect(() =>
      parseRequest('photos.locate', { photos: [{ ...photo, lastKnownPath: '/etc/shadow' }] }),
    ).toThrow(/not a place photos are kept/);
    expect(
      parseRequest<'photos.locate'>('photos.locate', {
        photos: [{ ...photo, lastKnownPath: '/home/anna/Bilder/a.jpg' }],
      }).args.photos,
    ).toHaveLength(1);
  });
});
