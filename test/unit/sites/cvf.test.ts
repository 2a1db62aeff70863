import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cvf } from '../../../src/sites/cvf'
import type { FoundCard } from '../../../src/sites/site'
import { parseSavedPage, savedFrom, type SavedPage } from './saved-page'

const FIXTURES = new URL('../../fixtures/cvf/', import.meta.url)
const FIXTURE_URLS = savedFrom(cvf.examples)

function load(name: string, at?: string): SavedPage {
  const url = at ?? FIXTURE_URLS[name]
  if (!url) throw new Error(`no fixture ${name}`)
  return parseSavedPage(readFileSync(new URL(name, FIXTURES), 'utf8'), url)
}

const find = (page: SavedPage): FoundCard[] => cvf.findCards(page.doc, page.url)
const ORIGIN = 'https://openaccess.thecvf.com'
const XU = 'Xu_Bayesian_Diffusion_Models_for_3D_Shape_Reconstruction_CVPR_2024'
const ZENG = 'Zeng_Unmixing_Diffusion_for_Self-Supervised_Hyperspectral_Image_Denoising_CVPR_2024'
const WU = 'Wu_Unsupervised_Learning_of_Probably_Symmetric_Deformable_3D_Objects_From_Images_CVPR_2020'
const ALZAYER = 'Alzayer_Seeing_the_World_through_Your_Eyes_CVPR_2024'
const ZHU = 'Zhu_DPMesh_Exploiting_Diffusion_Prior_for_Occluded_Human_Mesh_Recovery_CVPR_2024'

/** Every entry of a listing is its dt.ptitle, with the two dd after it as companions and the controls after the title link. */
function expectEntries(page: SavedPage, cards: FoundCard[]): void {
  const dts = [...page.doc.querySelectorAll('dt.ptitle')]
  expect(cards).toHaveLength(dts.length)
  cards.forEach((card, index) => {
    const dt = dts[index]
    expect(card.element).toBe(dt)
    expect(card.layout).toBe('card')
    expect(card.companions).toEqual([dt?.nextElementSibling, dt?.nextElementSibling?.nextElementSibling])
    expect(card.companions?.map((dd) => dd.localName)).toEqual(['dd', 'dd'])
    expect(card.controlsAfter).toBe(dt?.querySelector('a'))
  })
}

