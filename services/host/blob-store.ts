import { randomBytes } from 'node:crypto';

/**
 * Photo bytes a browser streamed to the host. They live in memory only
 * (privacy rule 2) and are handed to the photo store once imported.
 */
export class BlobStore {
  private readonly blobs = new Map<string, Buffer>();

  put(bytes: Buffer): string {
    const id = randomBytes(18).toString('base64url');
    this.blobs.set(id, bytes);
    return id;
  }

  /** Takes a blob out: each upload is imported once, then the store forgets it. */
  take(id: string): Buffer | undefined {
    const bytes = this.blobs.get(id);
    this.blobs.delete(id);
    return bytes;
  }

  get size(): number {
    return this.blobs.size;
  }
}
