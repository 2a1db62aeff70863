import type { PaperKey } from './paper'

/** An arXiv identifier without its version, plus the version when one was given. */
export interface ArxivId {
  id: string
  version?: number
}

const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v([1-9]\d{0,3}))?$/
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7})(?:v([1-9]\d{0,3}))?$/

/**
 * Parses a bare arXiv identifier such as `2106.09685`, `2106.09685v2` or `hep-th/9901001`.
 * New-style ids started in April 2007 with 4-digit numbers and switched to 5 digits in January 2015.
 */
export function parseArxivId(text: string): ArxivId | null {
  const newStyle = NEW_STYLE.exec(text)
  if (newStyle) {
    const [, yy, mm, number, version] = newStyle as unknown as [string, string, string, string, string?]
    const yymm = Number(yy) * 100 + Number(mm)
    const month = Number(mm)
    if (month < 1 || month > 12 || yymm < 704) return null
    if ((yymm < 1501) !== (number.length === 4)) return null
    return withVersion(`${yy}${mm}.${number}`, version)
  }
  const oldStyle = OLD_STYLE.exec(text)
  if (oldStyle) {
    const [, id, version] = oldStyle as unknown as [string, string, string?]
    return withVersion(id, version)
  }
  return null
}

function withVersion(id: string, version: string | undefined): ArxivId {
  return version === undefined ? { id } : { id, version: Number(version) }
}

export function arxivKey(id: string): PaperKey {
  return `arxiv:${id}`
}

const HF_PAPER_PATH = /^\/papers\/(\d{4}\.\d{4,5})\/?$/

/** The arXiv id of a Hugging Face paper page path (`/papers/2106.09685`), or null for any other path. */
export function arxivIdFromHuggingFacePath(pathname: string): ArxivId | null {
  const match = HF_PAPER_PATH.exec(pathname)
  return match?.[1] ? parseArxivId(match[1]) : null
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`
}

export function huggingFacePaperUrl(id: string): string {
  return `https://huggingface.co/papers/${id}`
}
