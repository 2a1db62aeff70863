import type { Paper, PaperRef } from '../../src/core/paper'

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

/** A stored paper with the given flags and timestamps. */
export function storedPaper(id: string, overrides: Partial<Paper> = {}): Paper {
  return {
    key: `arxiv:${id}`,
    arxivId: id,
    title: `Paper ${id}`,
    authors: ['Ada Lovelace'],
    links: { huggingface: `https://huggingface.co/papers/${id}` },
    starred: 0,
    read: 0,
    addedAt: 1,
    starredChangedAt: 1,
    readChangedAt: 1,
    metadataChangedAt: 1,
    ...overrides,
  }
}
