import { createRequire } from 'node:module';

/**
 * HEIC/HEIF through libheif compiled to WebAssembly (npm `libheif-js`,
 * LGPL-3.0, loaded as a module of its own): sharp's prebuilt libvips decodes
 * no HEVC, and WebAssembly runs the same on Windows, macOS and Linux without
 * system libraries. The `wasm-bundle` build carries its WebAssembly inline,
 * so nothing is read from disk at run time (and it works inside an asar).
 *
 * This module runs inside the HEIC worker threads (heic-worker.ts); the rest
 * of the host calls `decodeHeic` in heic.ts, which hands the work to them.
 */

/** A decoded HEIC: 8-bit RGB, already turned and mirrored as the file says (irot/imir). */
export interface HeicImage {
  width: number;
  height: number;
  /** width * height * 3 bytes, rows without padding; the only user of its whole ArrayBuffer. */
  rgb: Buffer;
  /** The embedded ICC profile (iPhones: Display P3), if any. */
  icc?: Buffer;
  /** The EXIF block as a TIFF stream (from "II*" or "MM*" on), if any. */
  exif?: Buffer;
}

/** Why libheif refused a file: the import turns this into a reason for the customer. */
export class HeicError extends Error {
  constructor(
    readonly kind: HeicErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export type HeicErrorKind = 'damaged' | 'unsupported' | 'too-many-pixels';

interface HeifError {
  code: { value: number };
  message: string;
}
interface Channel {
  id: { value: number };
  width: number;
  height: number;
  stride: number;
  data: Uint8Array;
}
/** The part of libheif-js's embind API we use (its generated types don't cover the bundle). */
interface LibHeif {
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  heif_colorspace: { heif_colorspace_RGB: unknown };
  heif_chroma: { heif_chroma_interleaved_RGB: unknown };
  heif_channel: { heif_channel_interleaved: { value: number } };
  heif_context_alloc(): object;
  heif_context_free(context: object): void;
  heif_context_read_from_memory(context: object, bytes: Uint8Array): HeifError;
  heif_js_context_get_primary_image_handle(context: object): Handle | { code: unknown };
  heif_image_handle_get_width(handle: Handle): number;
  heif_image_handle_get_height(handle: Handle): number;
  heif_image_handle_release(handle: Handle): void;
  heif_js_decode_image2(
    handle: Handle,
    colorspace: unknown,
    chroma: unknown,
  ): { code?: unknown; message?: string; image: object; channels: Channel[] };
  heif_image_release(image: object): void;
  _malloc(size: number): number;
  _free(pointer: number): void;
  _heif_image_handle_get_raw_color_profile_size(handle: number): number;
  _heif_image_handle_get_raw_color_profile(error: number, handle: number, out: number): void;
  _heif_image_handle_get_number_of_metadata_blocks(handle: number, type: number): number;
  _heif_image_handle_get_list_of_metadata_block_IDs(
    handle: number,
    type: number,
    ids: number,
    count: number,
  ): number;
  _heif_image_handle_get_metadata_size(handle: number, id: number): number;
  _heif_image_handle_get_metadata(error: number, handle: number, id: number, out: number): void;
}
/** An embind handle; `$$.ptr` is its address for the C functions the embind API lacks. */
interface Handle {
  $$: { ptr: number };
}

let module: LibHeif | undefined;
function libheif(): LibHeif {
  // Loaded on the first HEIC only: its 8 MB of WebAssembly would slow every start.
  module ??= createRequire(import.meta.url)('libheif-js/wasm-bundle') as LibHeif;
  return module;
}

/**
 * Decodes the primary image of a HEIC/HEIF. Synchronous: libheif runs on
 * this thread for seconds, so only a worker calls it. Refuses images over
 * `maxPixels` before decoding them.
 */
export function decodeHeicHere(bytes: Uint8Array, maxPixels: number): HeicImage {
  const lib = libheif();
  const context = lib.heif_context_alloc();
  try {
    const read = lib.heif_context_read_from_memory(context, bytes);
    if (read.code.value !== 0) throw new HeicError('damaged', `HEIF: ${read.message}`);
    const handle = lib.heif_js_context_get_primary_image_handle(context);
    if (!('$$' in handle)) throw new HeicError('damaged', 'HEIF: no primary image');
    try {
      const width = lib.heif_image_handle_get_width(handle);
      const height = lib.heif_image_handle_get_height(handle);
      if (width * height > maxPixels) {
        throw new HeicError('too-many-pixels', `${width} x ${height} pixels`);
      }
      const icc = rawColourProfile(lib, handle.$$.ptr);
      const exif = exifBlock(lib, handle.$$.ptr);
      const rgb = decodeRgb(lib, handle);
      return { ...rgb, ...(icc && { icc }), ...(exif && { exif }) };
    } finally {
      lib.heif_image_handle_release(handle);
    }
  } finally {
    lib.heif_context_free(context);
  }
}

function decodeRgb(lib: LibHeif, handle: Handle): Pick<HeicImage, 'width' | 'height' | 'rgb'> {
  const decoded = lib.heif_js_decode_image2(
    handle,
    lib.heif_colorspace.heif_colorspace_RGB,
    lib.heif_chroma.heif_chroma_interleaved_RGB,
  );
  if (!decoded || decoded.code) {
    const message = decoded?.message ?? 'decoding failed';
    // libheif names a missing codec "unsupported": HEIF can hold codecs other than HEVC.
    throw new HeicError(
      /unsupported|no matching decoder/i.test(message) ? 'unsupported' : 'damaged',
      `HEIF: ${message}`,
    );
  }
  try {
    const plane = decoded.channels.find(
      (c) => c.id.value === lib.heif_channel.heif_channel_interleaved.value,
    );
    if (!plane) throw new HeicError('damaged', 'HEIF: no RGB plane');
    const row = plane.width * 3;
    // Never from Buffer's shared pool: the worker hands this ArrayBuffer over whole.
    const rgb = Buffer.allocUnsafeSlow(row * plane.height);
    for (let y = 0; y < plane.height; y++) {
      rgb.set(plane.data.subarray(y * plane.stride, y * plane.stride + row), y * row);
    }
    return { width: plane.width, height: plane.height, rgb };
  } finally {
    lib.heif_image_release(decoded.image);
  }
}

/** heif_error is returned through a pointer: code, subcode, message (4 bytes each). */
const ERROR_BYTES = 16;

function rawColourProfile(lib: LibHeif, handle: number): Buffer | undefined {
  // Zero for an nclx-only or missing profile: libheif already applied nclx when it made RGB.
  const size = lib._heif_image_handle_get_raw_color_profile_size(handle);
  if (size <= 0) return undefined;
  return withMemory(lib, ERROR_BYTES + size, (error) => {
    lib._heif_image_handle_get_raw_color_profile(error, handle, error + ERROR_BYTES);
    if (lib.HEAPU32[error >> 2] !== 0) return undefined;
    return Buffer.from(lib.HEAPU8.subarray(error + ERROR_BYTES, error + ERROR_BYTES + size));
  });
}

function exifBlock(lib: LibHeif, handle: number): Buffer | undefined {
  const count = lib._heif_image_handle_get_number_of_metadata_blocks(handle, 0);
  if (count <= 0) return undefined;
  const ids = withMemory(lib, count * 4, (list) => {
    const found = lib._heif_image_handle_get_list_of_metadata_block_IDs(handle, 0, list, count);
    return [...lib.HEAPU32.subarray(list >> 2, (list >> 2) + found)];
  });
  for (const id of ids) {
    const size = lib._heif_image_handle_get_metadata_size(handle, id);
    if (size < 8) continue;
    const block = withMemory(lib, ERROR_BYTES + size, (error) => {
      lib._heif_image_handle_get_metadata(error, handle, id, error + ERROR_BYTES);
      if (lib.HEAPU32[error >> 2] !== 0) return undefined;
      return Buffer.from(lib.HEAPU8.subarray(error + ERROR_BYTES, error + ERROR_BYTES + size));
    });
    // An EXIF item starts with the offset of its TIFF header; XMP and others don't look like one.
    const offset = block ? 4 + block.readUInt32BE(0) : -1;
    const tiff = block?.subarray(offset);
    if (tiff && tiff.length >= 8 && isTiffHeader(tiff)) return tiff;
  }
  return undefined;
}

const isTiffHeader = (b: Buffer) =>
  (b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a) ||
  (b[0] === 0x4d && b[1] === 0x4d && b[3] === 0x2a);

function withMemory<T>(lib: LibHeif, size: number, use: (pointer: number) => T): T {
  const pointer = lib._malloc(size);
  try {
    return use(pointer);
  } finally {
    lib._free(pointer);
  }
}
