import { translate, type Locale } from '../i18n/translate';
import type { CommandDefinition } from './registry';
import { formatShortcut, type Platform } from './shortcuts';

/** A command's name in the customer's language, as a button or menu item shows it. */
export function commandLabel(command: CommandDefinition, locale: Locale): string {
  return translate(locale, command.label, command.labelParams);
}

/**
 * The name with its first shortcut, for a button's tooltip ("Rückgängig (Strg+Z)"), so the
 * keyboard way is learnt from the pointer way.
 */
export function commandTitle(command: CommandDefinition, platform: Platform, locale: Locale) {
  const label = commandLabel(command, locale);
  const first = command.shortcuts?.[0];
  if (first === undefined) return label;
  const shortcut = formatShortcut(first, platform, locale);
  return translate(locale, 'command.withShortcut', { label, shortcut });
}
