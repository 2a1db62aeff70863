import { LIMITS } from '../core/limits'
import type { Flags, Paper, PaperKey, PaperRef, PaperState, SiteId } from '../core/paper'

/** Requests that content scripts and the popup send to the background. */
export type Request =
  | { type: 'lookup'; keys: PaperKey[] }
  | { type: 'remember'; refs: PaperRef[] }
  | { type: 'setFlags'; key: PaperKey; changes: Partial<Flags>; ref?: PaperRef }
  | { type: 'list' }

export type RequestType = Request['type']

/** What the background answers to each request type when it succeeds. */
export interface ReplyData {
  lookup: { states: PaperState[] }
  remember: { updated: number }
  setFlags: { paper: Paper }
  list: { papers: Paper[] }
}

export type Reply<T extends RequestType> = ({ ok: true } & ReplyData[T]) | { ok: false; error: string }

/** Pushed by the background to every tab and extension page after a write. */
export interface PapersChanged {
  type: 'papersChanged'
  papers: Paper[]
}

const SITES: readonly SiteId[] = ['huggingface', 'arxiv']

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error })

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isBoundedString(value: unknown, max: number, allowEmpty = false): value is string {
  return typeof value === 'string' && value.length <= max && (allowEmpty || value.length > 0)
}

function isKey(value: unknown): value is PaperKey {
  return isBoundedString(value, LIMITS.keyLength) && /^[a-z]+:\S+$/.test(value)
}

function isHttpsUrl(value: unknown): value is string {
  if (!isBoundedString(value, LIMITS.urlLength)) return false
  try {
    return new URL(value).protocol === 'https:'
  } catch {
    return false
  }
}

function optional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || check(value)
}

/** Checks one paper reference field by field; the first problem found is the error. */
export function parsePaperRef(value: unknown): Parsed<PaperRef> {
  if (!isRecord(value)) return fail('a paper must be an object')
  if (!isKey(value.key)) return fail('a paper needs a valid key')
  if (!isBoundedString(value.title, LIMITS.titleLength)) return fail(`paper ${value.key}: title must be 1–${LIMITS.titleLength} characters`)
  if (
    !Array.isArray(value.authors) ||
    value.authors.length > LIMITS.authorCount ||
    !value.authors.every((author) => isBoundedString(author, LIMITS.authorLength))
  ) {
    return fail(`paper ${value.key}: authors must be a list of names`)
  }
  if (!optional(value.arxivId, (v) => isBoundedString(v, LIMITS.keyLength))) return fail(`paper ${value.key}: bad arXiv id`)
  if (!optional(value.version, (v) => Number.isInteger(v) && (v as number) > 0 && (v as number) < 10_000)) {
    return fail(`paper ${value.key}: bad version`)
  }
  if (!optional(value.doi, (v) => isBoundedString(v, LIMITS.keyLength))) return fail(`paper ${value.key}: bad DOI`)
  if (!optional(value.abstract, (v) => isBoundedString(v, LIMITS.abstractLength, true))) return fail(`paper ${value.key}: abstract too long`)
  if (!optional(value.published, (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))) {
    return fail(`paper ${value.key}: published must be YYYY-MM-DD`)
  }
  for (const field of ['primaryCategory', 'comments', 'journalRef'] as const) {
    if (!optional(value[field], (v) => isBoundedString(v, LIMITS.noteLength))) return fail(`paper ${value.key}: bad ${field}`)
  }
  if (!SITES.includes(value.site as SiteId)) return fail(`paper ${value.key}: unknown site`)
  if (!isHttpsUrl(value.url)) return fail(`paper ${value.key}: url must be https`)
  const known = new Set([
    'key', 'title', 'authors', 'arxivId', 'version', 'doi', 'abstract', 'published',
    'primaryCategory', 'comments', 'journalRef', 'site', 'url',
  ])
  const extra = Object.keys(value).find((field) => !known.has(field))
  if (extra) return fail(`paper ${value.key}: unexpected field ${extra}`)
  return { ok: true, value: value as unknown as PaperRef }
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
      if (!Array.isArray(keys) || keys.length > LIMITS.keysPerLookup || !keys.every(isKey)) {
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
      if (!isKey(message.key)) return fail('setFlags needs a paper key')
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
    default:
      return fail(`unknown message type ${JSON.stringify(String(message.type)).slice(0, 60)}`)
  }
}

export function isPapersChanged(message: unknown): message is PapersChanged {
  return isRecord(message) && message.type === 'papersChanged' && Array.isArray(message.papers)
}
