import { isRecord } from '../core/validation'

/**
 * What an extension page (the popup) asks the content script of a tab, and its answer. These go from
 * the page to one tab (`tabs.sendMessage`), never through the background.
 */
export interface PageStatusRequest {
  type: 'pageStatus'
}

/**
 * What the content script made of its page's layout: `pending` until the page has settled,
 * `recognised` once it found cards, `nothingListed` when the page says it lists nothing, and
 * `notRecognised` when a supported page settled without a card the site could read.
 */
export const LAYOUT_VERDICTS = ['pending', 'recognised', 'nothingListed', 'notRecognised'] as const

export type LayoutVerdict = (typeof LAYOUT_VERDICTS)[number]

export interface PageStatus {
  layout: LayoutVerdict
}

export const PAGE_STATUS_REQUEST: PageStatusRequest = { type: 'pageStatus' }

export function isPageStatusRequest(message: unknown): message is PageStatusRequest {
  return isRecord(message) && message.type === 'pageStatus' && Object.keys(message).length === 1
}

const isLayoutVerdict = (value: unknown): value is LayoutVerdict => LAYOUT_VERDICTS.some((verdict) => verdict === value)

/** A tab's answer, checked: anything else than a page status is no answer. */
export function parsePageStatus(reply: unknown): PageStatus | undefined {
  if (!isRecord(reply) || !isLayoutVerdict(reply.layout) || Object.keys(reply).length !== 1) return undefined
  return { layout: reply.layout }
}
