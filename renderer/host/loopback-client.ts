import { HostError, HostErrorBody, type PhotoSource } from '../../src/contract/host';
import type { InvokeReply } from '../../src/contract/transport';
import { EventRouter, unwrapReply, type HostClient } from './client';

/** Opens the events channel; events arrive through `deliver`. */
export type ConnectEvents = (deliver: (name: string, payload: unknown) => void) => void;

/**
 * The host over 127.0.0.1: requests as JSON POSTs, photos streamed as raw
 * bodies (kept in the host's memory only), events over whatever
 * `connectEvents` opens (a WebSocket in the browser; none in Node tests).
 */
export function createLoopbackClient(
  origin: string,
  token: string,
  connectEvents?: ConnectEvents,
): HostClient {
  const router = new EventRouter();
  const auth = { Authorization: `Bearer ${token}` };
  connectEvents?.((name, payload) => router.deliver(name, payload));

  return {
    async invoke(name, args) {
      const response = await fetch(`${origin}/host/invoke/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
      const body = await readJson(response);
      const reply: InvokeReply = response.ok
        ? { ok: true, result: body?.result }
        : { ok: false, error: errorBodyOf(response, body, name) };
      return unwrapReply(name, reply);
    },
    on: (name, listener) => router.on(name, listener),
    async sourcesFor(files) {
      const sources: PhotoSource[] = [];
      const refused: HostError[] = [];
      for (const file of files) {
        const response = await fetch(`${origin}/host/blobs`, {
          method: 'PUT',
          headers: { ...auth, 'Content-Type': 'application/octet-stream' },
          body: file,
        });
        const body = await readJson(response);
        if (!response.ok) {
          // The host's own reason (too large, busy, wrong key), tied to the photo it concerns.
          const error = errorBodyOf(response, body, 'upload to host');
          const refusal = new HostError(error.code, `${file.name}: ${error.message}`, {
            ...error.params,
            name: file.name,
          });
          // Too large is this photo's problem only; busy or a wrong key would stop every photo.
          if (error.code !== 'photo-too-large') throw refusal;
          refused.push(refusal);
          continue;
        }
        const blobId = (body as { blobId?: unknown } | undefined)?.blobId;
        if (typeof blobId !== 'string') {
          throw new HostError('internal', `${file.name}: the host sent no id for the photo`);
        }
        sources.push({ kind: 'blob', blobId, name: file.name });
      }
      return { sources, refused };
    },
  };
}

async function readJson(
  response: Response,
): Promise<{ result?: unknown; error?: unknown } | undefined> {
  return (await response.json().catch(() => undefined)) as
    { result?: unknown; error?: unknown } | undefined;
}

/** The host's coded error; where something else answered (no JSON body), the HTTP status. */
function errorBodyOf(
  response: Response,
  body: { error?: unknown } | undefined,
  what: string,
): HostErrorBody {
  const parsed = HostErrorBody.safeParse(body?.error);
  if (parsed.success) return parsed.data;
  return { code: 'internal', message: `${what} failed (HTTP ${response.status})` };
}
