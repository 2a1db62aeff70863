import { beforeEach, describe, expect, it, vi } from 'vitest'
import { request, unreachableError } from '../../../src/platform/messaging'
import { EXTENSION_RESTARTED, NO_ANSWER, RefusedRequest } from '../../../src/platform/protocol'

const runtime = vi.hoisted(() => ({
  id: 'paper-shelf' as string | undefined,
  sendMessage: vi.fn<(message: unknown) => Promise<unknown>>(),
}))
vi.mock('../../../src/platform/browser', () => ({ browser: { runtime } }))

beforeEach(() => {
  runtime.id = 'paper-shelf'
  runtime.sendMessage.mockReset()
})

describe('a request that cannot reach the background', () => {
  it('says the page must be reloaded once the extension was updated or reloaded under it', () => {
    expect(EXTENSION_RESTARTED).toBe('Paper Shelf was updated or restarted. Reload this page to use it again.')
    const stillHere = () => false
    expect(unreachableError(new Error('Extension context invalidated.'), stillHere)).toEqual(new Error(EXTENSION_RESTARTED))
    expect(unreachableError(new Error('Extension context is invalidated.'), stillHere)).toEqual(new Error(EXTENSION_RESTARTED))
    expect(unreachableError(new TypeError('runtime is undefined'), () => true)).toEqual(new Error(EXTENSION_RESTARTED))
  })

  it('says nothing answered, and what to do, instead of the browser’s words', () => {
    const stillHere = () => false
    for (const words of [
      'Could not establish connection. Receiving end does not exist.',
      'The message port closed before a response was received.',
    ]) {
      const error = unreachableError(new Error(words), stillHere)
      expect(error).toEqual(new Error(NO_ANSWER))
      expect(error).not.toBeInstanceOf(RefusedRequest)
    }
  })

  it('leaves other errors as they are', () => {
    const error = new Error('Message length exceeded maximum allowed length.')
    expect(unreachableError(error, () => false)).toBe(error)
  })

  it('rejects with the readable error', async () => {
    runtime.sendMessage.mockRejectedValueOnce(new Error('Extension context invalidated.'))
    runtime.id = undefined
    await expect(request({ type: 'getSettings' })).rejects.toThrow(EXTENSION_RESTARTED)
  })
})
