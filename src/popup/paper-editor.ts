import { LIMITS } from '../core/limits'
import { plainText } from '../core/export/text'
import type { Paper } from '../core/paper'
import { presentTags, tagIdentity, tagList } from '../core/tag-set'
import { h, setText } from './dom'

/** What the editor saves: the tags the paper should have and its note. */
export interface PaperEdit {
  tags: string[]
  note: string
}

export interface PaperEditorOptions {
  /** Every tag on the shelf, most used first: what the tag field suggests. */
  knownTags(): readonly string[]
  /** Saves the edit; rejects with a reason the editor shows. */
  save(paper: Paper, edit: PaperEdit): Promise<void>
}

let editors = 0

/**
 * A dialog that edits one paper's tags and note. Tags are chips with a remove button each; typing
 * a tag and pressing Enter or a comma adds it, with the shelf's tags suggested as one types (a tag
 * already on the shelf keeps its spelling whatever the case typed). Escape or Cancel closes without
 * saving.
 */
export class PaperEditor {
  readonly element: HTMLDialogElement
  private readonly heading: HTMLHeadingElement
  private readonly chips: HTMLUListElement
  private readonly tagInput: HTMLInputElement
  private readonly suggestions: HTMLDataListElement
  private readonly note: HTMLTextAreaElement
  private readonly error: HTMLParagraphElement
  private readonly saveButton: HTMLButtonElement
  private paper: Paper | undefined
  private tags: string[] = []
  private returnFocus: HTMLElement | null = null

  constructor(
    private readonly doc: Document,
    private readonly options: PaperEditorOptions,
  ) {
    const id = `paper-editor-${++editors}`
    this.heading = h(doc, 'h2', { id: `${id}-title`, class: 'editor-title', dir: 'auto' })
    this.chips = h(doc, 'ul', { class: 'tag-chips editor-chips', 'aria-label': 'Tags' })
    this.suggestions = h(doc, 'datalist', { id: `${id}-tags` })
    this.tagInput = h(doc, 'input', {
      id: `${id}-tag`,
      class: 'field editor-input',
      type: 'text',
      list: `${id}-tags`,
      maxlength: String(LIMITS.tagLength),
      autocomplete: 'off',
      placeholder: 'Type a tag and press Enter',
    })
    this.note = h(doc, 'textarea', { id: `${id}-note`, class: 'field editor-note', rows: '5', maxlength: String(LIMITS.readerNoteLength) })
    this.error = h(doc, 'p', { class: 'editor-error', role: 'alert' })
    this.saveButton = h(doc, 'button', { type: 'submit', class: 'button button-primary' }, 'Save')
    const cancel = h(doc, 'button', { type: 'button', class: 'button', value: 'cancel' }, 'Cancel')
    const form = h(
      doc,
      'form',
      { method: 'dialog', class: 'editor-form' },
      this.heading,
      this.chips,
      h(doc, 'label', { for: this.tagInput.id, class: 'editor-label' }, 'Add tag'),
      this.tagInput,
      this.suggestions,
      h(doc, 'label', { for: this.note.id, class: 'editor-label' }, 'Note'),
      this.note,
      this.error,
      h(doc, 'div', { class: 'editor-actions' }, cancel, this.saveButton),
    )
    this.element = h(doc, 'dialog', { class: 'paper-editor', 'aria-labelledby': this.heading.id }, form)

    this.tagInput.addEventListener('keydown', (event) => {
      if ((event.key === 'Enter' || event.key === ',') && this.tagInput.value.trim()) {
        event.preventDefault()
        this.addTyped()
      } else if (event.key === 'Backspace' && this.tagInput.value === '' && this.tags.length > 0) {
        this.removeTag(this.tags.length - 1)
      }
    })
    // Picking a suggestion fills the field without a key press.
    this.tagInput.addEventListener('change', () => {
      if (this.tagInput.value.trim()) this.addTyped()
    })
    this.chips.addEventListener('click', (event) => {
      const button = (event.target as Element).closest('button[data-tag-index]')
      if (button) this.removeTag(Number(button.getAttribute('data-tag-index')))
    })
    cancel.addEventListener('click', () => this.close())
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      void this.submit()
    })
    this.element.addEventListener('close', () => this.restoreFocus())
  }

  /** Opens the editor on a paper, focus in the tag field. */
  open(paper: Paper): void {
    this.paper = paper
    this.returnFocus = this.doc.activeElement instanceof HTMLElement ? this.doc.activeElement : null
    setText(this.heading, `Edit “${plainText(paper.title)}”`)
    this.tags = presentTags(paper.marks.tags.value)
    this.tagInput.value = ''
    this.note.value = paper.marks.note.value
    setText(this.error, '')
    this.renderChips()
    this.renderSuggestions()
    if (!this.element.isConnected) this.doc.body.append(this.element)
    if (!this.element.open) this.element.showModal()
    this.tagInput.focus()
  }

  get isOpen(): boolean {
    return this.element.open
  }

  close(): void {
    if (this.element.open) this.element.close()
  }

  private addTyped(): void {
    const known = new Map(this.options.knownTags().map((tag) => [tagIdentity(tag), tag]))
    const typed = tagList(this.tagInput.value.split(/[,;]/)).map((tag) => known.get(tagIdentity(tag)) ?? tag)
    const next = tagList([...this.tags, ...typed])
    if (next.length > LIMITS.tagsPerPaper) {
      setText(this.error, `A paper can have at most ${LIMITS.tagsPerPaper} tags.`)
      return
    }
    this.tags = next
    this.tagInput.value = ''
    setText(this.error, '')
    this.renderChips()
    this.renderSuggestions()
  }

  private removeTag(index: number): void {
    this.tags = this.tags.filter((_, i) => i !== index)
    this.renderChips()
    this.renderSuggestions()
    this.tagInput.focus()
  }

  private renderChips(): void {
    this.chips.replaceChildren(
      ...this.tags.map((tag, index) =>
        h(
          this.doc,
          'li',
          { class: 'tag-chip' },
          h(this.doc, 'span', { dir: 'auto' }, tag),
          h(
            this.doc,
            'button',
            { type: 'button', class: 'tag-remove', 'data-tag-index': String(index), 'aria-label': `Remove tag ${tag}` },
            '×',
          ),
        ),
      ),
    )
    this.chips.hidden = this.tags.length === 0
  }

  private renderSuggestions(): void {
    const own = new Set(this.tags.map(tagIdentity))
    const offered = this.options
      .knownTags()
      .filter((tag) => !own.has(tagIdentity(tag)))
      .slice(0, 200)
    this.suggestions.replaceChildren(...offered.map((tag) => h(this.doc, 'option', { value: tag })))
  }

  private async submit(): Promise<void> {
    const paper = this.paper
    if (!paper) return
    if (this.tagInput.value.trim()) this.addTyped()
    this.saveButton.disabled = true
    try {
      await this.options.save(paper, { tags: this.tags, note: this.note.value })
      this.close()
    } catch (error) {
      setText(this.error, `Couldn't save: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      this.saveButton.disabled = false
    }
  }

  private restoreFocus(): void {
    if (this.returnFocus?.isConnected) this.returnFocus.focus()
    this.returnFocus = null
  }
}
