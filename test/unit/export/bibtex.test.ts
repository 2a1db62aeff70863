import { describe, expect, it } from 'vitest'
import { bibtexEntry, bibtexName, latexField } from '../../../src/core/export/bibtex'
import { needsCaseProtection } from '../../../src/core/export/title-words'
import { escapeLatex } from '../../../src/core/export/latex-escape'
import { authorNames } from '../../../src/core/export/names'
import { baseCitationKey, citationKeys } from '../../../src/core/export/citation-keys'
import { storedPaper } from '../paper-fixtures'

describe('BibTeX text fields', () => {
  it('escapes every LaTeX special in text', () => {
    expect(escapeLatex('& % $ # _ { } ~ ^ \\ < > |')).toBe(
      '\\& \\% \\$ \\# \\_ \\textbraceleft{} \\textbraceright{} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\textless{} \\textgreater{} \\textbar{}',
    )
  })

  it('keeps balanced math as written and braces it in titles', () => {
    expect(latexField('Attention in $O(n)$ & 50% less', { title: true })).toBe('Attention in {$O(n)$} \\& 50\\% less')
    expect(latexField('costs $5 or $6')).toBe('costs \\$5 or \\$6')
    expect(latexField('an odd $ sign')).toBe('an odd \\$ sign')
  })

  it('protects acronyms and words with inner capitals, not ordinary capitalised words', () => {
    expect(latexField('BERT: Pre-training of Deep Bidirectional Transformers', { title: true })).toBe(
      '{BERT}: {Pre}-training of Deep Bidirectional Transformers',
    )
    expect(latexField('LLaMA3 and ConvNets on an iPhone in 3D with L2 and AT&T', { title: true })).toBe(
      '{LLaMA}3 and {ConvNets} on an {iPhone} in 3{D} with {L}2 and {AT\\&T}',
    )
    // Digits stay out of the braces: Pandoc lower-cases a braced group with digits in it ({B2B} → B2b).
    expect(latexField('B2B Wav2Vec', { title: true })).toBe('{B}2{B} {Wav}2{Vec}')
    expect(['Deep', 'A', 'deep', '2024', 'Poincaré'].some(needsCaseProtection)).toBe(false)
    expect(['ÉCOLE', 'DeepMind', 'GPT4'].every(needsCaseProtection)).toBe(true)
  })

  it('protects the first word after a colon, wherever the colon is', () => {
    expect(latexField('Scaling laws: Theory and practice', { title: true })).toBe('Scaling laws: {Theory} and practice')
    expect(latexField('On $O(n)$: Lower bounds', { title: true })).toBe('On {$O(n)$}: {Lower} bounds')
    expect(latexField('Ratio 3:2 holds', { title: true })).toBe('Ratio 3:2 holds')
    expect(latexField('Part one: a study', { title: true })).toBe('Part one: a study')
  })

  it('protects capitalised words after the first in sentence-case titles: there they are proper nouns', () => {
    expect(latexField('On Feynman--Kac training of partial Bayesian neural networks', { title: true })).toBe(
      'On {Feynman}--{Kac} training of partial {Bayesian} neural networks',
    )
    expect(latexField('Gaussian processes for the people of Zürich', { title: true, encoding: 'utf-8' })).toBe(
      'Gaussian processes for the people of {Zürich}',
    )
    // Title case: every word is capitalised, so a capital says nothing and styles may re-case them.
    expect(latexField('Attention Is All You Need for Bayesian Nets', { title: true })).toBe('Attention Is All You Need for Bayesian Nets')
  })

  it('does not rewrite double hyphens', () => {
    expect(latexField('Feynman--Kac', { title: true })).toBe('Feynman--Kac')
  })
})

