import { defaultLocale, locales, type Locale } from './locales';

/**
 * The first of the system's preferred languages ("en-GB", "de") that we
 * speak; German when none is. For text shown before the renderer runs.
 */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split(/[-_]/)[0];
    const match = locales.find((locale) => locale === language);
    if (match) return match;
  }
  return defaultLocale;
}
