import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import type { MultipartUpload } from '@aws-sdk/client-s3';
import { S3Store } from '@tus/s3-store';
import type { MetadataValue } from '@tus/s3-store';
import { ERRORS } from '@tus/server';
import type { KvStore } from '@tus/utils';
import { ensureRoom } from '../disk-space';
import { InFlight } from './in-flight';
import { isObjectMissing } from './s3-errors';
import { stageParts } from './staged-parts';
import type { UploadStorage } from './types';

/** The receiver's `uploadStorage` option for an S3-compatible object store. */
export interface S3UploadStorageConfig {
  kind: 's3';
  /** A bucket of the receivers' own: expiry treats every upload-like key in it as theirs. */
  bucket: string;
  /** e.g. https://s3.eu-central-1.amazonaws.com or a radosgw/MinIO URL; default AWS's. */
  endpoint?: string;
  region: string;
  /** Path-style URLs (endpoint/bucket/key), which radosgw and MinIO need. */
  forcePathStyle?: boolean;
  /** Default: the AWS SDK's chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ...). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Bytes per multipart part; default (and the S3 minimum) 5 MiB. See PART_BYTES. */
  partBytes?: number;
  /** A request to the store that moves no byte for this long fails; default 30 s. See STALL_MS. */
  stallMs?: number;
  /** Parts one receiver stages and sends at once; default 16. See PART_SLOTS. */
  partSlots?: number;
}

const MiB = 1024 * 1024;

/**
 * @tus/s3-store cuts a PATCH body into parts of this size. It stages each part in a temp file
 * (os.tmpdir(), i.e. TMPDIR) and streams that file to S3, so a part costs temp disk, not memory.
 * A part takes one of PART_SLOTS slots from its first byte to its upload, and a PATCH
 * waits for a slot with its body paused (the rest stays in the client's TCP window), so one
 * receiver stages at most PART_SLOTS x PART_BYTES; S3's smallest part, 5 MiB, makes that
 * 80 MiB. Larger parts only mean fewer requests (the 4 GiB file limit is 820 parts of 10,000).
 * What memory grows with is the number of uploads in flight, not the part size: measured here
 * (200 customers sending 6 MiB each at once to one receiver, radosgw on the same 2 busy cores),
 * the JS heap kept about 130 MB live (with --max-old-space-size=160 all 200 orders went through
 * at a peak RSS of 345 MB under tsx; with 128 it ran out), against 33 MB with the file store.
 * Left to itself V8 let the heap grow to 275-445 MB before collecting, so a provider caps it
 * (NODE_OPTIONS=--max-old-space-size=...) to keep a receiver near the issue's 300 MB.
 */
export const PART_BYTES = 5 * MiB;
/** Parts one receiver stages and sends at once (@tus/s3-store's default is 60). */
const PART_SLOTS = 16;
/**
 * The AWS SDK waits for ever on a store that stopped answering (a full Ceph cluster blocks
 * writes). Each hung part upload would keep its slot, its PATCH and the upload's lock for good,
 * so writes stuck behind it with nothing ever answered. A request with no byte moving for this
 * long fails instead: the PATCH answers 503, the slot and the lock are free, and the client
 * resumes from what the store holds. (Idle time, not total: a slow store that moves is fine.)
 */
const STALL_MS = 30_000;
const CONNECT_MS = 5_000;

/** Upload ids as namingFunction makes them; other keys in the bucket are not ours. */
const UPLOAD_KEY = /^([0-9a-f]{32})(?:\.info|\.part)?$/;

/**
 * A KvStore that keeps nothing. S3Store caches an upload's info per process and forgets it only
 * when that process finishes or removes the upload; with several receivers, uploads finished or
 * removed by another would stay cached (stale, and a slow leak). Reading the small info object
 * again costs one GET per request.
 */
class NoCache implements KvStore<MetadataValue> {
  async get(): Promise<undefined> {
    return undefined;
  }
  async set(): Promise<void> {}
  async delete(): Promise<void> {}
}

/**
 * S3Store with what the receiver needs besides tus: removing finished uploads too (S3Store's
 * remove answers 404 once the multipart upload is completed and leaves the object), listing,
 * last activity and streamed reads.
 */
