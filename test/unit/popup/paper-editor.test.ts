// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Paper } from '../../../src/core/paper'
import { PaperEditor, type PaperEdit } from '../../../src/popup/paper-editor'
import { storedPaper } from '../paper-fixtures'
import { accessibleName, allByRole, byRole, flush, key } from './dom-helpers'

const HOSTILE = '<img src=x onerror=alert(1)>'

/** A paper tagged NLP and vision (and once "old", since removed), with a note. */
function paper(overrides: Partial<Paper> = {}): Paper {
  return storedPaper(
    '1706.03762',
    { title: 'Attention Is All You Need', ...overrides },
    {
      tags: [
        { name: 'NLP', at: 1 },
        { name: 'old', at: 2, removed: true },
        { name: 'vision', at: 3 },
      ],
      note: 'Read section 3 again.',
    },
  )
}

let opener: HTMLButtonElement
let known: string[]
let save: ReturnType<typeof vi.fn<(paper: Paper, edit: PaperEdit) => Promise<void>>>
let editor: PaperEditor

beforeEach(() => {
  opener = document.createElement('button')
  opener.textContent = 'Edit'
  document.body.replaceChildren(opener)
  known = ['NLP', 'Reinforcement Learning', 'vision', 'Optimization']
  save = vi.fn(async () => {})
  editor = new PaperEditor(document, { knownTags: () => known, save })
})

afterEach(() => {
  editor.close()
  vi.restoreAllMocks()
})

function open(target: Paper = paper()): HTMLDialogElement {
  opener.focus()
  editor.open(target)
  return editor.element
}

/** The control a visible label names, through its `for`. */
function labelled(text: string): HTMLInputElement & HTMLTextAreaElement {
  const label = [...editor.element.querySelectorAll('label')].find((candidate) => candidate.textContent === text)
  if (!label) throw new Error(`no label ${text}`)
  const control = document.getElementById(label.htmlFor)
  if (!control) throw new Error(`label ${text} names no control`)
  return control as HTMLInputElement & HTMLTextAreaElement
}

const tagField = () => labelled('Add tag')
const noteField = () => labelled('Note')
const chips = () => [...editor.element.querySelectorAll('.tag-chip > span')].map((chip) => chip.textContent)
const error = () => byRole(editor.element, 'alert').textContent
const suggestions = () => [...document.getElementById(tagField().getAttribute('list')!)!.querySelectorAll('option')].map((o) => o.value)

/** Types into the tag field and presses a key there. */
function typeTag(text: string, keyName = 'Enter'): KeyboardEvent {
  tagField().value = text
  return key(tagField(), keyName)
}

function clickSave(): void {
  byRole(editor.element, 'button', 'Save').click()
}

describe('PaperEditor: opening', () => {
  it('opens as a modal dialog titled by the paper, with its tags and note, focus in the tag field', () => {
    const dialog = open()
    expect(dialog.isConnected).toBe(true)
    expect(dialog.open).toBe(true)
    expect(editor.isOpen).toBe(true)
    expect(accessibleName(dialog)).toBe('Edit “Attention Is All You Need”')
    expect(dialog.querySelector('h2')?.textContent).toBe('Edit “Attention Is All You Need”')
    // Only the tags it has now: the removed one is not shown.
    expect(chips()).toEqual(['NLP', 'vision'])
    expect(allByRole(dialog, 'button', /^Remove tag /).map(accessibleName)).toEqual(['Remove tag NLP', 'Remove tag vision'])
    expect(noteField().tagName).toBe('TEXTAREA')
    expect(noteField().value).toBe('Read section 3 again.')
    expect(tagField().value).toBe('')
    expect(document.activeElement).toBe(tagField())
    expect(error()).toBe('')
  })

  it('suggests the shelf’s tags the paper does not have yet', () => {
    open()
    expect(suggestions()).toEqual(['Reinforcement Learning', 'Optimization'])
    typeTag('Optimization')
    expect(suggestions()).toEqual(['Reinforcement Learning'])
  })

  it('shows a paper without tags with no chips, and an empty note', () => {
    open(storedPaper('2401.00001', { title: 'Untagged' }, { starred: true }))
    expect(chips()).toEqual([])
    expect(editor.element.querySelector<HTMLElement>('.editor-chips')!.hidden).toBe(true)
    expect(noteField().value).toBe('')
  })

  it('opened again on another paper, forgets what was typed for the first', () => {
    open()
    typeTag('draft')
    noteField().value = 'changed'
    editor.close()
    open(storedPaper('2401.00001', { title: 'Second' }, { tags: [{ name: 'RL', at: 1 }] }))
    expect(accessibleName(editor.element)).toBe('Edit “Second”')
    expect(chips()).toEqual(['RL'])
    expect(noteField().value).toBe('')
  })
})

