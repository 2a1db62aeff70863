/** Collapses runs of whitespace (including newlines from markup) into single spaces and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Shortens text to at most `max` characters, ending with an ellipsis when it was cut. */
export function clampText(text: string, max: number): string {
  if (text.length <= max) return text
  let cut = text.slice(0, max - 1)
  // Never leave half of a surrogate pair (an emoji, a math letter) at the cut.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1)
  return `${cut.trimEnd()}…`
}

/** Cleans text read from a page: whitespace collapsed, bounded length. */
export function cleanText(text: string | null | undefined, max: number): string {
  return clampText(collapseWhitespace(text ?? ''), max)
}
