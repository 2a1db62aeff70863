import type { CardIdentity, FoundMarks, MarkChanges, Paper, PaperKey, PaperRef } from '../core/paper'
import { isRecord } from '../core/validation'
import type { SettingName, StoredSettings } from '../core/settings'

/**
 * How `listRecent` picks the papers a long list shows first: those added last (the library's default
 * order), or those starred last (the popup's Starred tab, where it opens).
 */
export const RECENT_ORDERS = ['added', 'starred'] as const
export type RecentOrder = (typeof RECENT_ORDERS)[number]

/** Requests that content scripts and the popup send to the background. */
export type Request =
  | { type: 'lookup'; keys: PaperKey[]; identities?: CardIdentity[] }
  | { type: 'remember'; refs: PaperRef[] }
  | { type: 'setMarks'; key: PaperKey; changes: MarkChanges; ref?: PaperRef }
  | { type: 'list'; after?: PaperKey }
  | { type: 'listRecent'; limit: number; order: RecentOrder }
  | { type: 'beginImport'; header: Record<string, unknown>; paperCount: number }
  | { type: 'addToImport'; importId: string; papers: unknown[] }
  | { type: 'finishImport'; importId: string }
  | { type: 'importPapers'; papers: Paper[] }
  | { type: 'deletePapers'; keys: PaperKey[] }
  | { type: 'restorePapers'; papers: Paper[] }
  | { type: 'setCitationKey'; key: PaperKey; citationKey: string }
  | { type: 'recordSightings'; keys: PaperKey[]; place: string }
  | { type: 'countSightings' }
  | { type: 'clearSightings' }
  | { type: 'getSettings' }
  | { type: 'setSetting'; name: SettingName; value: boolean }
  | { type: 'getSyncStatus' }
  | { type: 'getShelfHealth' }
  | { type: 'dismissShelfHealth' }

export type RequestType = Request['type']

export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>

/** What the browser tells of a message's sender: the extension that sent it, and the page or frame it came from. */
export interface MessageSender {
  id?: string
  url?: string
}

/** This extension, as senders name it: its id, and the origin of its pages (`chrome-extension://…/`). */
export interface ThisExtension {
  id: string
  origin: string
}

/** What the background answers to each request type when it succeeds. */
export interface ReplyData {
  /**
   * The marks of the papers among the keys that are on the shelf, found by key or by the keys'
   * identities; other keys are left out. `siteOnly`: the shelf holds papers known only by a site's
   * own id, which cards showing an arXiv id or DOI can find only by their title match key. `seen`:
   * the keys among those asked that were seen on a listing before.
   */
  lookup: { found: FoundMarks[]; siteOnly: boolean; seen: PaperKey[] }
  remember: { updated: number }
  setMarks: { paper: Paper }
  /**
   * The papers the shelf knows after the key `after` (from the first without it), in key order,
   * those with every mark cleared included: as many as fit in one message. `next` is the key to ask
   * after for the rest; absent at the end.
   */
  list: { papers: Paper[]; next?: PaperKey }
  /** The papers on the shelf added (or starred) last, newest first: what a long list shows before the rest arrives. */
  listRecent: { papers: Paper[] }
  /** A backup import is staged: its header was checked, and its papers come in parts under this id. */
  beginImport: { importId: string }
  /** How many of the backup's papers were received and checked so far. */
  addToImport: { received: number }
  /** Every part arrived and was checked: the whole backup was written in one transaction. */
  finishImport: ImportSummary
  /** Papers read from another tool's file, or deleted papers put back: merged like a backup's. */
  importPapers: ImportSummary
  /** The papers deleted, every mark included, so they can be put back. */
  deletePapers: { deleted: Paper[] }
  /** Deleted papers put back as they were: their marks set again, now, where the shelf remembers them cleared. */
  restorePapers: ImportSummary
  setCitationKey: { paper: Paper }
  /** How many papers the sightings were of. */
  recordSightings: { recorded: number }
  countSightings: { count: number }
  /** How many papers were forgotten. */
  clearSightings: { cleared: number }
  getSettings: { settings: StoredSettings }
  setSetting: { settings: StoredSettings }
  getSyncStatus: { status: SyncStatus }
  /** Whether the shelf lost papers it held (its storage cleared or damaged), until the reader dismisses it. */
  getShelfHealth: ShelfHealth
  /** The loss forgotten: the reader knows. */
  dismissShelfHealth: ShelfHealth
}

