/**
 * Euro amounts as German documents write them: "1.234,56 €" (thousands with a point, cents after
 * a comma, a space before the sign). Written out by hand rather than with Intl, whose output
 * (a no-break space, the minus sign) differs between ICU versions: an invoice must read the same
 * on every machine that renders it.
 */
export function formatEuro(cents: number): string {
  if (!Number.isSafeInteger(cents)) {
    throw new Error(`amount ${cents} is not a whole number of cents`);
  }
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')} €`;
}

/** A VAT rate as German invoices write it: "19 %", "7 %", "5,5 %". */
export function formatPercent(percent: number): string {
  return `${String(percent).replace('.', ',')} %`;
}
