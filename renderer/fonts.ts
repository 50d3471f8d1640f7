/// <reference types="vite/client" />
import { FONTS, FONT_STYLES, type FontEntry, type FontStyle } from '../src/text/fonts';

/**
 * The bundled fonts for the screen: each TrueType file of the font catalog registered as a
 * FontFace (the script form of @font-face), from the very files the lab's print renderer embeds.
 * Vite copies them into the build as assets of the app itself, so the CSP's `font-src 'self'`
 * allows them and the app never reaches for a remote font: it works offline.
 */

/** Every TTF under assets/fonts, by its path there (`lora/Lora-Regular.ttf`), as a built URL. */
const urls: Record<string, string> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>('../assets/fonts/*/*.ttf', {
      query: '?url',
      import: 'default',
      eager: true,
    }),
  ).map(([path, url]) => [path.replace('../assets/fonts/', ''), url]),
);

const faces: Record<FontStyle, FontFaceDescriptors> = {
  regular: { weight: '400', style: 'normal' },
  bold: { weight: '700', style: 'normal' },
  italic: { weight: '400', style: 'italic' },
  boldItalic: { weight: '700', style: 'italic' },
};

/** A generic family for the moment before the file has loaded, close to the font's look. */
const fallbacks: Record<FontEntry['category'], string> = {
  serif: 'serif',
  sans: 'sans-serif',
  script: 'cursive',
  display: 'serif',
  mono: 'monospace',
};

let registered = false;

/**
 * Registers every face of every bundled font once; the browser loads a file when text first
 * uses its face. A file missing from the build is a packaging error, so it throws.
 */
export function registerBundledFonts(): void {
  if (registered) return;
  registered = true;
  for (const font of FONTS) {
    for (const style of FONT_STYLES) {
      const file = font.files[style];
      if (!file) continue;
      const url = urls[file.path];
      if (!url) throw new Error(`font file ${file.path} is not in the build`);
      document.fonts.add(new FontFace(font.family, `url("${url}")`, faces[style]));
    }
  }
}

/** The CSS font-family of a bundled font: its own family first, a generic one behind it. */
export function cssFontFamily(font: FontEntry): string {
  return `"${font.family}", ${fallbacks[font.category]}`;
}
