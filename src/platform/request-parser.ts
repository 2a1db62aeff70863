import { identityProblem, parseStoredPaper } from '../core/backup/paper-schema'
import { citationKeyProblem } from '../core/export/citation-keys'
import { LIMITS } from '../core/limits'
import { markChangesProblem } from '../core/marks'
import type { CardIdentity, MarkChanges, Paper, PaperKey, PaperRef } from '../core/paper'
import { isSettingName } from '../core/settings'
import {
  aliasesProblem,
  fail,
  isBoundedString,
  isPaperKey,
  isRecord,
  METADATA_FIELDS,
  metadataProblem,
  type Parsed,
} from '../core/validation'
import { isSiteId, isSiteLink } from '../sites/registry'
import { RECENT_ORDERS, type RecentOrder, type Request } from './protocol'

/**
 * The checks of everything that reaches the background, apart from the protocol's types so that
 * pages and content scripts, which only send and read replies, do not carry them.
 */

const REF_FIELDS = new Set<string>(['key', 'aliases', ...METADATA_FIELDS, 'site', 'url'])

/** Checks one paper reference from a page field by field; the first problem found is the error. */
export function parsePaperRef(value: unknown): Parsed<PaperRef> {
  if (!isRecord(value)) return fail('a paper must be an object')
  const problem =
    metadataProblem(value) ??
    identityProblem(value) ??
    (typeof value.site === 'string' && typeof value.url === 'string' && isSiteLink(value.site, value.url)
      ? null
      : 'site and url must name a supported site and a page there') ??
    Object.keys(value)
      .filter((field) => !REF_FIELDS.has(field))
      .map((field) => `unexpected field ${field}`)[0] ??
    null
  return problem
    ? fail(`paper ${JSON.stringify(String(value.key).slice(0, 80))}: ${problem}`)
    : { ok: true, value: value as unknown as PaperRef }
}

function isImportId(value: unknown): value is string {
  return isBoundedString(value, 64)
}

/** Checks whole papers as a backup holds them, each once; the first problem names the paper by position. */
function parsePapers(value: unknown): Parsed<Paper[]> {
  if (!Array.isArray(value) || value.length > LIMITS.papersPerImport)
    return fail(`a list of up to ${LIMITS.papersPerImport} papers is needed`)
  const papers: Paper[] = []
  const keys = new Set<PaperKey>()
  for (const [index, item] of value.entries()) {
    const parsed = parseStoredPaper(item, isSiteLink)
    if (!parsed.ok) return fail(`paper ${index + 1}: ${parsed.error}`)
    if (keys.has(parsed.value.key)) return fail(`paper ${index + 1}: the same paper is listed twice`)
    keys.add(parsed.value.key)
    papers.push(parsed.value)
  }
  return { ok: true, value: papers }
}

const IDENTITY_FIELDS = new Set(['key', 'aliases', 'titleKey'])

