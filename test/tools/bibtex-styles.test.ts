import { describe, it } from 'vitest'
import { renderExport } from '../../src/core/export/renderers'
import { CORPUS_PAPERS } from '../fixtures/export/corpus'
import { bibtex, checkCitations, latex } from './latex'
import { assertNoProblems, bibitemKeys, bibKeys, requirePrograms, requireTexFiles, workDir, write } from './tools'

/**
 * The BibTeX export compiled the classic way (pdflatex, bibtex, pdflatex twice) with the styles
 * researchers submit with. Each document cites every paper once.
 */

const BIB = renderExport('bibtex', CORPUS_PAPERS, new Date())
const KEYS = bibKeys(BIB)

interface Style {
  style: string
  documentClass: string
  packages: string[]
  cite: string
  files: string[]
}

const STYLES: Style[] = [
  { style: 'plain', documentClass: 'article', packages: [], cite: 'cite', files: [] },
  { style: 'abbrv', documentClass: 'article', packages: [], cite: 'cite', files: [] },
  { style: 'alpha', documentClass: 'article', packages: [], cite: 'cite', files: [] },
  { style: 'plainnat', documentClass: 'article', packages: ['natbib'], cite: 'citep', files: ['natbib.sty', 'plainnat.bst'] },
  { style: 'IEEEtran', documentClass: 'IEEEtran', packages: [], cite: 'cite', files: ['IEEEtran.cls', 'IEEEtran.bst'] },
  { style: 'splncs04', documentClass: 'llncs', packages: [], cite: 'cite', files: ['llncs.cls', 'splncs04.bst'] },
]

let toolsChecked: Promise<void> | undefined
function toolsReady(): Promise<void> {
  toolsChecked ??= (async () => {
    requirePrograms('pdflatex', 'bibtex')
    await requireTexFiles(...STYLES.flatMap((style) => style.files))
  })()
  return toolsChecked
}

// The preamble as each class ships it: no font encoding or input package, so the export must work with the defaults.
function document({ style, documentClass, packages, cite }: Style): string {
  return [
    `\\documentclass{${documentClass}}`,
    ...packages.map((name) => `\\usepackage{${name}}`),
    '\\begin{document}',
    `Every paper on the shelf: \\${cite}{${KEYS.join(',')}}.`,
    `\\bibliographystyle{${style}}`,
    '\\bibliography{shelf}',
    '\\end{document}',
    '',
  ].join('\n')
}

describe('BibTeX export with pdflatex and bibtex', () => {
  it('exports one entry per paper', () => {
    if (KEYS.length !== CORPUS_PAPERS.length) throw new Error(`${KEYS.length} entries for ${CORPUS_PAPERS.length} papers`)
  })

  it.concurrent.for(STYLES)('compiles with the $style style', async (style, context) => {
    await toolsReady()
    const dir = workDir(context, `bibtex-${style.style}`)
    write(dir, 'shelf.bib', BIB)
    write(dir, 'doc.tex', document(style))
    const problems: string[] = []
    if (await latex('pdflatex', dir, 'first pass', problems)) {
      await bibtex(dir, style.style, problems)
      const lastPassOk = (await latex('pdflatex', dir, 'second pass', problems)) && (await latex('pdflatex', dir, 'third pass', problems))
      checkCitations(dir, KEYS, bibitemKeys, problems, lastPassOk)
    }
    assertNoProblems(`${style.style}.bst`, problems, dir)
  })
})
