import { nextTask } from './next-task'

/** Bytes decoded per task: a few milliseconds of work, so that a long file never blocks the page. */
const BYTES_PER_SLICE = 4_000_000

/**
 * A file's text, or null when its bytes are not UTF-8: decoding them anyway would store "M�ller"
 * (or, guessing another encoding, "MÃ¼ller") for "Müller". Long files are decoded a slice per task.
 */
export async function utf8Text(file: Blob): Promise<string | null> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const pieces: string[] = []
  try {
    for (let start = 0; start < bytes.length; start += BYTES_PER_SLICE) {
      if (start > 0) await nextTask()
      // A character cut at a slice's end is kept by the decoder for the next slice.
      pieces.push(decoder.decode(bytes.subarray(start, start + BYTES_PER_SLICE), { stream: true }))
    }
    pieces.push(decoder.decode())
  } catch {
    return null
  }
  await nextTask()
  return pieces.join('')
}
