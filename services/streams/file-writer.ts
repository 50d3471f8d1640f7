/**
 * A stream's bytes written to a file (a path, or an open descriptor such as
 * stdout), giving each buffer back once it is written (lent-buffers.ts), so
 * the stage before it reuses its memory. Buffers that piled up while a write
 * was under way go out in one writev.
 */
import { close, open, writev } from 'node:fs';
import { Writable } from 'node:stream';
import { giveBack } from './lent-buffers.js';

export class FileWriter extends Writable {
  #fd: number | null;

  /** `target`: a path (created or truncated, with `mode`) or a descriptor the caller closes. */
  constructor(
    private readonly target: string | number,
    private readonly mode = 0o666,
  ) {
    super({ highWaterMark: 4 * 1024 * 1024 });
    this.#fd = typeof target === 'number' ? target : null;
  }

  override _construct(done: (error?: Error | null) => void): void {
    if (typeof this.target === 'number') return done();
    open(this.target, 'w', this.mode, (error, fd) => {
      this.#fd = fd;
      done(error);
    });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.#writeAll([chunk], done);
  }

  override _writev(chunks: { chunk: Buffer }[], done: (error?: Error | null) => void): void {
    this.#writeAll(
      chunks.map((c) => c.chunk),
      done,
    );
  }

  /** Writes every byte (a pipe may take part of them), then gives the buffers back. */
  #writeAll(buffers: Buffer[], done: (error?: Error | null) => void): void {
    let rest = buffers.filter((b) => b.length > 0);
    const step = (error: Error | null, written: number): void => {
      if (error) return done(error);
      while (rest.length > 0 && written >= rest[0]!.length) written -= rest.shift()!.length;
      if (rest.length === 0) {
        for (const b of buffers) giveBack(b);
        return done();
      }
      if (written > 0) rest = [rest[0]!.subarray(written), ...rest.slice(1)];
      writev(this.#fd!, rest, step);
    };
    step(null, 0);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    const fd = this.#fd;
    this.#fd = null;
    if (fd === null || typeof this.target === 'number') return done(error);
    close(fd, () => done(error));
  }
}
