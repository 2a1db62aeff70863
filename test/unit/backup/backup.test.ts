import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BackupFileError, createBackup, parseBackup, readBackupFile, serializeBackup, toJsonBackup } from '../../../src/core/backup/backup'
import { LIMITS } from '../../../src/core/limits'
import { initialMarks } from '../../../src/core/marks'
import type { Paper } from '../../../src/core/paper'
import { isSiteId, isSiteLink } from '../../../src/sites/registry'
import { EXPORT_PAPERS } from '../../fixtures/export/papers'
import { randomPaper } from '../export/arbitraries'
import { marks, storedPaper } from '../paper-fixtures'

const NOW = new Date(Date.UTC(2026, 10, 22, 12))

/** A backup file whose papers are edited by `edit`: for the field-by-field checks. */
function fileWith(edit: (papers: Record<string, unknown>[]) => void, papers: Paper[] = EXPORT_PAPERS): string {
  const backup = JSON.parse(toJsonBackup(papers, NOW)) as { papers: Record<string, unknown>[] }
  edit(backup.papers)
  return JSON.stringify(backup)
}

function errorOf(text: string): string {
  const result = parseBackup(text, isSiteLink, isSiteId)
  if (result.ok) throw new Error('expected the backup to be refused')
  return result.error
}

describe('backup file', () => {
  it('is versioned JSON with every stored field', () => {
    const backup = createBackup(EXPORT_PAPERS, NOW)
    expect(backup).toMatchObject({ format: 'paper-shelf-backup', version: 6, exportedAt: '2026-11-22T12:00:00.000Z' })
    expect(backup.papers).toEqual(EXPORT_PAPERS)
    expect(JSON.parse(serializeBackup(backup))).toEqual(backup)
  })

  it('writes one paper per line', () => {
    const lines = toJsonBackup(EXPORT_PAPERS, NOW).trimEnd().split('\n')
    expect(lines).toHaveLength(EXPORT_PAPERS.length + 2)
    expect(JSON.parse(toJsonBackup([], NOW))).toMatchObject({ papers: [] })
  })

  it('leaves out fields a paper does not have and anything that is not a paper field', () => {
    const extra = { ...storedPaper('2106.09685'), abstract: undefined, somethingElse: 1 } as unknown as Paper
    const [written] = createBackup([extra], NOW).papers
    expect(Object.keys(written!)).not.toContain('abstract')
    expect(Object.keys(written!)).not.toContain('somethingElse')
  })

  it('round-trips: create → JSON → parse gives the same papers', () => {
    expect(parseBackup(toJsonBackup(EXPORT_PAPERS, NOW), isSiteLink, isSiteId)).toEqual({
      ok: true,
      value: { papers: EXPORT_PAPERS, settings: {} },
    })
  })

  it('round-trips any valid papers', () => {
    const uniquePapers = fc.uniqueArray(randomPaper, { selector: (paper) => paper.key, maxLength: 10 })
    fc.assert(
      fc.property(uniquePapers, (papers) => {
        // Random text may be longer than the limits or empty; valid papers are what backups hold.
        const valid = papers
          .filter((paper) => paper.title.length > 0 && paper.title.length <= LIMITS.titleLength)
          .filter((paper) => paper.authors.every((author) => author.length > 0))
          .filter((paper) => paper.key.startsWith('arxiv:') || paper.key.startsWith('openreview:'))
        expect(parseBackup(toJsonBackup(valid, NOW), isSiteLink, isSiteId)).toEqual({
          ok: true,
          value: { papers: createBackup(valid, NOW).papers, settings: {} },
        })
      }),
    )
  })

  it('accepts a byte order mark', () => {
    expect(parseBackup(`\uFEFF${toJsonBackup(EXPORT_PAPERS, NOW)}`, isSiteLink, isSiteId).ok).toBe(true)
  })

  it('reads a file as it writes it a paper at a time: counted first, each paper parsed when reached', () => {
    const text = toJsonBackup(EXPORT_PAPERS, NOW)
    const lines = text.split('\n')
    // A line in the middle that looks like a paper but is not JSON.
    lines[3] = '{"key":"arxiv:2404.00001",oops},'
    const file = readBackupFile(lines.join('\n'))
    if (!file.ok) throw new Error(file.error)
    expect(file.value.count).toBe(EXPORT_PAPERS.length)
    const papers = file.value.papers[Symbol.iterator]()
    expect(papers.next().value).toEqual(EXPORT_PAPERS[0])
    expect(papers.next().value).toEqual(EXPORT_PAPERS[1])
    expect(() => papers.next()).toThrow(new BackupFileError('This file is not valid JSON: it may be truncated or damaged.'))
    expect(errorOf(lines.join('\n'))).toBe('This file is not valid JSON: it may be truncated or damaged.')
  })

  it('reads the same papers whatever the layout: Windows line ends, pretty-printed, a paper over two lines, one line', () => {
    const text = toJsonBackup(EXPORT_PAPERS, NOW)
    const backup = JSON.parse(text) as unknown
    const lines = text.split('\n')
    lines[2] = lines[2]!.replace('"marks":', '\n"marks":')
    const layouts = [text.replaceAll('\n', '\r\n'), JSON.stringify(backup, null, 2), lines.join('\n'), JSON.stringify(backup)]
    for (const layout of layouts) {
      expect(parseBackup(layout, isSiteLink, isSiteId)).toEqual({ ok: true, value: { papers: EXPORT_PAPERS, settings: {} } })
    }
  })
})

