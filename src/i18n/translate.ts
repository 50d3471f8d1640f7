import { de, type MessageKey } from './de';
import { en } from './en';

export type Locale = 'de' | 'en';
export const locales: readonly Locale[] = ['de', 'en'];
const catalogs: Record<Locale, Record<MessageKey, string>> = { de, en };

export type { MessageKey };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(de, key);
}

/** Looks up a message and fills `{name}` placeholders; unknown placeholders stay visible. */
export function translate(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = catalogs[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Money as customers read it in the chosen language (EUR, cents in). */
export function formatPrice(locale: Locale, cents: number): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-IE', {
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
  return `${value.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${units[unit]}`;
}