describe('PaperEditor: adding and removing tags', () => {
  it('adds the typed tag on Enter and empties the field', () => {
    open()
    const event = typeTag('  transformers  ')
    expect(event.defaultPrevented).toBe(true)
    expect(chips()).toEqual(['NLP', 'vision', 'transformers'])
    expect(tagField().value).toBe('')
  })

  it('adds the typed tag on a comma, which is not typed into the field', () => {
    open()
    const event = typeTag('attention', ',')
    expect(event.defaultPrevented).toBe(true)
    expect(chips()).toEqual(['NLP', 'vision', 'attention'])
    expect(tagField().value).toBe('')
  })

  it('adds each tag of a pasted list', () => {
    open()
    typeTag('a, b; c')
    expect(chips()).toEqual(['NLP', 'vision', 'a', 'b', 'c'])
  })

  it('does nothing on Enter or a comma in an empty field', () => {
    open()
    expect(typeTag('   ').defaultPrevented).toBe(false)
    expect(typeTag('', ',').defaultPrevented).toBe(false)
    expect(chips()).toEqual(['NLP', 'vision'])
  })

  it('keeps the shelf’s spelling of a tag typed in another case', () => {
    open(storedPaper('2401.00001', { title: 'Untagged' }, { starred: true }))
    typeTag('nlp')
    typeTag('REINFORCEMENT learning', ',')
    expect(chips()).toEqual(['NLP', 'Reinforcement Learning'])
  })

  it('ignores a tag the paper has already, whatever its case', () => {
    open()
    typeTag('nlp')
    typeTag('Vision')
    typeTag('new, NEW')
    expect(chips()).toEqual(['NLP', 'vision', 'new'])
    expect(tagField().value).toBe('')
  })

  it('removes a tag with its chip’s button, and focus goes back to the tag field', () => {
    open()
    const remove = byRole(editor.element, 'button', 'Remove tag NLP')
    remove.focus()
    remove.click()
    expect(chips()).toEqual(['vision'])
    expect(allByRole(editor.element, 'button', /^Remove tag /).map(accessibleName)).toEqual(['Remove tag vision'])
    expect(document.activeElement).toBe(tagField())
    expect(suggestions()).toContain('NLP')
  })

  it('Backspace in the empty field removes the last tag, one per press; in a filled field it only edits', () => {
    open()
    key(tagField(), 'Backspace')
    expect(chips()).toEqual(['NLP'])
    tagField().value = 'draf'
    key(tagField(), 'Backspace')
    expect(chips()).toEqual(['NLP'])
    tagField().value = ''
    key(tagField(), 'Backspace')
    expect(chips()).toEqual([])
    key(tagField(), 'Backspace')
    expect(chips()).toEqual([])
  })

  it('refuses a 101st tag with the reason, keeping what was typed', () => {
    open(storedPaper('2401.00001', { title: 'Untagged' }, { starred: true }))
    typeTag(Array.from({ length: 100 }, (_, index) => `tag ${index}`).join(', '))
    expect(chips()).toHaveLength(100)
    expect(error()).toBe('')
    typeTag('one too many')
    expect(chips()).toHaveLength(100)
    expect(chips()).not.toContain('one too many')
    expect(error()).toBe('A paper can have at most 100 tags.')
    expect(tagField().value).toBe('one too many')
    // Room again: the message goes.
    byRole(editor.element, 'button', 'Remove tag tag 0').click()
    typeTag('one too many')
    expect(chips().at(-1)).toBe('one too many')
    expect(error()).toBe('')
  })

  it('shows a tag that looks like markup as text, creating no element', () => {
    open()
    typeTag(HOSTILE)
    expect(chips()).toEqual(['NLP', 'vision', HOSTILE])
    expect(editor.element.querySelector('img')).toBeNull()
    expect(document.querySelector('img')).toBeNull()
    expect(byRole(editor.element, 'button', `Remove tag ${HOSTILE}`)).toBeTruthy()
  })

  it('shows a title that looks like markup as text', () => {
    open(paper({ title: `${HOSTILE} Attention` }))
    expect(editor.element.querySelector('h2')?.textContent).toBe(`Edit “${HOSTILE} Attention”`)
    expect(document.querySelector('img')).toBeNull()
  })
})

