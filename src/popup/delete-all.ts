import type { ShelfClient } from '../client/shelf-client'
import { isOnShelf } from '../core/marks'
import { h, setText } from './dom'

/** What the reader types to confirm: a word, so no stray click or key press deletes a shelf. */
export const DELETE_ALL_WORD = 'DELETE'

const plural = (count: number) => `${count.toLocaleString('en')} ${count === 1 ? 'paper' : 'papers'}`

/**
 * Settings' "Delete all papers": a button that opens a confirmation asking to type DELETE; only then
 * is every paper deleted, with its marks, tags and note. The seen history and settings stay.
 */
export function createDeleteAll(doc: Document, idPrefix: string, shelf: ShelfClient, report: (message: string) => void) {
  const open = h(doc, 'button', { type: 'button', class: 'button danger' }, 'Delete all papers…')
  const inputId = `${idPrefix}-delete-all-word`
  const explanation = h(doc, 'p', { class: 'confirm-text' })
  const word = h(doc, 'input', { id: inputId, type: 'text', class: 'field confirm-word', autocomplete: 'off', spellcheck: 'false' })
  const confirmDelete = h(doc, 'button', { type: 'button', class: 'button danger', disabled: '' }, 'Delete all')
  const cancel = h(doc, 'button', { type: 'button', class: 'button' }, 'Cancel')
  const confirm = h(
    doc,
    'div',
    { class: 'confirm', role: 'group', 'aria-label': 'Confirm deleting every paper' },
    explanation,
    h(doc, 'label', { for: inputId }, `Type ${DELETE_ALL_WORD} to confirm`),
    word,
    confirmDelete,
    cancel,
  )
  confirm.hidden = true
  const element = h(
    doc,
    'div',
    { class: 'settings-group delete-all' },
    h(doc, 'h3', { class: 'settings-subtitle' }, 'Your shelf'),
    open,
    confirm,
  )

  function close(): void {
    confirm.hidden = true
    open.hidden = false
    word.value = ''
    confirmDelete.disabled = true
  }

  open.addEventListener('click', () => {
    const count = shelf.papers().filter(isOnShelf).length
    setText(
      explanation,
      `This deletes all ${plural(count)} on your shelf with their stars, read marks, tags and notes, and on your other computers too when sync is on. Export a JSON backup first if you may want them back.`,
    )
    confirm.hidden = false
    open.hidden = true
    word.focus()
  })
  word.addEventListener('input', () => {
    confirmDelete.disabled = word.value.trim() !== DELETE_ALL_WORD
  })
  cancel.addEventListener('click', () => {
    close()
    open.focus()
  })
  confirmDelete.addEventListener('click', () => {
    if (word.value.trim() !== DELETE_ALL_WORD) return
    confirmDelete.disabled = true
    shelf
      .list()
      .then((papers) => shelf.deletePapers(papers.map((paper) => paper.key)))
      .then((deleted) => report(`Deleted ${plural(deleted.filter(isOnShelf).length)}. Your settings and seen history are kept.`))
      .catch((error: unknown) => report(`Couldn't delete your papers: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        close()
        open.focus()
      })
  })

  return { element, close }
}
