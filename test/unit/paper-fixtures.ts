import { initialMarks, MARK_IDS, type MarkId, type Marks, type MarkValues, type Stamped, valuesOf } from '../../src/core/marks'
import type { Paper, PaperRecord, PaperRef } from '../../src/core/paper'

/** A paper reference as the Hugging Face adapter would produce it. */
export function hfRef(id: string, overrides: Partial<PaperRef> = {}): PaperRef {
  return {
    key: `arxiv:${id}`,
    arxivId: id,
    title: `Paper ${id}`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    site: 'huggingface',
    url: `https://huggingface.co/papers/${id}`,
    ...overrides,
  }
}

/** Marks for a test: a value (set at `at`) or a value with its own time, per mark; the others never set. */
export type MarkSpec = { [M in MarkId]?: MarkValues[M] | Stamped<MarkValues[M]> }

export function marks(spec: MarkSpec = {}, at = 1): Marks {
  const result: Record<string, unknown> = { ...initialMarks() }
  for (const id of MARK_IDS) {
    const given = spec[id]
    if (given === undefined) continue
    // A list of tags is a value; any other object is a value with its own time.
    result[id] = typeof given === 'object' && !Array.isArray(given) ? { ...given } : { value: given, at }
  }
  return result as Marks
}

/** Mark values as a card paints them: the given ones, the others never set. */
export function markValues(spec: Partial<MarkValues> = {}): MarkValues {
  return { ...valuesOf(initialMarks()), ...spec }
}

/** A stored paper with the given metadata and marks (marks set at time 1 unless they say otherwise). */
export function storedPaper(id: string, overrides: Partial<PaperRecord> = {}, marked: MarkSpec = {}): Paper {
  return {
    key: `arxiv:${id}`,
    arxivId: id,
    title: `Paper ${id}`,
    authors: ['Ada Lovelace'],
    links: { huggingface: `https://huggingface.co/papers/${id}` },
    addedAt: 1,
    metadataChangedAt: 1,
    ...overrides,
    marks: marks(marked),
  }
}
