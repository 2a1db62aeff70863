import { describe, expect, it } from 'vitest'
import { utf8Text } from '../../../src/ui/utf8-file'

describe('utf8Text', () => {
  it('decodes a long file in slices, a character cut between two slices included', async () => {
    // 4,000,000 bytes per slice: "ü" (two bytes) straddles the first boundary, "漢" (three) the second.
    const text = `${'a'.repeat(3_999_999)}ü${'b'.repeat(3_999_997)}漢${'c'.repeat(10)}`
    expect(await utf8Text(new Blob([text]))).toBe(text)
  })

  it('is null for bytes that are not UTF-8, in any slice, and for a character cut at the end', async () => {
    const latin1Late = new Uint8Array(9_000_000).fill(0x61)
    latin1Late[8_500_000] = 0xfc
    expect(await utf8Text(new Blob([latin1Late]))).toBeNull()
    const cut = new TextEncoder().encode('Müller 漢').slice(0, -1)
    expect(await utf8Text(new Blob([cut]))).toBeNull()
  })

  it('reads an empty file as empty text', async () => {
    expect(await utf8Text(new Blob([]))).toBe('')
  })
})
