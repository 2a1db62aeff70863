import { describe, expect, it } from 'vitest'
import { ScanBudget } from '../../../src/content/scan-budget'

describe('ScanBudget', () => {
  it('lets work through at once until the burst is spent, then only as fast as its share of the time refills it', () => {
    let now = 0
    const budget = new ScanBudget(() => now, 100, 0.01)
    for (let i = 0; i < 10; i += 1) {
      expect(budget.wait()).toBe(0)
      budget.timed(() => (now += 10))
    }
    // 100 ms spent in 100 ms (which gave 0.9 ms back): 10 ms more wait until 1 % of the time has given them back.
    expect(budget.wait()).toBe(0)
    budget.spend(10)
    expect(budget.wait()).toBe(911)
    now += 911
    expect(budget.wait()).toBe(0)
  })

  it('refills no more than the burst, however long the page was quiet', () => {
    let now = 0
    const budget = new ScanBudget(() => now, 100, 0.01)
    now += 1_000_000
    budget.spend(150)
    expect(budget.wait()).toBe(5000)
  })

  it('takes the time of work that throws', () => {
    let now = 0
    const budget = new ScanBudget(() => now, 10, 0.01)
    expect(() =>
      budget.timed(() => {
        now += 20
        throw new Error('the page changed under the adapter')
      }),
    ).toThrow()
    expect(budget.wait()).toBe(1000)
  })
})
