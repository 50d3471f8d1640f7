import { useCallback } from 'react';
import { translate, type MessageKey, type MessageParams } from '../src/i18n/translate';
import { useAppStore } from './stores/app-store';

/**
 * The app's name in messages that name it ({app}): the white-label lab's, which main.tsx sets
 * from the build's lab before the first render.
 */
let appName = 'Photo Dose';

export function setAppName(name: string): void {
  appName = name;
}

export function currentAppName(): string {
  return appName;
}

/** The translation function for the chosen language; every visible string goes through it. */
export function useT() {
  const locale = useAppStore((s) => s.locale);
  return useCallback(
    (key: MessageKey, params?: MessageParams) =>
      translate(locale, key, { app: appName, ...params }),
    [locale],
  );
}
