import { de, type MessageKey } from './de';
import { en } from './en';
import { IcuMessage, type MessageParams } from './icu-message';
import { supportedLocales, type Locale } from './locales';

export { defaultLocale, languageMenu, locales, type Locale } from './locales';
export type { MessageKey, MessageParams };

/** Every language's messages, in ICU MessageFormat; a new row in the locale table needs one here. */
export const catalogs: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { de, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(de, key);
}

/** Parsed on first use and kept: a message is parsed once per language. */
const parsed = new Map<string, IcuMessage>();

/** The parsed message; throws if its ICU text is malformed (the message tests parse them all). */
export function icuMessage(locale: Locale, key: MessageKey): IcuMessage {
  const id = `${locale}\u0000${key}`;
  let message = parsed.get(id);
  if (!message) {
    message = new IcuMessage(catalogs[locale][key], supportedLocales[locale].intlTag);
    parsed.set(id, message);
  }
  return message;
}

/**
 * A message in the customer's language, its arguments filled and plurals
 * chosen by the language's rules ("1 Foto", "2 Fotos"). A missing argument
 * stays visible as `{name}`.
 */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return icuMessage(locale, key).fill(params);
}

/** Money as customers read it in the chosen language (EUR, cents in). */
export function formatPrice(locale: Locale, cents: number): string {
  return new Intl.NumberFormat(supportedLocales[locale].intlTag, {
    style: 'currency',
    currency: 'EUR',
  }).format(cents / 100);
}

/** Byte counts for progress ("12,3 MB"). */
export function formatBytes(locale: Locale, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  // Compare the rounded figure that will be shown, so 999,999 bytes reads "1.0 MB", not "1,000.0 KB".
  const shown = (v: number, u: number) => (u === 0 ? Math.round(v) : Math.round(v * 10) / 10);
  while (shown(value, unit) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${value.toLocaleString(supportedLocales[locale].intlTag, { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${units[unit]}`;
}