describe('refused backups', () => {
  it('explains files that are not JSON, empty or truncated', () => {
    const text = toJsonBackup(EXPORT_PAPERS, NOW)
    expect(errorOf(text.slice(0, text.length / 2))).toBe('This file is not valid JSON: it may be truncated or damaged.')
    expect(errorOf('TY  - GEN')).toBe('This file is not valid JSON: it may be truncated or damaged.')
    expect(errorOf('')).toBe('This file is empty.')
  })

  it('refuses anything that is not a Paper Shelf backup', () => {
    for (const text of ['[]', '{}', '"paper-shelf-backup"', '{"format":"zotero","version":1,"papers":[]}', 'null']) {
      expect(errorOf(text)).toBe('This is not a Paper Shelf backup.')
    }
  })

  it('asks for an update when the backup is from a newer version', () => {
    expect(errorOf('{"format":"paper-shelf-backup","version":7,"papers":[]}')).toBe(
      'This backup was made by a newer version of Paper Shelf; update the extension to import it.',
    )
    expect(errorOf('{"format":"paper-shelf-backup","version":"1","papers":[]}')).toBe('This backup has no valid version number.')
    expect(errorOf('{"format":"paper-shelf-backup","version":1}')).toBe('This backup has no list of papers.')
  })

  it('refuses files over the size limit before parsing them', () => {
    expect(errorOf(' '.repeat(LIMITS.backupLength + 1))).toMatch(/too large/)
  })

  it('names the first bad paper by position and key', () => {
    const cases: [(papers: Record<string, unknown>[]) => void, string][] = [
      [(p) => (p[2]!.title = ''), 'Paper 3 (arxiv:2310.19608): title must be 1–1000 characters, not only blanks.'],
      [(p) => (p[2]!.title = 'x'.repeat(1001)), 'Paper 3 (arxiv:2310.19608): title must be 1–1000 characters, not only blanks.'],
      [(p) => (p[0]!.authors = 'Ada'), 'Paper 1 (arxiv:2303.14027): authors must be a list of names.'],
      [(p) => (p[1]!.addedAt = -1), 'Paper 2 (arxiv:1612.00005): addedAt must be a time in milliseconds, not in the future.'],
      [
        (p) => (p[1]!.metadataChangedAt = 1e300),
        'Paper 2 (arxiv:1612.00005): metadataChangedAt must be a time in milliseconds, not in the future.',
      ],
      [(p) => (p[0]!.published = '2023-3-24'), 'Paper 1 (arxiv:2303.14027): published must be a real date: YYYY-MM-DD, YYYY-MM or YYYY.'],
      [(p) => (p[0]!.version = 0), 'Paper 1 (arxiv:2303.14027): bad version.'],
      [
        (p) => (p[0]!.key = 'arxiv:2303.14027v2'),
        'Paper 1 (arxiv:2303.14027v2): a key of kind arxiv must hold an arXiv id without version.',
      ],
      [(p) => (p[0]!.key = 'arxiv:not-an-id'), 'Paper 1 (arxiv:not-an-id): a key of kind arxiv must hold an arXiv id without version.'],
      [(p) => (p[0]!.arxivId = '2303.99999'), 'Paper 1 (arxiv:2303.14027): arxivId does not match the key.'],
      [(p) => (p[8]!.key = 'doi:10.1145/ABC'), 'Paper 9 (doi:10.1145/ABC): a key of kind doi must hold a normalised DOI.'],
      [(p) => (p[0]!.key = 'no key'), 'Paper 1 (no key): a paper key is a kind, a colon and an id.'],
      [(p) => (p[8]!.key = 'javascript:alert(1)'), 'Paper 9 (javascript:alert(1)): "javascript" is not a kind of paper key.'],
      [(p) => (p[8]!.key = 'constructor:constructor'), 'Paper 9 (constructor:constructor): "constructor" is not a kind of paper key.'],
      [(p) => (p[8]!.key = 'x:__proto__'), 'Paper 9 (x:__proto__): "x" is not a kind of paper key.'],
      [(p) => (p[8]!.key = 'pmid:0x10'), 'Paper 9 (pmid:0x10): a key of kind pmid must hold a PubMed id.'],
      [
        (p) => (p[0]!.aliases = ['javascript:alert(1)']),
        'Paper 1 (arxiv:2303.14027): alias "javascript:alert(1)": "javascript" is not a kind of paper key.',
      ],
      [(p) => (p[0] = 'paper' as never), 'Paper 1: must be an object.'],
      [(p) => (p[0]!.links = []), 'Paper 1 (arxiv:2303.14027): links must be an object.'],
      [
        (p) => (p[0]!.links = { zotero: 'https://zotero.org/' }),
        "Paper 1 (arxiv:2303.14027): links.zotero is not a link to a supported site's page.",
      ],
      [
        (p) => (p[0]!.links = { arxiv: 'http://arxiv.org/abs/2303.14027' }),
        "Paper 1 (arxiv:2303.14027): links.arxiv is not a link to a supported site's page.",
      ],
      [
        (p) => (p[0]!.links = { huggingface: 'https://evil.example/papers/2303.14027' }),
        "Paper 1 (arxiv:2303.14027): links.huggingface is not a link to a supported site's page.",
      ],
      [
        // A link to arXiv's export mirror is not a link to the paper's page.
        (p) => (p[0]!.links = { arxiv: 'https://export.arxiv.org/abs/2303.14027' }),
        "Paper 1 (arxiv:2303.14027): links.arxiv is not a link to a supported site's page.",
      ],
      [
        // A site's link under another site's name.
        (p) => (p[0]!.links = { arxiv: 'https://huggingface.co/papers/2303.14027' }),
        "Paper 1 (arxiv:2303.14027): links.arxiv is not a link to a supported site's page.",
      ],
      [(p) => (p[0]!.links = { arxiv: 'not a url' }), "Paper 1 (arxiv:2303.14027): links.arxiv is not a link to a supported site's page."],
      [(p) => (p[0]!.links = { arxiv: 42 }), 'Paper 1 (arxiv:2303.14027): links.arxiv must be a URL.'],
      [(p) => (p[0]!.extra = 1), 'Paper 1 (arxiv:2303.14027): unexpected field "extra".'],
      [(p) => (p[0]!.aliases = ['arxiv:2303.14027']), 'Paper 1 (arxiv:2303.14027): aliases must be distinct and differ from the key.'],
      [(p) => (p[0]!.aliases = 'pmid:1'), 'Paper 1 (arxiv:2303.14027): aliases must be a list of up to 50 paper keys.'],
      [(p) => (p[0]!.aliases = ['pmid:1 x']), 'Paper 1 (arxiv:2303.14027): alias "pmid:1 x": a key of kind pmid must hold a PubMed id.'],
      [
        (p) => (p[0]!.aliases = ['doi:10.1145/ABC']),
        'Paper 1 (arxiv:2303.14027): alias "doi:10.1145/ABC": a key of kind doi must hold a normalised DOI.',
      ],
      [
        (p) => (p[8]!.aliases = ['arxiv:2303.14028']),
        `Paper 9 (${String(EXPORT_PAPERS[8]!.key)}): a paper must be keyed by its best identifier: its arXiv id, else its DOI.`,
      ],
    ]
    for (const [edit, error] of cases) expect(errorOf(fileWith(edit))).toBe(error)
  })

  it('round-trips a paper’s aliases', () => {
    const papers = [{ ...EXPORT_PAPERS[0]!, aliases: ['doi:10.1000/x', 'pmid:123', 's2:0123456789abcdef0123456789abcdef01234567'] }]
    expect(parseBackup(toJsonBackup(papers, NOW), isSiteLink, isSiteId)).toEqual({ ok: true, value: { papers, settings: {} } })
  })

  it('refuses duplicate keys, naming both papers', () => {
    const text = fileWith((papers) => papers.push({ ...papers[1]! }))
    expect(errorOf(text)).toBe(`Paper ${EXPORT_PAPERS.length + 1} (arxiv:1612.00005): the same paper is already paper 2.`)
  })

  it('reports the first problem only', () => {
    const text = fileWith((papers) => {
      ;(papers[4]!.marks as Record<string, unknown>).starred = 5
      papers[6]!.title = ''
    })
    expect(errorOf(text)).toMatch(/^Paper 5 /)
  })
})

