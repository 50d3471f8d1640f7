import { parentPort } from 'node:worker_threads';
import { HeicError, decodeHeicHere, type HeicErrorKind } from './heic-libheif';

/**
 * A HEIC worker thread (started by heic.ts): libheif takes seconds per
 * iPhone photo, and here it takes them away from the host's event loop.
 * One job at a time; the pixels go back as a transferred ArrayBuffer.
 */

/** What the host posts: a HEIC file's bytes, in an ArrayBuffer of their own. */
export interface HeicJob {
  bytes: Uint8Array;
  maxPixels: number;
}

/** What comes back: the decoded image, or why it isn't one. */
export type HeicReply =
  | {
      ok: true;
      width: number;
      height: number;
      rgb: Uint8Array;
      icc?: Uint8Array;
      exif?: Uint8Array;
    }
  | {
      ok: false;
      kind: HeicErrorKind;
      message: string;
      /** libheif itself failed (not a refusal of the file): its memory can't be trusted again. */
      broken: boolean;
    };

function decode({ bytes, maxPixels }: HeicJob): { reply: HeicReply; transfer: ArrayBuffer[] } {
  try {
    const image = decodeHeicHere(bytes, maxPixels);
    return {
      reply: { ok: true, ...image },
      // rgb owns its ArrayBuffer (allocUnsafeSlow); icc and exif are small and copied.
      transfer: [image.rgb.buffer as ArrayBuffer],
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A WebAssembly trap or abort in the middle of libheif: the file broke it.
    const refusal = error instanceof HeicError;
    return {
      reply: { ok: false, kind: refusal ? error.kind : 'damaged', message, broken: !refusal },
      transfer: [],
    };
  }
}

parentPort?.on('message', (job: HeicJob) => {
  const { reply, transfer } = decode(job);
  parentPort!.postMessage(reply, transfer);
});
