import { useCallback } from 'react';
import { translate, type MessageKey, type MessageParams } from '../src/i18n/translate';
import { useAppStore } from './stores/app-store';

/** The translation function for the chosen language; every visible string goes through it. */
export function useT() {
  const locale = useAppStore((s) => s.locale);
  return useCallback(
    (key: MessageKey, params?: MessageParams) => translate(locale, key, params),
    [locale],
  );
}
