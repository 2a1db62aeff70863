/** Text without a leading label such as `Title:`, for markup whose label is not a descriptor span. */
export function withoutLabel(text: string, label: string): string {
  const trimmed = text.trimStart()
  return trimmed.startsWith(label) ? trimmed.slice(label.length) : trimmed
}

export function withoutSuffix(text: string, suffixes: readonly string[]): string {
  const trimmed = text.trimEnd()
  for (const suffix of suffixes) if (trimmed.endsWith(suffix)) return trimmed.slice(0, -suffix.length)
  return trimmed
}