describe('all papers of a conference (?day=all)', () => {
  const page = load('day-all.html')
  const cards = find(page)

  it('finds each entry once, with both its dd as companions and not the "Back" dd before the first', () => {
    expectEntries(page, cards)
    const back = page.doc.querySelector('#content dl > dd')
    expect(cards.flatMap((card) => card.companions ?? [])).not.toContain(back)
  })

  it('keys an entry by the arXiv paper it links, with its CVF id as alias, and by its CVF id otherwise', () => {
    expect(cards.map(({ key, aliases }) => ({ key, aliases }))).toEqual([
      { key: `cvf:CVPR2024/${ZENG}`, aliases: undefined },
      { key: 'arxiv:2306.09348', aliases: [`cvf:CVPR2024/${ALZAYER}`] },
      { key: 'arxiv:2404.01424', aliases: [`cvf:CVPR2024/${ZHU}`] },
      { key: 'arxiv:2403.06973', aliases: [`cvf:CVPR2024/${XU}`] },
    ])
  })

  it('reads title, authors, venue and the paper page; the arXiv id with the ref', () => {
    expect(cards[0]?.ref).toEqual({
      key: `cvf:CVPR2024/${ZENG}`,
      title: 'Unmixing Diffusion for Self-Supervised Hyperspectral Image Denoising',
      authors: ['Haijin Zeng', 'Jiezhang Cao', 'Kai Zhang', 'Yongyong Chen', 'Hiep Luong', 'Wilfried Philips'],
      site: 'cvf',
      url: `${ORIGIN}/content/CVPR2024/html/${ZENG}_paper.html`,
      journalRef: 'CVPR 2024',
    })
    expect(cards[1]?.ref).toEqual({
      key: 'arxiv:2306.09348',
      aliases: [`cvf:CVPR2024/${ALZAYER}`],
      arxivId: '2306.09348',
      title: 'Seeing the World through Your Eyes',
      authors: ['Hadi Alzayer', 'Kevin Zhang', 'Brandon Feng', 'Christopher A. Metzler', 'Jia-Bin Huang'],
      site: 'cvf',
      url: `${ORIGIN}/content/CVPR2024/html/${ALZAYER}_paper.html`,
      journalRef: 'CVPR 2024',
    })
    expect(cards[3]?.ref).toMatchObject({ key: 'arxiv:2403.06973', title: 'Bayesian Diffusion Models for 3D Shape Reconstruction' })
  })

  it('reads a paper only when its details are first used', () => {
    const fresh = load('day-all.html')
    const found = find(fresh)
    const title = fresh.doc.querySelector('dt.ptitle a')
    if (title) title.textContent = 'Renamed after the scan'
    expect(found[0]?.key).toBe(`cvf:CVPR2024/${ZENG}`)
    expect(found[0]?.ref.title).toBe('Renamed after the scan')
  })

  it('keeps hostile text as text', () => {
    const hostile = load('day-all.html')
    const link = hostile.doc.querySelector('dt.ptitle a')
    const author = hostile.doc.querySelector('dt.ptitle + dd form.authsearch a')
    if (!link || !author) throw new Error('fixture changed')
    link.textContent = '<img src=x onerror=alert(1)> Title'
    author.textContent = '<script>alert(1)</script>'
    const [card] = find(hostile)
    expect(card?.ref.title).toBe('<img src=x onerror=alert(1)> Title')
    expect(card?.ref.authors[0]).toBe('<script>alert(1)</script>')
    expect(hostile.doc.querySelector('img[src="x"], dt script')).toBeNull()
  })

  it('takes only the dd up to the next entry, so an entry without its links dd keeps its own key', () => {
    const cut = load('day-all.html')
    const [first, second] = cut.doc.querySelectorAll('dt.ptitle')
    second?.nextElementSibling?.nextElementSibling?.remove()
    first?.nextElementSibling?.nextElementSibling?.remove()
    const found = find(cut)
    expect(found.slice(0, 2).map((card) => card.key)).toEqual([`cvf:CVPR2024/${ZENG}`, `cvf:CVPR2024/${ALZAYER}`])
    expect(found.map((card) => card.companions?.length)).toEqual([1, 1, 2, 2])
  })
})

describe('a day of an older conference (/CVPR2020.py?day=…)', () => {
  const page = load('day-2020.html')
  const cards = find(page)

  it('resolves paths relative to the site root and reads authors from their search forms', () => {
    expectEntries(page, cards)
    expect(cards[0]?.ref).toMatchObject({
      key: `cvf:CVPR2020/${WU}`,
      title: 'Unsupervised Learning of Probably Symmetric Deformable 3D Objects From Images in the Wild',
      authors: ['Shangzhe Wu', 'Christian Rupprecht', 'Andrea Vedaldi'],
      url: `${ORIGIN}/content_CVPR_2020/html/${WU}_paper.html`,
      journalRef: 'CVPR 2020',
    })
  })
})

describe('a paper page', () => {
  const page = load('paper.html')
  const cards = find(page)

  it('is one detail card around the title, keyed by the arXiv paper it links', () => {
    expect(cards).toHaveLength(1)
    const [card] = cards
    const heading = page.doc.getElementById('papertitle')
    expect(card?.layout).toBe('detail')
    expect(card?.element).toBe(heading?.parentElement)
    expect(card?.controlsAfter).toBe(heading)
    expect(card?.key).toBe('arxiv:2403.06973')
    expect(card?.aliases).toEqual([`cvf:CVPR2024/${XU}`])
  })

  it('reads title, authors and the abstract', () => {
    const ref = cards[0]?.ref
    expect(ref?.title).toBe('Bayesian Diffusion Models for 3D Shape Reconstruction')
    expect(ref?.authors).toEqual(['Haiyang Xu', 'Yu Lei', 'Zeyuan Chen', 'Xiang Zhang', 'Yue Zhao', 'Yilin Wang', 'Zhuowen Tu'])
    expect(ref?.abstract).toMatch(/^We present Bayesian Diffusion Models \(BDM\), .* 3D shape reconstruction\.$/)
    expect(ref?.url).toBe(page.url.href)
    expect(ref?.journalRef).toBe('CVPR 2024')
  })

  it('falls back to the byline for authors when the page has no citation tags', () => {
    const bare = load('paper.html')
    for (const meta of bare.doc.querySelectorAll('meta[name="citation_author"]')) meta.remove()
    expect(find(bare)[0]?.ref.authors).toEqual([
      'Haiyang Xu',
      'Yu Lei',
      'Zeyuan Chen',
      'Xiang Zhang',
      'Yue Zhao',
      'Yilin Wang',
      'Zhuowen Tu',
    ])
  })

  it('is keyed by its CVF id when it links no arXiv paper', () => {
    const alone = load('paper.html')
    alone.doc.querySelector('a[href*="arxiv.org"]')?.remove()
    const [card] = find(alone)
    expect(card?.key).toBe(`cvf:CVPR2024/${XU}`)
    expect(card?.aliases).toBeUndefined()
    expect(card?.ref.arxivId).toBeUndefined()
  })
})

