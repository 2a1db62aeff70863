/**
 * A file's text, or null when its bytes are not UTF-8: decoding them anyway would store "M�ller"
 * (or, guessing another encoding, "MÃ¼ller") for "Müller".
 */
export async function utf8Text(file: Blob): Promise<string | null> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer())
  } catch {
    return null
  }
}
