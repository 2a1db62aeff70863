import { SettingsClient } from '../client/settings-client'
import { ShelfClient } from '../client/shelf-client'
import { answerPageStatus, extensionContextGone, onPapersChanged, onPapersDeleted, onSettingsChanged, request } from '../platform/messaging'
import type { SiteAdapter } from '../sites/site'
import { afterLoad } from './after-load'
import { installControlStyles } from './control-styles'
import { PageSession } from './page-session'
import { reserveSlots } from './reserved-slots'

/**
 * Runs Paper Shelf on a page of `site`. Each site has a script of its own (built from its declaration),
 * so a page loads the reader of its site and no other.
 */
export function runContentScript(site: SiteAdapter): void {
  const adapterFor = (url: URL) => (site.matches(url) ? site : undefined)
  reserveSlots(document, adapterFor(new URL(location.href))?.reservedSlots)
  const client = new ShelfClient({ request, subscribe: onPapersChanged, subscribeDeleted: onPapersDeleted })
  const settings = new SettingsClient({ request, subscribe: onSettingsChanged })
  // Asked now, so the settings are there by the time the page has loaded and its cards are painted.
  settings.load().catch(() => undefined)
  const session = new PageSession({ window, client, settings, adapterFor, contextGone: extensionContextGone })
  answerPageStatus(() => session.pageStatus())

  // The script is injected at document_start, so the browser does not hold the page's load event for
  // it; the page's cards are read once the page has loaded.
  afterLoad(window, () => {
    // User Timing marks show in the browser's performance tools (and the benchmark reads them).
    performance.mark('paper-shelf:start')
    installControlStyles(document)
    const annotated = session.start()
    performance.measure('paper-shelf:first-task', 'paper-shelf:start')
    void annotated.then(() => performance.measure('paper-shelf:annotated', 'paper-shelf:start'))
  })

  // Leaving the page (or entering the back/forward cache) ends the session; coming back resumes it.
  window.addEventListener('pagehide', () => session.stop())
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return
    void session.start()
    void session.refresh()
  })
}
