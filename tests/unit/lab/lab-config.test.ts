import { describe, expect, it } from 'vitest';
import labData from '../../../dev/lab.json';
import { parseLabConfig } from '../../../src/lab/lab-config';

const lab = parseLabConfig(labData);

describe('lab configuration', () => {
  it('ships a valid configuration', () => {
    expect(lab.id).toBe('photodose-bremen');
    expect(lab.recipient).toMatch(/^age1/);
  });

  it.each([
    ['a truncated key', lab.recipient.slice(0, -1)],
    ['an upper-case key', lab.recipient.toUpperCase()],
    ['a secret key', `AGE-SECRET-KEY-1${'Q'.repeat(58)}`],
    ['an ssh key', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI'],
  ])('refuses %s as recipient', (_label, recipient) => {
    expect(() => parseLabConfig({ ...lab, recipient })).toThrow(
      'lab configuration invalid at recipient: expected an age X25519 recipient',
    );
  });

  it.each(['ftp://lab.example/orders', 'file:///srv/orders', 'javascript:alert(1)', 'lab.example'])(
    'refuses server URL %s',
    (serverUrl) => {
      expect(() => parseLabConfig({ ...lab, serverUrl })).toThrow(
        /^lab configuration invalid at serverUrl: /,
      );
    },
  );

  it.each(['https://orders.lab.example', 'http://127.0.0.1:8080', 'embedded'])(
    'accepts server URL %s',
    (serverUrl) => {
      expect(parseLabConfig({ ...lab, serverUrl }).serverUrl).toBe(serverUrl);
    },
  );
});
