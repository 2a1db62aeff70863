import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { vi } from 'vitest'

/** Today's date as export file names give it, `YYYY-MM-DD` in local time. */
export const today = () => {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** The text of a finished download: Firefox writes to `<name>.part` and creates `<name>` up front. */
export async function downloaded(downloads: string, fileName: string): Promise<string> {
  const path = join(downloads, fileName)
  return vi.waitFor(
    () => {
      const done = readdirSync(downloads).includes(fileName) && !existsSync(`${path}.part`) && statSync(path).size > 0
      if (!done) throw new Error(`${fileName} was not downloaded; found ${readdirSync(downloads).join(', ')}`)
      return readFileSync(path, 'utf8')
    },
    { timeout: 10_000, interval: 100 },
  )
}
