import { LIMITS } from '../core/limits'
import { fail, isHttpsUrl, isPaperKey, isRecord, METADATA_FIELDS, metadataProblem, type Parsed } from '../core/validation'
import type { Flags, Paper, PaperKey, PaperRef, PaperState, SiteId } from '../core/paper'

/** Requests that content scripts and the popup send to the background. */
export type Request =
  | { type: 'lookup'; keys: PaperKey[] }
  | { type: 'remember'; refs: PaperRef[] }
  | { type: 'setFlags'; key: PaperKey; changes: Partial<Flags>; ref?: PaperRef }
  | { type: 'list' }
  | { type: 'importBackup'; text: string }

export type RequestType = Request['type']

/** What the background answers to each request type when it succeeds. */
export interface ReplyData {
  lookup: { states: PaperState[] }
  remember: { updated: number }
  setFlags: { paper: Paper }
  list: { papers: Paper[] }
  importBackup: ImportSummary
}

/** What an import changed: papers new to the shelf, papers that took newer data, papers left as they were. */
export interface ImportSummary {
  added: number
  updated: number
  unchanged: number
}

export type Reply<T extends RequestType> = ({ ok: true } & ReplyData[T]) | { ok: false; error: string }

/** Pushed by the background to every tab and extension page after a write. */
export interface PapersChanged {
  type: 'papersChanged'
  papers: Paper[]
}

const SITES: readonly SiteId[] = ['huggingface', 'arxiv']
const REF_FIELDS = new Set<string>(['key', ...METADATA_FIELDS, 'site', 'url'])

/** Checks one paper reference from a page field by field; the first problem found is the error. */
export function parsePaperRef(value: unknown): Parsed<PaperRef> {
  if (!isRecord(value)) return fail('a paper must be an object')
  if (!isPaperKey(value.key)) return fail('a paper needs a valid key')
  const problem =
    metadataProblem(value) ??
    (SITES.includes(value.site as SiteId) ? null : 'unknown site') ??
    (isHttpsUrl(value.url) ? null : 'url must be https') ??
    Object.keys(value)
      .filter((field) => !REF_FIELDS.has(field))
      .map((field) => `unexpected field ${field}`)[0] ??
    null
  return problem ? fail(`paper ${value.key}: ${problem}`) : { ok: true, value: value as unknown as PaperRef }
}

function parseFlagChanges(value: unknown): Parsed<Partial<Flags>> {
  if (!isRecord(value)) return fail('changes must be an object')
  const fields = Object.keys(value)
  if (fields.length === 0) return fail('changes must set starred or read')
  for (const field of fields) {
    if (field !== 'starred' && field !== 'read') return fail(`unknown flag ${field}`)
    if (typeof value[field] !== 'boolean') return fail(`${field} must be true or false`)
  }
  return { ok: true, value: value as Partial<Flags> }
}

/** Validates anything that reached the background. Unknown or malformed messages get an error. */
export function parseRequest(message: unknown): Parsed<Request> {
  if (!isRecord(message)) return fail('message must be an object')
  switch (message.type) {
    case 'lookup': {
      const { keys } = message
      if (!Array.isArray(keys) || keys.length > LIMITS.keysPerLookup || !keys.every(isPaperKey)) {
        return fail(`lookup needs up to ${LIMITS.keysPerLookup} paper keys`)
      }
      return { ok: true, value: { type: 'lookup', keys } }
    }
    case 'remember': {
      const { refs } = message
      if (!Array.isArray(refs) || refs.length > LIMITS.refsPerMessage) return fail('remember needs a list of papers')
      const parsed: PaperRef[] = []
      for (const ref of refs) {
        const result = parsePaperRef(ref)
        if (!result.ok) return result
        parsed.push(result.value)
      }
      return { ok: true, value: { type: 'remember', refs: parsed } }
    }
    case 'setFlags': {
      if (!isPaperKey(message.key)) return fail('setFlags needs a paper key')
      const changes = parseFlagChanges(message.changes)
      if (!changes.ok) return changes
      if (message.ref === undefined) return { ok: true, value: { type: 'setFlags', key: message.key, changes: changes.value } }
      const ref = parsePaperRef(message.ref)
      if (!ref.ok) return ref
      if (ref.value.key !== message.key) return fail('setFlags: the paper does not match the key')
      return { ok: true, value: { type: 'setFlags', key: message.key, changes: changes.value, ref: ref.value } }
    }
    case 'list':
      return { ok: true, value: { type: 'list' } }
    case 'importBackup':
      if (typeof message.text !== 'string' || message.text.length > LIMITS.backupLength) {
        return fail(`importBackup needs the backup file's text (at most ${LIMITS.backupLength / 1_000_000} MB)`)
      }
      return { ok: true, value: { type: 'importBackup', text: message.text } }
    default:
      return fail(`unknown message type ${JSON.stringify(String(message.type)).slice(0, 60)}`)
  }
}

export function isPapersChanged(message: unknown): message is PapersChanged {
  return isRecord(message) && message.type === 'papersChanged' && Array.isArray(message.papers)
}
