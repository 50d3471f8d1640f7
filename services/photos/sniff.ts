/** The photo formats the app takes: the first bytes decide, never the file name's extension. */
export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'tiff' | 'gif' | 'avif' | 'heic';

/** What the first bytes of a file say it is. */
export type Sniffed =
  | { kind: 'photo'; format: PhotoFormat }
  /** An image, but one the app can't print from (camera RAW, Photoshop, BMP, vector...). */
  | { kind: 'other-image'; format: string }
  | { kind: 'not-an-image' };

/** Camera RAW files are TIFF inside: libvips would read their small preview as if it were the photo. */
const RAW_EXTENSIONS =
  /\.(dng|nef|nrw|cr2|arw|srf|sr2|orf|rw2|raf|pef|srw|3fr|erf|kdc|mrw|x3f|iiq)$/i;

/** ISO base media brands of still images; the rest of that family is video. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

export function sniff(bytes: Uint8Array, name = ''): Sniffed {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  const starts = (...values: number[]) => values.every((v, i) => bytes[i] === v);

  if (starts(0xff, 0xd8, 0xff)) return photo('jpeg');
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return photo('png');
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return photo('gif');
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return photo('webp');
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) {
    // Canon's CR2 marks itself after the header; other RAW files only by their name.
    if (ascii(8, 10) === 'CR' || RAW_EXTENSIONS.test(name)) return other('camera RAW');
    return photo('tiff');
  }
  if (starts(0x49, 0x49, 0x2b, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2b)) return other('BigTIFF');
  if (ascii(4, 8) === 'ftyp') return sniffIsoMedia(bytes, ascii);
  if (ascii(0, 2) === 'BM') return other('BMP');
  if (ascii(0, 4) === '8BPS') return other('Photoshop');
  if (starts(0xff, 0x0a) || ascii(4, 8) === 'JXL ') return other('JPEG XL');
  if (ascii(4, 8) === 'jP  ' || starts(0xff, 0x4f, 0xff, 0x51)) return other('JPEG 2000');
  if (starts(0x00, 0x00, 0x01, 0x00)) return other('ICO');
  if (/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(ascii(0, Math.min(bytes.length, 256))))
    return other('SVG');
  return { kind: 'not-an-image' };
}

function sniffIsoMedia(bytes: Uint8Array, ascii: (from: number, to: number) => string): Sniffed {
  const boxSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  const major = ascii(8, 12);
  const brands = [major];
  for (let at = 16; at + 4 <= Math.min(boxSize, bytes.length); at += 4)
    brands.push(ascii(at, at + 4));
  if (brands.some((b) => AVIF_BRANDS.has(b))) return photo('avif');
  if (brands.some((b) => HEIC_BRANDS.has(b))) return photo('heic');
  // HEIF with another codec inside: libheif tells whether it can decode it.
  if (brands.includes('mif1') || brands.includes('msf1')) return photo('heic');
  if (major === 'crx ') return other('camera RAW');
  return { kind: 'not-an-image' };
}

const photo = (format: PhotoFormat): Sniffed => ({ kind: 'photo', format });
const other = (format: string): Sniffed => ({ kind: 'other-image', format });
