// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { CardKeys, CURRENT_CARD_STYLES, SHORTCUTS, type CardKeysDeps, type KeyCard } from '../../../src/content/card-keys'
import { asReader, readerClick } from '../../support/trusted-events'

const CURRENT = 'data-paper-shelf-current'
const CARD_HEIGHT = 100
const GAP = 50
const VIEWPORT_HEIGHT = 400

/** How far down the page the window is scrolled, for the stubbed card positions. */
let windowTop = 0

/** Places an element `top` pixels from the top of the page, `height` high, as seen from a window scrolled to `windowTop`. */
function placeAt(element: Element, top: number, height: number): void {
  element.getBoundingClientRect = () => new DOMRect(0, top - windowTop, 600, height)
}

/**
 * A listing of five papers: three arXiv-style entries (a `dt` with its `dd`) then two articles. Entry `i` spans
 * `i * 150` to `i * 150 + 100` on the page.
 */
function page(): void {
  document.body.replaceChildren()
  const list = document.createElement('dl')
  for (const id of ['p0', 'p1', 'p2']) {
    const term = document.createElement('dt')
    term.dataset.paper = id
    const details = document.createElement('dd')
    details.textContent = `Paper ${id}`
    list.append(term, details)
  }
  document.body.append(list)
  for (const id of ['p3', 'p4']) {
    const article = document.createElement('article')
    article.dataset.paper = id
    article.textContent = `Paper ${id}`
    document.body.append(article)
  }
  cardElements().forEach((element, index) => {
    const top = index * (CARD_HEIGHT + GAP)
    if (element.tagName === 'DT') {
      placeAt(element, top, 20)
      placeAt(element.nextElementSibling!, top + 20, CARD_HEIGHT - 20)
    } else {
      placeAt(element, top, CARD_HEIGHT)
    }
  })
}

function cardElements(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-paper]')]
}

/** The cards as a listing finds them, made afresh on every call, without the ones the reader hid. */
function findCards(): KeyCard[] {
  return cardElements()
    .filter((element) => !element.hidden)
    .map((element) => {
      const key = `arxiv:${element.dataset.paper}`
      return element.tagName === 'DT' ? { element, companions: [element.nextElementSibling!], key } : { element, key }
    })
}

const card = (id: string) => document.querySelector<HTMLElement>(`[data-paper="${id}"]`)!

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true, ...init })
  target.dispatchEvent(asReader(event))
  return event
}

function pressAll(...pressed: string[]): void {
  for (const key of pressed) press(key)
}

/** An element of the listing as `tag:paper`, e.g. `dd:p0`. */
function partName(element: Element): string {
  const paper = (element.tagName === 'DD' ? element.previousElementSibling : element)?.getAttribute('data-paper')
  return `${element.tagName.toLowerCase()}:${paper}`
}

const currentParts = () => [...document.querySelectorAll(`[${CURRENT}="true"]`)].map(partName)
const dialog = () => document.querySelector('dialog')

type Deps = CardKeysDeps & { toggle: Mock<CardKeysDeps['toggle']>; open: Mock<CardKeysDeps['open']>; passed: Mock<CardKeysDeps['passed']> }

let deps: Deps
let keys: CardKeys

beforeEach(() => {
  windowTop = 0
  vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(VIEWPORT_HEIGHT)
  page()
  deps = {
    window,
    cards: findCards,
    toggle: vi.fn<CardKeysDeps['toggle']>(),
    open: vi.fn<CardKeysDeps['open']>(),
    passed: vi.fn<CardKeysDeps['passed']>(),
  }
  keys = new CardKeys(deps)
  keys.start()
})

afterEach(() => {
  keys.stop()
  vi.restoreAllMocks()
  document.head.replaceChildren()
})

