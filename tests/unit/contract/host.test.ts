import { describe, expect, it } from 'vitest';
import { HostError, parseRequest } from '../../../src/contract/host';
import { newBook } from '../../../src/model/commands';
import { a4, counterIds } from '../model/fixtures';
import { annaAtCheckout } from '../order/customer-fixtures';

const customer = annaAtCheckout();

function refusal(name: string, args: unknown): HostError {
  try {
    parseRequest(name, args);
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error(`${name} was accepted`);
}

describe('parseRequest', () => {
  it.each(['photos.delete', 'toString', '__proto__', ''])('refuses unknown request %j', (name) => {
    const e = refusal(name, {});
    expect(e.code).toBe('unknown-request');
    expect(e.message).toBe(`unknown request: ${name}`);
  });

  it('refuses extra keys', () => {
    const e = refusal('app.info', { debug: true });
    expect(e.code).toBe('invalid-request');
    expect(e.message).toMatch(/^app\.info: \(arguments\): .*debug/);
    const book = newBook(a4, counterIds());
    expect(
      refusal('order.submit', { design: { kind: 'photoBook', book }, customer, iban: 'DE89' })
        .message,
    ).toMatch(/iban/);
  });

  it.each([
    [
      'a file id that is too short',
      { kind: 'file', fileId: 'short', name: 'a.jpg', size: 1 },
      'fileId',
    ],
    ['a negative size', { kind: 'file', fileId: 'A'.repeat(24), name: 'a.jpg', size: -1 }, 'size'],
    ['an empty path', { kind: 'path', path: '' }, 'path'],
    ['an unknown kind', { kind: 'url', url: 'https://x' }, 'kind'],
  ])('refuses %s, naming request and field', (_label, source, field) => {
    const e = refusal('photos.import', { importId: 'B'.repeat(24), sources: [source] });
    expect(e.code).toBe('invalid-request');
    expect(e.message).toMatch(new RegExp(`^photos\\.import: sources\\.0\\.${field}: `));
  });

  it('refuses an order whose customer data is invalid, naming the field', () => {
    const book = newBook(a4, counterIds());
    const e = refusal('order.submit', {
      design: { kind: 'photoBook', book },
      customer: {
        ...customer,
        shippingAddress: { ...customer.shippingAddress, postalCode: '2819' },
      },
    });
    expect(e.code).toBe('invalid-request');
    expect(e.message).toMatch(/^order\.submit: customer\.shippingAddress\.postalCode: /);
  });

  it('refuses an order whose book refers to a missing record, naming it', () => {
    const book = newBook(a4, counterIds());
    const [frame] = Object.values(book.frames);
    const frames = { ...book.frames, [frame!.id]: { ...frame!, pageId: 'page-ghost' } };
    const e = refusal('order.submit', {
      design: { kind: 'photoBook', book: { ...book, frames } },
      customer,
    });
    expect(e.code).toBe('invalid-request');
    expect(e.message).toBe(
      `order.submit: design.book: frame ${frame!.id} is on page page-ghost, which is missing`,
    );
  });

  it('accepts a valid order', () => {
    const book = newBook(a4, counterIds());
    const design = { kind: 'photoBook' as const, book };
    const request = parseRequest<'order.submit'>('order.submit', { design, customer });
    expect(request).toEqual({ name: 'order.submit', args: { design, customer } });
  });
});
