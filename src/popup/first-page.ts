import type { ShelfClient } from '../client/shelf-client'
import type { Paper } from '../core/paper'

/** How many rows the list shows at first, and how many more each time the reader reaches its end. */
export const ROWS_PER_PAGE = 100

/** The reading list opens on its Starred tab: its first rows are the papers starred last. */
export function askFirstPage(client: ShelfClient): Promise<Paper[]> {
  return client.listRecent(ROWS_PER_PAGE, 'starred')
}