describe('CardKeys: moving', () => {
  it('moves down with j and up with k, marking the card and its companions as current and clearing the one before', () => {
    const first = press('j')
    expect(first.defaultPrevented).toBe(true)
    expect(currentParts()).toEqual(['dt:p0', 'dd:p0'])
    expect(keys.current()?.key).toBe('arxiv:p0')

    pressAll('j', 'j', 'j')
    expect(currentParts()).toEqual(['article:p3'])
    expect(keys.current()?.key).toBe('arxiv:p3')

    press('k')
    expect(currentParts()).toEqual(['dt:p2', 'dd:p2'])
    expect(card('p2').getAttribute(CURRENT)).toBe('true')
    expect(card('p3').hasAttribute(CURRENT)).toBe(false)
  })

  it('scrolls the current card into view, nearest edge first, without animating', () => {
    const scrolled: string[] = []
    for (const element of document.querySelectorAll('dt, dd, article')) {
      element.scrollIntoView = (options?: boolean | ScrollIntoViewOptions) => {
        expect(options).toEqual({ block: 'nearest', behavior: 'instant' })
        scrolled.push(partName(element))
      }
    }
    press('j')
    press('j')
    press('j')
    press('j')
    expect(scrolled).toEqual(['dd:p0', 'dt:p0', 'dd:p1', 'dt:p1', 'dd:p2', 'dt:p2', 'article:p3'])
  })

  it('starts with j at the first card not wholly above the window, and with k at the last card not wholly below it', () => {
    // Entries span 0-100, 150-250, 300-400, 450-550, 600-700; the window shows 220-620.
    windowTop = 220
    press('j')
    expect(keys.current()?.key).toBe('arxiv:p1')

    keys.stop()
    keys.start()
    press('k')
    expect(keys.current()?.key).toBe('arxiv:p4')

    keys.stop()
    keys.start()
    windowTop = 0
    press('k')
    expect(keys.current()?.key).toBe('arxiv:p2')
  })

  it('starts at the nearest card when every card is past the edge of the window', () => {
    windowTop = 5000
    press('j')
    expect(keys.current()?.key).toBe('arxiv:p4')

    keys.stop()
    keys.start()
    windowTop = -5000
    press('k')
    expect(keys.current()?.key).toBe('arxiv:p0')
  })

  it('stays on the last card with j and on the first with k, without wrapping', () => {
    pressAll('j', 'j', 'j', 'j', 'j')
    expect(keys.current()?.key).toBe('arxiv:p4')
    const atEnd = press('j')
    expect(atEnd.defaultPrevented).toBe(true)
    expect(keys.current()?.key).toBe('arxiv:p4')
    expect(currentParts()).toEqual(['article:p4'])

    pressAll('k', 'k', 'k', 'k')
    expect(keys.current()?.key).toBe('arxiv:p0')
    press('k')
    expect(keys.current()?.key).toBe('arxiv:p0')
    expect(currentParts()).toEqual(['dt:p0', 'dd:p0'])
  })

  it('counts a card as passed when j moves on from it, never with k or when j stays', () => {
    pressAll('j', 'j', 'j')
    expect(deps.passed.mock.calls.map(([passed]) => passed.key)).toEqual(['arxiv:p0', 'arxiv:p1'])

    deps.passed.mockClear()
    pressAll('k', 'k')
    expect(deps.passed).not.toHaveBeenCalled()

    pressAll('j', 'j', 'j', 'j', 'j', 'j')
    expect(deps.passed.mock.calls.map(([passed]) => passed.key)).toEqual(['arxiv:p0', 'arxiv:p1', 'arxiv:p2', 'arxiv:p3'])
  })

  it('does nothing, and takes nothing from the page, when there are no cards', () => {
    deps.cards = () => []
    expect(press('j').defaultPrevented).toBe(false)
    expect(press('k').defaultPrevented).toBe(false)
    expect(keys.current()).toBeUndefined()
  })

  it('moves on while j is held down', () => {
    press('j')
    press('j', { repeat: true })
    press('j', { repeat: true })
    expect(keys.current()?.key).toBe('arxiv:p2')
  })
})

describe('CardKeys: a current card that left the list', () => {
  it('goes on from a hidden card to the nearest card after it with j, before it with k', () => {
    pressAll('j', 'j', 'j')
    expect(keys.current()?.key).toBe('arxiv:p2')
    card('p2').hidden = true

    press('j')
    expect(keys.current()?.key).toBe('arxiv:p3')
    expect(deps.passed.mock.calls.map(([passed]) => passed.key)).toEqual(['arxiv:p0', 'arxiv:p1'])

    card('p2').hidden = false
    press('k')
    card('p2').hidden = true
    press('k')
    expect(keys.current()?.key).toBe('arxiv:p1')
    expect(currentParts()).toEqual(['dt:p1', 'dd:p1'])
  })

  it('goes on from the last card, hidden, to the card before it', () => {
    pressAll('j', 'j', 'j', 'j', 'j')
    card('p4').hidden = true
    press('j')
    expect(keys.current()?.key).toBe('arxiv:p3')
  })

  it('leaves a hidden current card alone with s, r and o', () => {
    pressAll('j', 'j')
    card('p1').hidden = true
    for (const key of ['s', 'r', 'o']) expect(press(key).defaultPrevented).toBe(false)
    expect(deps.toggle).not.toHaveBeenCalled()
    expect(deps.open).not.toHaveBeenCalled()
  })

  it('follows the paper when the page replaces its card element', () => {
    pressAll('j', 'j', 'j', 'j')
    const old = card('p3')
    const replacement = old.cloneNode(true) as HTMLElement
    replacement.removeAttribute(CURRENT)
    placeAt(replacement, 450, CARD_HEIGHT)
    old.replaceWith(replacement)

    press('s')
    expect(deps.toggle).toHaveBeenCalledWith(expect.objectContaining({ element: replacement, key: 'arxiv:p3' }), 'starred')
    expect(replacement.getAttribute(CURRENT)).toBe('true')

    press('j')
    expect(keys.current()?.key).toBe('arxiv:p4')
  })

  it('starts again from the window when the page removed the current card and its paper', () => {
    windowTop = 220
    pressAll('j', 'j', 'j')
    expect(keys.current()?.key).toBe('arxiv:p3')
    card('p3').remove()
    press('j')
    expect(keys.current()?.key).toBe('arxiv:p1')
  })
})

