import { execFile } from 'node:child_process'
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import type { TestContext } from 'vitest'

/**
 * Runs the citation tools researchers compile exports with (pdfLaTeX, BibTeX, biber, LuaLaTeX,
 * Pandoc) and reads their logs. A missing tool is a failure that names the Debian package to
 * install, never a skip: these tests are the only proof that the files compile.
 */

/** The Debian package that provides each program or TeX file the tests use. */
const DEBIAN_PACKAGE: Record<string, string> = {
  pdflatex: 'texlive-latex-base',
  bibtex: 'texlive-latex-base',
  kpsewhich: 'texlive-latex-base',
  lualatex: 'texlive-luatex',
  biber: 'biber',
  pandoc: 'pandoc',
  'lmodern.sty': 'lmodern',
  'natbib.sty': 'texlive-latex-base',
  'plainnat.bst': 'texlive-latex-base',
  'etoolbox.sty': 'texlive-latex-recommended',
  'biblatex.sty': 'texlive-bibtex-extra',
  'IEEEtran.cls': 'texlive-publishers',
  'IEEEtran.bst': 'texlive-publishers',
  'llncs.cls': 'texlive-publishers',
  'splncs04.bst': 'texlive-publishers',
}

function installHint(name: string): string {
  const debian = DEBIAN_PACKAGE[name] ?? 'texlive-latex-base'
  return `install the Debian package ${debian} (apt-get install ${debian})`
}

function onPath(program: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

/** Throws, naming the Debian package, unless every program is on the PATH. */
export function requirePrograms(...programs: string[]): void {
  const missing = programs.filter((program) => !onPath(program))
  if (missing.length > 0) throw new Error(missing.map((program) => `${program} is not installed: ${installHint(program)}`).join('\n'))
}

/** Throws, naming the Debian package, unless TeX finds every file (class, package or BibTeX style). */
export async function requireTexFiles(...files: string[]): Promise<void> {
  requirePrograms('kpsewhich')
  const missing: string[] = []
  for (const file of files) {
    const found = await run('kpsewhich', [file], tmpdir())
    if (found.status !== 0 || !found.stdout.trim()) missing.push(file)
  }
  if (missing.length > 0) throw new Error(missing.map((file) => `TeX cannot find ${file}: ${installHint(file)}`).join('\n'))
}

export interface RunResult {
  command: string
  /** The exit status, or null when the program was killed (see `signal`). */
  status: number | null
  signal: string | null
  stdout: string
  stderr: string
}

// TeX wraps its log at 79 columns unless told otherwise, which splits messages such as "Citation `…' undefined".
const TEX_ENV = { max_print_line: '100000', error_line: '254', half_error_line: '238' }

/** Runs a program without a shell and resolves with its exit status and output, whatever the status. */
export function run(program: string, args: string[], cwd: string, timeoutMs = 120_000): Promise<RunResult> {
  const command = [program, ...args].join(' ')
  return new Promise((resolve, reject) => {
    execFile(
      program,
      args,
      { cwd, env: { ...process.env, ...TEX_ENV }, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs },
      (error, stdout, stderr) => {
        // A string code (ENOENT, EACCES) means the program could not be started at all.
        if (typeof error?.code === 'string') {
          reject(new Error(`${command}: ${error.code}`))
          return
        }
        resolve({
          command,
          status: typeof error?.code === 'number' ? error.code : error ? null : 0,
          signal: error?.signal ?? null,
          stdout: stdout.toString('utf8'),
          stderr: stderr.toString('utf8'),
        })
      },
    )
  })
}

/**
 * A fresh directory for one test. It is removed when the test passes and kept when it fails, so the
 * .tex, .log and .blg files can be read; the failure message gives its path.
 */
export function workDir(context: TestContext, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `paper-shelf-${name.replace(/[^a-zA-Z0-9]+/g, '-')}-`))
  context.onTestFinished(({ task }) => {
    if (task.result?.state !== 'fail') rmSync(dir, { recursive: true, force: true })
  })
  return dir
}

export function write(dir: string, file: string, text: string): void {
  writeFileSync(join(dir, file), text)
}

/** A file the tools wrote, decoded as UTF-8 (bytes that are not valid UTF-8 show as U+FFFD), or '' when absent. */
export function readOutput(dir: string, file: string): string {
  const path = join(dir, file)
  return existsSync(path) ? readFileSync(path).toString('utf8') : ''
}

