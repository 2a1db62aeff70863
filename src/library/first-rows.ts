import type { ShelfClient } from '../client/shelf-client'
import type { Paper } from '../core/paper'

/** Papers loaded before the rest: more than a tall window shows. */
const FIRST_ROWS = 100

/** The library opens sorted by when papers were added: its first rows are the papers added last. */
export function askFirstRows(client: ShelfClient): Promise<Paper[]> {
  return client.listRecent(FIRST_ROWS, 'added')
}
