import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createReceiver } from '../../../server/receiver/index';
import type { Receiver, ReceiverOptions } from '../../../server/receiver/index';
import type { CreatedOrder } from '../../../services/upload/receiver-api';

/** A receiver on a free loopback port with a fresh temp data dir, and the log lines it wrote. */
export interface TestReceiver extends Receiver {
  dataDir: string;
  logs: string[];
  /** Closes the receiver and removes its data dir. */
  dispose(): Promise<void>;
}

export async function startTestReceiver(
  extra: Partial<ReceiverOptions> = {},
): Promise<TestReceiver> {
  const dataDir = extra.dataDir ?? (await mkdtemp(join(tmpdir(), 'photodose-receiver-')));
  const logs: string[] = [];
  const receiver = await createReceiver({ ...extra, dataDir, log: (line) => logs.push(line) });
  return {
    ...receiver,
    dataDir,
    logs,
    dispose: async () => {
      await receiver.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Random bytes standing in for an age-encrypted file (the server never looks inside). */
export function cipherLike(size: number): Buffer {
  return randomBytes(size);
}

/** An `open` for uploadResumable: the buffer from `offset`, in 64 KiB chunks. */
export function opener(data: Buffer, chunk = 64 * 1024): (offset: number) => Readable {
  return (offset) =>
    Readable.from(
      (function* () {
        for (let at = offset; at < data.length; at += chunk) yield data.subarray(at, at + chunk);
      })(),
    );
}

/** Reads a stream to the end. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Headers for a hand-made tus request. */
export function tus(token?: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'Tus-Resumable': '1.0.0',
    ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
    ...extra,
  };
}

/** Upload-Metadata for a hand-made creation request. */
export function meta(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');
}

/** The `error` of a JSON error reply. */
export async function errorOf(res: Response): Promise<string> {
  const body = (await res.json()) as { error?: unknown };
  return String(body.error);
}

/** Fast retries for tests: the behaviour is the same, only the pauses are shorter. */
export const FAST_RETRIES = [0, 20, 50, 100, 200, 400, 800];

/** A hand-made tus creation request: an upload of `length` bytes named `name` in `order`. */
export function postUpload(order: CreatedOrder, name: string, length: number): Promise<Response> {
  return fetch(order.uploadUrl, {
    method: 'POST',
    headers: tus(order.uploadToken, {
      'Upload-Length': String(length),
      'Upload-Metadata': meta({ order: order.orderId, name }),
    }),
  });
}

/** The absolute URL of a freshly created upload; fails the test unless the server made it. */
export async function uploadUrlOf(created: Response, order: CreatedOrder): Promise<string> {
  if (created.status !== 201) throw new Error(`upload not created: ${created.status}`);
  return new URL(created.headers.get('location') ?? '', order.uploadUrl).href;
}