describe('marks in a version 2 backup', () => {
  it('writes each mark with its value and time, and no flat flag fields', () => {
    const [first] = (JSON.parse(toJsonBackup(EXPORT_PAPERS, NOW)) as { papers: Record<string, unknown>[] }).papers
    expect(first!.marks).toEqual({
      starred: { value: true, at: EXPORT_PAPERS[0]!.addedAt },
      read: { value: true, at: EXPORT_PAPERS[0]!.addedAt },
      tags: {
        value: [
          { name: 'hyperbolic', at: EXPORT_PAPERS[0]!.addedAt },
          { name: 'R&D 50%', at: EXPORT_PAPERS[0]!.addedAt },
          { name: 'to read', at: EXPORT_PAPERS[0]!.addedAt },
        ],
        at: EXPORT_PAPERS[0]!.addedAt,
      },
      note: {
        value: '=SUM(A1) is not a formula here.\nSecond line: compare $x_1$ with {braces} & 100% of #3_b.',
        at: EXPORT_PAPERS[0]!.addedAt,
      },
    })
    for (const field of ['starred', 'read', 'starredChangedAt', 'readChangedAt']) expect(first).not.toHaveProperty(field)
    expect(Object.keys(first!).at(-1)).toBe('marks')
  })

  it('round-trips marks never set, set and unset, with their times', () => {
    const papers = [
      storedPaper('2101.00001'),
      storedPaper('2101.00002', {}, { starred: { value: true, at: 1_700_000_000_123 } }),
      storedPaper('2101.00003', {}, { starred: { value: false, at: 5 }, read: { value: true, at: Date.UTC(2026, 0, 1) } }),
    ]
    const parsed = parseBackup(toJsonBackup(papers, NOW), isSiteLink, isSiteId)
    expect(parsed).toEqual({ ok: true, value: { papers, settings: {} } })
  })

  it('reads a version 2 file written by hand', () => {
    const text = `{"format":"paper-shelf-backup","version":2,"exportedAt":"2026-11-22T12:00:00.000Z","papers":[
{"key":"arxiv:2106.09685","title":"LoRA","authors":["Edward J. Hu"],"arxivId":"2106.09685","links":{"arxiv":"https://arxiv.org/abs/2106.09685"},"addedAt":10,"metadataChangedAt":11,"marks":{"read":{"at":13,"value":true},"starred":{"value":false,"at":12}}}
]}`
    expect(parseBackup(text, isSiteLink, isSiteId)).toEqual({
      ok: true,
      value: {
        settings: {},
        papers: [
          {
            key: 'arxiv:2106.09685',
            title: 'LoRA',
            authors: ['Edward J. Hu'],
            arxivId: '2106.09685',
            links: { arxiv: 'https://arxiv.org/abs/2106.09685' },
            addedAt: 10,
            metadataChangedAt: 11,
            // Version 2 knew only the toggles: tags and note arrive never set.
            marks: { ...initialMarks(), starred: { value: false, at: 12 }, read: { value: true, at: 13 } },
          },
        ],
      },
    })
  })

  it('names what is wrong with a paper’s marks in a sentence', () => {
    const marksOf = (paper: Record<string, unknown>) => paper.marks as Record<string, Record<string, unknown>>
    const cases: [(papers: Record<string, unknown>[]) => void, string][] = [
      [(p) => delete p[0]!.marks, 'Paper 1 (arxiv:2303.14027): marks must be an object.'],
      [(p) => (p[0]!.marks = null), 'Paper 1 (arxiv:2303.14027): marks must be an object.'],
      [(p) => (p[0]!.marks = []), 'Paper 1 (arxiv:2303.14027): marks must be an object.'],
      [(p) => (p[0]!.marks = 'starred'), 'Paper 1 (arxiv:2303.14027): marks must be an object.'],
      // A missing mark.
      [(p) => delete marksOf(p[1]!).read, 'Paper 2 (arxiv:1612.00005): marks.read is missing.'],
      [(p) => (marksOf(p[1]!).read = null as never), 'Paper 2 (arxiv:1612.00005): marks.read must be an object with a value and a time.'],
      [(p) => (p[1]!.marks = {}), 'Paper 2 (arxiv:1612.00005): marks.starred is missing.'],
      // Only files from before version 6 may leave out tags and note.
      [(p) => delete marksOf(p[0]!).tags, 'Paper 1 (arxiv:2303.14027): marks.tags is missing.'],
      [(p) => delete marksOf(p[1]!).note, 'Paper 2 (arxiv:1612.00005): marks.note is missing.'],
      // A value of the wrong type: version 1's numbers are not version 2's booleans.
      [(p) => (marksOf(p[0]!).starred!.value = 1), 'Paper 1 (arxiv:2303.14027): marks.starred.value must be true or false.'],
      [(p) => (marksOf(p[0]!).starred!.value = 'true'), 'Paper 1 (arxiv:2303.14027): marks.starred.value must be true or false.'],
      [(p) => delete marksOf(p[0]!).read!.value, 'Paper 1 (arxiv:2303.14027): marks.read.value must be true or false.'],
      // A bad time.
      [
        (p) => (marksOf(p[1]!).read!.at = -1),
        'Paper 2 (arxiv:1612.00005): marks.read.at must be a time in milliseconds, not in the future.',
      ],
      [
        (p) => (marksOf(p[1]!).read!.at = '2026-01-01'),
        'Paper 2 (arxiv:1612.00005): marks.read.at must be a time in milliseconds, not in the future.',
      ],
      [
        (p) => (marksOf(p[1]!).read!.at = 1e300),
        'Paper 2 (arxiv:1612.00005): marks.read.at must be a time in milliseconds, not in the future.',
      ],
      [
        (p) => delete marksOf(p[1]!).starred!.at,
        'Paper 2 (arxiv:1612.00005): marks.starred.at must be a time in milliseconds, not in the future.',
      ],
      // Anything else.
      [(p) => (marksOf(p[0]!).starred!.by = 'me'), 'Paper 1 (arxiv:2303.14027): marks.starred has unexpected fields.'],
      [(p) => (marksOf(p[0]!).pinned = { value: true, at: 1 }), 'Paper 1 (arxiv:2303.14027): unknown mark "pinned".'],
      [
        (p) => Object.defineProperty(marksOf(p[0]!), '__proto__', { value: { value: true, at: 1 }, enumerable: true }),
        'Paper 1 (arxiv:2303.14027): unknown mark "__proto__".',
      ],
      // Version 1's flat fields have no place in a version 2 file.
      [(p) => (p[0]!.starred = 1), 'Paper 1 (arxiv:2303.14027): unexpected field "starred".'],
      [(p) => (p[0]!.readChangedAt = 5), 'Paper 1 (arxiv:2303.14027): unexpected field "readChangedAt".'],
    ]
    for (const [edit, error] of cases) expect(errorOf(fileWith(edit))).toBe(error)
  })
})

