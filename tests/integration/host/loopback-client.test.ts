import { afterEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { startLoopbackHost, type LoopbackHost } from '../../../services/loopback/server';
import type { BrowserFileLimits } from '../../../services/host/browser-files';
import { createLoopbackClient } from '../../../renderer/host/loopback-client';
import { HostError, type HostEvent } from '../../../src/contract/host';
import { hostErrorText } from '../../../src/i18n/host-errors';
import { makePhoto } from '../../fixtures/photos';
import { connectNodeClient, type NodeLoopbackClient } from '../../support/node-loopback';
import { offlineHost, testId } from './support';

/**
 * The browser's client against the real loopback host (Node's fetch, File and a `ws` socket
 * stand in for the browser's): the page keeps its files and sends one when the host asks, photos
 * arrive while the import runs, thumbnails come as bytes, and the host's reasons reach the
 * customer in their language.
 */
const MiB = 1024 * 1024;
let loopback: LoopbackHost | undefined;
let page: NodeLoopbackClient | undefined;
afterEach(async () => {
  page?.close();
  page = undefined;
  await loopback?.close();
  loopback = undefined;
});

async function start(limits: Partial<BrowserFileLimits> = {}) {
  const host = offlineHost('loopback', limits);
  loopback = await startLoopbackHost({ ...host });
  page = await connectNodeClient(loopback.origin, loopback.token);
  return { host, client: page.client };
}

async function refusal(promise: Promise<unknown>): Promise<HostError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof HostError) return error;
  throw new Error(`expected a HostError, got ${String(error)}`);
}

describe('loopback client', () => {
  it('keeps the file, sends it when asked, and gets the thumbnail as bytes', async () => {
    const { host, client } = await start();
    const photo = await makePhoto(640, 480, 3);
    const sources = client.sourcesFor([new File([photo], 'Weser.jpg')]);
    expect(sources).toEqual([
      {
        kind: 'file',
        fileId: expect.stringMatching(/^[\w-]{16,}$/),
        name: 'Weser.jpg',
        size: photo.length,
      },
    ]);
    const early: HostEvent<'photos.imported'>[] = [];
    const off = client.on('photos.imported', (event) => early.push(event));
    const importId = testId();
    const result = await client.invoke('photos.import', { importId, sources });
    off();
    expect(result.failures).toEqual([]);
    const [imported] = result.photos;
    expect(imported?.asset).toMatchObject({ name: 'Weser.jpg', widthPx: 640 });
    expect(early).toEqual([{ importId, photo: imported }]);
    // The host asked for the bytes once and let go of them: nothing waits or arrives.
    expect(host.browserFiles.usage).toEqual({ waiting: 0, streams: 0, arrivingBytes: 0 });

    const jpeg = await client.invoke('photos.thumbnail', { assetId: imported!.asset.id });
    expect(jpeg).toBeInstanceOf(Uint8Array);
    const meta = await sharp(jpeg).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 480, 360]);

    // The order's upload asks again: the same bytes come from the page's file.
    expect((await host.photos.read(imported!.asset.id)).equals(photo)).toBe(true);
  });

  it('says at once that it never held a file it is asked for (a page opened after a reload)', async () => {
    const { host, client } = await start();
    const photo = await makePhoto(64, 48, 2);
    const [source] = client.sourcesFor([new File([photo], 'Deich.jpg')]);
    // A fileId the page holds arrives; one it never held is refused, without the 30 s wait.
    const held = await host.browserFiles.ask((source as { fileId: string }).fileId);
    expect(held.equals(photo)).toBe(true);
    await expect(host.browserFiles.ask('left-in-the-reloaded-page-0001')).rejects.toMatchObject({
      reason: 'missing',
      message: 'no browser window holds this photo any more',
    });
  });

  it('names a photo over the limit in the import report, and imports the rest', async () => {
    const { client } = await start({ maxFileBytes: MiB });
    const photo = await makePhoto(64, 48, 1);
    const result = await client.invoke('photos.import', {
      importId: testId(),
      sources: client.sourcesFor([
        new File([Buffer.alloc(MiB + 1)], 'Hafen.jpg'),
        new File([photo], 'Weser.jpg'),
      ]),
    });
    expect(result.photos.map((p) => p.asset.name)).toEqual(['Weser.jpg']);
    expect(result.failures).toEqual([
      { name: 'Hafen.jpg', code: 'too-large', detail: `${MiB + 1} bytes` },
    ]);
  });

  it('explains a missing or wrong key instead of a status number', async () => {
    await start();
    const client = createLoopbackClient(loopback!.origin, 'not-the-token');
    const info = await refusal(client.invoke('app.info', {}));
    expect(info.code).toBe('unauthorized');
    expect(hostErrorText('en', info)).toBe(
      'The app refused the request because its key is missing or wrong. Open the address printed at start-up, with its key.',
    );
  });

  it("passes the host's own words on where no translation exists", async () => {
    const { client } = await start();
    const error = await refusal(
      client.invoke('photos.import', {
        importId: testId(),
        sources: [{ kind: 'path', path: '/etc/hostname' }],
      }),
    );
    expect(error.code).toBe('invalid-request');
    expect(hostErrorText('en', error)).toBe(
      'Internal error: photos.import: file paths are accepted only from the desktop app; a browser keeps its files',
    );
  });
});
