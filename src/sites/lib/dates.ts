import { calendarDate } from '../../core/dates'

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** `YYYY-MM-DD` for a real calendar date, else undefined. `month` is 1–12 or a month name. */
export function isoDate(year: string, month: string | number, day: string): string | undefined {
  const m = typeof month === 'number' ? month : MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1
  return calendarDate(Number(year), m, Number(day))
}