describe('PaperEditor: saving and cancelling', () => {
  it('Save sends exactly the tags and the note, then closes and gives focus back', async () => {
    const target = paper()
    open(target)
    typeTag('transformers')
    byRole(editor.element, 'button', 'Remove tag vision').click()
    noteField().value = 'Section 3.2 is the key.'
    clickSave()
    await flush(5)
    expect(save).toHaveBeenCalledTimes(1)
    const [saved, edit] = save.mock.calls[0]!
    expect(saved).toBe(target)
    expect(edit).toStrictEqual({ tags: ['NLP', 'transformers'], note: 'Section 3.2 is the key.' })
    expect(editor.isOpen).toBe(false)
    expect(document.activeElement).toBe(opener)
  })

  it('Save adds a tag still being typed', async () => {
    open()
    tagField().value = 'pending'
    clickSave()
    await flush(5)
    expect(save.mock.calls[0]![1]).toStrictEqual({ tags: ['NLP', 'vision', 'pending'], note: 'Read section 3 again.' })
  })

  it('Save without changes sends the paper’s own tags and note', async () => {
    open()
    clickSave()
    await flush(5)
    expect(save.mock.calls[0]![1]).toStrictEqual({ tags: ['NLP', 'vision'], note: 'Read section 3 again.' })
  })

  it('a failed save shows why and keeps the dialog open with the edit', async () => {
    save.mockRejectedValueOnce(new Error('Paper Shelf did not answer.'))
    open()
    typeTag('draft')
    clickSave()
    await flush(5)
    expect(error()).toBe("Couldn't save: Paper Shelf did not answer.")
    expect(editor.isOpen).toBe(true)
    expect(chips()).toEqual(['NLP', 'vision', 'draft'])
    expect(byRole(editor.element, 'button', 'Save').hasAttribute('disabled')).toBe(false)
    // Trying again works.
    clickSave()
    await flush(5)
    expect(save).toHaveBeenCalledTimes(2)
    expect(editor.isOpen).toBe(false)
  })

  it('Save is disabled while saving', async () => {
    let finish!: () => void
    save.mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)))
    open()
    clickSave()
    await flush(5)
    expect((byRole(editor.element, 'button', 'Save') as HTMLButtonElement).disabled).toBe(true)
    expect(editor.isOpen).toBe(true)
    finish()
    await flush(5)
    expect((byRole(editor.element, 'button', 'Save') as HTMLButtonElement).disabled).toBe(false)
    expect(editor.isOpen).toBe(false)
  })

  it('Cancel closes without saving and gives focus back', async () => {
    open()
    typeTag('draft')
    noteField().value = 'changed'
    byRole(editor.element, 'button', 'Cancel').click()
    await flush(5)
    expect(editor.isOpen).toBe(false)
    expect(save).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(opener)
  })

  it('closing the dialog as Escape does saves nothing and gives focus back', async () => {
    open()
    typeTag('draft')
    // happy-dom does not close a modal dialog on Escape; a browser fires `cancel`, then closes it.
    editor.element.dispatchEvent(new Event('cancel', { cancelable: true }))
    editor.element.close()
    await flush(5)
    expect(editor.isOpen).toBe(false)
    expect(save).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(opener)
  })
})