describe('CardKeys: marks and opening', () => {
  it('flips Star with s and Read with r, and opens with o, on the current card', () => {
    pressAll('j', 'j')
    expect(press('s').defaultPrevented).toBe(true)
    expect(press('r').defaultPrevented).toBe(true)
    expect(press('o').defaultPrevented).toBe(true)
    expect(deps.toggle.mock.calls.map(([target, mark]) => [target.key, mark])).toEqual([
      ['arxiv:p1', 'starred'],
      ['arxiv:p1', 'read'],
    ])
    expect(deps.toggle.mock.calls[0]![0].element).toBe(card('p1'))
    expect(deps.open.mock.calls.map(([target]) => target.key)).toEqual(['arxiv:p1'])
  })

  it('does nothing with s, r and o before a card is current, and leaves those keys to the page', () => {
    for (const key of ['s', 'r', 'o']) expect(press(key).defaultPrevented).toBe(false)
    expect(deps.toggle).not.toHaveBeenCalled()
    expect(deps.open).not.toHaveBeenCalled()
  })

  it('flips a mark once while s is held down, and keeps the repeats from the page', () => {
    press('j')
    press('s')
    const repeat = press('s', { repeat: true })
    press('o')
    press('o', { repeat: true })
    expect(deps.toggle).toHaveBeenCalledTimes(1)
    expect(deps.open).toHaveBeenCalledTimes(1)
    expect(repeat.defaultPrevented).toBe(true)
  })
})

describe('CardKeys: keys that are not shortcuts', () => {
  function field(tag: 'input' | 'textarea' | 'select'): HTMLElement {
    const element = document.createElement(tag)
    document.body.append(element)
    return element
  }

  function editable(): HTMLElement {
    const host = document.createElement('div')
    host.contentEditable = 'true'
    const inner = document.createElement('p')
    host.append(inner)
    document.body.append(host)
    return inner
  }

  it.each([
    ['an input', () => field('input')],
    ['a textarea', () => field('textarea')],
    ['a select', () => field('select')],
    ['a contenteditable', editable],
  ])('ignores keys typed into %s', (_name, target) => {
    const into = target()
    for (const key of ['j', 'k', 's', 'r', 'o', '?']) expect(press(key, {}, into).defaultPrevented).toBe(false)
    expect(keys.current()).toBeUndefined()
    expect(dialog()).toBeNull()
  })

  it('ignores keys typed into a field inside a shadow root, which the window sees as coming from the host', () => {
    const host = document.createElement('div')
    document.body.append(host)
    const input = document.createElement('input')
    host.attachShadow({ mode: 'open' }).append(input)
    const event = new KeyboardEvent('keydown', { key: 'j', bubbles: true, cancelable: true, composed: true })
    // Outside the shadow root the event's target is the host; only its path still starts at the field.
    Object.defineProperty(event, 'composedPath', { value: () => [input, input.getRootNode(), host, document.body, document, window] })
    host.dispatchEvent(asReader(event))
    expect(event.defaultPrevented).toBe(false)
    expect(keys.current()).toBeUndefined()
  })

  it.each(['ctrlKey', 'altKey', 'metaKey'] as const)('ignores keys pressed with %s', (modifier) => {
    const init: KeyboardEventInit = {}
    init[modifier] = true
    for (const key of ['j', 'k', '?']) expect(press(key, init).defaultPrevented).toBe(false)
    expect(keys.current()).toBeUndefined()
    expect(dialog()).toBeNull()
  })

  it('ignores key presses the page’s script dispatches, leaving them to the page', () => {
    for (const key of ['j', 's', 'r', 'o', '?']) {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true })
      document.body.dispatchEvent(event)
      expect(event.defaultPrevented).toBe(false)
    }
    expect(keys.current()).toBeUndefined()
    expect(dialog()).toBeNull()
    press('j')
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true, cancelable: true, composed: true }))
    expect(deps.toggle).not.toHaveBeenCalled()
    expect(deps.open).not.toHaveBeenCalled()
  })

  it('ignores keys the page already handled', () => {
    const pageHandler = (event: KeyboardEvent) => event.preventDefault()
    document.addEventListener('keydown', pageHandler)
    try {
      pressAll('j', '?')
      expect(keys.current()).toBeUndefined()
      expect(dialog()).toBeNull()
    } finally {
      document.removeEventListener('keydown', pageHandler)
    }
  })

  it('ignores uppercase letters, keys while composing text, and keys that are not shortcuts', () => {
    for (const key of ['J', 'K', 'S', 'R', 'O']) expect(press(key, { shiftKey: true }).defaultPrevented).toBe(false)
    for (const key of ['x', 'Enter', 'Escape', ' ']) expect(press(key).defaultPrevented).toBe(false)
    expect(press('j', { isComposing: true }).defaultPrevented).toBe(false)
    expect(keys.current()).toBeUndefined()
    expect(deps.toggle).not.toHaveBeenCalled()
  })
})

