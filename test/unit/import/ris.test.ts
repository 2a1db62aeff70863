import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { ForeignImport, ForeignPaper } from '../../../src/core/import/foreign-paper'
import { readForeignFile } from '../../../src/core/import/read-foreign'
import { parseRis } from '../../../src/core/import/ris'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), 'utf8')

async function read(text: string): Promise<ForeignImport> {
  const parsed = await parseRis(text)
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.value
}

/** One record with these tag lines, read back. */
async function record(...lines: string[]): Promise<ForeignPaper> {
  const { papers } = await read(['TY  - JOUR', ...lines, 'ER  - ', ''].join('\n'))
  expect(papers).toHaveLength(1)
  return papers[0]!
}

describe('real RIS exports', () => {
  it('Scopus: CRLF lines, "Family, G." names, notes; a record with no title and no identifier is skipped', async () => {
    const text = fixture('scopus.ris')
    expect(text).toContain('\r\n')
    expect(await read(text)).toEqual({
      format: 'ris',
      papers: [
        {
          index: 1,
          title:
            'Using focus groups to adapt ethnically appropriate, information-seeking and recruitment messages for a prostate cancer screening program for men at high risk',
          authors: ['C.J. Bryan', 'L. Wetmore-Arkader', 'T. Calvano', 'J.A. Deatrick', 'V.N. Giri', 'D.W. Bruner'],
          doi: '10.1016/s0027-9684(15)31340-7',
          otherKeys: [],
          year: 2008,
          venue: 'Journal of the National Medical Association',
          tags: [],
          note: 'Cited By :10\n\nExport Date: 13 July 2022',
        },
      ],
      // Its only title is the container's (T2) and its year is 0000.
      skipped: [{ index: 2, reason: 'it has no title and no identifier' }],
    })
  })

  it('Taylor & Francis: a line separator inside the title, a full date, the journal over its abbreviation', async () => {
    expect((await read(fixture('tandfonline.ris'))).papers).toEqual([
      {
        index: 1,
        title:
          'From Basic to Applied Research to Improve Outcomes for Individuals Who Require Augmentative and Alternative Communication: Potential Contributions of Eye Tracking Research Methods',
        authors: ['Janice Light', 'David McNaughton'],
        doi: '10.3109/07434618.2014.906498',
        otherKeys: [],
        published: '2014-06-01',
        year: 2014,
        venue: 'Augmentative and Alternative Communication',
        tags: [],
        note: 'doi: 10.3109/07434618.2014.906498',
      },
    ])
  })

  it('Reference Manager: A1 names without spaces, a title continued on the next line, keywords, N2 abstract', async () => {
    const [paper] = (await read(fixture('reference-manager.ris'))).papers
    expect(paper).toMatchObject({
      index: 1,
      title: 'Blood-brain barrier breach following cortical contusion in the rat',
      authors: ['S.A. Baldwin', 'I. Fugaccia', 'D.R. Brown', 'L.V. Brown', 'S.W. Scheff'],
      otherKeys: [],
      year: 1996,
      venue: 'J.Neurosurg.',
      tags: ['cortical contusion', 'blood-brain barrier', 'horseradish peroxidase', 'head trauma', 'hippocampus', 'rat'],
    })
    expect(paper!.abstract).toMatch(/^Adult Fisher 344 rats were subjected .* immediately and days after brain trauma\.$/)
    expect(paper!.published).toBeUndefined()
  })
})

