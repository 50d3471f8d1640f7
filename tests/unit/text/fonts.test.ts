import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fontData from '../../../assets/fonts.json';
import {
  DEFAULT_FONT_ID,
  FONTS,
  FONT_STYLES,
  fontById,
  fontFileFor,
  fontOrDefault,
  hasBold,
  hasItalic,
  parseFontCatalog,
} from '../../../src/text/fonts';

const fontsDir = join(import.meta.dirname, '../../../assets/fonts');
const read = (path: string) => readFileSync(join(fontsDir, path));

/** TrueType outlines start with version 1.0 (00 01 00 00) or, on old Apple fonts, `true`. */
function isTrueType(bytes: Buffer): boolean {
  const tag = bytes.subarray(0, 4);
  return tag.equals(Buffer.from([0, 1, 0, 0])) || tag.toString('latin1') === 'true';
}

/** The table tags of an sfnt file: `glyf` means TrueType outlines, `fvar` a variable font. */
function tables(bytes: Buffer): string[] {
  const count = bytes.readUInt16BE(4);
  return Array.from({ length: count }, (_, i) =>
    bytes.toString('latin1', 12 + 16 * i, 16 + 16 * i),
  );
}

describe('the bundled fonts', () => {
  it('are at least five families: serif, sans, script, display and monospace', () => {
    expect(FONTS.length).toBeGreaterThanOrEqual(5);
    expect(new Set(FONTS.map((f) => f.category))).toEqual(
      new Set(['serif', 'sans', 'script', 'display', 'mono']),
    );
    expect(fontById(DEFAULT_FONT_ID)).toBeDefined();
  });

  it('every listed file exists, is a static TrueType font and has the bytes the catalog names', () => {
    for (const font of FONTS) {
      for (const style of FONT_STYLES) {
        const file = font.files[style];
        if (!file) continue;
        const bytes = read(file.path);
        expect(isTrueType(bytes), file.path).toBe(true);
        const tags = tables(bytes);
        expect(tags, file.path).toContain('glyf');
        // A variable font would print its default instance whatever weight the screen showed.
        expect(tags, file.path).not.toContain('fvar');
        expect(createHash('sha256').update(bytes).digest('hex'), file.path).toBe(file.sha256);
      }
    }
  });

  it('each family carries its licence text, and the licence allows bundling', () => {
    for (const font of FONTS) {
      const licence = read(font.licenceFile).toString('utf8');
      expect(font.licence).toBe('OFL-1.1');
      expect(licence, font.id).toContain('SIL OPEN FONT LICENSE Version 1.1');
      expect(licence, font.id).toContain(font.copyright);
    }
  });

  it('ships no font file the catalog does not list', () => {
    const listed = new Set(
      FONTS.flatMap((f) => [f.licenceFile, ...Object.values(f.files).map((file) => file.path)]),
    );
    for (const folder of readdirSync(fontsDir)) {
      for (const name of readdirSync(join(fontsDir, folder))) {
        expect(listed.has(`${folder}/${name}`), `${folder}/${name}`).toBe(true);
      }
    }
  });

  it('has bold and italic where the family has them, and says so', () => {
    const lora = fontById('lora')!;
    expect([hasBold(lora), hasItalic(lora)]).toEqual([true, true]);
    const script = fontById('dancing-script')!;
    expect([hasBold(script), hasItalic(script)]).toEqual([true, false]);
  });
});

describe('the print file for a style', () => {
  it('is the face itself where the family has it', () => {
    const lora = fontById('lora')!;
    expect(fontFileFor(lora, false, false).path).toBe('lora/Lora-Regular.ttf');
    expect(fontFileFor(lora, true, false).path).toBe('lora/Lora-Bold.ttf');
    expect(fontFileFor(lora, false, true).path).toBe('lora/Lora-Italic.ttf');
    expect(fontFileFor(lora, true, true).path).toBe('lora/Lora-BoldItalic.ttf');
  });

  it('falls back to the nearest face the family has, never a made-up one', () => {
    const script = fontById('dancing-script')!;
    expect(fontFileFor(script, false, true).path).toBe('dancing-script/DancingScript-Regular.ttf');
    expect(fontFileFor(script, true, true).path).toBe('dancing-script/DancingScript-Bold.ttf');
  });

  it('an unknown font draws in the default one', () => {
    expect(fontOrDefault('comic-sans').id).toBe(DEFAULT_FONT_ID);
    expect(fontOrDefault('lora').id).toBe('lora');
  });
});

describe('a broken font catalog', () => {
  const good = structuredClone(fontData);

  it('is refused when the default font is missing', () => {
    expect(() => parseFontCatalog({ ...good, defaultFontId: 'nope' })).toThrow(
      /default font is not in the catalog/,
    );
  });

  it('is refused with a font id twice', () => {
    expect(() => parseFontCatalog({ ...good, fonts: [...good.fonts, good.fonts[0]] })).toThrow(
      /font id twice/,
    );
  });

  it('is refused with a bold italic face but no italic one', () => {
    const lora = structuredClone(good.fonts[0]!) as Record<string, unknown> & {
      files: Record<string, unknown>;
    };
    delete lora.files.italic;
    expect(() => parseFontCatalog({ ...good, fonts: [lora] })).toThrow(/bold italic/);
  });

  it('is refused with a path out of the fonts folder or a closed licence', () => {
    const escape = structuredClone(good);
    escape.fonts[0]!.files.regular.path = '../../etc/passwd.ttf';
    expect(() => parseFontCatalog(escape)).toThrow(/fonts.0.files.regular.path/);
    const closed = structuredClone(good);
    (closed.fonts[0] as { licence: string }).licence = 'proprietary';
    expect(() => parseFontCatalog(closed)).toThrow(/fonts.0.licence/);
  });
});
