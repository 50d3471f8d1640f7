import { describe, expect, it } from 'vitest';
import {
  addDays,
  checkDate,
  easterSunday,
  germanDate,
  isTargetDay,
  labDateOf,
  nextTargetDay,
} from '../../../src/documents/calendar';
import { formatEuro, formatPercent } from '../../../src/documents/money';

describe('euro amounts on German documents', () => {
  it.each([
    [0, '0,00 €'],
    [5, '0,05 €'],
    [1693, '16,93 €'],
    [123456, '1.234,56 €'],
    [100000000, '1.000.000,00 €'],
    [-63, '-0,63 €'],
    [-123456, '-1.234,56 €'],
  ])('%i cents read %s', (cents, text) => {
    expect(formatEuro(cents)).toBe(text);
  });

  it('refuses a fraction of a cent', () => {
    expect(() => formatEuro(12.5)).toThrow('amount 12.5 is not a whole number of cents');
  });

  it('writes rates with a decimal comma', () => {
    expect(formatPercent(19)).toBe('19 %');
    expect(formatPercent(5.5)).toBe('5,5 %');
  });
});

describe('calendar dates of the lab', () => {
  it('dates an instant by the day in Bremen, winter and summer time', () => {
    expect(labDateOf(new Date('2026-11-25T22:59:59Z'))).toBe('2026-11-25');
    expect(labDateOf(new Date('2026-11-25T23:00:00Z'))).toBe('2026-11-26');
    expect(labDateOf(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
  });

  it('counts days across months and years, and writes them the German way', () => {
    expect(addDays('2026-12-20', 14)).toBe('2027-01-03');
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29');
    expect(germanDate('2026-01-05')).toBe('05.01.2026');
  });

  it('refuses a day that does not exist', () => {
    expect(() => checkDate('2026-02-29')).toThrow('"2026-02-29" is not a date written YYYY-MM-DD');
    expect(() => checkDate('26.11.2026')).toThrow('is not a date written YYYY-MM-DD');
  });

  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('finds Easter Sunday %i on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('knows the days SEPA debits do not settle (TARGET2 closing days and weekends)', () => {
    for (const closed of [
      '2026-01-01',
      '2026-04-03', // Good Friday
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-12-25',
      '2026-12-26',
      '2026-11-28', // Saturday
      '2026-11-29', // Sunday
    ]) {
      expect(isTargetDay(closed), closed).toBe(false);
    }
    // German holidays that are not TARGET closing days: debits settle.
    expect(isTargetDay('2026-10-03')).toBe(false); // a Saturday in 2026
    expect(isTargetDay('2026-05-14')).toBe(true); // Ascension Day
    expect(nextTargetDay('2026-12-24')).toBe('2026-12-24');
    expect(nextTargetDay('2026-12-25')).toBe('2026-12-28');
    expect(nextTargetDay('2026-04-03')).toBe('2026-04-07');
  });
});
