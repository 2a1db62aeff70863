import { describe, it } from 'vitest'
import { renderExport } from '../../src/core/export/renderers'
import { CORPUS_PAPERS } from '../fixtures/export/corpus'
import { biber, checkCitations, latex } from './latex'
import { assertNoProblems, biberEntryKeys, bibKeys, requirePrograms, requireTexFiles, workDir, write } from './tools'

/** The BibTeX export read by biblatex through biber, in a pdfLaTeX document that cites every paper. */

const BIB = renderExport('bibtex', CORPUS_PAPERS, new Date())
const KEYS = bibKeys(BIB)

const DOCUMENT = [
  '\\documentclass{article}',
  '\\usepackage[T1]{fontenc}',
  '\\usepackage{lmodern}',
  '\\usepackage[backend=biber]{biblatex}',
  '\\addbibresource{shelf.bib}',
  '\\begin{document}',
  `Every paper on the shelf: \\cite{${KEYS.join(',')}}.`,
  '\\printbibliography',
  '\\end{document}',
  '',
].join('\n')

describe('BibTeX export with biblatex and biber', () => {
  it('compiles under pdflatex', async (context) => {
    requirePrograms('pdflatex', 'biber')
    await requireTexFiles('lmodern.sty', 'etoolbox.sty', 'biblatex.sty')
    const dir = workDir(context, 'biber-pdflatex')
    write(dir, 'shelf.bib', BIB)
    write(dir, 'doc.tex', DOCUMENT)
    const problems: string[] = []
    if (await latex('pdflatex', dir, 'first pass', problems)) {
      await biber(dir, 'biber with pdflatex', problems)
      const lastPassOk = (await latex('pdflatex', dir, 'second pass', problems)) && (await latex('pdflatex', dir, 'third pass', problems))
      checkCitations(dir, KEYS, biberEntryKeys, problems, lastPassOk)
    }
    assertNoProblems('biblatex (pdflatex)', problems, dir)
  })
})