describe('identifiers in RIS tags', () => {
  it.each([
    ['UR arXiv abstract', ['UR  - http://arxiv.org/abs/1706.03762'], { arxivId: '1706.03762' }],
    ['L1 arXiv PDF with version', ['L1  - https://arxiv.org/pdf/1706.03762v7'], { arxivId: '1706.03762', version: 7 }],
    ['DO arXiv DOI', ['DO  - 10.48550/arXiv.1706.03762'], { arxivId: '1706.03762', doi: '10.48550/arxiv.1706.03762' }],
    ['JO Google Scholar style', ['JO  - arXiv preprint arXiv:2106.09685'], { arxivId: '2106.09685' }],
    ['T2 arXiv reference', ['T2  - arXiv:2106.09685 [cs]'], { arxivId: '2106.09685' }],
    ['N1 Zotero extra', ['N1  - arXiv:2106.09685 [cs]'], { arxivId: '2106.09685' }],
    ['N1 arXiv id after a space', ['N1  - arXiv: 2106.09685'], { arxivId: '2106.09685' }],
    ['LK arXiv abstract', ['LK  - https://arxiv.org/abs/2106.09685v2'], { arxivId: '2106.09685', version: 2 }],
    ['UR doi.org', ['UR  - https://doi.org/10.1145/3442188.3445922'], { doi: '10.1145/3442188.3445922' }],
    ['L1 bare doi:', ['L1  - doi:10.1007/978-3-642-00230-4'], { doi: '10.1007/978-3-642-00230-4' }],
    ['M3 doi:', ['M3  - doi: 10.3109/07434618.2014.906498'], { doi: '10.3109/07434618.2014.906498' }],
    ['UR OpenReview', ['UR  - https://openreview.net/forum?id=nZeVKeeFYf9'], { otherKeys: ['openreview:nZeVKeeFYf9'] }],
    ['UR ACL Anthology', ['UR  - https://aclanthology.org/2023.acl-long.1/'], { otherKeys: ['acl:2023.acl-long.1'] }],
    ['UR PMLR', ['UR  - https://proceedings.mlr.press/v202/x23a.html'], { otherKeys: ['pmlr:v202/x23a'] }],
    ['UR dblp', ['UR  - https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17'], { otherKeys: ['dblp:conf/nips/VaswaniSPUJGKP17'] }],
    ['UR PubMed', ['UR  - https://pubmed.ncbi.nlm.nih.gov/12345/'], { otherKeys: ['pmid:12345'] }],
  ])('%s', async (_name, lines, expected) => {
    expect(await record('TI  - T', ...lines)).toMatchObject(expected)
  })

  it('a Zotero-style arXiv preprint with several links keeps each kind of identifier once', async () => {
    const paper = await record(
      'TI  - Attention Is All You Need',
      'AU  - Vaswani, Ashish',
      'AU  - Polosukhin, Illia',
      'DA  - 2023/08/01/',
      'PY  - 2023',
      'DO  - 10.48550/arXiv.1706.03762',
      'UR  - http://arxiv.org/abs/1706.03762',
      'L1  - https://arxiv.org/pdf/1706.03762v7',
      'N1  - arXiv:1706.03762 [cs]',
      'KW  - Computer Science - Machine Learning',
      'KW  - Computer Science - Machine Learning',
    )
    expect(paper).toEqual({
      index: 1,
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Illia Polosukhin'],
      arxivId: '1706.03762',
      version: 7,
      doi: '10.48550/arxiv.1706.03762',
      otherKeys: [],
      published: '2023-08-01',
      year: 2023,
      tags: ['Computer Science - Machine Learning'],
      note: 'arXiv:1706.03762 [cs]',
    })
  })

  it('DA before PY before the deprecated Y1; a year alone is no published date', async () => {
    expect(await record('TI  - T', 'Y1  - 1900/01/01', 'DA  - 1950/01/01')).toMatchObject({ published: '1950-01-01', year: 1950 })
    const yearOnly = await record('TI  - T', 'PY  - 2021///')
    expect(yearOnly.year).toBe(2021)
    expect(yearOnly.published).toBeUndefined()
  })

  it("Zotero's HTML notes become plain text; other notes stay as written", async () => {
    expect((await record('TI  - T', 'N1  - <p>First &amp; <b>second</b></p><p>Third&nbsp;&#233;</p>')).note).toBe('First & second\nThird é')
    expect((await record('TI  - T', 'N1  - a < b and <c> stays')).note).toBe('a < b and <c> stays')
  })
})

describe('hostile and malformed RIS', () => {
  it('titles are text: markup stays literal, 10 KB is cut, right-to-left script is kept', async () => {
    expect((await record('TI  - <img src=x onerror=alert(1)>')).title).toBe('<img src=x onerror=alert(1)>')
    const long = await record(`TI  - ${'x'.repeat(10_000)}`)
    expect(long.title).toHaveLength(1000)
    expect((await record('TI  - تعلم الآلة \u200Fשלום', 'AU  - כהן, דוד')).authors).toEqual(['דוד כהן'])
  })

  it('a line that is not a tag continues the value before it', async () => {
    const paper = await record('TI  - First half', '__proto__  - second half', 'AU  - Doe, Jane')
    expect(paper).toMatchObject({ title: 'First half __proto__ - second half', authors: ['Jane Doe'], otherKeys: [] })
    expect(({} as Record<string, unknown>)['second half']).toBeUndefined()
  })

  it('a tag before the first TY line fails the file with its line', async () => {
    expect(await parseRis('Provider: Example\nAU  - Doe, John\nTY  - JOUR\nER  - \n')).toEqual({
      ok: false,
      error: 'This file is not valid RIS: line 2: a record must start with a TY line giving its type.',
    })
    expect(await parseRis('no tags at all')).toEqual({ ok: false, error: 'This file is not valid RIS: it has no TY line.' })
  })
})

