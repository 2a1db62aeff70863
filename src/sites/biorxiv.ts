import { RXIV_PAGE_PATHS, rxivCards, rxivHasNoPapers, type RxivServer } from './lib/openrxiv'
import { defineSite } from './site'

const SERVER: RxivServer = { site: 'biorxiv', host: 'www.biorxiv.org' }

const COLLECTION_KEYS = ['doi:10.1101/2020.02.02.931162', 'doi:10.1101/823724', 'doi:10.1101/827196']

export const biorxiv = defineSite({
  id: 'biorxiv',
  label: 'bioRxiv',
  pages: RXIV_PAGE_PATHS.map((path) => `https://${SERVER.host}${path}`),
  findCards: (doc, url) => rxivCards(doc, url, SERVER),
  hasNoPapers: rxivHasNoPapers,
  examples: [
    { name: 'collection', url: `https://${SERVER.host}/collection/ecology`, fixture: 'collection.html', keys: COLLECTION_KEYS },
    {
      name: 'collectionPage2',
      url: `https://${SERVER.host}/collection/ecology?page=1`,
      fixture: 'collection-page-2.html',
      keys: ['doi:10.1101/823930', 'doi:10.1101/709089', 'doi:10.1101/850289'],
    },
    { name: 'recent', url: `https://${SERVER.host}/content/early/recent?page=2`, fixture: 'collection.html', keys: COLLECTION_KEYS },
    {
      name: 'search',
      url: `https://${SERVER.host}/search/climate%252Bchange%20sort%3Arelevance-rank%20numresults%3A10`,
      fixture: 'search.html',
      keys: ['doi:10.1101/2020.01.24.917864', 'doi:10.1101/850289', 'doi:10.1101/641399', 'doi:10.1101/844886', 'doi:10.1101/709089'],
    },
    {
      name: 'article',
      url: `https://${SERVER.host}/content/10.1101/2020.02.02.931162v2`,
      fixture: 'article.html',
      keys: ['doi:10.1101/2020.02.02.931162'],
    },
    {
      name: 'articleFull',
      url: `https://${SERVER.host}/content/10.1101/2020.02.02.931162v2.full`,
      fixture: 'article.html',
      keys: ['doi:10.1101/2020.02.02.931162'],
    },
    {
      name: 'noResults',
      url: `https://${SERVER.host}/search/zzyzx%20qqqxj%20numresults%3A10`,
      fixture: 'no-results.html',
      keys: [],
      noCards: 'nothingListed',
    },
    {
      name: 'changedMarkup',
      url: `https://${SERVER.host}/collection/ecology?page=2`,
      fixture: 'changed-markup.html',
      keys: [],
      noCards: 'layoutChanged',
    },
  ],
})
