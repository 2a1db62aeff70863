import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../../src/core/limits'
import { inMessageParts, ValueTooLarge } from '../../../src/core/message-parts'

describe('inMessageParts', () => {
  it('splits by count, keeping every value in order', () => {
    const values = Array.from({ length: 25 }, (_, n) => ({ n }))
    const parts = [...inMessageParts(values, 10)]
    expect(parts.map((part) => part.length)).toEqual([10, 10, 5])
    expect(parts.flat()).toEqual(values)
  })

  it('splits by the length of the values’ JSON, whatever their count', () => {
    const value = 'x'.repeat(LIMITS.messagePartLength / 4)
    const parts = [...inMessageParts([value, value, value, value, value], 100)]
    // Four values and their quotes are just over the limit: three fit in a part.
    expect(parts.map((part) => part.length)).toEqual([3, 2])
    for (const part of parts) expect(JSON.stringify(part).length).toBeLessThan(LIMITS.messagePartLength + 100)
  })

  it('yields nothing for nothing, and refuses a value longer than a part, naming its position', () => {
    expect([...inMessageParts([], 10)]).toEqual([])
    const values = ['a', 'x'.repeat(LIMITS.messagePartLength), 'b']
    const thrown = (() => {
      try {
        return Array.from(inMessageParts(values, 10))
      } catch (error) {
        return error
      }
    })()
    expect(thrown).toBeInstanceOf(ValueTooLarge)
    expect((thrown as ValueTooLarge).index).toBe(1)
  })
})
