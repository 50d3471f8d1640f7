import { afterEach, describe, expect, it, vi } from 'vitest';
import { request } from 'node:http';
import { startLoopbackHost, type LoopbackHost } from '../../../services/loopback/server';
import type { BlobStoreOptions } from '../../../services/host/blob-store';
import { createLoopbackClient } from '../../../renderer/host/loopback-client';
import { HostError } from '../../../src/contract/host';
import { hostErrorText } from '../../../src/i18n/host-errors';
import { makePhoto } from '../../fixtures/photos';
import { offlineHost } from './support';

/**
 * The browser's client against the real loopback host: the host's specific
 * reasons reach the customer, in their language, instead of a bare status.
 * (Node's fetch and File stand in for the browser's; no events are needed.)
 */
const MiB = 1024 * 1024;
let loopback: LoopbackHost | undefined;
afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
});

async function start(limits: BlobStoreOptions = {}) {
  const host = offlineHost('loopback', limits);
  loopback = await startLoopbackHost({ ...host });
  return { blobs: host.blobs, loopback };
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
  it('streams a photo and imports it', async () => {
    const { loopback } = await start();
    const client = createLoopbackClient(loopback.origin, loopback.token);
    const photo = await makePhoto(640, 480, 3);
    const { sources, refused } = await client.sourcesFor([new File([photo], 'Weser.jpg')]);
    expect(refused).toEqual([]);
    expect(sources).toEqual([{ kind: 'blob', blobId: expect.any(String), name: 'Weser.jpg' }]);
    const result = await client.invoke('photos.import', { sources });
    expect(result.failures).toEqual([]);
    expect(result.photos[0]?.asset).toMatchObject({ name: 'Weser.jpg', widthPx: 640 });
  });

  it('tells the customer a photo is over the limit, naming photo and limit, and takes the rest', async () => {
    const { loopback, blobs } = await start({ maxBlobBytes: MiB });
    const client = createLoopbackClient(loopback.origin, loopback.token);
    const photo = await makePhoto(64, 48, 1);
    const { sources, refused } = await client.sourcesFor([
      new File([Buffer.alloc(MiB + 1)], 'Hafen.jpg'),
      new File([photo], 'Weser.jpg'),
    ]);
    expect(sources).toEqual([{ kind: 'blob', blobId: expect.any(String), name: 'Weser.jpg' }]);
    expect(refused).toHaveLength(1);
    const error = refused[0] as HostError;
    expect(error).toBeInstanceOf(HostError);
    expect(error.code).toBe('photo-too-large');
    expect(error.message).toBe('Hafen.jpg: photo larger than 1 MB');
    expect(error.params).toEqual({ limitMb: 1, name: 'Hafen.jpg' });
    expect(hostErrorText('de', error)).toBe(
      'Hafen.jpg ist größer als 1 MB und kann nicht verwendet werden. Verkleinere das Foto oder wähle ein anderes.',
    );
    expect(hostErrorText('en', error)).toBe(
      'Hafen.jpg is larger than 1 MB and cannot be used. Make the photo smaller or choose another one.',
    );
    // Only the photo that fit is held, waiting for its import.
    expect(blobs.size).toBe(1);
  });

  it('tells the customer when to try again if the host is busy', async () => {
    const { loopback, blobs } = await start();
    // Four photos from elsewhere (another tab) are arriving and stall half way.
    const stalled = [1, 2, 3, 4].map(() => {
      const req = request(new URL('/host/blobs', loopback.origin), {
        method: 'PUT',
        headers: { Authorization: `Bearer ${loopback.token}`, 'Content-Length': 2 },
      });
      req.on('error', () => {});
      req.write('a');
      return req;
    });
    await vi.waitFor(() => expect(blobs.usage.streams).toBe(4));

    const client = createLoopbackClient(loopback.origin, loopback.token);
    const error = await refusal(client.sourcesFor([new File([Buffer.from('x')], 'Deich.png')]));
    expect(error.code).toBe('host-busy');
    expect(error.params).toEqual({ retryAfterS: 5, name: 'Deich.png' });
    expect(hostErrorText('de', error)).toBe(
      'Das Programm ist gerade mit vielen Fotos beschäftigt. Versuche es in 5 Sekunden erneut.',
    );
    for (const req of stalled) req.destroy();
  });

  it('explains a missing or wrong key instead of a status number', async () => {
    const { loopback } = await start();
    const client = createLoopbackClient(loopback.origin, 'not-the-token');
    const upload = await refusal(client.sourcesFor([new File([Buffer.from('x')], 'a.jpg')]));
    expect(upload.code).toBe('unauthorized');
    expect(upload.message).toBe('a.jpg: missing or wrong token');
    const info = await refusal(client.invoke('app.info', {}));
    expect(info.code).toBe('unauthorized');
    expect(hostErrorText('en', info)).toBe(
      'The app refused the request because its key is missing or wrong. Open the address printed at start-up, with its key.',
    );
  });

  it("passes the host's own words on where no translation exists", async () => {
    const { loopback } = await start();
    const client = createLoopbackClient(loopback.origin, loopback.token);
    const error = await refusal(
      client.invoke('photos.import', { sources: [{ kind: 'path', path: '/etc/hostname' }] }),
    );
    expect(error.code).toBe('invalid-request');
    expect(hostErrorText('en', error)).toBe(
      'Internal error: photos.import: file paths are accepted only from the desktop app; a browser sends the bytes',
    );
  });
});
