import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FontFile } from '../../../src/text/fonts';

/**
 * Where the print renderer gets a font file's bytes. The renderer asks only through this, so a
 * test or another installation can hand in fonts from elsewhere; the lab uses the bundled files.
 */
export type FontSource = (file: FontFile) => Promise<Uint8Array>;

const FONTS_DIR = resolve(import.meta.dirname, '../../../assets/fonts');

/**
 * The bundled TrueType files from assets/fonts, each checked against the SHA-256 in the font
 * catalog: the print must embed the very bytes the designer drew with, so a changed or damaged
 * file stops the render with its name instead of printing other letter shapes. Read once each.
 */
export function bundledFonts(dir = FONTS_DIR): FontSource {
  const cache = new Map<string, Promise<Uint8Array>>();
  return (file) => {
    let bytes = cache.get(file.path);
    if (!bytes) {
      bytes = readChecked(resolve(dir, file.path), file.sha256);
      cache.set(file.path, bytes);
    }
    return bytes;
  };
}

async function readChecked(path: string, sha256: string): Promise<Uint8Array> {
  const bytes = await readFile(path);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) {
    throw new Error(`font file ${path} has SHA-256 ${actual}, the font catalog says ${sha256}`);
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
