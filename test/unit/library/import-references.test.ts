import { papersOnShelf } from '../../support/papers-on-shelf'
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ShelfClient } from '../../../src/client/shelf-client'
import { presentTags } from '../../../src/core/tag-set'
import type { Paper } from '../../../src/core/paper'
import { importReferenceFile } from '../../../src/library/import-references'
import { InMemoryBackground } from '../../support/in-memory-background'
import { storedPaper } from '../paper-fixtures'
import { flush } from '../popup/dom-helpers'

const NOW = Date.UTC(2026, 0, 15)

const fixture = (name: string) => new File([readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url))], name)

let background: InMemoryBackground
let client: ShelfClient

beforeEach(async () => {
  background = new InMemoryBackground()
  background.now = NOW + 1000
  // As the library page has it: every paper kept, following the background's changes.
  client = background.client({ keepPapers: true })
  client.connect()
})

afterEach(async () => {
  client.disconnect()
  await background.close()
})

async function load(seed: Paper[] = []): Promise<void> {
  if (seed.length > 0) await background.seed(seed)
  await client.list()
}

async function shelf(): Promise<Paper[]> {
  return (await papersOnShelf(background.store)).sort((a, b) => (a.key < b.key ? -1 : 1))
}

/** What the store holds of each paper: its key, title, whether starred or read, its tags and note. */
async function summary() {
  return (await shelf()).map((paper) => ({
    key: paper.key,
    title: paper.title,
    starred: paper.marks.starred.value,
    read: paper.marks.read.value,
    tags: presentTags(paper.marks.tags.value),
    note: paper.marks.note.value,
  }))
}

describe('importReferenceFile: a file from another tool', () => {
  it('stars every paper of a Better BibTeX export, tagged with its keywords, and says how many', async () => {
    await load()
    const report = await importReferenceFile(fixture('better-bibtex-arxiv.bib'), client, NOW)
    expect(report).toEqual({
      ok: true,
      message: 'Imported 3 papers from better-bibtex-arxiv.bib (BibTeX): 3 new, 0 already on your shelf.',
    })
    expect(await summary()).toEqual([
      {
        key: 'arxiv:1305.4904',
        title: 'Classical Signature of Quantum Annealing',
        starred: true,
        read: false,
        tags: ['Quantum Physics'],
        note: '',
      },
      {
        key: 'arxiv:1401.2910',
        title: 'Defining and Detecting Quantum Speedup',
        starred: true,
        read: false,
        tags: ['Quantum Physics'],
        note: '',
      },
      {
        key: 'arxiv:1508.05387',
        title: 'BV Master Action for Heterotic and Type II String Field Theories',
        starred: true,
        read: false,
        tags: [
          '_tablet',
          'Batalin-Vilkoviski formalism',
          'covariant string field theory',
          'futur: 3',
          'note: 4',
          'printed',
          'superstring field theory',
        ],
        note: '',
      },
    ])
    const stored = await shelf()
    // Stamped with the import's time.
    expect(stored.map((paper) => [paper.addedAt, paper.marks.starred.at, paper.marks.tags.at])).toEqual([
      [NOW, NOW, NOW],
      [NOW, NOW, NOW],
      [NOW, NOW, NOW],
    ])
    expect(stored[1]!.doi).toBe('10.1126/science.1252319')
  })

  it('reads a Google Scholar export, whose arXiv ids are in the journal field', async () => {
    await load()
    const report = await importReferenceFile(fixture('google-scholar.bib'), client, NOW)
    expect(report.message).toBe('Imported 2 papers from google-scholar.bib (BibTeX): 2 new, 0 already on your shelf.')
    expect((await summary()).map(({ key, title, starred, tags }) => ({ key, title, starred, tags }))).toEqual([
      {
        key: 'arxiv:1810.04805',
        title: 'BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding',
        starred: true,
        tags: [],
      },
      {
        key: 'arxiv:1908.08962',
        title: 'Well-Read Students Learn Better: On the Importance of Pre-training Compact Models',
        starred: true,
        tags: [],
      },
    ])
  })

  it('imports the 109 papers of a 200-entry library, each once', async () => {
    await load()
    const report = await importReferenceFile(fixture('library-200.bib'), client, NOW)
    expect(report).toEqual({ ok: true, message: 'Imported 109 papers from library-200.bib (BibTeX): 109 new, 0 already on your shelf.' })
    const stored = await shelf()
    expect(stored).toHaveLength(109)
    expect(new Set(stored.map((paper) => paper.key)).size).toBe(109)
    expect(stored.every((paper) => paper.marks.starred.value)).toBe(true)
  })

  it('a paper already on the shelf is starred and gets the file’s tags beside its own', async () => {
    await load([
      storedPaper(
        '1401.2910',
        { title: 'Defining and Detecting Quantum Speedup', authors: ['Troels F. Rønnow'] },
        { read: true, tags: [{ name: 'benchmarks', at: 1 }], note: 'my note' },
      ),
    ])
    const report = await importReferenceFile(fixture('better-bibtex-arxiv.bib'), client, NOW)
    expect(report.message).toBe('Imported 3 papers from better-bibtex-arxiv.bib (BibTeX): 2 new, 1 already on your shelf.')
    const paper = (await summary()).find((entry) => entry.key === 'arxiv:1401.2910')
    // Its own note stays: the file's fills only an empty one.
    expect(paper).toEqual({
      key: 'arxiv:1401.2910',
      title: 'Defining and Detecting Quantum Speedup',
      starred: true,
      read: true,
      tags: ['benchmarks', 'Quantum Physics'],
      note: 'my note',
    })
  })

  it('importing the same file again changes nothing', async () => {
    await load()
    await importReferenceFile(fixture('better-bibtex-arxiv.bib'), client, NOW)
    await flush()
    const before = await shelf()
    const pushes = background.pushes.length
    const report = await importReferenceFile(fixture('better-bibtex-arxiv.bib'), client, NOW + 60_000)
    expect(report).toEqual({
      ok: true,
      message: 'Imported 3 papers from better-bibtex-arxiv.bib (BibTeX): 0 new, 3 already on your shelf.',
    })
    // Every time included: nothing was stamped again, and nothing was pushed to other pages.
    expect(await shelf()).toEqual(before)
    expect(background.pushes).toHaveLength(pushes)
  })

  it('says which entries were skipped and why', async () => {
    await load()
    const report = await importReferenceFile(fixture('scopus.ris'), client, NOW)
    expect(report).toEqual({
      ok: true,
      message:
        'Imported 1 paper from scopus.ris (RIS): 1 new, 0 already on your shelf. 1 entry skipped (entry 2: it has no title and no identifier).',
    })
    expect(await shelf()).toHaveLength(1)
  })
})

