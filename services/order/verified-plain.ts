/**
 * A photo file's bytes as its upload reads them, checked on the way: the
 * file on disk may have been edited since the customer added it, and the lab
 * must get what the manifest names. Hashing as the bytes stream replaces a
 * read of the whole file before its upload (about 1 s a GiB): a file that no
 * longer matches fails at its end, before the encryptor seals the final
 * chunk, so its upload never completes and the order is never committed.
 */
import { createHash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream';
import { currentStamp, sameStamp, type FileStamp } from '../photos/file-stamp';

/** The plaintext of a file from a byte on. */
export type OpenPlain = (start: number) => Readable;

/** What the file must be: its size and SHA-256 (hex) as the manifest names them. */
export interface ExpectedFile {
  readonly sha256: string;
  readonly byteSize: number;
}

/** The error each checked opener failed with, for the upload to report instead of its own. */
const failures = new WeakMap<OpenPlain, Error>();

/**
 * `open`, checked: each stream it gives is hashed from the file's first byte (a stream from a
 * later byte, as a resumed upload asks for, reads the bytes before it too, to hash them) and
 * fails with `changed()` where the bytes stop matching `expected`: past its size, or at its end.
 */
export function verifiedOpen(
  open: OpenPlain,
  expected: ExpectedFile,
  changed: () => Error,
): OpenPlain {
  return checkedOpener(changed, (start, fail) =>
    pipeline(open(0), new VerifyTransform(expected, start, fail), () => {}),
  );
}

/**
 * `open` for a file whose stamp (photos/file-stamp.ts) is still the one it had when it was
 * hashed: its streams read from `start` without hashing, and fail with `changed()` if the file's
 * stamp is another once the last byte is read (it was written to meanwhile, so the bytes read
 * may not be those hashed). The caller has compared the stamp before choosing this opener; a
 * file whose stamp differs by then goes through {@link verifiedOpen}.
 */
export function stampedOpen(
  open: OpenPlain,
  path: string,
  stamp: FileStamp,
  changed: () => Error,
): OpenPlain {
  return checkedOpener(changed, (start, fail) =>
    pipeline(open(start), new StampCheckAtEnd(path, stamp, fail), () => {}),
  );
}

/**
 * An opener whose streams come from `stream`, given a `fail` that makes the `changed()` error
 * and remembers it for {@link verifyFailure}.
 */
function checkedOpener(
  changed: () => Error,
  stream: (start: number, fail: () => Error) => Readable,
): OpenPlain {
  const checked: OpenPlain = (start) =>
    stream(start, () => {
      const error = changed();
      failures.set(checked, error);
      return error;
    });
  return checked;
}

/** Why a stream of this checked opener failed, if the bytes did not match. */
export function verifyFailure(open: OpenPlain): Error | undefined {
  return failures.get(open);
}

/** Passes every buffer on as it is, and looks at the file's stamp after the last one. */
class StampCheckAtEnd extends Transform {
  constructor(
    private readonly path: string,
    private readonly stamp: FileStamp,
    private readonly fail: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    currentStamp(this.path).then((now) =>
      done(now && sameStamp(now, this.stamp) ? null : this.fail()),
    );
  }
}

/** Hashes everything, passes on what lies at or after `start`, and checks size and hash. */
class VerifyTransform extends Transform {
  readonly #hash = createHash('sha256');
  #seen = 0;

  constructor(
    private readonly expected: ExpectedFile,
    private readonly start: number,
    private readonly fail: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const at = this.#seen;
    this.#seen += chunk.length;
    if (this.#seen > this.expected.byteSize) return done(this.fail());
    this.#hash.update(chunk);
    if (this.#seen <= this.start) return done();
    // The same buffer where it can be: the encryptor hands a file reader's buffer back.
    done(null, at >= this.start ? chunk : chunk.subarray(this.start - at));
  }

  override _flush(done: TransformCallback): void {
    const same =
      this.#seen === this.expected.byteSize && this.#hash.digest('hex') === this.expected.sha256;
    done(same ? null : this.fail());
  }
}
