import { citationKeyProblem, MAX_CITATION_KEY_LENGTH } from '../core/export/citation-keys'
import { h, setAttr, setText } from './dom'

/** Saves a paper's new citation key; rejects with a sentence for the reader when it is refused. */
export type SaveCitationKey = (citationKey: string) => Promise<void>

/**
 * A paper's citation key in its row: shown as code, with an Edit button that turns it into a small
 * form. Enter or Save stores it, Escape or Cancel gives up; a refused key keeps the form open with
 * the reason beside it.
 */
export class CitationKeyField {
  readonly element: HTMLSpanElement
  /** Focusable while the key is shown; the row restores focus to it after a re-render. */
  readonly editButton: HTMLButtonElement
  private readonly shown: HTMLElement
  private readonly form: HTMLFormElement
  private readonly input: HTMLInputElement
  private readonly error: HTMLSpanElement
  private readonly saveButton: HTMLButtonElement
  private value = ''
  private saving = false

  constructor(
    doc: Document,
    idPrefix: string,
    describedBy: string,
    private readonly save: SaveCitationKey,
  ) {
    this.shown = h(doc, 'code', { class: 'paper-key', title: 'Citation key' })
    this.editButton = h(
      doc,
      'button',
      {
        type: 'button',
        class: 'key-edit',
        'data-control': 'citationKey',
        'aria-label': 'Edit citation key',
        'aria-describedby': describedBy,
      },
      '✎',
    )
    const inputId = `${idPrefix}-input`
    const errorId = `${idPrefix}-error`
    this.input = h(doc, 'input', {
      id: inputId,
      class: 'key-input',
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      maxlength: String(MAX_CITATION_KEY_LENGTH),
      'aria-describedby': errorId,
      'data-control': 'citationKeyInput',
    })
    this.saveButton = h(doc, 'button', { type: 'submit', class: 'key-button' }, 'Save')
    const cancel = h(doc, 'button', { type: 'button', class: 'key-button' }, 'Cancel')
    this.error = h(doc, 'span', { id: errorId, class: 'key-error', role: 'alert' })
    this.form = h(
      doc,
      'form',
      { class: 'key-form' },
      h(doc, 'label', { for: inputId, class: 'key-label' }, 'Citation key'),
      this.input,
      this.saveButton,
      cancel,
      this.error,
    )
    this.form.hidden = true
    this.element = h(doc, 'span', { class: 'key-field' }, this.shown, this.editButton, this.form)

    this.editButton.addEventListener('click', () => this.open())
    cancel.addEventListener('click', () => this.close())
    this.form.addEventListener('submit', (event) => {
      event.preventDefault()
      void this.submit()
    })
    this.input.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return
      event.preventDefault()
      event.stopPropagation()
      this.close()
    })
    this.input.addEventListener('input', () => setText(this.error, ''))
  }

  /** Shows the stored key; an open form keeps what the reader is typing. */
  update(citationKey: string | undefined): void {
    this.value = citationKey ?? ''
    setText(this.shown, this.value)
    this.element.hidden = this.value === '' && this.form.hidden
  }

  get editing(): boolean {
    return !this.form.hidden
  }

  private open(): void {
    this.input.value = this.value
    setText(this.error, '')
    this.form.hidden = false
    this.shown.hidden = true
    this.editButton.hidden = true
    this.input.focus()
    this.input.select()
  }

  private close(): void {
    this.form.hidden = true
    this.shown.hidden = false
    this.editButton.hidden = false
    this.element.hidden = this.value === ''
    this.editButton.focus()
  }

  private async submit(): Promise<void> {
    if (this.saving) return
    const next = this.input.value.trim()
    if (next === this.value) {
      this.close()
      return
    }
    const problem = citationKeyProblem(next)
    if (problem) {
      setText(this.error, problem)
      return
    }
    this.saving = true
    setAttr(this.saveButton, 'aria-disabled', 'true')
    try {
      await this.save(next)
      this.value = next
      setText(this.shown, next)
      this.close()
    } catch (error) {
      setText(this.error, error instanceof Error ? error.message : String(error))
      this.input.focus()
    } finally {
      this.saving = false
      setAttr(this.saveButton, 'aria-disabled', null)
    }
  }
}
