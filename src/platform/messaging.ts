import type { Paper, PaperKey } from '../core/paper'
import type { StoredSettings } from '../core/settings'
import { browser } from './browser'
import type { Runtime } from 'webextension-polyfill'
import { isPageStatusRequest, PAGE_STATUS_REQUEST, parsePageStatus, type PageStatus } from './page-status'
import {
  isImportProgress,
  isPapersChanged,
  isPapersDeleted,
  isPush,
  isSettingsChanged,
  isSyncStatusChanged,
  EXTENSION_RESTARTED,
  NO_ANSWER,
  unwrapReply,
  type ImportProgress,
  type MessageSender,
  type ThisExtension,
  type Push,
  type Reply,
  type RequestFn,
  type SyncStatus,
} from './protocol'

/** True when the extension was reloaded or updated under a content script, which then cannot reach it. */
export function extensionContextGone(): boolean {
  try {
    return !browser.runtime?.id
  } catch {
    return true
  }
}

const CONTEXT_INVALIDATED = /context (is )?invalidated/i
/** The browser's words when nothing answered, or the worker stopped before it did. */
const UNANSWERED = /Receiving end does not exist|message port closed before a response/i

/**
 * What the reader is told when a message could not reach the background, instead of the browser's
 * words: the extension was updated or reloaded under the page, or nothing answered.
 */
export function unreachableError(error: unknown, contextGone: () => boolean = extensionContextGone): unknown {
  const message = error instanceof Error ? error.message : String(error)
  if (contextGone() || CONTEXT_INVALIDATED.test(message)) return new Error(EXTENSION_RESTARTED)
  return UNANSWERED.test(message) ? new Error(NO_ANSWER) : error
}

async function send(message: unknown): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage(message)
  } catch (error) {
    throw unreachableError(error)
  }
}

/** Sends a request to the background and returns its data, or throws with the background's error. */
export const request: RequestFn = async (message) => unwrapReply((await send(message)) as Reply<typeof message.type> | undefined)

/** Calls `handle` with every pushed message `isPush` accepts; returns the unsubscribe function. */
function onPush<P>(isPush: (message: unknown) => message is P, handle: (push: P) => void): () => void {
  // Returning nothing synchronously leaves every other message to the listener that answers it.
  const listener = (message: unknown): undefined => {
    if (isPush(message)) handle(message)
    return undefined
  }
  browser.runtime.onMessage.addListener(listener)
  return () => browser.runtime.onMessage.removeListener(listener)
}

/** Calls `listener` with the papers of every change the background pushes. */
export function onPapersChanged(listener: (papers: Paper[]) => void): () => void {
  return onPush(isPapersChanged, (push) => listener(push.papers))
}

/** Calls `listener` with the keys of papers the background says were deleted. */
export function onPapersDeleted(listener: (keys: PaperKey[]) => void): () => void {
  return onPush(isPapersDeleted, (push) => listener(push.keys))
}

/** Calls `listener` with the background's progress while it writes a backup import. */
export function onImportProgress(listener: (progress: ImportProgress) => void): () => void {
  return onPush(isImportProgress, listener)
}

/** Calls `listener` with how syncing goes, each time it changes. */
export function onSyncStatus(listener: (status: SyncStatus) => void): () => void {
  return onPush(isSyncStatusChanged, (push) => listener(push.status))
}

/** Calls `listener` with every change of the settings the background pushes. */
export function onSettingsChanged(listener: (settings: StoredSettings) => void): () => void {
  return onPush(isSettingsChanged, (push) => listener(push.settings))
}

/**
 * Answers the popup's question about this tab's page with `status()` (in a content script). Other
 * messages are left to the other listeners.
 */
export function answerPageStatus(status: () => PageStatus): () => void {
  const handle = (message: unknown): Promise<PageStatus> | undefined =>
    isPageStatusRequest(message) ? Promise.resolve(status()) : undefined
  browser.runtime.onMessage.addListener(handle)
  return () => browser.runtime.onMessage.removeListener(handle)
}

/**
 * What the content script of the active tab of the popup's window says about its page, or undefined
 * when nothing answers (a tab where the content script does not run) or the answer is not a status.
 */
export async function activeTabPageStatus(): Promise<PageStatus | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true })
  if (tab?.id === undefined) return undefined
  try {
    return parsePageStatus(await browser.tabs.sendMessage(tab.id, PAGE_STATUS_REQUEST))
  } catch {
    return undefined
  }
}

/**
 * Answers every runtime message with `handler`. The handler is async so that a native
 * promise reaches the sender (Dexie's own promises would arrive as undefined in Chromium).
 */
export function serveRequests(handler: (message: unknown, sender: MessageSender) => Promise<unknown>): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (isPush(message)) return undefined
    return handler(message, { id: sender.id, url: sender.url })
  })
}

/** This extension as the senders of messages name it: its id, and the origin of its own pages. */
export function thisExtension(): ThisExtension {
  return { id: browser.runtime.id, origin: browser.runtime.getURL('') }
}

function supportedPagePatterns(): string[] {
  return (browser.runtime.getManifest().content_scripts ?? []).flatMap((script) => script.matches ?? [])
}

/** Pushes a change to every tab of a supported site and to open extension pages such as the popup. */
export async function broadcast(change: Push): Promise<void> {
  // Only extension pages follow an import's progress and how syncing goes.
  const tabs =
    change.type === 'importProgress' || change.type === 'syncStatus' ? [] : await browser.tabs.query({ url: supportedPagePatterns() })
  const deliveries = tabs.flatMap((tab) => (tab.id === undefined ? [] : [browser.tabs.sendMessage(tab.id, change)]))
  deliveries.push(browser.runtime.sendMessage(change))
  // A tab without the content script, or no popup open, is not an error.
  await Promise.allSettled(deliveries)
}
