import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';

/** What came back from {@link rawRequest}. */
export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Sends one request with the request target exactly as given. fetch (and `new URL`) would
 * resolve dot segments and drop fragments before sending; the attacks under test rely on the
 * server seeing them raw.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: Buffer,
): Promise<RawReply> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname.replace(/^\[|\]$/g, ''),
        port,
        method,
        path: target,
        headers: body ? { ...headers, 'Content-Length': String(body.length) } : headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The `error` of a JSON error body. */
export function errorText(reply: RawReply): string {
  return String((JSON.parse(reply.body) as { error?: unknown }).error);
}
