import { describe, expect, it } from 'vitest'
import { arxiv } from '../../../src/sites/arxiv'
import { huggingface } from '../../../src/sites/huggingface'
import { pmlr } from '../../../src/sites/pmlr'
import { listingPlace } from '../../../src/sites/site'

describe('listingPlace', () => {
  it.each([
    ['https://arxiv.org/list/cs.LG/new', arxiv, 'arxiv cs.LG/new'],
    ['https://arxiv.org/list/cs.LG/pastweek?show=25', arxiv, 'arxiv cs.LG/pastweek'],
    ['https://arxiv.org/catchup/cs.LG/2026-07-01', arxiv, 'arxiv catchup cs.LG/2026-07-01'],
    ['https://arxiv.org/search/?query=diffusion&searchtype=all', arxiv, 'arxiv search'],
    ['https://arxiv.org/abs/2404.14219v3', arxiv, 'arxiv abs'],
    ['https://huggingface.co/papers/date/2026-11-20', huggingface, 'huggingface daily 2026-11-20'],
    ['https://huggingface.co/papers', huggingface, 'huggingface daily latest'],
    ['https://huggingface.co/papers?date=2024-04-23', huggingface, 'huggingface daily 2024-04-23'],
    ['https://huggingface.co/papers/week/2024-W17', huggingface, 'huggingface weekly 2024-W17'],
    ['https://huggingface.co/papers/month/2024-04', huggingface, 'huggingface monthly 2024-04'],
    ['https://huggingface.co/papers/trending', huggingface, 'huggingface trending'],
    ['https://huggingface.co/papers?q=3d+reconstruction', huggingface, 'huggingface search'],
    ['https://huggingface.co/papers/2404.14219', huggingface, 'huggingface paper'],
    ['https://proceedings.mlr.press/v235/', pmlr, 'pmlr v235'],
  ])('names the listing at %s as the reader would', (url, site, place) => {
    expect(listingPlace(site, new URL(url))).toBe(place)
  })

  it('stays within the length a sighting may name', () => {
    expect(listingPlace(pmlr, new URL(`https://proceedings.mlr.press/${'v'.repeat(500)}/`))).toHaveLength(200)
  })
})
