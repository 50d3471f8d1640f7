/**
 * A file read as a stream of 1 MiB buffers that a consumer may hand back for
 * the next read. fs.ReadStream takes fresh memory for every read, and on
 * these machines fresh pages cost more than the read itself (measured: 1 GiB
 * through ReadStream 1.3 s of CPU, into reused buffers 0.35 s). A consumer
 * that copies what it needs at once (the age encryptor) gives each buffer
 * back with giveBack (lent-buffers.ts); any other consumer just keeps what it
 * got, and the reader takes fresh memory as fs.ReadStream does.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { lend, shelve, takeMemory } from './lent-buffers.js';

export { giveBack } from './lent-buffers.js';

/** Bytes a read asks for. */
export const READ_BYTES = 1024 * 1024;

/** The bytes of a file from `start` to its end. Errors (a missing file) come as stream errors. */
export class FileReader extends Readable {
  #handle: FileHandle | null = null;
  #position: number;

  constructor(
    private readonly path: string,
    start = 0,
  ) {
    super({ highWaterMark: READ_BYTES });
    this.#position = start;
  }

  override _construct(done: (error?: Error | null) => void): void {
    open(this.path, 'r').then((handle) => {
      this.#handle = handle;
      done();
    }, done);
  }

  override _read(): void {
    const memory = takeMemory(READ_BYTES);
    this.#handle!.read(memory, 0, READ_BYTES, this.#position).then(
      ({ bytesRead }) => {
        if (bytesRead === 0) {
          shelve(memory);
          this.push(null);
          return;
        }
        this.#position += bytesRead;
        const chunk = memory.subarray(0, bytesRead);
        lend(chunk, () => shelve(memory));
        this.push(chunk);
      },
      (error: Error) => {
        shelve(memory);
        this.destroy(error);
      },
    );
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    const handle = this.#handle;
    this.#handle = null;
    if (!handle) return done(error);
    handle.close().then(
      () => done(error),
      () => done(error),
    );
  }
}