/** How syncing through the browser's sync storage goes, in this browser. */
export interface SyncStatus {
  on: boolean
  /** Papers with a mark on this shelf, and how many of them sync (the shelf may outgrow the browser's quota). */
  onShelf?: number
  synced?: number
  /** When this browser last wrote to sync storage or took changes from it. */
  lastSyncAt?: number
  /** Why syncing does not work right now, and what to do: for the reader. */
  problem?: string
}

/** What an import changed: papers new to the shelf, papers that took newer data, papers left as they were. */
export interface ImportSummary {
  added: number
  updated: number
  unchanged: number
}

export type Reply<T extends RequestType> = ({ ok: true } & ReplyData[T]) | { ok: false; error: string }

/** Sends one request and resolves with its data, or rejects with the background's error. */
export type RequestFn = <T extends RequestType>(message: RequestOf<T>) => Promise<ReplyData[T]>

/** Pushed by the background to every tab and extension page after a write. */
export interface PapersChanged {
  type: 'papersChanged'
  papers: Paper[]
}

/** Pushed by the background after the reader changed a setting: every setting the reader changed. */
export interface SettingsChanged {
  type: 'settingsChanged'
  settings: StoredSettings
}

/** Pushed by the background after papers were deleted: the keys they were stored under. */
export interface PapersDeleted {
  type: 'papersDeleted'
  keys: PaperKey[]
}

/** Pushed by the background to extension pages while it writes a backup import: how many papers are written. */
export interface ImportProgress {
  type: 'importProgress'
  importId: string
  saved: number
  total: number
}

/** Pushed by the background to extension pages when how syncing goes changed. */
export interface SyncStatusChanged {
  type: 'syncStatus'
  status: SyncStatus
}

export type Push = PapersChanged | PapersDeleted | SettingsChanged | ImportProgress | SyncStatusChanged

/** The background answered and refused the request, which changed nothing. */
export class RefusedRequest extends Error {}

/**
 * A reply's data, or an error: a `RefusedRequest` carrying the background's message, or a plain
 * error when no answer came, when the request may or may not have been carried out.
 */
export function unwrapReply<T extends RequestType>(reply: Reply<T> | undefined): ReplyData[T] {
  if (!reply) throw new Error(NO_ANSWER)
  if (!reply.ok) throw new RefusedRequest(reply.error)
  const { ok: _ok, ...data } = reply
  return data as unknown as ReplyData[T]
}

export function isPapersChanged(message: unknown): message is PapersChanged {
  return isRecord(message) && message.type === 'papersChanged' && Array.isArray(message.papers)
}

export function isPapersDeleted(message: unknown): message is PapersDeleted {
  return isRecord(message) && message.type === 'papersDeleted' && Array.isArray(message.keys)
}

export function isSettingsChanged(message: unknown): message is SettingsChanged {
  return isRecord(message) && message.type === 'settingsChanged' && isRecord(message.settings)
}

export function isImportProgress(message: unknown): message is ImportProgress {
  return (
    isRecord(message) &&
    message.type === 'importProgress' &&
    typeof message.importId === 'string' &&
    typeof message.saved === 'number' &&
    typeof message.total === 'number'
  )
}

export function isSyncStatusChanged(message: unknown): message is SyncStatusChanged {
  return isRecord(message) && message.type === 'syncStatus' && isRecord(message.status) && typeof message.status.on === 'boolean'
}

/** True for what the background pushes, which no one answers. */
export function isPush(message: unknown): message is Push {
  return (
    isPapersChanged(message) ||
    isPapersDeleted(message) ||
    isSettingsChanged(message) ||
    isImportProgress(message) ||
    isSyncStatusChanged(message)
  )
}

/**
 * A shelf that held `lostPapers` papers when last counted (at `lostSince`) and then opened empty,
 * its storage cleared or damaged; `papersNow` is how many it holds now. Empty when nothing was lost.
 */
export interface ShelfHealth {
  lostPapers?: number
  lostSince?: number
  papersNow?: number
}

/** What the reader is told when the background did not answer, when the request may or may not have been carried out. */
export const NO_ANSWER = 'Paper Shelf did not answer. Reload the page and try again.'

/** What a page is told once the extension was updated or reloaded under it: its script cannot reach the extension any more. */
export const EXTENSION_RESTARTED = 'Paper Shelf was updated or restarted. Reload this page to use it again.'
