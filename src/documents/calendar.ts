/**
 * Calendar dates of the lab's documents, as `YYYY-MM-DD` strings: an invoice date is a day in
 * Bremen, not an instant, and strings compare, store and print without a time zone sneaking in.
 */
export type CalendarDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The lab's time zone: an order placed at 23:30 in Bremen is dated that day, not the next. */
export const LAB_TIME_ZONE = 'Europe/Berlin';

/** The day in the lab's time zone at `instant`. */
export function labDateOf(instant: Date): CalendarDate {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: LAB_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Throws unless `date` is a real day written `YYYY-MM-DD`. */
export function checkDate(date: string): CalendarDate {
  const match = DATE.exec(date);
  const utc = match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)) : undefined;
  if (!utc || utc.toISOString().slice(0, 10) !== date) {
    throw new Error(`${JSON.stringify(date)} is not a date written YYYY-MM-DD`);
  }
  return date;
}

function toUtc(date: CalendarDate): Date {
  return new Date(`${checkDate(date)}T00:00:00Z`);
}

/** `days` after `date` (before it when negative). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const utc = toUtc(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return utc.toISOString().slice(0, 10);
}

/** "26.11.2026", as German documents write a date. */
export function germanDate(date: CalendarDate): string {
  const [, year, month, day] = DATE.exec(checkDate(date))!;
  return `${day}.${month}.${year}`;
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Whether SEPA direct debits settle on `date`: the TARGET2 calendar, which is closed on weekends,
 * New Year's Day, Good Friday, Easter Monday, 1 May and 25 and 26 December.
 */
export function isTargetDay(date: CalendarDate): boolean {
  const weekday = toUtc(date).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const monthDay = date.slice(5);
  if (['01-01', '05-01', '12-25', '12-26'].includes(monthDay)) return false;
  const easter = easterSunday(Number(date.slice(0, 4)));
  return date !== addDays(easter, -2) && date !== addDays(easter, 1);
}

/** `date` if debits settle then, else the next day they do. */
export function nextTargetDay(date: CalendarDate): CalendarDate {
  let day = checkDate(date);
  while (!isTargetDay(day)) day = addDays(day, 1);
  return day;
}
