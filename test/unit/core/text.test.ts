import { describe, expect, it } from 'vitest'
import { clampText, cleanText, collapseWhitespace } from '../../../src/core/text'

describe('text cleaning', () => {
  it('collapses whitespace from markup', () => {
    expect(collapseWhitespace('\n   Sparse   Attention\twith\n  $O(n)$ Memory  ')).toBe('Sparse Attention with $O(n)$ Memory')
  })

  it('clamps long text with an ellipsis', () => {
    expect(clampText('abcdef', 10)).toBe('abcdef')
    const clamped = clampText('x'.repeat(10_240), 1000)
    expect(clamped).toHaveLength(1000)
    expect(clamped.endsWith('…')).toBe(true)
  })

  it('never cuts an emoji in half', () => {
    const clamped = clampText(`${'a'.repeat(8)}😀😀`, 10)
    expect(clamped).toBe(`${'a'.repeat(8)}…`)
    expect(clamped).not.toMatch(/[\uD800-\uDBFF]/)
  })

  it('treats missing text as empty', () => {
    expect(cleanText(null, 10)).toBe('')
    expect(cleanText(undefined, 10)).toBe('')
  })
})
