import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { RequestFraming, type FramedPiece } from './http-framing';

/**
 * A TCP proxy between the client and the receiver that breaks the line on purpose: the tests'
 * stand-in for `tc netem`, which this kernel lacks. Each fault fires once, when the bytes the
 * client sent through it (all connections, request heads included) reach its threshold.
 */
export interface FaultProxy {
  url: string;
  /** How many connections were cut (0 or 1). */
  readonly cuts: number;
  /** How many connections were reset (0 or 1). */
  readonly resets: number;
  /** How many connections were frozen (0 or 1). */
  readonly stalls: number;
  /** Requests the proxy answered with an error instead of passing them on. */
  readonly errorsAnswered: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Bytes passed on from the client to the server, request heads included. */
  readonly forwardedBytes: number;
  /** Bytes of PATCH bodies passed on to the server: the upload data the server received. */
  readonly uploadBytes: number;
  close(): Promise<void>;
}

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  target: { host: string; port: number };
  /**
   * Forward exactly up to this byte, then reset the client's connection and end the server's
   * (FIN): the server sees a truncated body.
   */
  cutAfterBytes?: number;
  /** Forward up to this byte, then reset both sides (RST to client and server). */
  resetAfterBytes?: number;
  /**
   * Forward up to this byte, then freeze that connection both ways: nothing more reaches the
   * server, no reply reaches the client, nothing is closed. The server's side stays open when
   * the client gives up, as behind a dead router: the server never hears of it.
   */
  stallAfterBytes?: number;
  /** The link's speed from client to server, bytes a second; unlimited when absent. */
  bytesPerSecond?: number;
  /**
   * From this byte on, `count` requests get `status` (default 503) from the proxy instead of
   * reaching the server: first the request on its way (its body cut short at the server, as a
   * gateway giving up on its backend), then the next ones, as an overloaded front end answers.
   */
  errorBurst?: { afterBytes: number; count: number; status?: number };
}

/** Slices of the slow link: small enough for a smooth rate, large enough to be cheap. */
const SLICE = 16 * 1024;

/** Starts the proxy on a free loopback port. */
export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const sockets = new Set<net.Socket>();
  let forwarded = 0;
  let uploaded = 0;
  let connections = 0;
  const fired = { cut: 0, reset: 0, stall: 0 };
  let errorsLeft = opts.errorBurst?.count ?? 0;
  let errorsAnswered = 0;
  /** When the slow link is free again (ms). */
  let linkFreeAt = 0;

  const server = net.createServer((client) => {
    connections++;
    const upstream = net.connect(opts.target.port, opts.target.host);
    const framing = new RequestFraming();
    /** Nothing more is forwarded on this connection (answered by the proxy, cut, reset). */
    let finished = false;
    let stalled = false;
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined); // resets are the point here
    }
    upstream.pipe(client);
    // A frozen connection tells neither side that the other went away.
    client.on('close', () => {
      finished = true;
      if (!stalled) upstream.destroy();
    });
    upstream.on('close', () => {
      if (!stalled) client.destroy();
    });

    /** Answers the client's request with an error and drops the connection to the server. */
    const answer = (status: number) => {
      finished = true;
      errorsLeft--;
      errorsAnswered++;
      const body = JSON.stringify({ error: `fault proxy: ${status} (a burst of errors)` });
      client.end(
        `HTTP/1.1 ${status} Fault\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      upstream.unpipe(client);
      upstream.end();
      // The client may still be sending its body: read and drop it, then close.
      client.resume();
      setTimeout(() => client.destroy(), 2000).unref();
    };

    const errorsDue = () =>
      opts.errorBurst !== undefined && errorsLeft > 0 && forwarded >= opts.errorBurst.afterBytes;

    /** Passes bytes on, at the link's speed, firing a fault where its threshold falls. */
    const pass = async (bytes: Buffer, body: boolean, upload: boolean) => {
      let rest = bytes;
      while (rest.length > 0 && !finished && !stalled) {
        let slice = rest.subarray(0, opts.bytesPerSecond ? SLICE : rest.length);
        if (opts.bytesPerSecond) {
          const now = Date.now();
          linkFreeAt = Math.max(linkFreeAt, now) + (slice.length * 1000) / opts.bytesPerSecond;
          await sleep(linkFreeAt - now);
          if (finished) return;
        }
        const fault = faultWithin(slice.length);
        if (fault) slice = slice.subarray(0, fault.at - forwarded);
        forwarded += slice.length;
        if (upload) uploaded += slice.length;
        rest = rest.subarray(slice.length);
        if (fault) return fire(fault.kind, slice);
        if (!upstream.write(slice)) {
          await new Promise((resolve) => {
            upstream.once('drain', resolve);
            upstream.once('close', resolve);
          });
        }
        // A burst that begins mid-body takes this request too.
        if (body && errorsDue()) return answer(opts.errorBurst!.status ?? 503);
      }
    };

    /** The first fault not fired yet whose threshold lies within the next `length` bytes. */
    const faultWithin = (length: number) => {
      const due = (
        [
          ['cut', opts.cutAfterBytes],
          ['reset', opts.resetAfterBytes],
          ['stall', opts.stallAfterBytes],
        ] as const
      ).filter(([kind, at]) => at !== undefined && fired[kind] === 0 && forwarded + length >= at);
      due.sort((a, b) => a[1]! - b[1]!);
      return due[0] && { kind: due[0][0], at: Math.max(due[0][1]!, forwarded) };
    };

    const fire = (kind: 'cut' | 'reset' | 'stall', last: Buffer) => {
      fired[kind]++;
      if (kind === 'cut') {
        finished = true;
        upstream.end(last);
        client.resetAndDestroy();
      } else if (kind === 'reset') {
        finished = true;
        upstream.write(last, () => upstream.resetAndDestroy());
        client.resetAndDestroy();
      } else {
        stalled = true;
        upstream.write(last);
        upstream.unpipe(client);
        upstream.pause();
      }
    };

    const feed = async (piece: FramedPiece) => {
      if (finished || stalled) return;
      if (piece.kind === 'head' && errorsDue()) return answer(opts.errorBurst!.status ?? 503);
      const body = piece.kind === 'body';
      await pass(piece.bytes, body, body && piece.method === 'PATCH');
    };

    // One chunk at a time, in order; the client waits (backpressure) while the link is busy.
    let queue = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      if (finished || stalled) return;
      client.pause();
      queue = queue
        .then(async () => {
          for (const piece of framing.push(chunk)) await feed(piece);
        })
        .then(() => {
          if (!stalled) client.resume();
        });
    });
    client.on('end', () => {
      void queue.then(() => {
        if (!stalled && !finished) upstream.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get cuts() {
      return fired.cut;
    },
    get resets() {
      return fired.reset;
    },
    get stalls() {
      return fired.stall;
    },
    get errorsAnswered() {
      return errorsAnswered;
    },
    get connections() {
      return connections;
    },
    get forwardedBytes() {
      return forwarded;
    },
    get uploadBytes() {
      return uploaded;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
