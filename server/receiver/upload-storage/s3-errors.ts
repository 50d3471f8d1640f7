/** What the AWS SDK puts on the errors it throws. */
interface SdkError {
  name?: string;
  Code?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

/** S3's answer for a key, upload or bucket that is not there (HEAD answers a bare 404). */
export function isObjectMissing(err: unknown): boolean {
  const e = (err ?? {}) as SdkError;
  return (
    ['NoSuchKey', 'NoSuchUpload', 'NotFound'].includes(e.name ?? e.Code ?? '') ||
    e.$metadata?.httpStatusCode === 404
  );
}

/**
 * True when the object store could not do its part: not reachable, or failing on its side (5xx,
 * throttling, a timeout). The client should try again later; what was stored stays.
 */
export function isObjectStoreDown(err: unknown): boolean {
  const e = (err ?? {}) as SdkError;
  if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(e.code ?? '')) {
    // Only the receiver's outgoing connections fail this way: its store (or its database).
    return true;
  }
  // The SDK's own timeouts (no byte moved for stallMs, or no connection) carry no $metadata.
  if (e.name === 'TimeoutError') return true;
  if (e.$metadata === undefined) return false;
  const status = e.$metadata.httpStatusCode;
  return (
    e.$fault === 'server' ||
    (status !== undefined && status >= 500) ||
    ['TimeoutError', 'RequestTimeout', 'SlowDown', 'ServiceUnavailable'].includes(e.name ?? '')
  );
}