describe('BibTeX in ASCII', () => {
  const name = (display: string, encoding: 'ascii' | 'utf-8' = 'ascii') => bibtexName(authorNames([display])[0]!, encoding)

  it('writes accented and special letters as LaTeX commands, braced so BibTeX takes them as one letter', () => {
    expect(name('Łukasz Kaiser')).toBe('Kaiser, {\\L}ukasz')
    expect(name('Bernhard Schölkopf')).toBe('Sch{\\"o}lkopf, Bernhard')
    expect(name('Ömer Faruk')).toBe('Faruk, {\\"O}mer')
    expect(name('Çağlar Gülçehre')).toBe('G{\\"u}l{\\c c}ehre, {\\c C}a{\\u g}lar')
    expect(name('Zoë Kravitz-Strauß')).toBe('Kravitz-Strau{\\ss}, Zo{\\"e}')
  })

  it('writes Greek and math symbols outside math as math, and non-ASCII inside math as commands', () => {
    expect(latexField('α-divergence ≤ KL × 2 for $π_0$ and $πr$', { title: true })).toBe(
      '{$\\alpha$}-divergence {$\\leq$} {KL} {\\texttimes} 2 for {$\\pi _0$} and {$\\pi r$}',
    )
    expect(latexField('Typography — “quotes” … done')).toBe("Typography --- ``quotes'' {\\dots} done")
  })

  it('transliterates what a default pdflatex cannot typeset, leaves out pictographs, and marks the rest with ?', () => {
    expect(name('Алексей Петров')).toBe('Petrov, Aleksey')
    expect(name('王小明')).toBe('WangXiaoMing')
    expect(latexField('Wąs and Đorđe on 深度学习 🦜 Too Big?', { title: true })).toBe('Was and Dorde on ShenDuXueXi Too Big?')
    expect(latexField('\u{2A6D7}', { title: true })).toBe('?')
  })

  it('drops a backslash written before a non-ASCII symbol in math with the symbol, so it cannot escape the closing $', () => {
    // Found by the BibTeX property test: `$5\🤌$` became `$5\$`, math that never closes.
    expect(latexField('$5\\🤌$ and more')).toBe('$5$ and more')
    expect(latexField('$a\\π$')).toBe('$a\\pi $')
    // An even run of backslashes is a line break before the symbol: it stays.
    expect(latexField('$a\\\\π$')).toBe('$a\\\\\\pi $')
  })

  it('is pure ASCII, while the UTF-8 export keeps every character', () => {
    const paper = storedPaper('2501.00001', {
      title: 'Ünïcödé: αβ in Привет 深度 🦜 $\\mathcal{O}(π)$',
      authors: ['Łukasz Kaiser', '王小明', 'Nguyễn Đức Anh'],
      journalRef: 'Zürich Workshop',
    })
    expect(bibtexEntry(paper, 'k', 'ascii')).toMatch(/^[\x00-\x7f]*$/)
    const utf8 = bibtexEntry(paper, 'k', 'utf-8')
    for (const text of ['Ünïcödé', 'αβ', 'Привет', '深度', '🦜', 'π', 'Łukasz', '王小明', 'Nguyễn', 'Zürich']) expect(utf8).toContain(text)
    expect(name('Łukasz Kaiser', 'utf-8')).toBe('Kaiser, Łukasz')
  })
})

describe('BibTeX entries', () => {
  it('writes an unpublished arXiv paper as peers.md recommends', () => {
    const paper = storedPaper('1810.04805', {
      title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
      authors: ['Jacob Devlin', 'Ming-Wei Chang', 'Kenton Lee', 'Kristina Toutanova'],
      published: '2018-10-11',
      primaryCategory: 'cs.CL',
    })
    expect(bibtexEntry(paper, 'devlin2018bert')).toBe(
      [
        '@misc{devlin2018bert,',
        '  title         = {{BERT}: {Pre}-training of Deep Bidirectional Transformers for Language Understanding},',
        '  author        = {Devlin, Jacob and Chang, Ming-Wei and Lee, Kenton and Toutanova, Kristina},',
        '  year          = {2018},',
        '  month         = oct,',
        '  eprint        = {1810.04805},',
        '  archivePrefix = {arXiv},',
        '  primaryClass  = {cs.CL},',
        '  doi           = {10.48550/arXiv.1810.04805},',
        '  url           = {https://arxiv.org/abs/1810.04805}',
        '}',
        '',
      ].join('\n'),
    )
  })

  it('uses the published DOI, not the arXiv one, and never escapes DOIs or URLs', () => {
    const published = bibtexEntry(storedPaper('2106.09685', { doi: '10.1000/a_b%c#d' }), 'k')
    expect(published).toContain('doi           = {10.1000/a_b%c#d}')
    const arxivDoi = bibtexEntry(storedPaper('2106.09685', { doi: '10.48550/arxiv.2106.09685' }), 'k')
    expect(arxivDoi).toContain('doi           = {10.48550/arXiv.2106.09685}')
  })

  it('strips the version and any prefix from eprint', () => {
    const entry = bibtexEntry(storedPaper('2106.09685', { arxivId: '2106.09685v3', version: 3 }), 'k')
    expect(entry).toContain('eprint        = {2106.09685},')
  })

  it('percent-encodes unbalanced braces in a verbatim field instead of breaking the entry', () => {
    const entry = bibtexEntry(storedPaper('x', { key: 'doi:10.1000/a{b', arxivId: undefined, doi: '10.1000/a{b' }), 'k')
    expect(entry).toContain('doi           = {10.1000/a%7Bb}')
  })
})

