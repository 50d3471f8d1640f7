/**
 * Machine-readable reason for an age failure. Callers (the upload, the lab's
 * command line) switch on it; the message is what a user or lab operator reads.
 */
export type AgeErrorCode =
  | 'INVALID_KEY'
  | 'NOT_AGE_FILE'
  | 'MALFORMED_HEADER'
  | 'HEADER_TOO_LARGE'
  | 'TOO_MANY_RECIPIENTS'
  | 'UNSUPPORTED'
  | 'NO_IDENTITY_MATCH'
  | 'HEADER_MAC_MISMATCH'
  | 'TRUNCATED'
  | 'TRAILING_DATA'
  | 'CHUNK_AUTH_FAILED'
  | 'LENGTH_MISMATCH';

/** Every error this module throws on purpose; `code` says which failure it is. */
export class AgeError extends Error {
  override name = 'AgeError';
  constructor(
    readonly code: AgeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The file does not start with the age v1 intro line. */
export class NotAgeFileError extends AgeError {
  override name = 'NotAgeFileError';
  constructor(detail?: string) {
    super('NOT_AGE_FILE', detail ? `not an age file: ${detail}` : 'not an age file');
  }
}

/** None of the given identities could unwrap the file key. */
export class NoIdentityMatchError extends AgeError {
  override name = 'NoIdentityMatchError';
  constructor() {
    super('NO_IDENTITY_MATCH', 'no identity matches this file (encrypted to another lab key?)');
  }
}

/** The header authenticates with the unwrapped file key but its MAC differs. */
export class HeaderMacError extends AgeError {
  override name = 'HeaderMacError';
  constructor() {
    super('HEADER_MAC_MISMATCH', 'header MAC mismatch: file damaged or tampered');
  }
}

/** The input ended before the final (last-flagged) chunk. */
export class TruncatedError extends AgeError {
  override name = 'TruncatedError';
  constructor(detail?: string) {
    super('TRUNCATED', detail ? `file truncated: ${detail}` : 'file truncated');
  }
}

/** A payload chunk's Poly1305 tag did not verify. */
export class ChunkAuthError extends AgeError {
  override name = 'ChunkAuthError';
  constructor(
    readonly chunkIndex: number,
    hint = '',
  ) {
    super('CHUNK_AUTH_FAILED', `chunk ${chunkIndex} failed authentication: file damaged${hint}`);
  }
}
