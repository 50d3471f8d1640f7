import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { startLoopbackHost, type LoopbackHost } from '../../../services/loopback/server';
import { dispatch } from '../../../services/host/dispatch';
import { connectNodeClient } from '../../support/node-loopback';
import type { HostResult, HostServices } from '../../../src/contract/host';
import { photoCorpus, type CorpusFile, type Expected } from '../../fixtures/photo-corpus';
import { offlineHost, testId } from './support';

/**
 * The whole corpus of good and bad files in one import, through the real
 * host: the browser's way (bytes over the loopback transport) and the
 * desktop's (paths, through the contract's dispatch). Every file gets its
 * outcome; no bad file stops the rest.
 */
const MiB = 1024 * 1024;
let corpus: CorpusFile[];
let dir: string;
let loopback: LoopbackHost | undefined;

beforeAll(async () => {
  corpus = await photoCorpus();
  dir = await mkdtemp(join(tmpdir(), 'photodose-corpus-'));
  for (const file of corpus) await writeFile(join(dir, file.name), file.bytes);
}, 120_000);
afterAll(async () => {
  await loopback?.close();
  await rm(dir, { recursive: true, force: true });
});

type Outcome = Expected | { nothing: true };

/** What the import made of each named file. */
function outcomes(result: HostResult<'photos.import'>, names: string[]): Record<string, Outcome> {
  const byName: Record<string, Outcome> = {};
  for (const name of names) byName[name] = { nothing: true };
  for (const { asset } of result.photos) {
    byName[asset.name] = {
      imported: { mime: asset.mime, widthPx: asset.widthPx, heightPx: asset.heightPx },
    };
  }
  for (const failure of result.failures) byName[failure.name] = { refused: failure.code };
  return byName;
}

const expectedOf = (files: CorpusFile[]) =>
  Object.fromEntries(files.map((f) => [f.name, f.expected]));

async function expectThumbnails(result: HostResult<'photos.import'>, services: HostServices) {
  for (const { asset, thumbnail } of result.photos) {
    const jpeg = await services['photos.thumbnail']({ assetId: asset.id });
    const meta = await sharp(jpeg).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', space: 'srgb', channels: 3 });
    expect([meta.width, meta.height]).toEqual([thumbnail.widthPx, thumbnail.heightPx]);
  }
}

describe('the photo corpus through the real host', () => {
  it('has at least 30 files that cannot be used, each kind of reason among them', () => {
    const reasons = corpus.flatMap((f) => ('refused' in f.expected ? [f.expected.refused] : []));
    expect(reasons.length).toBeGreaterThanOrEqual(30);
    expect(new Set(reasons)).toEqual(
      new Set(['empty', 'damaged', 'not-an-image', 'unsupported', 'too-many-pixels']),
    );
    // The desktop's own cases (a folder, a missing file, a file too large) come below.
  });

  it('over the loopback transport, as a browser sends them', async () => {
    const host = offlineHost('loopback');
    loopback = await startLoopbackHost({ ...host });
    const page = await connectNodeClient(loopback.origin, loopback.token);
    const { client } = page;
    const sources = client.sourcesFor(corpus.map((f) => new File([f.bytes], f.name)));
    const result = await client.invoke('photos.import', { importId: testId(), sources });
    page.close();
    expect(
      outcomes(
        result,
        corpus.map((f) => f.name),
      ),
    ).toEqual(expectedOf(corpus));
    await expectThumbnails(result, host.services);
    // The host asked for each file once and kept none of them: the page holds the photos.
    expect(host.browserFiles.usage).toEqual({ waiting: 0, streams: 0, arrivingBytes: 0 });
  });

  it('by path, as the desktop app reads them, with folders, missing and oversized files', async () => {
    const host = offlineHost('electron', { maxFileBytes: 4 * MiB });
    await mkdir(join(dir, 'folder.jpg'));
    await writeFile(join(dir, 'huge.jpg'), Buffer.alloc(5 * MiB));
    const extra: CorpusFile[] = [
      { name: 'folder.jpg', bytes: Buffer.alloc(0), expected: { refused: 'unreadable' } },
      { name: 'moved-away.jpg', bytes: Buffer.alloc(0), expected: { refused: 'missing' } },
      { name: 'huge.jpg', bytes: Buffer.alloc(0), expected: { refused: 'too-large' } },
    ];
    const all = [...corpus, ...extra];
    const sources = all.map((f) => ({ kind: 'path' as const, path: join(dir, f.name) }));
    // The same photo twice is added once.
    sources.push({ kind: 'path', path: join(dir, 'photo.jpg') });
    const outcome = await dispatch(host.services, 'photos.import', {
      importId: testId(),
      sources,
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const result = outcome.result as HostResult<'photos.import'>;
    expect(
      outcomes(
        result,
        all.map((f) => f.name),
      ),
    ).toEqual(expectedOf(all));
    expect(result.photos.filter((p) => p.asset.name === 'photo.jpg')).toHaveLength(1);
    expect(result.failures.length).toBeGreaterThanOrEqual(30);
    expect(result.duplicates).toBe(1);
    await expectThumbnails(result, host.services);
  });
});
