import { HostErrorBody, type PhotoSource } from '../../src/contract/host';
import type { InvokeReply } from '../../src/contract/transport';
import { EventRouter, randomId, unwrapReply, type HostClient } from './client';

/** Opens the events channel; events arrive through `deliver`. */
export type ConnectEvents = (deliver: (name: string, payload: unknown) => void) => void;

/** How often a busy host is asked again for room for a photo it wants, before giving up. */
const BUSY_RETRIES = 20;

/**
 * The host over 127.0.0.1: requests as JSON POSTs, binary results as raw bodies, events over
 * whatever `connectEvents` opens (a WebSocket in the browser, the `ws` package in Node tests).
 * The page keeps the customer's files; the host asks for one photo's bytes when it needs them
 * (`photos.bytesWanted`) and this client streams that file to it.
 */
export function createLoopbackClient(
  origin: string,
  token: string,
  connectEvents?: ConnectEvents,
): HostClient {
  const router = new EventRouter();
  const auth = { Authorization: `Bearer ${token}` };
  const files = new Map<string, File>();

  const invoke: HostClient['invoke'] = async (name, args) => {
    const response = await fetch(`${origin}/host/invoke/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    if (response.ok && response.headers.get('content-type') === 'application/octet-stream') {
      return unwrapReply(name, { ok: true, result: new Uint8Array(await response.arrayBuffer()) });
    }
    const body = await readJson(response);
    const reply: InvokeReply = response.ok
      ? { ok: true, result: body?.result }
      : { ok: false, error: errorBodyOf(response, body, name) };
    return unwrapReply(name, reply);
  };

  /** Sends the file the host asked for; says why not where it can't. */
  const answer = async (requestId: string, file: File) => {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${origin}/host/blobs?for=${encodeURIComponent(requestId)}`, {
          method: 'PUT',
          headers: { ...auth, 'Content-Type': 'application/octet-stream' },
          body: file,
        });
      } catch {
        // The browser could not read the file (moved, deleted, changed since it was picked).
        await invoke('photos.unavailable', { requestId, reason: 'unreadable' }).catch(() => {});
        return;
      }
      if (response.status !== 503 || attempt >= BUSY_RETRIES) return;
      const waitS = Number(response.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, Math.min(waitS, 5) * 1000));
    }
  };

  connectEvents?.((name, payload) => {
    if (name === 'photos.bytesWanted') {
      const { requestId, fileId } = (payload ?? {}) as { requestId?: unknown; fileId?: unknown };
      const file = typeof fileId === 'string' ? files.get(fileId) : undefined;
      if (typeof requestId === 'string') {
        if (file) void answer(requestId, file);
        // Another window's file, or one this page lost in a reload: saying so lets the host tell
        // the customer at once when no window has it, instead of after its wait for an answer.
        else void invoke('photos.unavailable', { requestId, reason: 'not-here' }).catch(() => {});
      }
    }
    router.deliver(name, payload);
  });

  return {
    invoke,
    on: (name, listener) => router.on(name, listener),
    sourcesFor(picked) {
      return picked.map((file): PhotoSource => {
        const fileId = randomId();
        files.set(fileId, file);
        return { kind: 'file', fileId, name: file.name || 'photo', size: file.size };
      });
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
