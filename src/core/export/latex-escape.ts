/** LaTeX's special characters in text, and what stands for each. */

export const TEXT_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
}
export const TEXT_SPECIAL = /[\\{}$&%#_~^<>|]/g
const HAS_TEXT_SPECIAL = /[\\{}$&%#_~^<>|]/

/**
 * Escapes literal text for a LaTeX text field. Braces become `\textbraceleft{}`/`\textbraceright{}`
 * rather than `\{`/`\}` because BibTeX counts escaped braces too: one stray `\{` unbalances the entry.
 * `<`, `>` and `|` are escaped because the OT1 font encoding prints them as ¡, ¿ and —.
 */
export function escapeLatex(text: string): string {
  return HAS_TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIAL, (char) => TEXT_ESCAPES[char] ?? char) : text
}