describe('version 5 backups', () => {
  it('import with the toggles as written and tags and note never set', () => {
    // As version 5 wrote it: settings, a citation key, aliases, the version a paper was read at, and only the toggles.
    const text = `{"format":"paper-shelf-backup","version":5,"exportedAt":"2026-11-22T12:00:00.000Z","settings":{"hideSeen:arxiv":{"value":true,"at":20}},"papers":[
{"key":"arxiv:2106.09685","aliases":["doi:10.48550/arxiv.2106.09685"],"title":"LoRA","authors":["Edward J. Hu"],"arxivId":"2106.09685","version":2,"links":{"arxiv":"https://arxiv.org/abs/2106.09685"},"addedAt":10,"metadataChangedAt":11,"citationKey":{"value":"hu2021lora","at":12},"marks":{"starred":{"value":true,"at":13},"read":{"value":true,"at":14,"version":2}}},
{"key":"arxiv:2101.00001","title":"Unstarred again","authors":[],"arxivId":"2101.00001","links":{},"addedAt":5,"metadataChangedAt":5,"marks":{"starred":{"value":false,"at":7},"read":{"value":false,"at":0}}}
]}`
    const parsed = parseBackup(text, isSiteLink, isSiteId)
    expect(parsed).toEqual({
      ok: true,
      value: {
        settings: { 'hideSeen:arxiv': { value: true, at: 20 } },
        papers: [
          {
            key: 'arxiv:2106.09685',
            aliases: ['doi:10.48550/arxiv.2106.09685'],
            title: 'LoRA',
            authors: ['Edward J. Hu'],
            arxivId: '2106.09685',
            version: 2,
            links: { arxiv: 'https://arxiv.org/abs/2106.09685' },
            addedAt: 10,
            metadataChangedAt: 11,
            citationKey: { value: 'hu2021lora', at: 12 },
            marks: {
              starred: { value: true, at: 13 },
              read: { value: true, at: 14, version: 2 },
              tags: { value: [], at: 0 },
              note: { value: '', at: 0 },
            },
          },
          {
            key: 'arxiv:2101.00001',
            title: 'Unstarred again',
            authors: [],
            arxivId: '2101.00001',
            links: {},
            addedAt: 5,
            metadataChangedAt: 5,
            marks: {
              starred: { value: false, at: 7 },
              read: { value: false, at: 0 },
              tags: { value: [], at: 0 },
              note: { value: '', at: 0 },
            },
          },
        ],
      },
    })
    if (!parsed.ok) throw new Error(parsed.error)
    // Written again, it is a version 6 file with every mark, and reads back the same.
    const again = toJsonBackup(parsed.value.papers, NOW, parsed.value.settings)
    expect(JSON.parse(again)).toMatchObject({
      version: 6,
      papers: [{ marks: marks({ starred: { value: true, at: 13 }, read: { value: true, at: 14, version: 2 } }) }, {}],
    })
    expect(parseBackup(again, isSiteLink, isSiteId)).toEqual(parsed)
  })

  it('may leave out only the marks version 5 did not have: tags and note', () => {
    const file = (marksJson: string) =>
      `{"format":"paper-shelf-backup","version":5,"papers":[{"key":"arxiv:2101.00001","title":"T","authors":[],"arxivId":"2101.00001","links":{},"addedAt":5,"metadataChangedAt":5,"marks":${marksJson}}]}`
    expect(errorOf(file('[]'))).toBe('Paper 1 (arxiv:2101.00001): marks must be an object.')
    expect(errorOf(file('{"starred":{"value":1,"at":7},"read":{"value":false,"at":0}}'))).toBe(
      'Paper 1 (arxiv:2101.00001): marks.starred.value must be true or false.',
    )
    // Version 5 always wrote both toggles: a file without one is damaged, not old.
    expect(errorOf(file('{"starred":{"value":false,"at":7}}'))).toBe('Paper 1 (arxiv:2101.00001): marks.read is missing.')
    expect(errorOf(file('{}'))).toBe('Paper 1 (arxiv:2101.00001): marks.starred is missing.')
  })
})