class ReceiverS3Store extends S3Store {
  /** Writes running now, for UploadStorage.settle. */
  readonly writes = new InFlight();
  /** Uploads whose incomplete part a running write has taken in (see deleteIncompletePart). */
  private readonly incompleteTakenIn = new Set<string>();

  constructor(
    private readonly config: S3UploadStorageConfig,
    expiryMs: number,
  ) {
    super({
      partSize: config.partBytes ?? PART_BYTES,
      maxConcurrentPartUploads: config.partSlots ?? PART_SLOTS,
      expirationPeriodInMilliseconds: expiryMs,
      // Tags only serve bucket lifecycle rules keyed on them; our sweep decides what expires.
      useTags: false,
      cache: new NoCache(),
      s3ClientConfig: {
        bucket: config.bucket,
        endpoint: config.endpoint,
        region: config.region,
        forcePathStyle: config.forcePathStyle,
        credentials: config.credentials,
        requestHandler: {
          connectionTimeout: Math.min(CONNECT_MS, config.stallMs ?? STALL_MS),
          socketTimeout: config.stallMs ?? STALL_MS,
        },
        // Checksums only where S3 requires them: radosgw (and other S3-compatible stores) refuse
        // the SDK's default chunked upload with a checksum trailer (400 MissingContentLength).
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      },
    });
  }

  /**
   * S3Store.write takes an upload's incomplete part (the bytes of an earlier PATCH that did not
   * fill a part) in front of the new bytes and deletes it right away. Had this PATCH then failed
   * (a store timing out), those bytes, acknowledged long ago, were gone and the upload's offset
   * went back, which the client rightly takes for a server losing data. Here the object stays
   * until its bytes are stored again (see uploadParts).
   */
  protected override async deleteIncompletePart(id: string): Promise<void> {
    this.incompleteTakenIn.add(id);
  }

  /** Our own part staging (see stageParts) in place of S3Store's; same parts, same objects. */
  protected override uploadParts(
    metadata: MetadataValue,
    source: Readable,
    firstPartNumber: number,
    offset: number,
  ): Promise<number> {
    const { id, size } = metadata.file;
    // S3Store.write asked to delete it just before calling this: it leads `source`.
    let incompleteTakenIn = this.incompleteTakenIn.delete(id);
    let end = offset;
    return stageParts(source, {
      partBytes: this.calcOptimalPartSize(size),
      dir: tmpdir(),
      slot: () => this.partUploadSemaphore.acquire(),
      send: async (part) => {
        end += part.size;
        // A part below S3's smallest size waits as the upload's incomplete part for the next
        // PATCH (replacing the one taken in), unless it is the upload's end.
        if (part.size >= this.minPartSize || end === size) {
          await this.uploadPart(metadata, part.open(), firstPartNumber + part.index);
          if (incompleteTakenIn) await super.deleteIncompletePart(id);
        } else {
          await this.uploadIncompletePart(id, part.open());
        }
        incompleteTakenIn = false;
      },
    });
  }

  override write(...args: Parameters<S3Store['write']>): Promise<number> {
    return this.writes.track(super.write(...args));
  }

  /** tus's DELETE: removes the upload whatever its state; 404 if nothing of it is stored. */
  override async remove(id: string): Promise<void> {
    if (!(await this.removeAll(id))) throw ERRORS.FILE_NOT_FOUND;
  }

  /** Aborts its multipart uploads and deletes its objects; false if there was nothing. */
  async removeAll(id: string): Promise<boolean> {
    const unfinished = await this.multipartUploads(id);
    for (const upload of unfinished) {
      await this.client
        .abortMultipartUpload({ Bucket: this.bucket, Key: id, UploadId: upload.UploadId })
        .catch(ignoreMissing);
    }
    const keys = [id, this.infoKey(id), this.partKey(id, true)];
    const found = await Promise.all(keys.map((key) => this.modified(key)));
    await this.client.deleteObjects({
      Bucket: this.bucket,
      Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
    });
    return unfinished.length > 0 || found.some((t) => t !== undefined);
  }

  /** The latest write among the upload's info, parts, incomplete part and finished object. */
  async lastWrite(id: string): Promise<number | undefined> {
    const keys = [this.infoKey(id), this.partKey(id, true), id];
    const times = await Promise.all(keys.map((key) => this.modified(key)));
    const unfinished = await this.multipartUploads(id);
    for (const upload of unfinished) {
      times.push(upload.Initiated?.getTime());
      const parts = await this.client
        .listParts({ Bucket: this.bucket, Key: id, UploadId: upload.UploadId })
        .catch(ignoreMissing);
      for (const part of parts?.Parts ?? []) times.push(part.LastModified?.getTime());
    }
    const known = times.filter((t): t is number => t !== undefined);
    return known.length > 0 ? Math.max(...known) : undefined;
  }