describe('importReferenceFile: files it refuses', () => {
  it('refuses a file that is not UTF-8, storing nothing', async () => {
    await load()
    // "@misc{k, title={Müller}}" in Latin-1: ü is the byte 0xFC.
    const latin1 = new Uint8Array([...new TextEncoder().encode('@misc{k, title={M'), 0xfc, ...new TextEncoder().encode('ller}}\n')])
    await expect(importReferenceFile(new File([latin1], 'latin1.bib'), client, NOW)).rejects.toThrow(
      'This file is not UTF-8 text. Export it again as UTF-8 (every reference manager offers it) and import that file.',
    )
    expect(await shelf()).toEqual([])
    expect(background.requestsOf('importPapers')).toEqual([])
  })

  it('reports "Nothing was imported" for a file without an importable entry', async () => {
    await load()
    const file = new File(['@book{bunge1973, title={Exact Philosophy}, author={Bunge, Mario}, year={1973}}\n'], 'bunge.bib')
    expect(await importReferenceFile(file, client, NOW)).toEqual({
      ok: false,
      message:
        'Nothing was imported from bunge.bib. 1 entry skipped (entry 1: it has no arXiv id, DOI or link Paper Shelf knows, and no paper on your shelf has its title).',
    })
    expect(await shelf()).toEqual([])
    expect(background.requestsOf('importPapers')).toEqual([])
  })

  it('reports a file it cannot read, and an empty one', async () => {
    await load()
    expect(await importReferenceFile(new File(['just some notes'], 'notes.txt'), client, NOW)).toEqual({
      ok: false,
      message: 'Nothing was imported. This file is not BibTeX, RIS, CSL-JSON or a PaperMemory export.',
    })
    expect(await importReferenceFile(new File([''], 'empty.bib'), client, NOW)).toEqual({
      ok: false,
      message: 'Nothing was imported. This file is empty.',
    })
    expect(background.requestsOf('importPapers')).toEqual([])
  })
})
