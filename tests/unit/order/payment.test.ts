import { describe, expect, it } from 'vitest';
import {
  Payment,
  ProviderPayment,
  formatIban,
  ibanProblem,
  maskIban,
  normalizeIban,
} from '../../../src/order/payment';
import { BIC, IBAN, sepa } from './customer-fixtures';

function problems(input: unknown): Record<string, string> {
  const result = Payment.safeParse(input);
  if (result.success) return {};
  const found: Record<string, string> = {};
  for (const issue of result.error.issues) found[issue.path.join('.')] ??= issue.message;
  return found;
}

describe('IBAN', () => {
  it('takes IBANs of SEPA countries as people write them, and stores them in one piece', () => {
    for (const iban of [
      IBAN,
      'de89 3704 0044 0532 0130 00',
      'AT61 1904 3002 3457 3201',
      'CH93 0076 2011 6238 5295 7',
      'NL91 ABNA 0417 1643 00',
      'FR14 2004 1010 0505 0001 3M02 606',
    ]) {
      expect(ibanProblem(iban), iban).toBeUndefined();
    }
    expect(normalizeIban(' de89 3704 0044 0532 0130 00 ')).toBe(IBAN);
    expect(formatIban(IBAN)).toBe('DE89 3704 0044 0532 0130 00');
    expect(maskIban(IBAN)).toBe('•••• 3000');
  });

  it('says what is wrong with a wrong one', () => {
    expect(ibanProblem('')).toBe('checkout.error.iban.required');
    // One digit mistyped: the checksum catches it.
    expect(ibanProblem('DE89370400440532013001')).toBe('checkout.error.iban.checksum');
    // A digit left out: too short for Germany.
    expect(ibanProblem('DE8937040044053201300')).toBe('checkout.error.iban.length');
    expect(ibanProblem('XX89370400440532013000')).toBe('checkout.error.iban.country');
    expect(ibanProblem('DE89 3704 0044 0532 0130 0X')).toBe('checkout.error.iban.format');
    // Valid, but outside SEPA (Brazil): no direct debit from there.
    expect(ibanProblem('BR1800360305000010009795493C1')).toBe('checkout.error.iban.notSepa');
  });
});

describe('payment', () => {
  it('takes an invoice and a complete SEPA mandate', () => {
    expect(Payment.parse({ method: 'invoice' })).toEqual({ method: 'invoice' });
    expect(
      Payment.parse(sepa({ iban: 'de89 3704 0044 0532 0130 00', bic: 'cobadeff xxx' })),
    ).toMatchObject({ iban: IBAN, bic: BIC });
  });

  it('takes SEPA without a BIC, which the IBAN makes unnecessary', () => {
    expect(problems(sepa({ bic: '' }))).toEqual({});
    expect(Payment.parse(sepa({ bic: '' }))).not.toHaveProperty('bic', '');
    expect(problems(sepa({ bic: undefined }))).toEqual({});
  });

  it('names each wrong SEPA field', () => {
    expect(problems(sepa({ iban: 'DE89370400440532013001' }))).toEqual({
      iban: 'checkout.error.iban.checksum',
    });
    expect(problems(sepa({ bic: 'COBADE' }))).toEqual({ bic: 'checkout.error.bic.format' });
    expect(problems(sepa({ holder: ' ' }))).toEqual({ holder: 'checkout.error.holder.required' });
    expect(problems(sepa({ holder: 'A'.repeat(71) }))).toEqual({
      holder: 'checkout.error.holder.tooLong',
    });
  });

  it('refuses a SEPA payment whose mandate was not accepted or has no reference', () => {
    const notAccepted = sepa({
      mandate: { accepted: false, reference: 'PDM-1', acceptedAt: '2026-11-26T09:00:00.000Z' },
    });
    expect(problems(notAccepted)).toEqual({
      'mandate.accepted': 'checkout.error.mandate.required',
    });
    const noReference = sepa({
      mandate: { accepted: true, reference: '', acceptedAt: '2026-11-26T09:00:00.000Z' },
    });
    expect(Object.keys(problems(noReference))).toEqual(['mandate.reference']);
    const tooLong = sepa({
      mandate: { accepted: true, reference: 'R'.repeat(36), acceptedAt: '2026-11-26T09:00:00Z' },
    });
    expect(Object.keys(problems(tooLong))).toEqual(['mandate.reference']);
  });

  it('has no card method, and the provider place holds no card number', () => {
    expect(Payment.safeParse({ method: 'card', number: '4111111111111111' }).success).toBe(false);
    expect(Payment.safeParse({ method: 'provider', provider: 'x', reference: 'y' }).success).toBe(
      false,
    );
    expect(Object.keys(ProviderPayment.shape).sort()).toEqual(['method', 'provider', 'reference']);
  });
});
