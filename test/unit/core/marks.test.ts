import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  hasAnyMark,
  initialMarks,
  isMarkId,
  isToggleId,
  lastMarkedAt,
  type MarkChanges,
  MARK_IDS,
  markChangesProblem,
  MARKS,
  type Marks,
  marksProblem,
  mergeMarks,
  newerWins,
  sameMarks,
  stateTokens,
  TOGGLE_IDS,
  updatedSinceRead,
  valuesOf,
  withMarkValues,
} from '../../../src/core/marks'
import { mergeTagStamps, type TagStamp } from '../../../src/core/tag-set'
import { markValues, marks } from '../paper-fixtures'

describe('the marks registry', () => {
  it('declares starred and read, both toggles, then tags and note, in that order', () => {
    expect(MARK_IDS).toEqual(['starred', 'read', 'tags', 'note'])
    expect(TOGGLE_IDS).toEqual(['starred', 'read'])
    expect(MARKS.starred).toMatchObject({ kind: 'toggle', label: 'Star', initial: false })
    expect(MARKS.read).toMatchObject({ kind: 'toggle', label: 'Read', initial: false })
    expect(MARKS.tags).toMatchObject({ kind: 'tags', initial: [] })
    expect(MARKS.note).toMatchObject({ kind: 'text', initial: '' })
  })

  it('knows its own marks and nothing inherited', () => {
    for (const id of MARK_IDS) {
      expect(isMarkId(id)).toBe(true)
      expect(isToggleId(id)).toBe((TOGGLE_IDS as readonly string[]).includes(id))
    }
    expect(isToggleId('tags')).toBe(false)
    expect(isToggleId('note')).toBe(false)
    for (const value of ['pinned', 'Starred', '', '__proto__', 'toString', 'constructor', 'hasOwnProperty', 1, null, undefined, {}]) {
      expect(isMarkId(value)).toBe(false)
      expect(isToggleId(value)).toBe(false)
    }
  })

  it('writes toggles as 1 and 0 in CSV', () => {
    expect(MARKS.starred.toText(true)).toBe('1')
    expect(MARKS.read.toText(false)).toBe('0')
  })
})

describe('initialMarks', () => {
  it('has every mark never set: its initial value at time 0', () => {
    expect(initialMarks()).toEqual({
      starred: { value: false, at: 0 },
      read: { value: false, at: 0 },
      tags: { value: [], at: 0 },
      note: { value: '', at: 0 },
    })
    expect(hasAnyMark(initialMarks())).toBe(false)
    expect(lastMarkedAt(initialMarks())).toBe(0)
  })

  it('gives fresh objects each time', () => {
    const a = initialMarks()
    const b = initialMarks()
    expect(a).not.toBe(b)
    expect(a.starred).not.toBe(b.starred)
    a.starred.value = true
    expect(initialMarks().starred.value).toBe(false)
  })
})

describe('values and state', () => {
  it('strips the times', () => {
    const tags = [{ name: 'rl', at: 7 }]
    const stamped = marks({
      starred: { value: true, at: 5 },
      read: { value: false, at: 9 },
      tags: { value: tags, at: 7 },
      note: { value: 'n', at: 8 },
    })
    expect(valuesOf(stamped)).toEqual({ starred: true, read: false, tags, note: 'n' })
  })

  it('names the toggles that are on, in registry order', () => {
    expect(stateTokens(markValues({ starred: false, read: false }))).toBe('')
    expect(stateTokens(markValues({ starred: true, read: false }))).toBe('starred')
    expect(stateTokens(markValues({ starred: false, read: true }))).toBe('read')
    expect(stateTokens(markValues({ read: true, starred: true }))).toBe('starred read')
    // Tags and a note are no toggles: they never name a state.
    expect(stateTokens(markValues({ tags: [{ name: 'rl', at: 1 }], note: 'n' }))).toBe('')
  })
})

