/**
 * The age v1 text header: intro line, recipient stanzas, and the MAC line.
 *
 *   age-encryption.org/v1
 *   -> X25519 <ephemeral share>
 *   <body, base64 without padding, 64 columns, last line shorter (maybe empty)>
 *   --- <HMAC-SHA256 over everything up to and including "---">
 */
import { timingSafeEqual } from 'node:crypto';
import { base64nopad } from '@scure/base';
import { AgeError, HeaderMacError, NotAgeFileError } from './errors.js';
import { hkdf32, hmacSha256 } from './primitives.js';

const INTRO = 'age-encryption.org/v1\n';
const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
const BODY_COLUMNS = 64;
const MAC_BYTES = 32;

/**
 * Most stanzas a header may carry. Each X25519 stanza costs a key agreement
 * per identity, so an unbounded list is a cheap denial of service.
 */
export const MAX_STANZAS = 20;
/** Largest header accepted; bounds memory before the MAC line is found. */
export const MAX_HEADER_BYTES = 64 * 1024;

/** One recipient stanza: `-> type args...` and its binary body. */
export interface Stanza {
  readonly type: string;
  readonly args: readonly string[];
  readonly body: Buffer;
}

/** A parsed header; `macInput` is the byte range the MAC covers. */
export interface ParsedHeader {
  readonly stanzas: Stanza[];
  readonly macInput: Buffer;
  readonly mac: Buffer;
}

function malformed(why: string): AgeError {
  return new AgeError('MALFORMED_HEADER', `malformed age header: ${why}`);
}

/** Standard base64 without padding, as age writes every binary value. */
export function b64(bytes: Uint8Array): string {
  return base64nopad.encode(bytes);
}

/** Strict decode: scure rejects padding, stray characters and non-canonical trailing bits. */
function unb64(text: string, what: string): Buffer {
  try {
    return Buffer.from(base64nopad.decode(text));
  } catch {
    throw malformed(`${what} is not canonical unpadded base64`);
  }
}

function encodeStanza(s: Stanza): string {
  const body = b64(s.body);
  let out = `-> ${[s.type, ...s.args].join(' ')}\n`;
  // Full 64-column lines, then a final shorter line; it is empty when the
  // body is a multiple of 48 bytes, which tells the reader the body ended.
  for (let i = 0; i + BODY_COLUMNS <= body.length; i += BODY_COLUMNS) {
    out += body.slice(i, i + BODY_COLUMNS) + '\n';
  }
  return out + body.slice(body.length - (body.length % BODY_COLUMNS)) + '\n';
}

/** Header MAC: HMAC-SHA256 keyed with HKDF(file key, salt empty, info "header"). */
export function headerMac(fileKey: Uint8Array, macInput: Uint8Array): Buffer {
  return hmacSha256(hkdf32(fileKey, new Uint8Array(0), 'header'), macInput);
}

/** Serialises stanzas and appends the MAC line; the result ends with "\n". */
export function buildHeader(fileKey: Uint8Array, stanzas: readonly Stanza[]): Buffer {
  const macInput = Buffer.from(INTRO + stanzas.map(encodeStanza).join('') + '---', 'latin1');
  return Buffer.concat([macInput, Buffer.from(` ${b64(headerMac(fileKey, macInput))}\n`)]);
}

/** Throws HeaderMacError unless `header.mac` is the MAC for `fileKey`. */
export function verifyHeaderMac(fileKey: Uint8Array, header: ParsedHeader): void {
  const expected = headerMac(fileKey, header.macInput);
  if (!timingSafeEqual(expected, header.mac)) throw new HeaderMacError();
}

/**
 * Finds where the header ends in the first bytes of a file: the index just
 * past the MAC line's newline, or null if more input is needed. Fails early
 * on a wrong intro so a non-age file is rejected without reading 64 KiB.
 */
export function findHeaderEnd(buf: Buffer): number | null {
  const head = buf.subarray(0, INTRO.length).toString('latin1');
  if (!INTRO.startsWith(head)) {
    if (buf.subarray(0, ARMOR_BEGIN.length).toString('latin1') === ARMOR_BEGIN) {
      throw new NotAgeFileError('ASCII-armored (PEM) age files are not supported');
    }
    throw new NotAgeFileError('missing "age-encryption.org/v1" intro');
  }
  // Stanza lines start with "->" and body lines are base64, so the first
  // "\n---" is the start of the MAC line.
  const macLine = buf.indexOf('\n---', 0, 'latin1');
  const end = macLine < 0 ? -1 : buf.indexOf('\n', macLine + 1);
  if (end >= 0 && end < MAX_HEADER_BYTES) return end + 1;
  if (buf.length >= MAX_HEADER_BYTES) {
    throw new AgeError('HEADER_TOO_LARGE', `age header larger than ${MAX_HEADER_BYTES} bytes`);
  }
  return null;
}

function checkArg(arg: string): void {
  // Arguments are non-empty runs of visible ASCII (no spaces).
  if (!/^[\x21-\x7e]+$/.test(arg)) throw malformed('bad stanza argument');
}

/** Parses a complete header (as delimited by findHeaderEnd), strictly per the spec. */
export function parseHeader(header: Buffer): ParsedHeader {
  const text = header.toString('latin1');
  if (!text.startsWith(INTRO)) throw new NotAgeFileError('missing "age-encryption.org/v1" intro');
  if (!/^[\x20-\x7e\n]*$/.test(text)) throw malformed('non-ASCII bytes');
  const lines = text.slice(INTRO.length).split('\n');
  // The header ends with "\n", so the split leaves one trailing empty string.
  if (lines.pop() !== '') throw malformed('missing final newline');
  const stanzas: Stanza[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i++] ?? '';
    if (line.startsWith('--- ')) {
      if (i !== lines.length) throw malformed('data after the MAC line');
      const macText = line.slice(4);
      const mac = unb64(macText, 'header MAC');
      if (mac.length !== MAC_BYTES) throw malformed('header MAC has the wrong length');
      const macInput = header.subarray(0, header.length - macText.length - 2);
      if (stanzas.length === 0) throw malformed('no recipient stanzas');
      return { stanzas, macInput, mac };
    }
    if (!line.startsWith('-> ')) throw malformed(`unexpected line ${JSON.stringify(line)}`);
    if (stanzas.length === MAX_STANZAS) {
      throw new AgeError(
        'TOO_MANY_RECIPIENTS',
        `too many recipients in header (more than ${MAX_STANZAS})`,
      );
    }
    const [type, ...args] = line.slice(3).split(' ');
    if (type === undefined) throw malformed('empty stanza');
    [type, ...args].forEach(checkArg);
    let body = '';
    for (;;) {
      const bodyLine = lines[i++];
      if (bodyLine === undefined) throw malformed('stanza body not terminated');
      if (bodyLine.length > BODY_COLUMNS) throw malformed('stanza body line too long');
      body += bodyLine;
      if (bodyLine.length < BODY_COLUMNS) break;
    }
    stanzas.push({ type, args, body: unb64(body, 'stanza body') });
  }
  throw malformed('missing MAC line');
}
