import { describe, expect, it } from 'vitest'
import { keyProblem } from '../../../src/core/key-kinds'
import { isPaperKey, paperKeyProblem } from '../../../src/core/validation'

describe('paper key kinds', () => {
  it.each([
    'arxiv:2106.09685',
    'arxiv:hep-th/9901001',
    'doi:10.1145/3442188.3445922',
    'pmid:35417736',
    'openreview:9_oCNR6R9l2',
    's2:516c2035d29bb711be2e027be4ad38224419065a',
    'acl:2023.emnlp-main.1',
    'acl:N04-1001',
    'cvf:CVPR2024/Xu_Bayesian_Diffusion_Models_CVPR_2024',
    'pmlr:v202/dutordoir23a',
    'dblp:conf/nips/VaswaniSPUJGKP17',
    'neurips:0001ca33ba34ce0351e4612b744b3936',
    'scholar:4qAC3XBmStsJ',
    'scholar:xTestUserAAAAJ:u5HHmVD_uO8C',
  ])('accepts the canonical %s', (key) => expect(keyProblem(key)).toBeNull())

  it.each([
    ['javascript:alert(1)', '"javascript" is not a kind of paper key'],
    ['constructor:constructor', '"constructor" is not a kind of paper key'],
    ['__proto__:x', '"__proto__" is not a kind of paper key'],
    ['x:__proto__', '"x" is not a kind of paper key'],
    ['toString:1', '"toString" is not a kind of paper key'],
    [':2106.09685', 'a paper key is a kind, a colon and an id'],
    ['S2:abc', '"S2" is not a kind of paper key'],
    ['arxiv:', 'a key of kind arxiv must hold an arXiv id without version'],
    ['doi:10.1/a b', 'a key of kind doi must hold a normalised DOI'],
    ['2106.09685', 'a paper key is a kind, a colon and an id'],
    ['arxiv:2106.09685v2', 'a key of kind arxiv must hold an arXiv id without version'],
    ['arxiv:math.GT/0309136', 'a key of kind arxiv must hold an arXiv id without version'],
    ['doi:10.1145/ABC', 'a key of kind doi must hold a normalised DOI'],
    ['doi:https://doi.org/10.1145/abc', 'a key of kind doi must hold a normalised DOI'],
    ['pmid:035417736', 'a key of kind pmid must hold a PubMed id'],
    ['s2:516C2035D29BB711BE2E027BE4AD38224419065A', 'a key of kind s2 must hold a Semantic Scholar id (40 lower-case hex digits)'],
    ['openreview:a b', 'a key of kind openreview must hold an OpenReview forum id'],
    ['acl:../../etc', 'a key of kind acl must hold an ACL Anthology id'],
    ['cvf:CVPR2024/../../evil', 'a key of kind cvf must hold a CVF conference and year, then a paper'],
    ['pmlr:v202/../x', 'a key of kind pmlr must hold a PMLR volume and paper'],
    ['dblp:conf/.hidden/x', 'a key of kind dblp must hold a dblp record key'],
    ['neurips:xyz', 'a key of kind neurips must hold a NeurIPS paper hash (32 lower-case hex digits)'],
    ['scholar:abc', "a key of kind scholar must hold a Google Scholar cluster id, or a profile's USER:ID"],
    ['scholar:a:b:c', "a key of kind scholar must hold a Google Scholar cluster id, or a profile's USER:ID"],
  ])('refuses %s: %s', (key, problem) => expect(keyProblem(key)).toBe(problem))

  it('refuses what is not a string, or too long, before looking at its kind', () => {
    expect(paperKeyProblem(42)).toMatch(/^a paper key must be 1–\d+ characters$/)
    expect(paperKeyProblem('')).toMatch(/^a paper key must be/)
    expect(isPaperKey(`doi:10.1/${'x'.repeat(300)}`)).toBe(false)
    expect(isPaperKey('arxiv:2106.09685')).toBe(true)
  })
})
