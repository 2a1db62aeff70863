import type { PaperStore } from '../../src/background/paper-store'
import { isOnShelf } from '../../src/core/marks'
import type { Paper } from '../../src/core/paper'

/** Every paper the store knows, read page by page as the popup reads them. */
export async function papersKnown(store: PaperStore, pageSize = 1000): Promise<Paper[]> {
  const papers: Paper[] = []
  let after: string | undefined
  for (;;) {
    const page = await store.page(after, pageSize)
    papers.push(...page.papers)
    if (!page.more) return papers
    after = page.papers.at(-1)!.key
  }
}

/** The papers the store holds with a mark: the reader's shelf. */
export async function papersOnShelf(store: PaperStore): Promise<Paper[]> {
  return (await papersKnown(store)).filter(isOnShelf)
}