describe('CardKeys: help', () => {
  it('opens the help with ?, Shift held or not, named "Keyboard shortcuts"', () => {
    const event = press('?', { shiftKey: true })
    expect(event.defaultPrevented).toBe(true)
    const help = dialog()!
    expect(help.open).toBe(true)
    const labelledBy = help.getAttribute('aria-labelledby')!
    expect(document.getElementById(labelledBy)?.textContent).toBe('Keyboard shortcuts')
    expect([...help.querySelectorAll('dt')].map((term) => term.textContent)).toEqual(SHORTCUTS.map(({ shown }) => shown))
  })

  it('lets no other key act while the help is open, and closes it with Escape, giving focus back', () => {
    const before = document.createElement('button')
    document.body.append(before)
    before.focus()
    press('?', {}, before)
    expect(document.activeElement).not.toBe(before)

    for (const key of ['j', 'k', 's', '?']) expect(press(key, {}, document.activeElement!).defaultPrevented).toBe(false)
    expect(keys.current()).toBeUndefined()
    expect(document.querySelectorAll('dialog')).toHaveLength(1)

    const escape = press('Escape', {}, document.activeElement!)
    expect(escape.defaultPrevented).toBe(true)
    expect(dialog()).toBeNull()
    expect(document.activeElement).toBe(before)

    press('j')
    expect(keys.current()?.key).toBe('arxiv:p0')
  })

  it('closes the help with Escape pressed outside it', () => {
    press('?')
    document.body.focus()
    expect(press('Escape', {}, document.body).defaultPrevented).toBe(true)
    expect(dialog()).toBeNull()
  })

  it('works again after the help closed itself from its Close button', () => {
    press('?')
    readerClick(dialog()!.querySelector('button')!)
    expect(dialog()).toBeNull()
    press('j')
    expect(keys.current()?.key).toBe('arxiv:p0')
    expect(press('Escape').defaultPrevented).toBe(false)
  })

  it('works again after the page took the help out', () => {
    press('?')
    dialog()!.remove()
    press('j')
    expect(keys.current()?.key).toBe('arxiv:p0')
  })
})

describe('CardKeys: start and stop', () => {
  it('outlines the current card with one stylesheet, however often it starts', () => {
    keys.start()
    const other = new CardKeys(deps)
    other.start()
    other.stop()
    const styles = document.querySelectorAll('#paper-shelf-card-keys')
    expect(styles).toHaveLength(1)
    expect(styles[0]!.textContent).toBe(CURRENT_CARD_STYLES)
    expect(CURRENT_CARD_STYLES).toContain(`[${CURRENT}="true"]`)
    expect(CURRENT_CARD_STYLES).toMatch(/outline: 2px solid/)
  })

  it('listens with one keydown listener on the window, in the bubble phase', () => {
    const listen = vi.spyOn(window, 'addEventListener')
    const other = new CardKeys(deps)
    other.start()
    other.stop()
    expect(listen).toHaveBeenCalledTimes(1)
    expect(listen).toHaveBeenCalledWith('keydown', expect.any(Function))
  })

  it('stops listening, closes the help and clears the current card', () => {
    pressAll('j', 'j', '?')
    keys.stop()
    expect(dialog()).toBeNull()
    expect(currentParts()).toEqual([])
    expect(keys.current()).toBeUndefined()

    for (const key of ['j', 'k', 's', 'r', 'o', '?']) expect(press(key).defaultPrevented).toBe(false)
    expect(keys.current()).toBeUndefined()
    expect(dialog()).toBeNull()
    expect(deps.toggle).not.toHaveBeenCalled()
  })
})
