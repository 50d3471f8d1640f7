/** The subprotocol a browser offers first; the token travels as the second one. */
const EVENTS_PROTOCOL = 'photodose.v1';

/**
 * The host's events over one WebSocket, reconnecting with backoff: progress
 * events matter while an upload runs. Browser only; the request side lives
 * in loopback-client.ts, which also runs under Node in the tests.
 */
export function connectLoopbackEvents(
  origin: string,
  token: string,
  deliver: (name: string, payload: unknown) => void,
): void {
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
      deliver(data.event, data.payload);
    };
    socket.onclose = () =>
      setTimeout(() => connect(attempt + 1), Math.min(5000, 200 * 2 ** attempt));
  };
  // Without a token the host refuses everything; requests then explain that, a socket cannot.
  if (token) connect(0);
}
