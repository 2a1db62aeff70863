import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../src/core/limits'
import {
  applyChange,
  hasAnyMark,
  initialMarks,
  markChangesProblem,
  marksProblem,
  markText,
  mergeMarks,
  withMarkValues,
} from '../../../src/core/marks'
import { mergeTagStamps, normalizeTag, presentTags, setTags, tagList, tagStampsProblem, type TagStamp } from '../../../src/core/tag-set'

describe('a tag', () => {
  it('is one phrase: spaces collapsed, commas, semicolons and control characters gone', () => {
    expect(normalizeTag('  deep   learning ')).toBe('deep learning')
    expect(normalizeTag('vision, language; audio')).toBe('vision language audio')
    expect(normalizeTag('to\u0000read\u200b')).toBe('to read')
    expect(normalizeTag('e\u0301tude')).toBe('étude')
    expect(normalizeTag(' ,; ')).toBe('')
  })

  it('is at most a hundred characters, never cut inside a character', () => {
    const long = normalizeTag('😀'.repeat(150))
    expect([...long]).toHaveLength(LIMITS.tagLength)
    // No lone surrogate: a cut inside an emoji would leave one.
    expect(long).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
  })

  it('keeps markup and right-to-left text as plain text', () => {
    expect(normalizeTag('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>')
    expect(normalizeTag('שלום RL')).toBe('שלום RL')
  })

  it('is listed once whatever its case, in the first spelling given', () => {
    expect(tagList(['NLP', 'nlp', ' ', 'Vision', 'vision '])).toEqual(['NLP', 'Vision'])
  })
})

describe('setting tags', () => {
  it('stamps new tags, keeps unchanged ones and leaves tombstones for removed ones', () => {
    const first = setTags([], ['rl', 'Agents'], 10)
    expect(first).toEqual([
      { name: 'Agents', at: 10 },
      { name: 'rl', at: 10 },
    ])
    const second = setTags(first, ['agents', 'survey'], 20)
    expect(second).toEqual([
      { name: 'agents', at: 20 },
      { name: 'rl', at: 20, removed: true },
      { name: 'survey', at: 20 },
    ])
    expect(presentTags(second)).toEqual(['agents', 'survey'])
  })

  it('returns the same list when nothing changes, so nothing is written', () => {
    const tags = setTags([], ['a', 'b'], 10)
    expect(setTags(tags, ['b', 'a', 'A'], 99)).toBe(tags)
  })

  it('adds back a removed tag with a new time', () => {
    const removed = setTags(setTags([], ['a'], 10), [], 20)
    expect(setTags(removed, ['a'], 30)).toEqual([{ name: 'a', at: 30 }])
  })

  it('keeps only the newest tombstones of a paper tagged and untagged for years', () => {
    let tags: readonly TagStamp[] = []
    for (let i = 0; i < 250; i += 1) tags = setTags(setTags(tags, [`t${i}`], 2 * i + 1), [], 2 * i + 2)
    expect(tags).toHaveLength(LIMITS.tagsPerPaper)
    expect(tags.every((tag) => tag.removed)).toBe(true)
    expect(Math.min(...tags.map((tag) => tag.at))).toBe(2 * 150 + 2)
    expect(tagStampsProblem(tags)).toBeNull()
  })
})

describe('merging tags', () => {
  it('keeps each tag’s newer decision: one side’s new tag and the other side’s removal both survive', () => {
    const shared = setTags([], ['a', 'b'], 10)
    const laptop = setTags(shared, ['a', 'b', 'c'], 20)
    const desktop = setTags(shared, ['a'], 30)
    const expected = [
      { name: 'a', at: 10 },
      { name: 'b', at: 30, removed: true },
      { name: 'c', at: 20 },
    ]
    expect(mergeTagStamps(laptop, desktop)).toEqual(expected)
    expect(mergeTagStamps(desktop, laptop)).toEqual(expected)
  })

  it('returns the current list when the other side has nothing newer', () => {
    const tags = setTags([], ['a'], 10)
    expect(mergeTagStamps(tags, tags)).toBe(tags)
    expect(mergeTagStamps(tags, [{ name: 'A', at: 5 }])).toBe(tags)
  })

  it('converges whatever the order of merging', () => {
    const stamp = fc.record({ name: fc.constantFrom('a', 'B', 'b', 'c', 'd'), at: fc.integer({ min: 1, max: 50 }), removed: fc.boolean() })
    const side = fc
      .array(stamp, { maxLength: 6 })
      .map((stamps) =>
        stamps.reduce<readonly TagStamp[]>(
          (tags, { name, at, removed }) => mergeTagStamps(tags, [removed ? { name, at, removed: true } : { name, at }]),
          [],
        ),
      )
    fc.assert(
      fc.property(side, side, side, (a, b, c) => {
        const left = mergeTagStamps(mergeTagStamps(a, b), c)
        const right = mergeTagStamps(c, mergeTagStamps(b, a))
        expect(left).toEqual(right)
        expect(tagStampsProblem(left)).toBeNull()
      }),
    )
  })
})

describe('checking tags from outside', () => {
  it('accepts what setTags writes', () => {
    expect(tagStampsProblem(setTags(setTags([], ['x', 'y'], 1), ['y'], 2))).toBeNull()
  })

  it.each([
    ['not a list', { a: 1 }, 'must be a list of tags'],
    ['a name with a comma', [{ name: 'a,b', at: 1 }], 'a tag name must be a short phrase without commas or semicolons'],
    ['an empty name', [{ name: '', at: 1 }], 'a tag name must be a short phrase without commas or semicolons'],
    ['a bad time', [{ name: 'a', at: -1 }], 'tag "a": the time must be in milliseconds, not in the future'],
    ['removed: false', [{ name: 'a', at: 1, removed: false }], 'tag "a": removed must be true when present'],
    ['an extra field', [{ name: 'a', at: 1, color: 'red' }], 'tag "a" has unexpected fields'],
    [
      'a tag twice',
      [
        { name: 'a', at: 1 },
        { name: 'A', at: 2 },
      ],
      'tags must be listed once each, in order',
    ],
    [
      'tags out of order',
      [
        { name: 'b', at: 1 },
        { name: 'a', at: 2 },
      ],
      'tags must be listed once each, in order',
    ],
    ['a __proto__ field', JSON.parse('[{"name":"a","at":1,"__proto__":{"x":1}}]'), 'tag "a" has unexpected fields'],
  ])('refuses %s', (_case, value, problem) => {
    expect(tagStampsProblem(value)).toBe(problem)
  })

  it('refuses more than a hundred tags on one paper', () => {
    const many = Array.from({ length: LIMITS.tagsPerPaper + 1 }, (_, i) => ({ name: `t${String(i).padStart(3, '0')}`, at: 1 }))
    expect(tagStampsProblem(many)).toBe(`a paper has at most ${LIMITS.tagsPerPaper} tags`)
  })
})

describe('tags and notes as marks', () => {
  it('are never set at first, and put a paper on the shelf once set', () => {
    const none = initialMarks()
    expect(none.tags).toEqual({ value: [], at: 0 })
    expect(none.note).toEqual({ value: '', at: 0 })
    expect(hasAnyMark(none)).toBe(false)
    expect(hasAnyMark(withMarkValues(none, { tags: ['later'] }, 5))).toBe(true)
    expect(hasAnyMark(withMarkValues(none, { note: 'Compare with ViT' }, 5))).toBe(true)
  })

  it('do not keep a paper on the shelf once every tag is removed', () => {
    const tagged = withMarkValues(initialMarks(), { tags: ['a'] }, 5)
    const untagged = withMarkValues(tagged, { tags: [] }, 6)
    expect(untagged.tags.value).toEqual([{ name: 'a', at: 6, removed: true }])
    expect(hasAnyMark(untagged)).toBe(false)
  })

  it('stamp a note with line breaks normalised and trailing space gone, and no change when the same', () => {
    const noted = withMarkValues(initialMarks(), { note: 'line one\r\nline two\u0007  \n' }, 5)
    expect(noted.note).toEqual({ value: 'line one\nline two', at: 5 })
    expect(applyChange('note', noted.note, 'line one\nline two', 9)).toBe(noted.note)
  })

  it('merge a note by its time and tags tag by tag', () => {
    const base = withMarkValues(initialMarks(), { tags: ['a'], note: 'first' }, 10)
    const mine = withMarkValues(base, { tags: ['a', 'mine'], note: 'mine' }, 20)
    const theirs = withMarkValues(base, { tags: ['theirs'], note: 'theirs' }, 30)
    const merged = mergeMarks(mine, theirs)
    expect(merged.note).toEqual({ value: 'theirs', at: 30 })
    expect(presentTags(merged.tags.value)).toEqual(['mine', 'theirs'])
    expect(merged.tags.at).toBe(30)
    expect(mergeMarks(merged, mine)).toBe(merged)
    expect(mergeMarks(theirs, mine)).toEqual(merged)
  })

  it('are CSV cells: tags joined by semicolons, the note as written', () => {
    const marked = withMarkValues(initialMarks(), { tags: ['b', 'a'], note: 'two\nlines' }, 5)
    expect(markText('tags', marked.tags.value)).toBe('a; b')
    expect(markText('note', marked.note.value)).toBe('two\nlines')
  })

  it('are checked in messages: a list of tags, a bounded note', () => {
    expect(markChangesProblem({ tags: ['a', 'b'] })).toBeNull()
    expect(markChangesProblem({ tags: 'a' })).toBe(`tags must be a list of up to ${LIMITS.tagsPerPaper} tags`)
    expect(markChangesProblem({ note: 'x'.repeat(LIMITS.readerNoteLength + 1) })).toBe(
      `note must be a text of at most ${LIMITS.readerNoteLength} characters`,
    )
    expect(markChangesProblem({ note: 3 })).toBe(`note must be a text of at most ${LIMITS.readerNoteLength} characters`)
  })

  it('are checked in backups', () => {
    const marked = withMarkValues(initialMarks(), { tags: ['a'], note: 'n' }, 5)
    expect(marksProblem(marked)).toBeNull()
    expect(marksProblem({ ...marked, tags: { value: ['a'], at: 5 } })).toBe(
      'marks.tags.value must be a list of tags, each with a name and a time',
    )
    expect(marksProblem({ ...marked, note: { value: 'x'.repeat(LIMITS.readerNoteLength + 1), at: 5 } })).toBe(
      `marks.note.value must be a text of at most ${LIMITS.readerNoteLength} characters`,
    )
  })
})
