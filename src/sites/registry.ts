import { arxiv } from './arxiv'
import { huggingface } from './huggingface'
import type { SiteAdapter } from './site-adapter'

export const SITE_ADAPTERS: readonly SiteAdapter[] = [huggingface, arxiv]

export function adapterFor(url: URL): SiteAdapter | undefined {
  return SITE_ADAPTERS.find((adapter) => adapter.matches(url))
}