describe('hasAnyMark', () => {
  it('is true when any mark differs from its initial value', () => {
    expect(hasAnyMark(marks({ starred: true }))).toBe(true)
    expect(hasAnyMark(marks({ read: true }))).toBe(true)
    expect(hasAnyMark(marks({ starred: true, read: true }))).toBe(true)
  })

  it('is false for marks set and unset again, whatever their times', () => {
    expect(hasAnyMark(marks({ starred: { value: false, at: 50 }, read: { value: false, at: 60 } }))).toBe(false)
  })
})

describe('withMarkValues', () => {
  const never = initialMarks()

  it('stamps a changed mark with the time of the change and leaves the others alone', () => {
    const starred = withMarkValues(never, { starred: true }, 200)
    expect(starred).toEqual({ ...never, starred: { value: true, at: 200 } })
    const read = withMarkValues(starred, { read: true }, 400)
    expect(read).toEqual({ ...never, starred: { value: true, at: 200 }, read: { value: true, at: 400 } })
    const unstarred = withMarkValues(read, { starred: false }, 500)
    expect(unstarred).toEqual({ ...never, starred: { value: false, at: 500 }, read: { value: true, at: 400 } })
  })

  it('stamps only real changes', () => {
    const starred = withMarkValues(never, { starred: true }, 200)
    expect(withMarkValues(starred, { starred: true, read: false }, 300)).toEqual(starred)
    expect(withMarkValues(starred, {}, 300)).toEqual(starred)
    // Asking for the initial value of a mark never set is no change either.
    expect(withMarkValues(never, { starred: false, read: false }, 300)).toEqual(never)
  })

  it('always moves a time forward, even when the clock goes back or stands still', () => {
    const first = withMarkValues(never, { starred: true }, 1000)
    const back = withMarkValues(first, { starred: false }, 10)
    expect(back.starred).toEqual({ value: false, at: 1001 })
    const same = withMarkValues(back, { starred: true }, 1001)
    expect(same.starred).toEqual({ value: true, at: 1002 })
    // A mark never set starts from the clock, whatever it says.
    expect(withMarkValues(never, { read: true }, 0).read).toEqual({ value: true, at: 1 })
  })

  it('does not change the marks it is given', () => {
    const before = marks({ starred: { value: true, at: 5 } })
    const copy = structuredClone(before)
    const after = withMarkValues(before, { starred: false, read: true }, 10)
    expect(before).toEqual(copy)
    expect(after).not.toBe(before)
    expect(after.starred).not.toBe(before.starred)
  })

  it('ignores what is not a mark', () => {
    const after = withMarkValues(never, { pinned: true, starred: undefined } as never, 10)
    expect(after).toEqual(never)
    expect(Object.keys(after)).toEqual(MARK_IDS)
  })

  it('gives each mark strictly increasing times over any sequence of changes and clocks', () => {
    const step = fc.record({
      changes: fc.record({ starred: fc.boolean(), read: fc.boolean(), note: fc.constantFrom('', 'a', 'b') }, { requiredKeys: [] }),
      now: fc.nat(100),
    })
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let current = initialMarks()
        for (const { changes, now } of steps) {
          const next = withMarkValues(current, changes, now)
          for (const id of MARK_IDS) {
            const wanted = (changes as MarkChanges)[id]
            if (wanted === undefined || wanted === current[id].value) {
              expect(next[id]).toEqual(current[id])
            } else {
              expect(next[id].value).toBe(wanted)
              expect(next[id].at).toBeGreaterThan(current[id].at)
              expect(next[id].at).toBeGreaterThanOrEqual(now)
            }
          }
          current = next
        }
      }),
    )
  })
})

