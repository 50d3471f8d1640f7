/**
 * Splits the client's side of an HTTP/1.1 connection into request heads and bodies, so the
 * fault proxy can answer a request itself and count upload bytes. Framing by Content-Length
 * only: a chunked or unreadable request turns the rest of the connection opaque (forwarded
 * as it is, never answered by the proxy).
 */
export type FramedPiece =
  | { kind: 'head'; bytes: Buffer; method: string }
  | { kind: 'body'; bytes: Buffer; method: string }
  | { kind: 'opaque'; bytes: Buffer };

const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD = 64 * 1024;

export class RequestFraming {
  private mode: 'head' | 'body' | 'opaque' = 'head';
  private head: Buffer = Buffer.alloc(0);
  private left = 0;
  private method = '';

  push(chunk: Buffer): FramedPiece[] {
    const pieces: FramedPiece[] = [];
    let rest = chunk;
    while (rest.length > 0) {
      if (this.mode === 'opaque') {
        pieces.push({ kind: 'opaque', bytes: rest });
        break;
      }
      if (this.mode === 'body') {
        const take = Math.min(this.left, rest.length);
        pieces.push({ kind: 'body', bytes: rest.subarray(0, take), method: this.method });
        this.left -= take;
        rest = rest.subarray(take);
        if (this.left === 0) this.mode = 'head';
        continue;
      }
      const held = Buffer.concat([this.head, rest]);
      const end = held.indexOf(HEAD_END);
      if (end < 0) {
        if (held.length > MAX_HEAD) {
          this.mode = 'opaque';
          this.head = Buffer.alloc(0);
          pieces.push({ kind: 'opaque', bytes: held });
        } else this.head = held;
        break;
      }
      const head = held.subarray(0, end + HEAD_END.length);
      rest = held.subarray(end + HEAD_END.length);
      this.head = Buffer.alloc(0);
      const text = head.toString('latin1');
      this.method = text.slice(0, text.indexOf(' '));
      pieces.push({ kind: 'head', bytes: head, method: this.method });
      if (/^transfer-encoding:/im.test(text)) {
        this.mode = 'opaque';
        continue;
      }
      const length = /^content-length:\s*(\d+)\s*$/im.exec(text);
      this.left = length ? Number(length[1]) : 0;
      this.mode = this.left > 0 ? 'body' : 'head';
    }
    return pieces;
  }
}
