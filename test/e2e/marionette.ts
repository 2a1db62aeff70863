import { Socket, connect } from 'node:net'

/**
 * A minimal Marionette client: the protocol Firefox speaks over TCP when started with `--marionette`.
 * Frames are `<byte length>:<json>`. The server first sends a handshake frame; after that every command
 * is `[0, id, name, params]` and its reply `[1, id, error, result]`.
 */

/** How a web element is referenced over WebDriver (classic). */
export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf'
export type ElementReference = { [ELEMENT_KEY]: string }

export function isElementReference(value: unknown): value is ElementReference {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[ELEMENT_KEY] === 'string'
}

export class MarionetteError extends Error {
  constructor(
    readonly command: string,
    readonly error: string,
    message: string,
  ) {
    super(`Marionette ${command} failed: ${error}: ${message}`)
    this.name = 'MarionetteError'
  }
}

interface Pending {
  command: string
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  timer: ReturnType<typeof setTimeout>
}

export class MarionetteClient {
  private buffer = Buffer.alloc(0)
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private closedWith: Error | undefined
  private handshake: { resolve: (frame: unknown) => void; reject: (error: Error) => void } | undefined

  private constructor(
    private readonly socket: Socket,
    /** A command that gets no reply within this time fails, rather than hanging the test. */
    readonly commandTimeoutMs: number,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk))
    socket.on('error', (error) => this.fail(new Error(`Marionette connection error: ${error.message}`)))
    socket.on('close', () => this.fail(new Error('Marionette connection closed')))
  }

  /** Connects to a Marionette server and reads its handshake. */
  static async connect(
    port: number,
    { host = '127.0.0.1', timeoutMs = 10_000, commandTimeoutMs = 30_000 } = {},
  ): Promise<MarionetteClient> {
    const socket = connect({ host, port })
    const client = new MarionetteClient(socket, commandTimeoutMs)
    const handshake = new Promise<unknown>((resolve, reject) => {
      client.handshake = { resolve, reject }
    })
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`No Marionette handshake from ${host}:${port} within ${timeoutMs} ms`)), timeoutMs)
    })
    try {
      const hello = (await Promise.race([handshake, timeout])) as { marionetteProtocol?: number }
      if (hello.marionetteProtocol !== 3) throw new Error(`Unexpected Marionette handshake: ${JSON.stringify(hello)}`)
      return client
    } catch (error) {
      client.close()
      throw error
    } finally {
      clearTimeout(timer)
    }
  }

  /** Sends a command and resolves with its result (its `value`, when the result is wrapped in one). */
  send<T = unknown>(command: string, params: Record<string, unknown> = {}, timeoutMs = this.commandTimeoutMs): Promise<T> {
    if (this.closedWith) return Promise.reject(new Error(`Marionette ${command}: ${this.closedWith.message}`))
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`Marionette ${command} got no reply within ${timeoutMs} ms`))
      }, timeoutMs)
      this.pending.set(id, { command, resolve: resolve as (value: unknown) => void, reject, timer })
      const json = Buffer.from(JSON.stringify([0, id, command, params]), 'utf8')
      this.socket.write(Buffer.concat([Buffer.from(`${json.length}:`, 'ascii'), json]))
    })
  }

  close(): void {
    this.fail(new Error('Marionette client closed'))
    this.socket.destroy()
  }

  private fail(error: Error): void {
    if (this.closedWith) return
    this.closedWith = error
    this.handshake?.reject(error)
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer)
      pending.reject(new Error(`Marionette ${pending.command}: ${error.message}`))
      this.pending.delete(id)
    }
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk])
    for (;;) {
      const colon = this.buffer.indexOf(0x3a) // ':'
      if (colon < 0) return
      const length = Number(this.buffer.subarray(0, colon).toString('ascii'))
      if (!Number.isInteger(length)) {
        this.fail(new Error(`Malformed Marionette frame header: ${this.buffer.subarray(0, colon).toString('ascii').slice(0, 40)}`))
        this.socket.destroy()
        return
      }
      if (this.buffer.length < colon + 1 + length) return
      const body = this.buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')
      this.buffer = this.buffer.subarray(colon + 1 + length)
      this.onFrame(JSON.parse(body) as unknown)
    }
  }

  private onFrame(frame: unknown): void {
    if (this.handshake && !Array.isArray(frame)) {
      const { resolve } = this.handshake
      this.handshake = undefined
      resolve(frame)
      return
    }
    if (!Array.isArray(frame) || frame[0] !== 1) return
    const [, id, error, result] = frame as [1, number, { error: string; message: string } | null, unknown]
    const pending = this.pending.get(id)
    if (!pending) return
    this.pending.delete(id)
    clearTimeout(pending.timer)
    if (error) {
      pending.reject(new MarionetteError(pending.command, error.error, error.message))
      return
    }
    const unwrapped =
      typeof result === 'object' && result !== null && 'value' in result && Object.keys(result).length === 1
        ? (result as { value: unknown }).value
        : result
    pending.resolve(unwrapped)
  }
}
