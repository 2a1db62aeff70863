const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** `YYYY-MM-DD` for a real calendar date, else undefined. `month` is 1–12 or a month name. */
export function isoDate(year: string, month: string | number, day: string): string | undefined {
  const m = typeof month === 'number' ? month : MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1
  const y = Number(year)
  const d = Number(day)
  if (!Number.isInteger(y) || m < 1 || m > 12 || !Number.isInteger(d) || d < 1) return undefined
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}