/** The citation keys of a .bib file, in order. */
export function bibKeys(bib: string): string[] {
  return [...bib.matchAll(/^@\w+\s*\{\s*([^,\s]+)\s*,/gm)].map((match) => match[1]!)
}

/**
 * TeX's errors in a log: each `!` message (with its continuation lines) and the `l.<n>` lines
 * that show the input it stopped at.
 */
export function texErrors(log: string): string[] {
  const lines = log.split('\n')
  const errors: string[] = []
  for (let i = 0; i < lines.length; i += 1) {
    if (!lines[i]!.startsWith('!')) continue
    const message = [lines[i]!.trimEnd()]
    let j = i + 1
    for (; j < lines.length && lines[j]!.trim() && !/^(?:See the |Type {2}H <return>|l\.\d+|[.<])/.test(lines[j]!.trimStart()); j += 1) {
      message.push(lines[j]!.trimEnd())
    }
    for (; j < Math.min(lines.length, i + 20) && !lines[j]!.startsWith('!'); j += 1) {
      if (/^l\.\d+/.test(lines[j]!)) {
        message.push(lines[j]!.trimEnd(), lines[j + 1]?.trimEnd() ?? '')
        break
      }
    }
    errors.push(message.join('\n'))
  }
  return errors
}

/**
 * The distinct error messages of a log, one line each, without where they happened. LaTeX's
 * "Unicode character X not set up" errors are gathered into one line that lists the characters.
 */
export function distinctTexErrors(log: string, limit = 25): string[] {
  const counts = new Map<string, number>()
  const unsetCharacters = new Map<string, number>()
  for (const error of texErrors(log)) {
    const lines = error.split('\n')
    const at = lines.findIndex((line) => /^l\.\d+/.test(line))
    const message = (at < 0 ? lines : lines.slice(0, at)).map((line) => line.trim()).join(' ')
    const unset = /^! LaTeX Error: Unicode character (.+?) \(U\+[0-9A-F]+\) not set up for use with LaTeX\.$/.exec(message)
    if (unset) unsetCharacters.set(unset[1]!, (unsetCharacters.get(unset[1]!) ?? 0) + 1)
    else counts.set(message, (counts.get(message) ?? 0) + 1)
  }
  const all = [...counts].map(([message, count]) => (count > 1 ? `${message} (${count} times)` : message))
  if (unsetCharacters.size > 0) {
    const total = [...unsetCharacters.values()].reduce((sum, count) => sum + count, 0)
    all.push(
      `! LaTeX Error: Unicode character … not set up for use with LaTeX, for ${unsetCharacters.size} characters (${total} times): ${[...unsetCharacters.keys()].join(' ')}`,
    )
  }
  return all.length > limit ? [...all.slice(0, limit), `… and ${all.length - limit} more distinct errors`] : all
}

/** Keys LaTeX reports as undefined citations (`Citation `key' on page 1 undefined`), from LaTeX, natbib or biblatex. */
export function undefinedCitations(log: string): string[] {
  return [...new Set([...log.matchAll(/Citation [`']([^']+)' (?:on page \S+ )?undefined/g)].map((match) => match[1]!))]
}

/** The keys a BibTeX-made .bbl has a `\bibitem` for. */
export function bibitemKeys(bbl: string): Set<string> {
  return new Set([...bbl.matchAll(/\\bibitem\s*(?:\[(?:[^[\]]|\[[^\]]*\])*\])?\s*\{([^}]+)\}/g)].map((match) => match[1]!))
}

/** The keys a biber-made .bbl has an `\entry` for. */
export function biberEntryKeys(bbl: string): Set<string> {
  return new Set([...bbl.matchAll(/\\entry\{([^}]+)\}/g)].map((match) => match[1]!))
}

export interface BlgReport {
  /** BibTeX's error messages, each with the lines that show where. */
  errors: string[]
  warnings: string[]
  /** What BibTeX's closing line says, e.g. "(There were 2 error messages)". */
  summary: string[]
}

/** Reads a BibTeX .blg: errors (`…---line 5 of file x.bib` and its context), `Warning--` lines, the closing counts. */
export function readBlg(blg: string): BlgReport {
  const lines = blg.split('\n')
  const errors: string[] = []
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!
    if (!/---(?:line \d+ of|this can't happen|while executing)/.test(line) && !/^(?:I couldn't open|Illegal|Sorry---)/.test(line)) continue
    const context = [line]
    for (let j = i + 1; j < lines.length && /^ : |^I'm skipping/.test(lines[j]!); j += 1) context.push(lines[j]!)
    errors.push(context.join('\n'))
  }
  return {
    errors,
    warnings: lines.filter((line) => line.startsWith('Warning--')),
    summary: lines.filter((line) => /^\(There (?:was|were) \d+ (?:error message|warning)/.test(line)),
  }
}

/** An indented excerpt of a tool's output for a failure message, at most `max` lines. */
export function excerpt(text: string, max = 12): string {
  const lines = text.trim().split('\n')
  const shown = lines.slice(0, max).map((line) => `    ${line}`)
  if (lines.length > max) shown.push(`    … ${lines.length - max} more lines`)
  return shown.join('\n')
}

/** Fails with every problem found, or passes when there is none. */
export function assertNoProblems(what: string, problems: string[], dir: string): void {
  if (problems.length === 0) return
  throw new Error(`${what}: ${problems.length} problem(s)\n\n${problems.join('\n\n')}\n\n(files kept in ${dir})`)
}
