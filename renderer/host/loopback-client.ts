import { HostError, type PhotoSource } from '../../src/contract/host';
import type { InvokeReply } from '../../src/contract/transport';
import { EventRouter, unwrapReply, type HostClient } from './client';

const EVENTS_PROTOCOL = 'photodose.v1';

/**
 * The host over 127.0.0.1: requests as JSON POSTs, photos streamed as raw
 * bodies (kept in the host's memory only), events over one WebSocket.
 */
export function createLoopbackClient(origin: string, token: string): HostClient {
  const router = new EventRouter();
  const auth = { Authorization: `Bearer ${token}` };

  const connect = (attempt: number) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/host/events`, [
        EVENTS_PROTOCOL,
        token,
      ]);
    } catch {
      return; // a mangled token: requests will say so
    }
    socket.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as { event: string; payload: unknown };
      router.deliver(data.event, data.payload);
    };
    // Reconnect with backoff: progress events matter while an upload runs.
    socket.onclose = () =>
      setTimeout(() => connect(attempt + 1), Math.min(5000, 200 * 2 ** attempt));
  };
  // Without a token the host refuses everything; requests then explain that, a socket cannot.
  if (token) connect(0);

  return {
    async invoke(name, args) {
      const response = await fetch(`${origin}/host/invoke/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
      const body = (await response.json().catch(() => undefined)) as
        { result?: unknown; error?: unknown } | undefined;
      const reply: InvokeReply = response.ok
        ? { ok: true, result: body?.result }
        : { ok: false, error: body?.error as never };
      return unwrapReply(name, reply);
    },
    on: (name, listener) => router.on(name, listener),
    async sourcesFor(files) {
      const sources: PhotoSource[] = [];
      for (const file of files) {
        const response = await fetch(`${origin}/host/blobs`, {
          method: 'PUT',
          headers: { ...auth, 'Content-Type': 'application/octet-stream' },
          body: file,
        });
        if (!response.ok)
          throw new HostError(
            'invalid-request',
            `${file.name}: upload to host failed (${response.status})`,
          );
        const { blobId } = (await response.json()) as { blobId: string };
        sources.push({ kind: 'blob', blobId, name: file.name });
      }
      return sources;
    },
  };
}