describe('the structure of an RIS file', () => {
  it('lines that are not tags continue the value before them, joined with a space; blank lines add nothing', async () => {
    const paper = await record('TI  - A title', '   over three', '', 'lines', 'AB  -', 'An abstract after', 'an empty tag line')
    expect(paper).toMatchObject({ title: 'A title over three lines', abstract: 'An abstract after an empty tag line' })
  })

  it('a repeated tag whose value goes on over the next line keeps each value on its own', async () => {
    const paper = await record(
      'TI  - T',
      'AU  - Doe,',
      'Jane',
      'AU  - Roe, Richard',
      'KW  - machine',
      'learning',
      'KW  - deep learning',
      'N1  - First note,',
      'continued',
      'N1  - Second note',
    )
    expect(paper).toMatchObject({
      authors: ['Jane Doe', 'Richard Roe'],
      tags: ['machine learning', 'deep learning'],
      note: 'First note, continued\n\nSecond note',
    })
  })

  it('LF, CRLF and CR-only line endings, mixed, and a byte order mark', async () => {
    const lines = ['TY  - JOUR', 'TI  - One', 'AU  - Doe, Jane', 'ER  -', 'TY  - JOUR', 'TI  - Two', 'KW  - a', 'KW  - b', 'ER  - ']
    for (const end of ['\n', '\r\n', '\r']) {
      const { papers } = await read(`\uFEFF${lines.join(end)}${end}`)
      expect(papers.map(({ title, authors, tags }) => ({ title, authors, tags }))).toEqual([
        { title: 'One', authors: ['Jane Doe'], tags: [] },
        { title: 'Two', authors: [], tags: ['a', 'b'] },
      ])
    }
    const mixed = await read('TY  - JOUR\rTI  - Mixed\r\nAU  - Doe, Jane\nER  - \r')
    expect(mixed.papers).toMatchObject([{ title: 'Mixed', authors: ['Jane Doe'] }])
  })

  it('text before the first TY line and after an ER line is ignored', async () => {
    const text = ['Provider: Example', 'Content: text/plain; charset="UTF-8"', '', 'TY  - JOUR', 'TI  - T', 'ER  - ', 'Exported by Example']
    expect((await read(text.join('\n'))).papers).toMatchObject([{ index: 1, title: 'T' }])
  })

  it('a record without ER ends at the next TY line or at the end of the file', async () => {
    const { papers } = await read('TY  - JOUR\nTI  - First\nTY  - BOOK\nTI  - Second\nER  - \nTY  - CHAP\nTI  - Third\nAU  - Doe, Jane')
    expect(papers.map(({ index, title, authors }) => ({ index, title, authors }))).toEqual([
      { index: 1, title: 'First', authors: [] },
      { index: 2, title: 'Second', authors: [] },
      { index: 3, title: 'Third', authors: ['Jane Doe'] },
    ])
  })

  it('empty tag values are no values; a stray ER line is harmless', async () => {
    const { papers } = await read('ER  -\nTY  - JOUR\nTI  -\nT1  - The title\nKW  -\nKW  - tag\nER  -\nER  - \n')
    expect(papers).toMatchObject([{ title: 'The title', tags: ['tag'] }])
  })

  it('a tag between records, or a TY line with no type, fails the file with its line', async () => {
    expect(await parseRis('TY  - JOUR\nTI  - T\nER  - \nAU  - Doe, John\n')).toEqual({
      ok: false,
      error: 'This file is not valid RIS: line 4: a record must start with a TY line giving its type.',
    })
    expect(await parseRis('TY  - JOUR\nTI  - T\nER  - \nTY  -\nTI  - U\n')).toEqual({
      ok: false,
      error: 'This file is not valid RIS: line 4: a record must start with a TY line giving its type.',
    })
  })

  it('a file with no TY line at all is not read as RIS', async () => {
    const noType = 'TI  - T\nAU  - Doe, John\nER  - \n'
    expect(await readForeignFile('broken.ris', noType)).toEqual({
      ok: false,
      error: 'This file is not BibTeX, RIS, CSL-JSON or a PaperMemory export.',
    })
    expect(await parseRis(noType)).toEqual({
      ok: false,
      error: 'This file is not valid RIS: line 1: a record must start with a TY line giving its type.',
    })
    expect(await parseRis('Provider: Example\n\nER  - \n')).toEqual({ ok: false, error: 'This file is not valid RIS: it has no TY line.' })
  })
})
