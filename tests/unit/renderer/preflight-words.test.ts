import { describe, expect, it } from 'vitest';
import { translate, type Locale, type MessageKey } from '../../../src/i18n/translate';
import type { Finding } from '../../../src/preflight/findings';
import {
  badgeFinding,
  grouped,
  itemLabel,
  orderedAnyway,
} from '../../../renderer/views/preflight/finding-words';

const tIn = (locale: Locale) => (key: MessageKey, params?: Record<string, string | number>) =>
  translate(locale, key, params);

const page = (pageNumber: number, frameId?: string) =>
  ({ kind: 'page', surfaceIndex: 2, pageId: `p${pageNumber}`, pageNumber, frameId }) as const;
const blurry: Finding = {
  kind: 'resolution',
  severity: 'problem',
  place: page(2, 'f2'),
  assetId: 'a',
  assetName: 'Handyfoto.jpg',
  dpi: 15,
  tier: 'low',
  printedMm: { width: 216, height: 303 },
};
const soft: Finding = { ...blurry, severity: 'info', tier: 'ok', dpi: 250 };
const empty = (n: number): Finding => ({
  kind: 'emptyPhotoFrame',
  severity: 'warning',
  place: page(n, `f${n}`),
});

describe('the check in words', () => {
  it('says what ordering anyway prints, in both languages, and leaves out what is fine', () => {
    const findings = [soft, blurry, empty(3), empty(4)];
    expect(orderedAnyway(tIn('de'), findings, 'de')).toBe(
      '1 Foto wird unscharf gedruckt und 2 leere Fotorahmen bleiben weiß',
    );
    expect(orderedAnyway(tIn('en'), findings, 'en')).toBe(
      '1 photo prints blurry and 2 empty photo frames print white',
    );
    expect(orderedAnyway(tIn('de'), [soft], 'de')).toBe('');
  });

  it('groups worst first and names each place as the designer does', () => {
    const groups = grouped([empty(3), soft, blurry]).map(([group, list]) => [group, list.length]);
    expect(groups).toEqual([
      ['resolutionLow', 1],
      ['emptyPhotoFrame', 1],
      ['resolutionOk', 1],
    ]);
    expect(itemLabel(tIn('de'), blurry)).toBe('Seite 2 · Handyfoto.jpg · 15 dpi');
    expect(itemLabel(tIn('en'), empty(3))).toBe('Page 3');
  });

  it('marks a frame with its worst finding that has a mark, never an empty frame', () => {
    expect(badgeFinding([soft, blurry])).toBe(blurry);
    expect(badgeFinding([empty(3)])).toBeUndefined();
    expect(badgeFinding(undefined)).toBeUndefined();
  });
});