describe('citation keys', () => {
  it('is the first author’s family name, the year and the first significant title word', () => {
    const paper = storedPaper('1810.04805', { title: 'On the BERT model', authors: ['Jacob Devlin'], published: '2018-10-11' })
    expect(baseCitationKey(paper)).toBe('devlin2018bert')
  })

  it('folds names to ASCII and skips particles', () => {
    const key = (author: string) => baseCitationKey(storedPaper('2301.00001', { authors: [author], title: 'Title' }))
    expect(key('Bernhard Schölkopf')).toBe('scholkopf2023title')
    expect(key('Max van Spengler')).toBe('spengler2023title')
    expect(key('Øyvind Strauß')).toBe('strauss2023title')
    expect(key('ATLAS Collaboration')).toBe('atlascollaboration2023title')
  })

  it('uses the arXiv id when the first author’s name is in another script or missing: never a bare year', () => {
    const key = (author: string) => baseCitationKey(storedPaper('2301.00001', { authors: [author], title: 'Title' }))
    for (const name of ['李 明', '王小明', 'Алексей Петров', 'Γιώργος Παπαδόπουλος']) expect(key(name)).toBe('arxiv2301.00001')
    expect(baseCitationKey(storedPaper('2301.00001', { authors: [], title: 'Survey' }))).toBe('arxiv2301.00001')
    expect(baseCitationKey(storedPaper('hep-th/9901001', { authors: ['李'], title: 'Survey' }))).toBe('arxivhepth9901001')
  })

  it('skips math, stopwords and numbers in the title', () => {
    const paper = storedPaper('2301.00001', { title: '$O(n)$: A 2024 Survey of the Field', authors: ['Ada Lovelace'] })
    expect(baseCitationKey(paper)).toBe('lovelace2023survey')
  })

  it('falls back to the title word and year, then to "paper", when nothing else is known', () => {
    expect(
      baseCitationKey(storedPaper('x', { key: 'doi:10.1/x', arxivId: undefined, title: 'A survey', authors: [], published: '2020-01-02' })),
    ).toBe('survey2020')
    expect(baseCitationKey(storedPaper('x', { key: 'openreview:x', arxivId: undefined, title: '!!!', authors: [] }))).toBe('paper')
  })

  it('exports each paper’s stored key, and gives a paper without one a key no other paper in the file holds', () => {
    const stored = (id: string, value: string) => storedPaper(id, { title: 'Deep nets', citationKey: { value, at: 0 } })
    const fresh = (id: string) => storedPaper(id, { title: 'Deep nets' })
    expect(
      citationKeys([
        fresh('2301.00001'),
        stored('2301.00002', 'lovelace2023deep'),
        fresh('2301.00003'),
        stored('2301.00004', 'LoveLace2023DeepA'),
      ]),
    ).toEqual(['lovelace2023deepb', 'lovelace2023deep', 'lovelace2023deepc', 'LoveLace2023DeepA'])
  })

  it('never exports one key twice, even when two stored keys differ only in case', () => {
    const one = storedPaper('2301.00001', { citationKey: { value: 'Same', at: 0 } })
    const two = storedPaper('2301.00002', { citationKey: { value: 'same', at: 5 } })
    expect(citationKeys([one, two])).toEqual(['Same', 'lovelace2023paper'])
  })
})
