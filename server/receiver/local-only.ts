import type { IncomingMessage } from 'node:http';
import { HttpError } from './http';

/**
 * Guards a receiver that runs on the customer's own machine (the demonstration lab): only
 * local programs that address it by its bound address may use it.
 *
 * - A web page could otherwise drive it: any request with an `Origin` header comes from a
 *   browser page, which no client of ours is.
 * - DNS rebinding points a page's own host name at 127.0.0.1; the Host header still carries
 *   that name, so anything other than the bound `127.0.0.1:PORT` is refused.
 */
export function refuseNonLocal(req: IncomingMessage, boundHost: string): void {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    throw new HttpError(
      403,
      `requests from web pages are refused (Origin ${JSON.stringify(origin.slice(0, 100))})`,
    );
  }
  // Node keeps only the first of repeated Host headers; which one counts would be a guess.
  const hosts = req.rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === 'host');
  if (hosts.length > 1) throw new HttpError(403, 'repeated Host headers are refused');
  const host = req.headers.host ?? '';
  if (host !== boundHost) {
    throw new HttpError(
      403,
      `Host ${JSON.stringify(host.slice(0, 100))} is refused: this local receiver answers only to ${boundHost}`,
    );
  }
}
