import { LIMITS } from '../../core/limits'
import { cleanText } from '../../core/text'

/** Author names from author links (plain text: names carry no math), or from what `nameOf` reads of each element. */
export function authorNames(
  links: HTMLCollectionOf<Element> | NodeListOf<Element>,
  nameOf: (element: Element) => string | null = (element) => element.textContent,
): string[] {
  const names: string[] = []
  for (let i = 0; i < links.length && names.length < LIMITS.authorCount; i += 1) {
    const name = cleanText(nameOf(links[i]!), LIMITS.authorLength)
    if (name) names.push(name)
  }
  return names
}

/** "Ann Lee, Bo Chen": author names written as text, where a page has no author links. */
export function commaSeparatedNames(text: string | null | undefined): string[] {
  const names: string[] = []
  for (const part of (text ?? '').split(',')) {
    const name = cleanText(part, LIMITS.authorLength)
    if (name) names.push(name)
    if (names.length >= LIMITS.authorCount) break
  }
  return names
}
