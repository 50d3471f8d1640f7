import { describe, expect, it } from 'vitest';
import { catalogs, locales, translate } from '../../../src/i18n/translate';

/**
 * A white-label build (assets/labs/NAME/) must never show the default lab's name: messages that
 * name the app take it as {app}. Only the start-up failures keep a fixed name, since they are
 * shown when the lab's own configuration could not be read.
 */
const FIXED_NAME_ALLOWED = /^startup\./;

describe('the app named in messages', () => {
  it.each(locales)('%s: no message but the start-up failures hard-codes "Photo Dose"', (locale) => {
    const hardCoded = Object.entries(catalogs[locale])
      .filter(([key, text]) => /Photo[ -]Dose/.test(text) && !FIXED_NAME_ALLOWED.test(key))
      .map(([key]) => key);
    expect(hardCoded).toEqual([]);
  });

  it('fills in the white-label lab given as {app}', () => {
    expect(translate('de', 'order.keepOpen', { app: 'Elbfoto' })).toBe(
      'Lass Elbfoto geöffnet, bis die Bestellung übertragen ist.',
    );
    expect(translate('en', 'project.fileType', { app: 'Elbfoto' })).toBe('Elbfoto project');
  });
});