describe('pages without papers', () => {
  it('a conference page that lists its days says it lists nothing', () => {
    const page = load('landing.html')
    expect(find(page)).toEqual([])
    expect(cvf.hasNoPapers?.(page.doc, page.url)).toBe(true)
  })

  it('a day page or a listing in changed markup does not', () => {
    const changed = load('changed-markup.html')
    expect(find(changed)).toEqual([])
    expect(cvf.hasNoPapers?.(changed.doc, changed.url)).toBe(false)
    const listing = load('day-all.html')
    expect(cvf.hasNoPapers?.(listing.doc, listing.url)).toBe(false)
  })

  it('a conference page that lists papers itself (WACV has no days) is a listing', () => {
    const page = load('day-all.html', `${ORIGIN}/CVPR2024`)
    expect(find(page).map((card) => card.key)).toEqual([`cvf:CVPR2024/${ZENG}`, 'arxiv:2306.09348', 'arxiv:2404.01424', 'arxiv:2403.06973'])
    expect(cvf.hasNoPapers?.(page.doc, page.url)).toBe(false)
  })
})

describe('pages the site annotates', () => {
  it.each([
    `${ORIGIN}/CVPR2024?day=all`,
    `${ORIGIN}/CVPR2024?day=2024-06-19`,
    `${ORIGIN}/CVPR2024`,
    `${ORIGIN}/ICCV2023?day=all`,
    `${ORIGIN}/WACV2024`,
    `${ORIGIN}/CVPR2020.py?day=2020-06-16`,
    `${ORIGIN}/ICCV2017.py`,
    `${ORIGIN}/content/CVPR2024/html/${XU}_paper.html`,
    `${ORIGIN}/content/WACV2024/html/Zhang_Object-Centric_Video_WACV_2024_paper.html`,
    `${ORIGIN}/content_CVPR_2020/html/${WU}_paper.html`,
    `${ORIGIN}/content_cvpr_2018/html/Das_Embodied_Question_Answering_CVPR_2018_paper.html`,
  ])('%s', (url) => {
    expect(cvf.matches(new URL(url))).toBe(true)
  })

  it.each([
    `${ORIGIN}/`,
    `${ORIGIN}/menu`,
    `${ORIGIN}/CVPR2024_workshops/menu`,
    `${ORIGIN}/CVPR2024_search.py`,
    `${ORIGIN}/ECCV2018`,
    `${ORIGIN}/content/CVPR2024/papers/${XU}_paper.pdf`,
    `${ORIGIN}/content/CVPR2024/supplemental/Xu_Bayesian_Diffusion_Models_CVPR_2024_supplemental.pdf`,
    `${ORIGIN}/content/CVPR2024W/ABAW/html/Li_A_Workshop_Paper_CVPRW_2024_paper.html`,
    `http://openaccess.thecvf.com/CVPR2024?day=all`,
    `https://openaccess.thecvf.com.evil.example/CVPR2024?day=all`,
    `https://example.org/content/CVPR2024/html/${XU}_paper.html`,
  ])('not %s', (url) => {
    expect(cvf.matches(new URL(url))).toBe(false)
  })
})
