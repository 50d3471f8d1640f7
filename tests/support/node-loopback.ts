import WebSocket from 'ws';
import { createLoopbackClient } from '../../renderer/host/loopback-client';
import type { HostClient } from '../../renderer/host/client';

/** The subprotocol the host's events socket speaks; the token travels as the second one. */
const EVENTS_PROTOCOL = 'photodose.v1';

export interface NodeLoopbackClient {
  client: HostClient;
  close(): void;
}

/**
 * The browser's own loopback client, run under Node as a page would run it: requests with Node's
 * fetch, the host's events over a WebSocket from the `ws` package, so the host's requests for a
 * file's bytes (`photos.bytesWanted`) are answered by the client itself. Resolves once the events
 * socket is open: before that the host would find no page to ask.
 */
export async function connectNodeClient(
  origin: string,
  token: string,
): Promise<NodeLoopbackClient> {
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/host/events`, [
    EVENTS_PROTOCOL,
    token,
  ]);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const client = createLoopbackClient(origin, token, (deliver) => {
    socket.on('message', (data) => {
      const { event, payload } = JSON.parse(String(data)) as { event: string; payload: unknown };
      deliver(event, payload);
    });
  });
  return { client, close: () => socket.close() };
}
