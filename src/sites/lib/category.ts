const CATEGORY = /^[a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?$/

/** `cs.LG` from "Machine Learning (cs.LG)" or from a bare "cs.LG" tag. */
export function categoryCode(text: string | null | undefined): string | undefined {
  if (!text) return undefined
  const trimmed = text.trim()
  const open = trimmed.lastIndexOf('(')
  const close = trimmed.lastIndexOf(')')
  const code = open >= 0 && close > open ? trimmed.slice(open + 1, close).trim() : trimmed
  return code.length <= 40 && CATEGORY.test(code) ? code : undefined
}
