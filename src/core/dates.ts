/** Years a paper's date may name: a typo such as 0202 or 20244 is not a date. */
const EARLIEST_YEAR = 1000
const LATEST_YEAR = 9999

/** `YYYY-MM-DD` for a real calendar date, else undefined. */
export function calendarDate(year: number | undefined, month: number | undefined, day: number | undefined): string | undefined {
  if (year === undefined || month === undefined || day === undefined) return undefined
  if (![year, month, day].every(Number.isInteger) || year < EARLIEST_YEAR || year > LATEST_YEAR) return undefined
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return date.toISOString().slice(0, 10)
}

/** Whether `text` is a paper's date as the shelf keeps it: a real `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
export function isPaperDate(text: unknown): text is string {
  if (typeof text !== 'string') return false
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text)
  if (!match) return false
  const [, year, month = '01', day = '01'] = match
  return calendarDate(Number(year), Number(month), Number(day)) !== undefined
}