describe('mergeMarks', () => {
  const current = marks({ starred: { value: true, at: 100 }, read: { value: false, at: 100 } })

  it('takes each mark from the side that changed it last', () => {
    const incoming = marks({ starred: { value: false, at: 200 }, read: { value: true, at: 50 } })
    const merged = marks({ starred: { value: false, at: 200 }, read: { value: false, at: 100 } })
    expect(mergeMarks(current, incoming)).toEqual(merged)
    expect(mergeMarks(incoming, current)).toEqual(merged)
  })

  it('settles a tie the same way on both sides, and returns the current marks themselves when nothing changes', () => {
    const tie = marks({ starred: { value: false, at: 100 }, read: { value: true, at: 100 } })
    const settled = marks({ starred: { value: true, at: 100 }, read: { value: true, at: 100 } })
    expect(mergeMarks(current, tie)).toEqual(settled)
    expect(mergeMarks(tie, current)).toEqual(settled)
    expect(mergeMarks(settled, tie)).toBe(settled)
    expect(mergeMarks(current, initialMarks())).toBe(current)
    expect(mergeMarks(current, structuredClone(current))).toBe(current)
  })

  it('copies the marks it takes, and changes neither side', () => {
    const incoming = marks({ read: { value: true, at: 300 } })
    const [currentCopy, incomingCopy] = [structuredClone(current), structuredClone(incoming)]
    const merged = mergeMarks(current, incoming)
    expect(merged.read).toEqual({ value: true, at: 300 })
    expect(merged.read).not.toBe(incoming.read)
    expect(merged.starred).toBe(current.starred)
    expect(current).toEqual(currentCopy)
    expect(incoming).toEqual(incomingCopy)
  })

  it('is idempotent, never moves a time back, and does not depend on the order on distinct times', () => {
    const stamped = <V>(value: fc.Arbitrary<V>) => fc.record({ value, at: fc.nat(5) })
    const tagStamp = fc.record({ name: fc.constantFrom('a', 'B', 'b', 'c'), at: fc.nat(5), removed: fc.boolean() })
    const tags = fc
      .array(tagStamp, { maxLength: 4 })
      .map((stamps) =>
        stamps.reduce<readonly TagStamp[]>(
          (list, { name, at, removed }) => mergeTagStamps(list, [removed ? { name, at, removed: true } : { name, at }]),
          [],
        ),
      )
    const toggle = stamped(fc.boolean())
    const anyMarks = fc.record({
      starred: toggle,
      read: toggle,
      tags: stamped(tags),
      note: stamped(fc.constantFrom('', 'x', 'y')),
    }) as fc.Arbitrary<Marks>
    fc.assert(
      fc.property(anyMarks, anyMarks, (a, b) => {
        const merged = mergeMarks(a, b)
        expect(mergeMarks(merged, b)).toBe(merged)
        expect(mergeMarks(merged, a)).toBe(merged)
        // Tags merge tag by tag (see tag-set.test.ts); every other mark is taken whole from the newer side.
        expect(merged.tags.value).toEqual(mergeTagStamps(a.tags.value, b.tags.value))
        for (const id of MARK_IDS) {
          expect(merged[id].at).toBe(Math.max(a[id].at, b[id].at))
          if (id === 'tags') continue
          expect(mergeMarks(b, a)[id]).toEqual(merged[id])
          expect([a[id], b[id]]).toContainEqual(merged[id])
        }
      }),
    )
  })

  it('is built from newerWins', () => {
    const older = { value: true, at: 1 }
    const newer = { value: false, at: 2 }
    expect(newerWins(older, newer)).toBe(newer)
    expect(newerWins(newer, older)).toBe(newer)
    const tie = { value: false, at: 1 }
    expect(newerWins(older, tie)).toBe(older)
    expect(newerWins(tie, older)).toBe(older)
    expect(newerWins(older, { value: true, at: 1 })).toBe(older)
  })
})

