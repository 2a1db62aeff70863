import type { LocalArea } from '../../src/platform/local-storage'

/** The extension's local storage in memory: values are cloned in and out, as the browser stores them. */
export class FakeLocalArea implements LocalArea {
  readonly items = new Map<string, unknown>()

  async get(key: string): Promise<unknown> {
    return structuredClone(this.items.get(key))
  }

  async set(key: string, value: unknown): Promise<void> {
    this.items.set(key, structuredClone(value))
  }

  async remove(key: string): Promise<void> {
    this.items.delete(key)
  }
}
