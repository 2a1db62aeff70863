import { describe, it } from 'vitest'
import { renderExport } from '../../src/core/export/renderers'
import { CORPUS_PAPERS } from '../fixtures/export/corpus'
import { biber, checkCitations, latex } from './latex'
import { assertNoProblems, biberEntryKeys, bibKeys, requirePrograms, requireTexFiles, workDir, write } from './tools'

/**
 * The UTF-8 biblatex export read by biber in a LuaLaTeX document that cites every paper. LuaLaTeX
 * reads Unicode natively; a letter the font lacks is a "Missing character" warning, not an error.
 */

const BIB = renderExport('biblatex', CORPUS_PAPERS, new Date())
const KEYS = bibKeys(BIB)

const DOCUMENT = [
  '\\documentclass{article}',
  '\\usepackage[backend=biber]{biblatex}',
  '\\addbibresource{shelf.bib}',
  '\\begin{document}',
  `Every paper on the shelf: \\cite{${KEYS.join(',')}}.`,
  '\\printbibliography',
  '\\end{document}',
  '',
].join('\n')

describe('biblatex export with biber', () => {
  it('exports one entry per paper', () => {
    if (KEYS.length !== CORPUS_PAPERS.length) throw new Error(`${KEYS.length} entries for ${CORPUS_PAPERS.length} papers`)
  })

  it('compiles under lualatex', async (context) => {
    requirePrograms('lualatex', 'biber')
    await requireTexFiles('etoolbox.sty', 'biblatex.sty')
    const dir = workDir(context, 'biber-lualatex')
    write(dir, 'shelf.bib', BIB)
    write(dir, 'doc.tex', DOCUMENT)
    const problems: string[] = []
    if (await latex('lualatex', dir, 'first pass', problems)) {
      await biber(dir, 'biber with lualatex', problems)
      const lastPassOk = (await latex('lualatex', dir, 'second pass', problems)) && (await latex('lualatex', dir, 'third pass', problems))
      checkCitations(dir, KEYS, biberEntryKeys, problems, lastPassOk)
    }
    assertNoProblems('biblatex (lualatex)', problems, dir)
  })
})
