import { RXIV_PAGE_PATHS, rxivCards, rxivHasNoPapers, type RxivServer } from './lib/openrxiv'
import { defineSite } from './site'

const SERVER: RxivServer = { site: 'medrxiv', host: 'www.medrxiv.org' }

export const medrxiv = defineSite({
  id: 'medrxiv',
  label: 'medRxiv',
  pages: RXIV_PAGE_PATHS.map((path) => `https://${SERVER.host}${path}`),
  findCards: (doc, url) => rxivCards(doc, url, SERVER),
  hasNoPapers: rxivHasNoPapers,
  examples: [
    {
      name: 'search',
      url: `https://${SERVER.host}/search/ClinGen%20jcode%3Amedrxiv%20numresults%3A10`,
      fixture: 'search.html',
      keys: ['doi:10.1101/2021.02.12.21251663'],
    },
  ],
})
