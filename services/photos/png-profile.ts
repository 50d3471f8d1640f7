import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE_BYTES = 8;
/** IHDR is always first: length, type, 13 bytes of data, CRC. */
const IHDR_END = SIGNATURE_BYTES + 4 + 4 + 13 + 4;

/**
 * Puts an ICC profile into a PNG (an iCCP chunk after IHDR), so that libvips
 * converts the pixels from that profile to sRGB. sharp can attach a profile
 * to raw pixels only from a file on disk; this keeps a HEIC's pixels and
 * profile in memory.
 */
export function withIccProfile(png: Buffer, icc: Buffer): Buffer {
  const data = Buffer.concat([Buffer.from('icc\0\0', 'latin1'), deflateSync(icc)]);
  const type = Buffer.from('iCCP', 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  return Buffer.concat([
    png.subarray(0, IHDR_END),
    length,
    type,
    data,
    crc,
    png.subarray(IHDR_END),
  ]);
}
