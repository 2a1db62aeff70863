import { describe, expect, it, vi } from 'vitest'
import { LookupBudget } from '../../../src/content/lookup-budget'
import { LIMITS } from '../../../src/core/limits'

const cards = (...keys: string[]) => keys.map((key) => ({ key }))
const keysOf = (admitted: readonly { key: string }[]) => admitted.map((card) => card.key)

describe('LookupBudget', () => {
  it('admits distinct papers up to its cap in a page view, those admitted already at no cost, and says once that it is full', () => {
    const budget = new LookupBudget(3)
    const onFull = vi.fn()
    budget.at('https://arxiv.org/list/cs.LG/new')
    expect(keysOf(budget.admit(cards('a', 'b', 'a'), onFull))).toEqual(['a', 'b', 'a'])
    expect(keysOf(budget.admit(cards('c', 'd', 'b', 'e'), onFull))).toEqual(['c', 'b'])
    expect(keysOf(budget.admit(cards('f', 'a'), onFull))).toEqual(['a'])
    expect(onFull).toHaveBeenCalledTimes(1)
  })

  it('starts a new page view at a new address only after the reader clicked or pressed a key', () => {
    const budget = new LookupBudget(1)
    const onFull = vi.fn()
    budget.at('https://huggingface.co/papers/date/2024-04-23')
    budget.admit(cards('a'), onFull)
    budget.readerInput()
    budget.at('https://huggingface.co/papers/date/2024-04-23')
    expect(budget.admit(cards('b'), onFull)).toEqual([])
    budget.at('https://huggingface.co/papers/date/2024-04-24')
    expect(keysOf(budget.admit(cards('b'), onFull))).toEqual(['b'])
    budget.at('https://huggingface.co/papers/date/2024-04-25')
    expect(budget.admit(cards('c'), onFull)).toEqual([])
    expect(onFull).toHaveBeenCalledTimes(2)
  })

  it('allows a long listing by default', () => {
    expect(LIMITS.lookupsPerPageView).toBeGreaterThanOrEqual(2000)
    const budget = new LookupBudget()
    budget.at('https://arxiv.org/list/cs.LG/pastweek?show=2000')
    const listing = cards(...Array.from({ length: 2000 }, (_, i) => `arxiv:2404.${String(i).padStart(5, '0')}`))
    expect(budget.admit(listing, () => undefined)).toHaveLength(2000)
  })
})
