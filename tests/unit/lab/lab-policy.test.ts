import { describe, expect, it } from 'vitest';
import { de } from '../../../src/i18n/de';
import { translate } from '../../../src/i18n/translate';
import {
  checkLabConfig,
  describeLabRefusal,
  labRefusalMessage,
  type LabCheck,
  type LabUse,
} from '../../../src/lab/lab-policy';
import { releaseLab } from '../../fixtures/labs';

const lab = releaseLab;
const refusalOf = (check: LabCheck) => (check.ok ? undefined : check.refusal);
const uses: LabUse[] = ['release', 'development'];

describe('which lab configurations may take orders', () => {
  it.each(uses)('accepts the lab https server in %s', (use) => {
    expect(checkLabConfig(lab, use)).toEqual({ ok: true, config: lab });
  });

  it('refuses the demonstration lab in a release', () => {
    expect(refusalOf(checkLabConfig({ ...lab, serverUrl: 'embedded' }, 'release'))).toEqual({
      code: 'embedded',
    });
  });

  it('lets a developer run the demonstration lab', () => {
    expect(checkLabConfig({ ...lab, serverUrl: 'embedded' }, 'development').ok).toBe(true);
  });

  it.each(['http://127.0.0.1:4000', 'http://127.0.0.1', 'http://127.0.0.1:4000/api'])(
    'allows %s in development only',
    (serverUrl) => {
      expect(checkLabConfig({ ...lab, serverUrl }, 'development').ok).toBe(true);
      expect(refusalOf(checkLabConfig({ ...lab, serverUrl }, 'release'))).toEqual({
        code: 'insecure-server',
        serverUrl,
      });
    },
  );

  it.each([
    'http://orders.photodose.example',
    'http://localhost:4000',
    'http://127.0.0.1@orders.photodose.example',
    'http://127.0.0.1.nip.io',
    'http://10.0.0.5:4000',
  ])('refuses plain http to %s everywhere', (serverUrl) => {
    for (const use of uses) {
      expect(refusalOf(checkLabConfig({ ...lab, serverUrl }, use)), use).toEqual({
        code: 'insecure-server',
        serverUrl,
      });
    }
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
  ])('refuses a configuration whose recipient is %s', (_label, recipient) => {
    for (const use of uses) {
      expect(refusalOf(checkLabConfig({ ...lab, recipient }, use)), use).toEqual({
        code: 'no-recipient',
      });
    }
  });

  it('names the field of any other broken configuration', () => {
    expect(refusalOf(checkLabConfig({ ...lab, recipient: 'age1nope' }, 'release'))).toEqual({
      code: 'invalid',
      detail: 'lab configuration invalid at recipient: expected an age X25519 recipient',
    });
    expect(refusalOf(checkLabConfig('embedded', 'release'))).toMatchObject({ code: 'invalid' });
  });
});

describe('refusal messages', () => {
  it('tell the builder what to change', () => {
    expect(describeLabRefusal({ code: 'embedded' })).toMatch(/demonstration lab.*https server/);
    expect(describeLabRefusal({ code: 'no-recipient' })).toMatch(/no recipient.*age public key/);
    expect(
      describeLabRefusal({ code: 'insecure-server', serverUrl: 'http://lab.example' }),
    ).toMatch(/^lab server http:\/\/lab\.example is not https/);
  });

  it('tell the customer in their language, naming the address', () => {
    const { key, params } = labRefusalMessage({
      code: 'insecure-server',
      serverUrl: 'http://lab.example',
    });
    expect(translate('de', key, params)).toContain('(http://lab.example) ist nicht verschlüsselt');
    expect(translate('en', key, params)).toContain('(http://lab.example) is not encrypted');
    expect(de[labRefusalMessage({ code: 'embedded' }).key]).toContain('Demonstrationslabor');
  });
});
