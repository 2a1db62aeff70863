import { describe, expect, it } from 'vitest'
import { DwellClock, SEEN_DWELL_MS } from '../../../src/content/dwell-clock'

describe('DwellClock', () => {
  it('reports an item once it has been visible for exactly the dwell, not a millisecond before', () => {
    const clock = new DwellClock<string>()
    clock.setVisible('a', true, 1_000)
    expect(clock.nextDue()).toBe(1_000 + SEEN_DWELL_MS)
    expect(clock.takeDue(1_599)).toEqual([])
    expect(clock.takeDue(1_600)).toEqual(['a'])
    expect(clock.nextDue()).toBeUndefined()
  })

  it('loses the dwell of an item that went invisible too early, and restarts it from zero', () => {
    const clock = new DwellClock<string>()
    clock.setVisible('a', true, 0)
    clock.setVisible('a', false, 599)
    expect(clock.nextDue()).toBeUndefined()
    expect(clock.takeDue(5_000)).toEqual([])

    clock.setVisible('a', true, 10_000)
    expect(clock.takeDue(10_599)).toEqual([])
    expect(clock.takeDue(10_600)).toEqual(['a'])
  })

  it('keeps dwelling while an item is said to be visible again', () => {
    const clock = new DwellClock<string>()
    clock.setVisible('a', true, 0)
    clock.setVisible('a', true, 400)
    expect(clock.takeDue(600)).toEqual(['a'])
  })

  it('still reports an item whose dwell completed before it went invisible, when asked late', () => {
    const clock = new DwellClock<string>()
    clock.setVisible('a', true, 0)
    clock.setVisible('a', false, 650)
    expect(clock.nextDue()).toBe(600)
    expect(clock.takeDue(700)).toEqual(['a'])
  })

  it('does not dwell in a hidden tab, and restarts from zero when the tab is shown again', () => {
    const clock = new DwellClock<string>()
    clock.setVisible('a', true, 0)
    clock.setTabVisible(false, 500)
    expect(clock.nextDue()).toBeUndefined()
    expect(clock.takeDue(10_000)).toEqual([])

    clock.setTabVisible(true, 10_000)
    expect(clock.nextDue()).toBe(10_600)
    expect(clock.takeDue(10_599)).toEqual([])
    expect(clock.takeDue(10_600)).toEqual(['a'])
  })

  it('starts the dwell of an item set visible in a hidden tab only when the tab is shown', () => {
    const clock = new DwellClock<string>()
    clock.setTabVisible(false, 0)
    clock.setVisible('a', true, 100)
    expect(clock.nextDue()).toBeUndefined()
    clock.setTabVisible(true, 2_000)
    clock.setTabVisible(true, 2_300)
    expect(clock.takeDue(2_599)).toEqual([])
    expect(clock.takeDue(2_600)).toEqual(['a'])
  })

  it('does not start a dwell in a hidden tab for an item that went invisible meanwhile', () => {
    const clock = new DwellClock<string>()
    clock.setVisible('a', true, 0)
    clock.setTabVisible(false, 100)
    clock.setVisible('a', false, 200)
    clock.setTabVisible(true, 300)
    expect(clock.nextDue()).toBeUndefined()
  })

  it('reports an item once ever, even when it is visible again', () => {
    const clock = new DwellClock<string>()
    clock.setVisible('a', true, 0)
    expect(clock.takeDue(600)).toEqual(['a'])
    clock.setVisible('a', false, 700)
    clock.setVisible('a', true, 800)
    expect(clock.nextDue()).toBeUndefined()
    expect(clock.takeDue(5_000)).toEqual([])
  })

  it('reports an object item once ever as well', () => {
    const card = { id: 1 }
    const clock = new DwellClock<object>()
    clock.setVisible(card, true, 0)
    expect(clock.takeDue(600)).toEqual([card])
    clock.setVisible(card, true, 700)
    expect(clock.takeDue(5_000)).toEqual([])
    clock.setVisible({ id: 1 }, true, 5_000)
    expect(clock.takeDue(5_600)).toEqual([{ id: 1 }])
  })

  it('stops tracking a forgotten item, which dwells again from zero only once set visible again', () => {
    const clock = new DwellClock<string>()
    clock.setVisible('a', true, 0)
    clock.forget('a')
    expect(clock.nextDue()).toBeUndefined()
    expect(clock.takeDue(1_000)).toEqual([])

    clock.setTabVisible(false, 1_100)
    clock.setTabVisible(true, 1_200)
    expect(clock.nextDue()).toBeUndefined()

    clock.setVisible('a', true, 2_000)
    expect(clock.takeDue(2_600)).toEqual(['a'])
  })

  it('gives the earliest due time among several items, as they come and go', () => {
    const clock = new DwellClock<string>()
    clock.setVisible('a', true, 300)
    clock.setVisible('b', true, 100)
    clock.setVisible('c', true, 200)
    expect(clock.nextDue()).toBe(700)
    clock.setVisible('b', false, 250)
    expect(clock.nextDue()).toBe(800)
    expect(clock.takeDue(800)).toEqual(['c'])
    expect(clock.nextDue()).toBe(900)
    expect(clock.takeDue(899)).toEqual([])
    expect(clock.takeDue(900)).toEqual(['a'])
    expect(clock.nextDue()).toBeUndefined()
  })

  it('reports items that became due together in one take, earliest first', () => {
    const clock = new DwellClock<string>()
    clock.setVisible('late', true, 50)
    clock.setVisible('early', true, 0)
    clock.setVisible('later', true, 400)
    expect(clock.takeDue(1_000)).toEqual(['early', 'late', 'later'])
    expect(clock.takeDue(2_000)).toEqual([])
  })

  it('uses the dwell it is given', () => {
    const clock = new DwellClock<string>(100)
    clock.setVisible('a', true, 0)
    expect(clock.takeDue(99)).toEqual([])
    expect(clock.takeDue(100)).toEqual(['a'])
  })
})
