import type { IncomingMessage } from 'node:http';
import { HostError } from '../../src/contract/host';
import type { BrowserFiles, FileIntake } from '../host/browser-files';
import { statusOf, toErrorBody } from '../host/dispatch';

/** What a route answers: the transport adds its security headers and writes it. */
export interface RouteReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * `PUT /host/blobs?for=<requestId>`: the bytes of a photo the host asked a page for, streamed into
 * one buffer of the length the browser declared (the peak is about the photo itself), or refused
 * before the body is read. A browser's fetch always sends Content-Length for a File body, so its
 * absence means some other client.
 */
export async function receiveBlob(
  req: IncomingMessage,
  requestId: string | null,
  files: BrowserFiles,
): Promise<RouteReply> {
  const declared = req.headers['content-length'];
  if (declared === undefined) {
    return errorReply(
      new HostError('invalid-request', 'photo upload needs a Content-Length header'),
      411,
    );
  }
  let intake: FileIntake;
  try {
    if (!requestId) throw new HostError('invalid-request', 'photo upload names no request (?for=)');
    // Node's parser has checked that the header is a plain decimal number.
    intake = files.receive(requestId, Number(declared));
  } catch (error) {
    return errorReply(error);
  }
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) intake.write(chunk);
    intake.finish();
    return { status: 204, body: undefined };
  } catch (error) {
    // Also a cut connection: the photo's room is freed at once, not when the process ends.
    intake.abandon();
    return errorReply(error);
  }
}

/** A HostError as the loopback sends it; a busy host also says when to come back. */
export function errorReply(error: unknown, status?: number): RouteReply {
  if (!(error instanceof HostError)) throw error;
  const body = toErrorBody(error);
  const retryAfterS = error.params?.['retryAfterS'];
  return {
    status: status ?? statusOf[body.code],
    body: { error: body },
    headers: retryAfterS === undefined ? undefined : { 'Retry-After': String(retryAfterS) },
  };
}