describe('sameMarks and lastMarkedAt', () => {
  it('compares values and times', () => {
    const a = marks({ starred: { value: true, at: 5 } })
    expect(sameMarks(a, structuredClone(a))).toBe(true)
    expect(sameMarks(a, marks({ starred: { value: true, at: 6 } }))).toBe(false)
    expect(sameMarks(a, marks({ starred: { value: false, at: 5 } }))).toBe(false)
    expect(sameMarks(a, marks({ starred: { value: true, at: 5 }, read: { value: false, at: 1 } }))).toBe(false)
  })

  it('dates marks by the latest change among the marks that are set', () => {
    const both = marks({ starred: { value: true, at: 5 }, read: { value: true, at: 9 } })
    expect(lastMarkedAt(both)).toBe(9)
    expect(lastMarkedAt(both, ['starred'])).toBe(5)
    // Unset later: the newer time of a mark that is off does not count.
    expect(lastMarkedAt(marks({ starred: { value: true, at: 5 }, read: { value: false, at: 90 } }))).toBe(5)
    expect(lastMarkedAt(marks({ starred: { value: false, at: 5 } }))).toBe(0)
  })
})

describe('marksProblem', () => {
  const good = () => structuredClone(marks({ starred: { value: true, at: 5 } })) as unknown as Record<string, Record<string, unknown>>

  it('accepts complete marks, including marks never set', () => {
    expect(marksProblem(good())).toBeNull()
    expect(marksProblem(initialMarks())).toBeNull()
    expect(
      marksProblem(
        JSON.parse(
          '{"note":{"at":2,"value":"n"},"read":{"at":1,"value":true},"tags":{"value":[{"at":3,"name":"rl"}],"at":3},"starred":{"value":false,"at":1767225600000}}',
        ),
      ),
    ).toBeNull()
  })

  it.each<[string, (marks: Record<string, Record<string, unknown>>) => unknown, string]>([
    ['not an object', () => 'starred', 'marks must be an object'],
    ['null', () => null, 'marks must be an object'],
    ['an array', () => [], 'marks must be an object'],
    ['a missing mark', (m) => (delete m.read, m), 'marks.read is missing'],
    ['the toggles only, as version 5 wrote them', (m) => (delete m.tags, delete m.note, m), 'marks.tags is missing'],
    ['no note', (m) => (delete m.note, m), 'marks.note is missing'],
    ['a mark that is null', (m) => ((m.starred = null as never), m), 'marks.starred must be an object with a value and a time'],
    ['no marks', () => ({}), 'marks.starred is missing'],
    ['a number for a value', (m) => ((m.starred!.value = 1), m), 'marks.starred.value must be true or false'],
    ['a string for a value', (m) => ((m.read!.value = 'false'), m), 'marks.read.value must be true or false'],
    ['no value', (m) => (delete m.read!.value, m), 'marks.read.value must be true or false'],
    ['a negative time', (m) => ((m.starred!.at = -1), m), 'marks.starred.at must be a time in milliseconds, not in the future'],
    ['a time as text', (m) => ((m.starred!.at = '2026-01-01'), m), 'marks.starred.at must be a time in milliseconds, not in the future'],
    ['an infinite time', (m) => ((m.read!.at = Infinity), m), 'marks.read.at must be a time in milliseconds, not in the future'],
    [
      'a time in the future',
      (m) => ((m.read!.at = Date.now() + 2 * 24 * 60 * 60 * 1000), m),
      'marks.read.at must be a time in milliseconds, not in the future',
    ],
    ['no time', (m) => (delete m.read!.at, m), 'marks.read.at must be a time in milliseconds, not in the future'],
    ['an extra field in a mark', (m) => ((m.starred!.note = 'x'), m), 'marks.starred has unexpected fields'],
    ['a version on a mark that records none', (m) => ((m.starred!.version = 2), m), 'marks.starred has unexpected fields'],
    ['a version that is no version number', (m) => ((m.read!.version = 0), m), 'marks.read.version must be a version number'],
    ['a version as text', (m) => ((m.read!.version = 'v2'), m), 'marks.read.version must be a version number'],
    ['an unknown mark', (m) => ((m.pinned = { value: true, at: 1 }), m), 'unknown mark "pinned"'],
    ['an unknown mark with a long name', (m) => ((m['x'.repeat(100)] = {}), m), `unknown mark "${'x'.repeat(40)}"`],
    [
      'a __proto__ mark',
      () =>
        JSON.parse(
          '{"starred":{"value":true,"at":1},"read":{"value":true,"at":1},"tags":{"value":[],"at":0},"note":{"value":"","at":0},"__proto__":{}}',
        ),
      'unknown mark "__proto__"',
    ],
  ])('refuses %s', (_, edit, problem) => {
    expect(marksProblem(edit(good()))).toBe(problem)
  })
})