  async metadataOf(id: string): Promise<Record<string, string | null> | undefined> {
    try {
      return (await this.getMetadata(id)).file.metadata;
    } catch (err) {
      if (isObjectMissing(err)) return undefined;
      throw err;
    }
  }

  async readFinished(id: string): Promise<{ size: number; stream: Readable }> {
    const object = await this.client.getObject({ Bucket: this.bucket, Key: id });
    if (!(object.Body instanceof Readable) || object.ContentLength === undefined) {
      throw new Error(`the object store sent upload ${id} without a body or length`);
    }
    return { size: object.ContentLength, stream: object.Body };
  }

  /** Upload ids with anything in the bucket: objects and multipart uploads. */
  async listIds(): Promise<string[]> {
    const ids = new Set<string>();
    let token: string | undefined;
    do {
      const page = await this.client.listObjectsV2({
        Bucket: this.bucket,
        ContinuationToken: token,
      });
      for (const object of page.Contents ?? []) {
        const id = UPLOAD_KEY.exec(object.Key ?? '')?.[1];
        if (id) ids.add(id);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    for (const upload of await this.multipartUploads()) {
      const id = UPLOAD_KEY.exec(upload.Key ?? '')?.[1];
      if (id) ids.add(id);
    }
    return [...ids];
  }

  async bucketReady(): Promise<void> {
    try {
      await this.client.headBucket({ Bucket: this.bucket });
    } catch (err) {
      const where = this.config.endpoint ?? `AWS ${this.config.region}`;
      throw new Error(
        `the object store's bucket "${this.bucket}" at ${where} can't be reached: ${describe(err)}`,
        { cause: err },
      );
    }
  }

  /** Unfinished multipart uploads, all or those of one key. */
  private async multipartUploads(key?: string): Promise<MultipartUpload[]> {
    const found: MultipartUpload[] = [];
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    for (;;) {
      const page = await this.client.listMultipartUploads({
        Bucket: this.bucket,
        Prefix: key,
        KeyMarker: keyMarker,
        UploadIdMarker: uploadIdMarker,
      });
      found.push(...(page.Uploads ?? []).filter((u) => key === undefined || u.Key === key));
      if (!page.IsTruncated) return found;
      keyMarker = page.NextKeyMarker;
      uploadIdMarker = page.NextUploadIdMarker;
    }
  }

  /** An object's last-modified time, or undefined if there is no such object. */
  private async modified(key: string): Promise<number | undefined> {
    const head = await this.client
      .headObject({ Bucket: this.bucket, Key: key })
      .catch(ignoreMissing);
    return head?.LastModified?.getTime();
  }
}

/** Uploads in an S3-compatible object store that several receivers share. */
export function s3UploadStorage(
  config: S3UploadStorageConfig,
  opts: { expiryMs: number },
): UploadStorage {
  const store = new ReceiverS3Store(config, opts.expiryMs);
  const partBytes = config.partBytes ?? PART_BYTES;
  return {
    kind: 's3',
    datastore: store,
    // The object store's room is its operator's business (S3 has no free-space call); what this
    // machine needs is temp space to stage the new upload's parts in.
    ensureRoom: (bytes, reserve) => ensureRoom(tmpdir(), Math.min(bytes, partBytes), reserve),
    metadata: (uploadId) => store.metadataOf(uploadId),
    lastWrite: (uploadId) => store.lastWrite(uploadId),
    read: (uploadId) => store.readFinished(uploadId),
    ids: () => store.listIds(),
    remove: async (uploadId) => {
      await store.removeAll(uploadId);
    },
    ready: () => store.bucketReady(),
    settle: () => store.writes.settle(),
  };
}

function ignoreMissing(err: unknown): undefined {
  if (isObjectMissing(err)) return undefined;
  throw err;
}

function describe(err: unknown): string {
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const message = err instanceof Error ? err.message || err.name : String(err);
  return status === undefined ? message : `HTTP ${status} ${message}`.trim();
}
