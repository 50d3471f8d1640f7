import { describe, expect, it } from 'vitest';
import labData from '../../../dev/lab.json';
import { parseLabConfig } from '../../../src/lab/lab-config';
import { checkLabConfig } from '../../../src/lab/lab-policy';

const lab = { ...parseLabConfig(labData), serverUrl: 'https://orders.photodose.example' };
const pin = `sha256//${Buffer.alloc(32, 7).toString('base64')}`;
const backup = `sha256//${Buffer.alloc(32, 9).toString('base64')}`;

describe('server pins in the lab configuration', () => {
  it('keeps the current and the backup pin through the release check', () => {
    const check = checkLabConfig({ ...lab, serverPins: [pin, backup] }, 'release');
    expect(check).toEqual({ ok: true, config: { ...lab, serverPins: [pin, backup] } });
  });

  it('leaves them out when the lab pins nothing: TLS is verified all the same', () => {
    expect(checkLabConfig(lab, 'release')).toEqual({ ok: true, config: lab });
  });

  it.each([
    ['a bare hash', Buffer.alloc(32).toString('base64')],
    ['a hex hash', `sha256//${'ab'.repeat(32)}`],
    ['a SHA-1 pin', `sha1//${Buffer.alloc(20).toString('base64')}`],
    ['a truncated pin', pin.slice(0, -2)],
    ['base64url', `sha256//${Buffer.alloc(32, 0xfb).toString('base64url')}=`],
  ])('refuses %s with a message saying what a pin looks like', (_label, bad) => {
    expect(() => parseLabConfig({ ...lab, serverPins: [pin, bad] })).toThrow(
      'lab configuration invalid at serverPins.1: expected a public key pin "sha256//"',
    );
  });

  it('refuses an empty list, which would look like pinning while pinning nothing', () => {
    expect(() => parseLabConfig({ ...lab, serverPins: [] })).toThrow('at least one pin');
  });

  it('carries no CA and no switch of its own: such fields never reach a release', () => {
    const check = checkLabConfig(
      { ...lab, extraCa: ['-----BEGIN CERTIFICATE-----'], rejectUnauthorized: false },
      'release',
    );
    expect(check).toEqual({ ok: true, config: lab });
  });
});
