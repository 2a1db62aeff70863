import { huggingface } from './huggingface'
import type { SiteAdapter } from './site-adapter'

export const SITE_ADAPTERS: readonly SiteAdapter[] = [huggingface]

export function adapterFor(url: URL): SiteAdapter | undefined {
  return SITE_ADAPTERS.find((adapter) => adapter.matches(url))
}