/** A backup file as version 1 of Paper Shelf wrote it: flags as 0 or 1 beside the metadata, each with its time. */
const VERSION_1_FILE = `{"format":"paper-shelf-backup","version":1,"exportedAt":"2026-06-01T08:00:00.000Z","papers":[
{"key":"arxiv:2303.14027","title":"Poincaré ResNet","authors":["Max van Spengler","Erwin Berkhout"],"arxivId":"2303.14027","version":3,"abstract":"Residual networks on the Poincar\\\\'e ball.","published":"2023-03-24","primaryCategory":"cs.CV","links":{"arxiv":"https://arxiv.org/abs/2303.14027","huggingface":"https://huggingface.co/papers/2303.14027"},"starred":1,"read":1,"addedAt":1700000000000,"starredChangedAt":1700000000001,"readChangedAt":1700000500000,"metadataChangedAt":1700000000002},
{"key":"doi:10.1145/3442188.3445922","title":"On the Dangers of Stochastic Parrots 🦜","authors":["Emily M. Bender"],"doi":"10.1145/3442188.3445922","links":{},"starred":0,"read":1,"addedAt":1600000000000,"starredChangedAt":1650000000000,"readChangedAt":1600000000000,"metadataChangedAt":1600000000000},
{"key":"arxiv:hep-th/9901001","title":"Branes on AdS_5","authors":[],"arxivId":"hep-th/9901001","links":{"arxiv":"https://arxiv.org/abs/hep-th/9901001"},"starred":1,"read":0,"addedAt":0,"starredChangedAt":0,"readChangedAt":0,"metadataChangedAt":0},
{"key":"arxiv:2101.00001","title":"Unstarred again","authors":["Ada Lovelace"],"arxivId":"2101.00001","links":{"huggingface":"https://huggingface.co/papers/2101.00001"},"starred":0,"read":0,"addedAt":5,"starredChangedAt":7,"readChangedAt":6,"metadataChangedAt":5}
]}
`

