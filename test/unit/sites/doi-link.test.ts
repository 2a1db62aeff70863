import { describe, expect, it } from 'vitest'
import { doiFromLink } from '../../../src/sites/lib/doi'

describe('doiFromLink', () => {
  it.each([
    ['https://doi.org/10.18653/v1/2023.acl-long.1', '10.18653/v1/2023.acl-long.1'],
    ['http://DX.DOI.ORG/10.1145/3292500.3330701', '10.1145/3292500.3330701'],
    ['https://dl.acm.org/doi/abs/10.1145/3292500.3330701', '10.1145/3292500.3330701'],
    ['https://onlinelibrary.wiley.com/doi/full/10.1002/jqs.691/', '10.1002/jqs.691'],
    ['https://onlinelibrary.wiley.com/%64oi/10.1002/jqs.691', '10.1002/jqs.691'],
  ])('reads %s', (href, doi) => {
    expect(doiFromLink(href)).toBe(doi)
  })

  it.each([
    'https://proceedings.mlr.press/v202/smith23a.html',
    'https://openreview.net/forum?id=abc123',
    'https://example.org/papers/10.1145/3292500.3330701',
    'https://doi.org/10.48550/arXiv.2106.09685',
    'javascript:alert(1)//doi.org/10.1145/1',
    'not a link',
  ])('finds no DOI in %s', (href) => {
    expect(doiFromLink(href)).toBeUndefined()
  })
})
