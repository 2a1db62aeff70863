/**
 * The handler, run only for events the browser dispatched for the reader's own input. A page's scripts can click our buttons
 * (`button.click()`) and dispatch key presses too; what they dispatch must not star, read or act for the reader.
 */
export function trusted<E extends Event>(handler: (event: E) => void): (event: E) => void {
  return (event) => {
    if (event.isTrusted) handler(event)
  }
}
