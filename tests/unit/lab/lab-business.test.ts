import { describe, expect, it } from 'vitest';
import labData from '../../../dev/lab.json';
import { parseLabConfig } from '../../../src/lab/lab-config';

const lab = parseLabConfig(labData);
const business = lab.business!;

describe("the lab's business data (invoices)", () => {
  it('is in the demonstration lab, with a VAT id and a tax number', () => {
    expect(business.vatId).toBe('DE123456789');
    expect(business.taxNumber).toBe('60/145/12345');
  });

  it('may name only one of VAT id and tax number', () => {
    const { vatId: _vatId, ...taxNumberOnly } = business;
    expect(parseLabConfig({ ...lab, business: taxNumberOnly }).business?.taxNumber).toBe(
      '60/145/12345',
    );
  });

  // § 14 Abs. 4 Nr. 2 UStG: an invoice without either is not a proper invoice.
  it('refuses business data with neither a VAT id nor a tax number', () => {
    const { vatId: _vatId, taxNumber: _taxNumber, ...neither } = business;
    expect(() => parseLabConfig({ ...lab, business: neither })).toThrow(
      'an invoice needs the tax number or the VAT id',
    );
  });

  it('refuses a malformed VAT id', () => {
    expect(() => parseLabConfig({ ...lab, business: { ...business, vatId: '123' } })).toThrow(
      'lab configuration invalid at business.vatId: expected a VAT id such as DE123456789',
    );
  });

  it('is optional: a lab without invoices still configures the app', () => {
    const { business: _business, ...plain } = lab;
    expect(parseLabConfig(plain).business).toBeUndefined();
  });
});
