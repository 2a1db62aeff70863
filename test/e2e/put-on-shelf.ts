import { expect } from 'vitest'
import type { Paper } from '../../src/core/paper'
import type { ExtensionUnderTest } from './harness'

/** Puts papers on the shelf through the background, merged as a backup's are, from a popup opened for it. */
export async function putOnShelf(extension: ExtensionUnderTest, papers: Paper[]): Promise<void> {
  const popup = await extension.openPopup()
  const reply = await popup.evaluate(async (json) => {
    type Extension = { runtime: { sendMessage(message: unknown): Promise<unknown> } }
    const { browser, chrome } = globalThis as unknown as { browser?: Extension; chrome: Extension }
    return JSON.stringify(await (browser ?? chrome).runtime.sendMessage({ type: 'importPapers', papers: JSON.parse(json) }))
  }, JSON.stringify(papers))
  expect(JSON.parse(reply)).toMatchObject({ ok: true })
  await popup.close()
}
