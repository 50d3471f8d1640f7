import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CreateBucketCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import type { S3UploadStorageConfig } from '../../server/receiver/upload-storage/s3-storage';

const run = promisify(execFile);
const SCRIPTS = join(import.meta.dirname, '..', '..', 'scripts');

/** A running single-node Ceph with radosgw (scripts/ceph-s3-start.sh) for one test file. */
export interface CephS3 {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** An S3 client with the settings radosgw needs, for the test's own look into buckets. */
  client: S3Client;
  /** Makes a fresh bucket and the receiver's storage option for it. */
  newBucket(): Promise<S3UploadStorageConfig>;
  /** Every object key and unfinished multipart upload in `bucket`, sorted. */
  contents(bucket: string): Promise<{ objects: string[]; multipartUploads: string[] }>;
  /** Stops the daemons and removes their folder; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts Ceph and radosgw on free loopback ports in a temp folder. Takes about 12 s (longer on a
 * busy machine): share one per test file (beforeAll) and stop it in afterAll.
 */
export async function startCephS3(opts: { memstoreBytes?: number } = {}): Promise<CephS3> {
  const dir = await mkdtemp(join(tmpdir(), 'photodose-ceph-'));
  const runDir = join(dir, 'run');
  const stop = async () => {
    await run('bash', [join(SCRIPTS, 'ceph-s3-stop.sh'), runDir]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  let output: string;
  try {
    const [rgwPort, monPort] = [await freePort(), await freePort()];
    const env = { ...process.env, MEMSTORE_BYTES: String(opts.memstoreBytes ?? 2 * 1024 ** 3) };
    ({ stdout: output } = await run(
      'bash',
      [join(SCRIPTS, 'ceph-s3-start.sh'), runDir, String(rgwPort), String(monPort)],
      { env, timeout: 120_000 },
    ));
  } catch (err) {
    await stop();
    throw new Error(`Ceph with radosgw did not start: ${(err as Error).message}`, { cause: err });
  }
  const value = (name: string) => {
    const line = output.split('\n').find((l) => l.startsWith(`${name}=`));
    if (!line) throw new Error(`ceph-s3-start.sh printed no ${name}`);
    return line.slice(name.length + 1);
  };
  const endpoint = value('S3_ENDPOINT');
  const credentials = {
    accessKeyId: value('S3_ACCESS_KEY'),
    secretAccessKey: value('S3_SECRET_KEY'),
  };
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  let buckets = 0;
  return {
    endpoint,
    credentials,
    client,
    newBucket: async () => {
      const bucket = `photodose-test-${++buckets}-${Date.now().toString(36)}`;
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      return {
        kind: 's3',
        bucket,
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials,
      };
    },
    contents: async (bucket) => {
      const objects = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
      return {
        objects: (objects.Contents ?? []).map((o) => o.Key ?? '').sort(),
        multipartUploads: (uploads.Uploads ?? []).map((u) => u.Key ?? '').sort(),
      };
    },
    stop: async () => {
      client.destroy();
      await stop();
    },
  };
}

/** A port the OS says is free right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
