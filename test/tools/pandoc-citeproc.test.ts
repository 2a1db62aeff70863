import { describe, it } from 'vitest'
import { exportFormat } from '../../src/core/export/formats'
import { renderExport } from '../../src/core/export/renderers'
import type { Paper } from '../../src/core/paper'
import { CORPUS_PAPERS } from '../fixtures/export/corpus'
import { assertNoProblems, bibKeys, excerpt, requirePrograms, run, workDir, write } from './tools'

/**
 * Pandoc's citeproc reading the BibTeX and the CSL-JSON export: a Markdown file cites every paper,
 * and each reference must come out with its title's maths and acronyms as written.
 */

interface Source {
  name: string
  file: string
  text: string
  /** Citation keys in export order, which is the corpus order. */
  keys: string[]
  /** Each key's DOI (or URL), which Pandoc's default style prints in the reference. */
  links: Map<string, string>
  /** Whether the export keeps this title's characters, so its words and maths can be compared. */
  keepsTitle(paper: Paper): boolean
}

const ASCII = /^[\x00-\x7f]*$/

/**
 * The BibTeX export (ASCII: a title in other characters comes out as LaTeX commands or transliterated,
 * so only ASCII titles are compared word for word) and the biblatex export (UTF-8: every title is).
 */
function bibtexSource(format: 'bibtex' | 'biblatex'): Source {
  const text = renderExport(format, CORPUS_PAPERS, new Date())
  const links = new Map<string, string>()
  for (const entry of text.split(/\n(?=@)/)) {
    const key = bibKeys(entry)[0]
    const link = /^\s*doi\s*=\s*\{([^}]*)\}/m.exec(entry)?.[1] ?? /^\s*url\s*=\s*\{([^}]*)\}/m.exec(entry)?.[1]
    if (key && link) links.set(key, link)
  }
  const name = exportFormat(format).label
  const keepsTitle = format === 'bibtex' ? (paper: Paper) => ASCII.test(paper.title) : () => true
  return { name, file: 'shelf.bib', text, keys: bibKeys(text), links, keepsTitle }
}

function cslSource(): Source {
  const text = renderExport('csl-json', CORPUS_PAPERS, new Date())
  const items = JSON.parse(text) as { id: string; DOI?: string; URL?: string }[]
  const links = new Map<string, string>()
  for (const item of items) {
    const link = item.DOI ?? item.URL
    if (link) links.set(item.id, link)
  }
  return { name: 'CSL-JSON', file: 'shelf.json', text, keys: items.map((item) => item.id), links, keepsTitle: () => true }
}

const SOURCES = [bibtexSource('bibtex'), bibtexSource('biblatex'), cslSource()]

/** The `$…$` spans of a title, delimiters included. */
function mathSpans(title: string): string[] {
  return [...title.matchAll(/\$[^$]+\$/g)].map((match) => match[0])
}

/**
 * Title words a citation style must not re-case: an upper-case letter after the first character
 * (BERT, LLaMA, ResNet, 3D, GPT in GPT-4, 中文CLIP). Maths is left out; it is checked on its own.
 */
function caseSensitiveWords(title: string): string[] {
  const words = title
    .replace(/\$[^$]+\$/g, ' ')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((word) => /^.+\p{Lu}/u.test(word))
  return [...new Set(words)]
}

type PandocNode = { t?: string; c?: unknown } | PandocNode[] | string | number | null

/** The text of a Pandoc JSON node, with each Math element written back as `$<its TeX>$`. */
function nodeText(node: PandocNode): string {
  if (Array.isArray(node)) return node.map(nodeText).join('')
  if (node === null || typeof node !== 'object') return ''
  switch (node.t) {
    case 'Str':
      return node.c as string
    case 'Space':
    case 'SoftBreak':
    case 'LineBreak':
      return ' '
    case 'Math':
      return `$${(node.c as [unknown, string])[1]}$`
    case 'Code':
    case 'RawInline':
      return (node.c as [unknown, string])[1]
    case 'Quoted': {
      const [quote, content] = node.c as [{ t: string }, PandocNode[]]
      return quote.t === 'DoubleQuote' ? `“${nodeText(content)}”` : `‘${nodeText(content)}’`
    }
    default:
      return Array.isArray(node.c) ? nodeText(node.c as PandocNode[]) : ''
  }
}

