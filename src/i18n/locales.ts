/** What the app needs to know about a language it speaks. */
export interface LocaleInfo {
  /** The language's name in that language, as the language menu shows it. */
  readonly nativeName: string;
  /** The BCP 47 tag handed to Intl for plural rules, numbers and money. */
  readonly intlTag: string;
}

/**
 * The one table of languages the app speaks. Adding a row here makes
 * TypeScript ask for its message catalog (src/i18n/translate.ts) and puts
 * it in the language menu under its own name.
 */
export const supportedLocales = {
  de: { nativeName: 'Deutsch', intlTag: 'de-DE' },
  // en-IE: English words with the euro written before the amount ("€34.99").
  en: { nativeName: 'English', intlTag: 'en-IE' },
} as const satisfies Record<string, LocaleInfo>;

export type Locale = keyof typeof supportedLocales;

/** German first: the app's default language and the lab's own. */
export const defaultLocale: Locale = 'de';

export const locales = Object.keys(supportedLocales) as Locale[];

/** Whether a tag from outside (a menu, a setting) names a language of the table. */
export function isLocale(tag: string): tag is Locale {
  return Object.hasOwn(supportedLocales, tag);
}

/** One entry of the language menu. */
export interface LanguageOption<L extends string> {
  readonly locale: L;
  readonly label: string;
}

/** A language menu for a table of languages: each named in its own words, never a fallback. */
export function languageOptions<L extends string>(
  table: Readonly<Record<L, LocaleInfo>>,
): LanguageOption<L>[] {
  return (Object.keys(table) as L[]).map((locale) => ({
    locale,
    label: table[locale].nativeName,
  }));
}

/** The app's language menu. */
export const languageMenu: readonly LanguageOption<Locale>[] = languageOptions(supportedLocales);