function parseIdentities(value: unknown): Parsed<CardIdentity[]> {
  if (!Array.isArray(value) || value.length > LIMITS.keysPerLookup)
    return fail(`lookup identities must be a list of up to ${LIMITS.keysPerLookup}`)
  for (const identity of value) {
    if (!isRecord(identity) || !isPaperKey(identity.key)) return fail('each lookup identity needs a paper key')
    const problem =
      aliasesProblem(identity.aliases, identity.key) ??
      (identity.titleKey === undefined || isBoundedString(identity.titleKey, LIMITS.titleLength + LIMITS.authorLength)
        ? null
        : 'a title key must be a short text') ??
      (Object.keys(identity).every((field) => IDENTITY_FIELDS.has(field)) ? null : 'unexpected field')
    if (problem) return fail(`lookup identity ${identity.key}: ${problem}`)
  }
  return { ok: true, value: value as CardIdentity[] }
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
      if (message.identities === undefined) return { ok: true, value: { type: 'lookup', keys } }
      const identities = parseIdentities(message.identities)
      return identities.ok ? { ok: true, value: { type: 'lookup', keys, identities: identities.value } } : identities
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
    case 'setMarks': {
      if (!isPaperKey(message.key)) return fail('setMarks needs a paper key')
      const problem = markChangesProblem(message.changes)
      if (problem) return fail(problem)
      const changes = message.changes as MarkChanges
      if (message.ref === undefined) return { ok: true, value: { type: 'setMarks', key: message.key, changes } }
      const ref = parsePaperRef(message.ref)
      if (!ref.ok) return ref
      if (ref.value.key !== message.key) return fail('setMarks: the paper does not match the key')
      return { ok: true, value: { type: 'setMarks', key: message.key, changes, ref: ref.value } }
    }
    case 'list':
      if (message.after === undefined) return { ok: true, value: { type: 'list' } }
      return isPaperKey(message.after)
        ? { ok: true, value: { type: 'list', after: message.after } }
        : fail('list needs a paper key to list after')
    case 'listRecent': {
      const { limit, order } = message
      if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > LIMITS.recentPapers) {
        return fail(`listRecent needs a number of papers from 1 to ${LIMITS.recentPapers}`)
      }
      if (!RECENT_ORDERS.includes(order as RecentOrder)) return fail(`listRecent needs an order: ${RECENT_ORDERS.join(' or ')}`)
      return { ok: true, value: { type: 'listRecent', limit: limit as number, order: order as RecentOrder } }
    }
    case 'beginImport': {
      const { header, paperCount } = message
      if (!isRecord(header)) return fail("beginImport needs the backup's header")
      if (!Number.isInteger(paperCount) || (paperCount as number) < 0 || (paperCount as number) > LIMITS.papersPerBackup) {
        return fail(`beginImport needs the number of papers, at most ${LIMITS.papersPerBackup}`)
      }
      return { ok: true, value: { type: 'beginImport', header, paperCount: paperCount as number } }
    }
    case 'addToImport': {
      const { importId, papers } = message
      if (!isImportId(importId)) return fail('addToImport needs an import id')
      if (!Array.isArray(papers) || papers.length > LIMITS.papersPerImportPart) {
        return fail(`addToImport needs a list of up to ${LIMITS.papersPerImportPart} papers`)
      }
      return { ok: true, value: { type: 'addToImport', importId, papers } }
    }
    case 'finishImport':
      if (!isImportId(message.importId)) return fail('finishImport needs an import id')
      return { ok: true, value: { type: 'finishImport', importId: message.importId } }
    case 'importPapers':
    case 'restorePapers': {
      const papers = parsePapers(message.papers)
      return papers.ok ? { ok: true, value: { type: message.type, papers: papers.value } } : papers
    }
    case 'deletePapers': {
      const { keys } = message
      if (!Array.isArray(keys) || keys.length > LIMITS.keysPerLookup || !keys.every(isPaperKey)) {
        return fail(`deletePapers needs up to ${LIMITS.keysPerLookup} paper keys`)
      }
      return { ok: true, value: { type: 'deletePapers', keys } }
    }
    case 'setCitationKey': {
      if (!isPaperKey(message.key)) return fail('setCitationKey needs a paper key')
      const problem = citationKeyProblem(message.citationKey)
      if (problem) return fail(problem)
      return { ok: true, value: { type: 'setCitationKey', key: message.key, citationKey: message.citationKey as string } }
    }
    case 'recordSightings': {
      const { keys, place } = message
      if (!Array.isArray(keys) || keys.length > LIMITS.keysPerLookup || !keys.every(isPaperKey)) {
        return fail(`recordSightings needs up to ${LIMITS.keysPerLookup} paper keys`)
      }
      if (!isBoundedString(place, LIMITS.placeLength))
        return fail(`recordSightings needs the listing's name (at most ${LIMITS.placeLength} characters)`)
      return { ok: true, value: { type: 'recordSightings', keys, place } }
    }
    case 'countSightings':
    case 'clearSightings':
    case 'getSettings':
    case 'getSyncStatus':
    case 'getShelfHealth':
    case 'dismissShelfHealth':
      return { ok: true, value: { type: message.type } }
    case 'setSetting':
      if (!isSettingName(message.name, isSiteId)) return fail('setSetting needs the name of a setting')
      if (typeof message.value !== 'boolean') return fail('setSetting needs true or false')
      return { ok: true, value: { type: 'setSetting', name: message.name, value: message.value } }
    default:
      return fail(`unknown message type ${JSON.stringify(String(message.type)).slice(0, 60)}`)
  }
}
