import type { MarkChanges } from '../core/marks'
import type { Paper, PaperKey } from '../core/paper'
import { presentTags, tagIdentity } from '../core/tag-set'

/** What the library's bulk buttons do to the checked papers. */
export type BulkAction = 'star' | 'unstar' | 'read' | 'unread' | 'tag'

const TOGGLES: Record<Exclude<BulkAction, 'tag'>, MarkChanges> = {
  star: { starred: true },
  unstar: { starred: false },
  read: { read: true },
  unread: { read: false },
}

/** The change each paper needs, leaving out papers the action would not change (so their times stay). */
export function bulkChanges(papers: readonly Paper[], action: BulkAction, tag?: string): { key: PaperKey; change: MarkChanges }[] {
  if (action === 'tag') {
    if (!tag) return []
    return papers.flatMap((paper) => {
      const tags = presentTags(paper.marks.tags.value)
      if (tags.some((own) => tagIdentity(own) === tagIdentity(tag))) return []
      return [{ key: paper.key, change: { tags: [...tags, tag] } }]
    })
  }
  const change = TOGGLES[action]
  const [[mark, value]] = Object.entries(change) as [['starred' | 'read', boolean]]
  return papers.filter((paper) => paper.marks[mark].value !== value).map((paper) => ({ key: paper.key, change }))
}
