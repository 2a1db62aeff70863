import { cvfPaperUrl, DBLP_KEY, dblpRecordUrl, isCanonicalArxivId, normalizeDoi, PMLR_ID, pmlrUrl, pubmedUrl } from './identity'
import type { PaperKey } from './paper'

/** A kind of paper key: the one form its ids take, and the page a key of a site's own kind names. */
interface KeyKind {
  /** What a canonical id of this kind looks like. */
  readonly form: string
  isCanonical(id: string): boolean
  page?(id: string): string
}

export const PMID = /^[1-9]\d{0,9}$/
/** An OpenReview forum's page. */
export function openReviewForumUrl(id: string): string {
  return `https://openreview.net/forum?id=${id}`
}

/** OpenReview note ids: `rkgpv2VFvr`, `9_oCNR6R9l2`, `vtZzRb1471-`. Case matters. */
export const OPENREVIEW_ID = /^[A-Za-z0-9_-]{1,64}$/
export const SCHOLAR_CLUSTER_ID = /^[A-Za-z0-9_-]{6,40}$/
/** A paper on a Google Scholar profile, which has no cluster id there: `USER:ID` of its `citation_for_view` link. */
const SCHOLAR_PROFILE_ID = /^[A-Za-z0-9_-]{1,40}:[A-Za-z0-9_-]{1,40}$/
/** A CVF paper: its conference and year, then the stem of its page (`CVPR2024/Smith_A_Title_CVPR_2024`). */
const CVF_ID = /^((?:CVPR|ICCV|WACV)\d{4})\/([\w.-]+)$/
/** An ACL Anthology id: `2023.emnlp-main.1` since 2020, `N04-1001` before. */
const ACL_ID = /^(?:\d{4}\.[a-z0-9-]+\.\d+|[A-Z]\d{2}-\d{4})$/

/**
 * Every kind of key a paper can have, the shared ones (`arxiv:`, `doi:`) and each site's own. A key
 * of any other kind, or not in its kind's canonical form, is refused wherever it arrives from.
 */
const KEY_KINDS: Readonly<Record<string, KeyKind>> = {
  arxiv: {
    form: 'an arXiv id without version',
    isCanonical: isCanonicalArxivId,
  },
  doi: { form: 'a normalised DOI', isCanonical: (id) => normalizeDoi(id) === id },
  pmid: { form: 'a PubMed id', isCanonical: (id) => PMID.test(id), page: pubmedUrl },
  openreview: {
    form: 'an OpenReview forum id',
    isCanonical: (id) => OPENREVIEW_ID.test(id),
    page: openReviewForumUrl,
  },
  s2: {
    form: 'a Semantic Scholar id (40 lower-case hex digits)',
    isCanonical: (id) => /^[0-9a-f]{40}$/.test(id),
    page: (id) => `https://www.semanticscholar.org/paper/${id}`,
  },
  acl: { form: 'an ACL Anthology id', isCanonical: (id) => ACL_ID.test(id), page: (id) => `https://aclanthology.org/${id}/` },
  cvf: {
    form: 'a CVF conference and year, then a paper',
    isCanonical: (id) => CVF_ID.test(id),
    page: (id) => {
      const [, event = '', stem = ''] = CVF_ID.exec(id) ?? []
      return cvfPaperUrl(event, stem)
    },
  },
  pmlr: { form: 'a PMLR volume and paper', isCanonical: (id) => PMLR_ID.test(id), page: pmlrUrl },
  dblp: { form: 'a dblp record key', isCanonical: (id) => DBLP_KEY.test(id), page: dblpRecordUrl },
  neurips: { form: 'a NeurIPS paper hash (32 lower-case hex digits)', isCanonical: (id) => /^[0-9a-f]{32}$/.test(id) },
  scholar: {
    form: "a Google Scholar cluster id, or a profile's USER:ID",
    isCanonical: (id) => SCHOLAR_CLUSTER_ID.test(id) || SCHOLAR_PROFILE_ID.test(id),
  },
}

function splitKey(key: string): { kind: KeyKind | undefined; name: string; id: string } {
  const colon = key.indexOf(':')
  const name = colon > 0 ? key.slice(0, colon) : ''
  return { kind: Object.hasOwn(KEY_KINDS, name) ? KEY_KINDS[name] : undefined, name, id: key.slice(colon + 1) }
}

/** What is wrong with a key: an unknown kind, or an id not in its kind's canonical form. Null when fine. */
export function keyProblem(key: string): string | null {
  const { kind, name, id } = splitKey(key)
  if (!kind) return name ? `${JSON.stringify(name.slice(0, 40))} is not a kind of paper key` : 'a paper key is a kind, a colon and an id'
  return kind.isCanonical(id) ? null : `a key of kind ${name} must hold ${kind.form}`
}

/** The page a key of a site's own kind names; undefined for shared kinds (they have links of their own) and bad keys. */
export function keyPageUrl(key: PaperKey): string | undefined {
  const { kind, id } = splitKey(key)
  return kind?.page && kind.isCanonical(id) ? kind.page(id) : undefined
}
