import { describe, expect, it } from 'vitest'
import { isPaperKey } from '../../../src/core/validation'

describe('paper keys', () => {
  it.each(['arxiv:2106.09685', 'doi:10.1145/3442188.3445922', 'pmid:35417736', 's2:516c2035d29bb711be2e027be4ad38224419065a'])(
    'accepts %s',
    (key) => expect(isPaperKey(key)).toBe(true),
  )

  it.each(['no key', 'arxiv:', ':2106.09685', '2s:abc', 'S2:abc', 'doi:10.1/a b', `doi:10.1/${'x'.repeat(300)}`])('rejects %s', (key) =>
    expect(isPaperKey(key)).toBe(false),
  )
})