describe('version 1 backups', () => {
  it('import with every flag, time and field intact, in the new shape', () => {
    expect(parseBackup(VERSION_1_FILE, isSiteLink, isSiteId)).toEqual({
      ok: true,
      value: {
        settings: {},
        papers: [
          {
            key: 'arxiv:2303.14027',
            title: 'Poincaré ResNet',
            authors: ['Max van Spengler', 'Erwin Berkhout'],
            arxivId: '2303.14027',
            version: 3,
            abstract: "Residual networks on the Poincar\\'e ball.",
            published: '2023-03-24',
            primaryCategory: 'cs.CV',
            links: { arxiv: 'https://arxiv.org/abs/2303.14027', huggingface: 'https://huggingface.co/papers/2303.14027' },
            addedAt: 1_700_000_000_000,
            metadataChangedAt: 1_700_000_000_002,
            marks: { ...initialMarks(), starred: { value: true, at: 1_700_000_000_001 }, read: { value: true, at: 1_700_000_500_000 } },
          },
          {
            key: 'doi:10.1145/3442188.3445922',
            title: 'On the Dangers of Stochastic Parrots 🦜',
            authors: ['Emily M. Bender'],
            doi: '10.1145/3442188.3445922',
            links: {},
            addedAt: 1_600_000_000_000,
            metadataChangedAt: 1_600_000_000_000,
            marks: { ...initialMarks(), starred: { value: false, at: 1_650_000_000_000 }, read: { value: true, at: 1_600_000_000_000 } },
          },
          {
            key: 'arxiv:hep-th/9901001',
            title: 'Branes on AdS_5',
            authors: [],
            arxivId: 'hep-th/9901001',
            links: { arxiv: 'https://arxiv.org/abs/hep-th/9901001' },
            addedAt: 0,
            metadataChangedAt: 0,
            marks: { ...initialMarks(), starred: { value: true, at: 0 }, read: { value: false, at: 0 } },
          },
          {
            key: 'arxiv:2101.00001',
            title: 'Unstarred again',
            authors: ['Ada Lovelace'],
            arxivId: '2101.00001',
            links: { huggingface: 'https://huggingface.co/papers/2101.00001' },
            addedAt: 5,
            metadataChangedAt: 5,
            marks: { ...initialMarks(), starred: { value: false, at: 7 }, read: { value: false, at: 6 } },
          },
        ],
      },
    })
  })

  it('import in the field order of today’s backups, so exporting them again writes version 6', () => {
    const parsed = parseBackup(VERSION_1_FILE, isSiteLink, isSiteId)
    if (!parsed.ok) throw new Error(parsed.error)
    for (const paper of parsed.value.papers) expect(Object.keys(paper).at(-1)).toBe('marks')
    const again = JSON.parse(toJsonBackup(parsed.value.papers, NOW)) as { version: number }
    expect(again.version).toBe(6)
    expect(parseBackup(toJsonBackup(parsed.value.papers, NOW), isSiteLink, isSiteId)).toEqual(parsed)
  })

  it('accept a byte order mark and no papers', () => {
    expect(parseBackup(`\uFEFF${VERSION_1_FILE}`, isSiteLink, isSiteId).ok).toBe(true)
    expect(parseBackup('{"format":"paper-shelf-backup","version":1,"papers":[]}', isSiteLink, isSiteId)).toEqual({
      ok: true,
      value: { papers: [], settings: {} },
    })
  })

  /** The version 1 file with its papers edited. */
  function version1With(edit: (papers: Record<string, unknown>[]) => void): string {
    const backup = JSON.parse(VERSION_1_FILE) as { papers: Record<string, unknown>[] }
    edit(backup.papers)
    return JSON.stringify(backup)
  }

  it('refuses flags that are not 0 or 1, naming the paper and the flag', () => {
    const cases: [(papers: Record<string, unknown>[]) => void, string][] = [
      [(p) => (p[0]!.starred = 2), 'Paper 1 (arxiv:2303.14027): starred must be 0 or 1.'],
      [(p) => (p[0]!.starred = true), 'Paper 1 (arxiv:2303.14027): starred must be 0 or 1.'],
      [(p) => (p[1]!.read = '1'), 'Paper 2 (doi:10.1145/3442188.3445922): read must be 0 or 1.'],
      [(p) => delete p[1]!.read, 'Paper 2 (doi:10.1145/3442188.3445922): read must be 0 or 1.'],
      [(p) => (p[2]!.read = -0.5), 'Paper 3 (arxiv:hep-th/9901001): read must be 0 or 1.'],
      // A version 2 paper in a file that says version 1.
      [(p) => (p[0]!.marks = {}), 'Paper 1 (arxiv:2303.14027): unexpected field "marks".'],
      [(p) => (p[0]!.pinned = 1), 'Paper 1 (arxiv:2303.14027): unexpected field "pinned".'],
      [(p) => (p[0]!.title = ''), 'Paper 1 (arxiv:2303.14027): title must be 1–1000 characters, not only blanks.'],
      [(p) => (p[0]!.addedAt = -1), 'Paper 1 (arxiv:2303.14027): addedAt must be a time in milliseconds, not in the future.'],
      [(p) => (p[0] = 'paper' as never), 'Paper 1: must be an object.'],
    ]
    for (const [edit, error] of cases) expect(errorOf(version1With(edit))).toBe(error)
  })

  it("moves links to arXiv's export mirror, which version 1 accepted, to arxiv.org", () => {
    const parsed = parseBackup(
      version1With((p) => (p[0]!.links = { arxiv: 'https://export.arxiv.org/abs/2303.14027' })),
      isSiteLink,
      isSiteId,
    )
    expect(parsed.ok && parsed.value.papers[0]?.links).toEqual({ arxiv: 'https://arxiv.org/abs/2303.14027' })
  })

  it('refuses a bad flag time, naming the field the file has', () => {
    // The file has `readChangedAt`, not `marks.read.at`: the error must name what the reader can find.
    expect(errorOf(version1With((p) => (p[0]!.readChangedAt = '2026-01-01')))).toBe(
      'Paper 1 (arxiv:2303.14027): readChangedAt must be a time in milliseconds, not in the future.',
    )
    expect(errorOf(version1With((p) => delete p[1]!.starredChangedAt))).toBe(
      'Paper 2 (doi:10.1145/3442188.3445922): starredChangedAt must be a time in milliseconds, not in the future.',
    )
  })

  it('refuses duplicate keys, as version 2 does', () => {
    expect(errorOf(version1With((p) => p.push({ ...p[1]! })))).toBe(
      'Paper 5 (doi:10.1145/3442188.3445922): the same paper is already paper 2.',
    )
  })
})
