import browser from 'webextension-polyfill'
import { isPapersChanged, type PapersChanged, type Reply, type ReplyData, type Request } from './protocol'

type RequestOf<T extends Request['type']> = Extract<Request, { type: T }>

/** Sends a request to the background and returns its data, or throws with the background's error. */
export async function request<T extends Request['type']>(message: RequestOf<T>): Promise<ReplyData[T]> {
  const reply = (await browser.runtime.sendMessage(message)) as Reply<T> | undefined
  if (!reply) throw new Error('Paper Shelf did not answer. Reload the page and try again.')
  if (!reply.ok) throw new Error(reply.error)
  const { ok: _ok, ...data } = reply
  return data as unknown as ReplyData[T]
}

/**
 * Calls `listener` for every change the background pushes. Other messages are left unanswered
 * (the listener returns nothing synchronously) so the background can answer them.
 */
export function onPapersChanged(listener: (change: PapersChanged) => void): () => void {
  const handle = (message: unknown): undefined => {
    if (isPapersChanged(message)) listener(message)
    return undefined
  }
  browser.runtime.onMessage.addListener(handle)
  return () => browser.runtime.onMessage.removeListener(handle)
}

/**
 * Answers every runtime message with `handler`. The handler is async so that a native
 * promise reaches the sender (Dexie's own promises would arrive as undefined in Chromium).
 */
export function serveRequests(handler: (message: unknown) => Promise<unknown>): void {
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (isPapersChanged(message)) return undefined
    return handler(message)
  })
}

function supportedPagePatterns(): string[] {
  return (browser.runtime.getManifest().content_scripts ?? []).flatMap((script) => script.matches ?? [])
}

/** Pushes a change to every tab of a supported site and to open extension pages such as the popup. */
export async function broadcast(change: PapersChanged): Promise<void> {
  const tabs = await browser.tabs.query({ url: supportedPagePatterns() })
  const deliveries = tabs.flatMap((tab) => (tab.id === undefined ? [] : [browser.tabs.sendMessage(tab.id, change)]))
  deliveries.push(browser.runtime.sendMessage(change))
  // A tab without the content script, or no popup open, is not an error.
  await Promise.allSettled(deliveries)
}
