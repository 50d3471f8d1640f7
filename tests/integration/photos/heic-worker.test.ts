import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePhoto, MAX_PIXELS, type PhotoRefused } from '../../../services/photos/decode';
import { decodeHeic, HeicError, heicWorkerUrl } from '../../../services/photos/heic';
import { heifEnc, quadrantIn } from '../../fixtures/photo-formats';

/**
 * HEIC decodes in worker threads (real libheif as WebAssembly, loaded there),
 * so the host's own event loop keeps answering while an iPhone photo takes
 * seconds. Files from Debian's heif-enc.
 */

/** Three HEICs of different sizes, so each result can be told apart. */
const SIZES = [
  [640, 480],
  [480, 640],
  [800, 600],
] as const;
let heics: Buffer[];

beforeAll(async () => {
  heics = await Promise.all(
    SIZES.map(async ([w, h]) => heifEnc(await quadrantIn('jpeg', w, h), 'jpg')),
  );
});

/** Settles to 'event loop turned' if a callback scheduled now runs before `work` settles. */
async function firstOf(work: Promise<unknown>, schedule: (callback: () => void) => void) {
  return Promise.race([
    work.then(() => 'decoded'),
    new Promise<string>((resolve) => schedule(() => resolve('event loop turned'))),
  ]);
}

describe('HEIC off the event loop', () => {
  it('while a HEIC decodes, callbacks scheduled after it started run before it finishes', async () => {
    // On this thread libheif would hold the loop until the pixels were there: 'decoded' first.
    const decoding = decodeHeic(heics[0]!, MAX_PIXELS);
    expect(await firstOf(decoding, setImmediate)).toBe('event loop turned');
    expect(await firstOf(decoding, (callback) => setTimeout(callback, 0))).toBe(
      'event loop turned',
    );
    const image = await decoding;
    expect(image).toMatchObject({ width: 640, height: 480 });
    // The pixels crossed back whole, as a Buffer like any other.
    expect(Buffer.isBuffer(image.rgb)).toBe(true);
    expect(image.rgb.length).toBe(640 * 480 * 3);
  });

  it('the caller keeps its bytes: the worker decodes a copy', async () => {
    const bytes = Buffer.from(heics[1]!);
    await decodeHeic(bytes, MAX_PIXELS);
    expect(bytes.equals(heics[1]!)).toBe(true);
  });

  it('a damaged HEIC is refused as damaged, and the next HEIC still decodes', async () => {
    const cut = heics[0]!.subarray(0, Math.floor(heics[0]!.length * 0.6));
    const error = await decodeHeic(cut, MAX_PIXELS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeicError);
    expect(error).toMatchObject({ kind: 'damaged' });
    expect(await decodePhoto(cut).catch((e: PhotoRefused) => e.code)).toBe('damaged');
    expect(await decodeHeic(heics[2]!, MAX_PIXELS)).toMatchObject({ width: 800, height: 600 });
  });

  it('the worker still refuses too many pixels before decoding', async () => {
    const error = await decodeHeic(heics[2]!, 800 * 600 - 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeicError);
    expect(error).toMatchObject({ kind: 'too-many-pixels' });
  });

  it('many HEICs at once all decode, each to its own picture, a damaged one among them', async () => {
    // More photos than worker threads: the rest wait their turn.
    const batch = Array.from({ length: 12 }, (_, i) => i % SIZES.length);
    const damaged = Buffer.concat([heics[1]!.subarray(0, 64), Buffer.alloc(4096, 7)]);
    const [photos, refusal] = await Promise.all([
      Promise.all(batch.map((i) => decodePhoto(heics[i]!))),
      decodePhoto(damaged).catch((e: PhotoRefused) => e.code),
    ]);
    expect(refusal).toBe('damaged');
    expect(photos.map((p) => [p.widthPx, p.heightPx])).toEqual(batch.map((i) => SIZES[i]));
    expect(photos.every((p) => p.thumbnail.jpeg.length > 0)).toBe(true);
  });
});

describe('where the worker is', () => {
  it('from the sources: heic-worker.ts beside heic.ts', () => {
    const source = new URL('../../../services/photos/heic.ts', import.meta.url).href;
    const url = heicWorkerUrl(source);
    expect(url.href).toBe(new URL('../../../services/photos/heic-worker.ts', import.meta.url).href);
    expect(existsSync(fileURLToPath(url))).toBe(true);
  });

  it('in the electron-vite build: heic-worker.js beside main.js, where the build emits it', () => {
    expect(heicWorkerUrl('file:///app/resources/app.asar/out/main/main.js').href).toBe(
      'file:///app/resources/app.asar/out/main/heic-worker.js',
    );
  });
});