/** The text of each bibliography entry Pandoc made (the `ref-<key>` divs), by key. */
function referenceTexts(document: PandocNode): Map<string, string> {
  const found = new Map<string, string>()
  const visit = (node: PandocNode): void => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (node !== null && typeof node === 'object') {
      if (node.t === 'Div') {
        const [[id], content] = node.c as [[string], PandocNode[]]
        if (id.startsWith('ref-')) {
          found.set(id.slice('ref-'.length), nodeText(content))
          return
        }
      }
      if (Array.isArray(node.c)) visit(node.c as PandocNode[])
      else if (node.c && typeof node.c === 'object') visit(node.c as PandocNode)
    }
  }
  visit((document as { blocks?: PandocNode }).blocks ?? [])
  return found
}

describe('exports with Pandoc citeproc', () => {
  it.concurrent.for(SOURCES)('$name: every citation resolves and every title keeps its maths and acronyms', async (source, context) => {
    requirePrograms('pandoc')
    const dir = workDir(context, `pandoc-${source.name}`)
    const problems: string[] = []
    if (source.keys.length !== CORPUS_PAPERS.length) problems.push(`${source.keys.length} entries for ${CORPUS_PAPERS.length} papers`)
    const papers = new Map<string, Paper>(source.keys.map((key, index) => [key, CORPUS_PAPERS[index]!]))
    write(dir, source.file, source.text)
    write(dir, 'doc.md', `# Shelf\n\n${source.keys.map((key) => `- [@${key}]`).join('\n')}\n`)
    const args = ['--citeproc', `--bibliography=${source.file}`, 'doc.md']

    const plain = await run('pandoc', [...args, '-t', 'plain', '--wrap=none'], dir)
    if (plain.status !== 0) problems.push(`pandoc -t plain exited with ${plain.status ?? plain.signal}:\n${excerpt(plain.stderr, 20)}`)
    const warnings = plain.stderr.split('\n').filter((line) => line.startsWith('[WARNING]'))
    const notFound = warnings.filter((line) => /Citeproc: citation .* not found/.test(line))
    if (notFound.length > 0) problems.push(`${notFound.length} citation(s) not found:\n${excerpt(notFound.join('\n'), 20)}`)
    const otherWarnings = warnings.filter((line) => !notFound.includes(line))
    if (otherWarnings.length > 0) console.warn(`pandoc (${source.name}) warnings:\n${excerpt(otherWarnings.join('\n'), 20)}`)

    // With --wrap=none each reference is one paragraph on one line; the DOI (or URL) tells whose it is.
    const paragraphs = plain.stdout.split('\n').filter((line) => line.trim())
    const noReference: string[] = []
    const recased: string[] = []
    for (const [key, paper] of papers) {
      const link = source.links.get(key)
      const paragraph = link === undefined ? undefined : paragraphs.find((line) => line.includes(link))
      if (paragraph === undefined) {
        noReference.push(`${key} (${link ?? 'no DOI or URL in the export'})`)
        continue
      }
      if (!source.keepsTitle(paper)) continue
      const lost = caseSensitiveWords(paper.title).filter((word) => !paragraph.includes(word))
      if (lost.length > 0) recased.push(`${key}: ${lost.join(', ')} not in\n      ${paragraph}`)
    }
    if (noReference.length > 0)
      problems.push(`${noReference.length} paper(s) have no reference in the -t plain output: ${noReference.join(', ')}`)
    if (recased.length > 0) problems.push(`${recased.length} title(s) lost the case of a word:\n${excerpt(recased.join('\n'), 40)}`)

    // The maths is compared in Pandoc's JSON AST, not in -t plain or -t latex: -t plain renders TeX maths
    // as Unicode (`$\ell_2$` becomes ℓ₂), so the TeX cannot be compared, and -t latex escapes text that
    // was never maths (`\$\textbackslash Ell\_2\$`). The AST has each Math element's TeX verbatim and
    // literal text as it is, so either way (maths kept as maths, or as literal `$…$` text) it must match.
    const json = await run('pandoc', [...args, '-t', 'json'], dir)
    if (json.status !== 0) problems.push(`pandoc -t json exited with ${json.status ?? json.signal}:\n${excerpt(json.stderr, 20)}`)
    else {
      const references = referenceTexts(JSON.parse(json.stdout) as PandocNode)
      const changed: string[] = []
      for (const [key, paper] of papers) {
        const spans = mathSpans(paper.title)
        const reference = references.get(key)
        if (spans.length === 0 || reference === undefined || !source.keepsTitle(paper)) continue
        const lost = spans.filter((span) => !reference.includes(span))
        if (lost.length > 0) changed.push(`${key}: ${lost.join(', ')} not in\n      ${reference}`)
      }
      if (changed.length > 0) problems.push(`${changed.length} title(s) with changed maths:\n${excerpt(changed.join('\n'), 40)}`)
    }
    assertNoProblems(`pandoc --citeproc with the ${source.name} export`, problems, dir)
  })
})
