/** Adds a stylesheet to the page once: a second call with the same `id` changes nothing. */
export function addStyleOnce(doc: Document, id: string, css: string): void {
  if (doc.getElementById(id)) return
  const style = doc.createElement('style')
  style.id = id
  style.textContent = css
  // At document_start the page may have no head yet.
  ;(doc.head ?? doc.documentElement).append(style)
}
