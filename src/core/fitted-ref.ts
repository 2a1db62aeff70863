import { isPaperDate } from './dates'
import { LIMITS } from './limits'
import type { PaperRef } from './paper'
import { clampText, hasVisibleText } from './text'

const TEXT_LIMITS = {
  abstract: LIMITS.abstractLength,
  primaryCategory: LIMITS.fieldLength,
  comments: LIMITS.fieldLength,
  journalRef: LIMITS.fieldLength,
} as const

/**
 * What a page shows of a paper, made to fit what the shelf accepts, whatever the page holds: texts
 * cut to their limits, the first 1,000 authors, no date that is not a real one, and the paper's key
 * for a title that shows nothing (only zero-width characters, say).
 */
export function fittedRef(ref: PaperRef): PaperRef {
  const fitted: PaperRef = {
    ...ref,
    title: hasVisibleText(ref.title) ? clampText(ref.title, LIMITS.titleLength) : ref.key,
    authors: ref.authors.slice(0, LIMITS.authorCount).map((author) => clampText(author, LIMITS.authorLength)),
  }
  for (const [field, limit] of Object.entries(TEXT_LIMITS) as [keyof typeof TEXT_LIMITS, number][]) {
    const text = ref[field]
    if (text !== undefined) fitted[field] = clampText(text, limit)
  }
  if (fitted.published !== undefined && !isPaperDate(fitted.published)) delete fitted.published
  return fitted
}