describe('the version a paper was read at', () => {
  it('is recorded when Read is set with a known version, and only then', () => {
    const read = withMarkValues(initialMarks(), { read: true, starred: true }, 10, 2)
    expect(read.read).toEqual({ value: true, at: 10, version: 2 })
    expect(read.starred).toEqual({ value: true, at: 10 })
    expect(withMarkValues(read, { read: false }, 20, 3).read).toEqual({ value: false, at: 20 })
    expect(withMarkValues(initialMarks(), { read: true }, 10).read).toEqual({ value: true, at: 10 })
  })

  it('travels with its mark through a merge, and counts in comparing marks', () => {
    const atV1 = withMarkValues(initialMarks(), { read: true }, 10, 1)
    const atV3 = withMarkValues(initialMarks(), { read: true }, 20, 3)
    expect(mergeMarks(atV1, atV3).read).toEqual({ value: true, at: 20, version: 3 })
    expect(mergeMarks(atV3, atV1)).toBe(atV3)
    expect(sameMarks(atV1, { ...atV1, read: { ...atV1.read, version: 2 } })).toBe(false)
    expect(marksProblem(atV3)).toBeNull()
  })

  it('tells a paper updated since it was read', () => {
    const atV2 = withMarkValues(initialMarks(), { read: true }, 10, 2)
    expect(updatedSinceRead(atV2, 3)).toBe(true)
    expect(updatedSinceRead(atV2, 2)).toBe(false)
    expect(updatedSinceRead(atV2, undefined)).toBe(false)
    expect(updatedSinceRead(withMarkValues(atV2, { read: false }, 20), 3)).toBe(false)
    expect(updatedSinceRead(withMarkValues(initialMarks(), { read: true }, 10), 3)).toBe(false)
  })
})

describe('markChangesProblem', () => {
  it('accepts one or more known marks with values of their type', () => {
    expect(markChangesProblem({ starred: true })).toBeNull()
    expect(markChangesProblem({ read: false })).toBeNull()
    expect(markChangesProblem({ starred: false, read: true })).toBeNull()
  })

  it.each<[string, unknown, string]>([
    ['nothing', undefined, 'changes must be an object'],
    ['null', null, 'changes must be an object'],
    ['a list', [{ starred: true }], 'changes must be an object'],
    ['a boolean', true, 'changes must be an object'],
    ['no change', {}, 'changes must set one of starred, read, tags, note'],
    ['an unknown mark', { pinned: true }, 'unknown mark "pinned"'],
    ['an unknown mark beside a known one', { starred: true, pinned: true }, 'unknown mark "pinned"'],
    ['an inherited name', { toString: true }, 'unknown mark "toString"'],
    ['a __proto__ mark', JSON.parse('{"__proto__":true}'), 'unknown mark "__proto__"'],
    ['a long unknown name, shortened', { ['y'.repeat(100)]: true }, `unknown mark "${'y'.repeat(40)}"`],
    ['a number', { starred: 1 }, 'starred must be true or false'],
    ['a string', { read: 'true' }, 'read must be true or false'],
    ['null', { read: null }, 'read must be true or false'],
    ['a stamped mark', { starred: { value: true, at: 1 } }, 'starred must be true or false'],
  ])('refuses %s', (_, changes, problem) => {
    expect(markChangesProblem(changes)).toBe(problem)
  })
})
