import { distinctTexErrors, excerpt, readBlg, readOutput, run, texErrors, undefinedCitations } from './tools'

/** A LaTeX engine run the way a researcher's build runs it: never waiting for input, stopping at the first error. */
const HALT = ['-interaction=nonstopmode', '-halt-on-error']

export type Engine = 'pdflatex' | 'lualatex'

/**
 * Runs the engine on doc.tex. On failure it records the first error (what `-halt-on-error` stopped
 * at) and then runs once more without halting, to list every distinct error in the document, since
 * an exporter fix needs all of them, not only the first.
 */
export async function latex(engine: Engine, dir: string, pass: string, problems: string[]): Promise<boolean> {
  const result = await run(engine, [...HALT, 'doc.tex'], dir)
  if (result.status === 0) return true
  const log = readOutput(dir, 'doc.log')
  const first = texErrors(log)[0] ?? excerpt(log.slice(-2000) || result.stdout.slice(-2000))
  const diagnosis = await run(engine, ['-interaction=nonstopmode', 'doc.tex'], dir)
  const all = distinctTexErrors(readOutput(dir, 'doc.log'))
  problems.push(
    `${engine} (${pass}) exited with ${result.status ?? result.signal}; first error:\n${excerpt(first)}\n` +
      `  every distinct error (${diagnosis.command} without -halt-on-error):\n${all.map((line) => `    ${line}`).join('\n')}`,
  )
  return false
}

/** BibTeX on doc.aux: exit 0 and no error message in doc.blg. Warnings are allowed, and printed. */
export async function bibtex(dir: string, label: string, problems: string[]): Promise<void> {
  const result = await run('bibtex', ['doc'], dir)
  const blg = readBlg(readOutput(dir, 'doc.blg'))
  if (result.status !== 0) problems.push(`bibtex exited with ${result.status ?? result.signal}:\n${excerpt(result.stdout, 20)}`)
  if (blg.errors.length > 0 || blg.summary.some((line) => /error message/.test(line))) {
    problems.push(`bibtex reported errors (${blg.summary.join(' ')}):\n${excerpt(blg.errors.join('\n'), 30)}`)
  }
  if (blg.warnings.length > 0) console.warn(`${label}: bibtex warnings (${blg.warnings.length}):\n${excerpt(blg.warnings.join('\n'), 40)}`)
}

/** biber on doc.bcf: exit 0 and no ERROR line in its output or doc.blg. Warnings are allowed, and printed. */
export async function biber(dir: string, label: string, problems: string[]): Promise<void> {
  const result = await run('biber', ['doc'], dir)
  const lines = `${result.stdout}\n${result.stderr}\n${readOutput(dir, 'doc.blg')}`.split('\n')
  const errors = [...new Set(lines.filter((line) => /\bERROR\b/.test(line)).map((line) => line.replace(/^\[\d+\] /, '')))]
  const warnings = [...new Set(lines.filter((line) => /\bWARN\b/.test(line)).map((line) => line.replace(/^\[\d+\] /, '')))]
  if (result.status !== 0) problems.push(`biber exited with ${result.status ?? result.signal}:\n${excerpt(result.stdout.slice(-3000), 20)}`)
  if (errors.length > 0) problems.push(`biber reported errors:\n${excerpt(errors.join('\n'), 30)}`)
  if (warnings.length > 0) console.warn(`${label}: biber warnings (${warnings.length}):\n${excerpt(warnings.join('\n'), 40)}`)
}

/** After the last LaTeX pass: no citation is undefined, and every key has a bibliography entry in doc.bbl. */
export function checkCitations(
  dir: string,
  keys: readonly string[],
  entryKeys: (bbl: string) => Set<string>,
  problems: string[],
  lastPassOk: boolean,
): void {
  if (lastPassOk) {
    const undefinedKeys = undefinedCitations(readOutput(dir, 'doc.log'))
    if (undefinedKeys.length > 0)
      problems.push(`${undefinedKeys.length} citation(s) undefined in the final doc.log: ${undefinedKeys.join(', ')}`)
  }
  const bbl = readOutput(dir, 'doc.bbl')
  const found = entryKeys(bbl)
  const missing = keys.filter((key) => !found.has(key))
  if (missing.length > 0) problems.push(`${missing.length} of ${keys.length} key(s) have no entry in doc.bbl: ${missing.join(', ')}`)
  if (bbl.includes('\uFFFD')) {
    const broken = bbl.split('\n').filter((line) => line.includes('\uFFFD'))
    problems.push(
      `doc.bbl is not valid UTF-8 (${broken.length} line(s) with broken bytes, shown as \uFFFD):\n${excerpt(broken.join('\n'), 8)}`,
    )
  }
}
