import { LIMITS } from './limits'

/** A value whose JSON alone is longer than one message part may be: its position, from 0. */
export class ValueTooLarge extends Error {
  constructor(readonly index: number) {
    super(`Value ${index + 1} is too large for a message.`)
  }
}

/**
 * Splits values into parts of at most `maxCount` values and `LIMITS.messagePartLength` characters of
 * JSON, so that each part fits in one extension message (browsers refuse those over 64 MiB).
 * Throws `ValueTooLarge` for a value that alone is longer.
 */
export function* inMessageParts<T>(values: Iterable<T>, maxCount: number): Generator<T[]> {
  let part: T[] = []
  let length = 0
  let index = 0
  for (const value of values) {
    const size = JSON.stringify(value)?.length ?? 0
    if (size > LIMITS.messagePartLength) throw new ValueTooLarge(index)
    if (part.length === maxCount || length + size > LIMITS.messagePartLength) {
      yield part
      part = []
      length = 0
    }
    part.push(value)
    length += size
    index += 1
  }
  if (part.length > 0) yield part
}
