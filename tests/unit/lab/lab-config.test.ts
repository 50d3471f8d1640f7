import { describe, expect, it } from 'vitest';
import labData from '../../../dev/lab.json';
import { parseLabConfig } from '../../../src/lab/lab-config';

const lab = parseLabConfig(labData);

describe('lab configuration', () => {
  it('passes a complete configuration through unchanged', () => {
    expect(parseLabConfig(labData)).toEqual(labData);
  });

  // The id travels in every order's manifest and names the lab's folders: a plain slug only.
  it.each(['', 'Photo Dose', '../bremen', 'bremen/orders', 'photodose-bremen\n'])(
    'refuses lab id %j',
    (id) => {
      expect(() => parseLabConfig({ ...lab, id })).toThrow(
        'lab configuration invalid at id: Invalid string: must match pattern /^[a-z0-9-]+$/',
      );
    },
  );

  it('names a missing or empty field', () => {
    const { city: _city, ...withoutCity } = lab;
    expect(() => parseLabConfig(withoutCity)).toThrow(
      'lab configuration invalid at city: Invalid input: expected string, received undefined',
    );
    expect(() => parseLabConfig({ ...lab, name: '' })).toThrow(
      'lab configuration invalid at name: Too small: expected string to have >=1 characters',
    );
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
