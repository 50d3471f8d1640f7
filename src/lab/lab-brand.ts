import { z } from 'zod';

/**
 * How a white-label lab looks and where its customers get help: the colours the app is drawn in
 * (CSS custom properties, set at build time) and its logo file beside lab.json. Part of the lab
 * configuration (`brand`, `support`); every lab folder under assets/labs/ must give both.
 */

const HexColour = z.string().regex(/^#[0-9a-f]{6}$/, 'expected a colour as #rrggbb (lower case)');

/** The colours a lab sets; each is one CSS custom property of renderer/styles.css. */
export const LabColours = z
  .object({
    /** Primary buttons, the selected frame and other marks of the lab (`--accent`). */
    accent: HexColour,
    /** Text on `accent` (`--accent-text`). */
    accentText: HexColour,
    /** The app's background (`--page-background`). */
    background: HexColour,
    /** Body text on `background` (`--text`). */
    text: HexColour,
    /** The header bar with the lab's logo and name (`--header-background`). */
    header: HexColour,
  })
  .strict()
  // WCAG 2.1 AA for normal text: a lab's colours must keep its buttons and text readable.
  .refine((c) => contrastRatio(c.accent, c.accentText) >= 4.5, {
    error: 'accentText on accent needs a contrast ratio of at least 4.5 (WCAG AA)',
    path: ['accentText'],
  })
  .refine((c) => contrastRatio(c.background, c.text) >= 4.5, {
    error: 'text on background needs a contrast ratio of at least 4.5 (WCAG AA)',
    path: ['text'],
  })
  .refine((c) => contrastRatio(c.header, c.text) >= 4.5, {
    error: 'text on header needs a contrast ratio of at least 4.5 (WCAG AA)',
    path: ['text'],
  });
export type LabColours = z.infer<typeof LabColours>;

export const LabBrand = z
  .object({
    colours: LabColours,
    /** The logo's file in the lab's folder (SVG, checked when the folder is read). */
    logo: z.string().regex(/^[a-z0-9-]{1,40}\.svg$/, 'expected a file name such as logo.svg'),
  })
  .strict();
export type LabBrand = z.infer<typeof LabBrand>;

/** Where customers get help: shown in the app, and the Help menu's support item opens `url`. */
export const LabSupport = z
  .object({
    email: z.email(),
    phone: z
      .string()
      .regex(/^\+[0-9 ]{6,20}$/, 'expected an international number such as +49 40 1234567')
      .optional(),
    url: z.url({ protocol: /^https$/ }).optional(),
  })
  .strict();
export type LabSupport = z.infer<typeof LabSupport>;

/** Custom property names, in the order the stylesheet lists them. */
const PROPERTIES: Record<keyof LabColours, string> = {
  accent: '--accent',
  accentText: '--accent-text',
  background: '--page-background',
  text: '--text',
  header: '--header-background',
};

/** The lab's colours as a stylesheet: one `:root` rule that comes after renderer/styles.css. */
export function brandStylesheet(colours: LabColours): string {
  const lines = (Object.keys(PROPERTIES) as (keyof LabColours)[]).map(
    (key) => `  ${PROPERTIES[key]}: ${colours[key]};`,
  );
  return `:root {\n${lines.join('\n')}\n}\n`;
}

/** WCAG 2.1 contrast ratio of two #rrggbb colours, from 1 (same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}
