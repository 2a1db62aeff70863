import type { Creator, Entry, Library, Options, ParseError } from '@retorquere/bibtex-parser'
import { parseArxivId } from '../identity'
import { fail, type Parsed } from '../validation'
import {
  addArxiv,
  addArxivMentions,
  addDoi,
  addLinksIn,
  addOtherKey,
  collect,
  finishPaper,
  fullDateIn,
  joinName,
  noIds,
  pmidKey,
  stripRichText,
  yearIn,
  type FoundIds,
  type ForeignImport,
  type PaperDraft,
} from './foreign-paper'

const OPTIONS: Options = {
  // Titles as written: no sentence-casing, and braces only protect case, so they simply go.
  english: false,
  // A command the parser does not know keeps its argument's text rather than failing the file.
  unsupported: 'ignore',
}

/** Problems the parser reports that do not make the file unreadable: the entry is read all the same. */
const HARMLESS = [/^Unresolved @string reference/, /unexpected \d+-part name/]

/**
 * Reads a BibTeX or BibLaTeX file as Zotero, Better BibTeX, arXiv, Google Scholar, dblp and others write it.
 * LaTeX is decoded to Unicode and markup removed; `@string`, `@preamble` and `@comment` are not entries.
 */
export async function parseBibtex(text: string): Promise<Parsed<ForeignImport>> {
  const library = await parseLibrary(text)
  if (!library.ok) return library
  const results = library.value.entries.map((entry, position) => finishPaper(position + 1, entryDraft(entry)))
  return { ok: true, value: collect('bibtex', results) }
}

/**
 * What the first entry of a BibTeX snippet (PaperMemory keeps one per paper) says of the paper, or
 * undefined when it has none or cannot be read.
 */
export async function readBibtexSnippet(text: string): Promise<PaperDraft | undefined> {
  const library = await parseLibrary(text)
  const entry = library.ok ? library.value.entries[0] : undefined
  return entry && entryDraft(entry)
}

async function parseLibrary(text: string): Promise<Parsed<Library>> {
  const { parseAsync } = await import('@retorquere/bibtex-parser')
  let library: Library
  try {
    library = await parseAsync(text, OPTIONS)
  } catch (error) {
    return fail(`This file is not valid BibTeX: ${error instanceof Error ? error.message : String(error)}`)
  }
  const problem = library.errors.find((error) => !HARMLESS.some((harmless) => harmless.test(error.error)))
  return problem ? fail(`This file is not valid BibTeX: ${describe(problem)}`) : { ok: true, value: library }
}

/** "Unterminated brace-value … at line 7, column 1 in "article"" as "line 7: Unterminated brace-value … in "article"". */
function describe(problem: ParseError): string {
  const message = problem.error.split('\n')[0] ?? ''
  const at = / at line (\d+), column \d+/.exec(message)
  const sentence = at ? `line ${at[1]}: ${message.replace(at[0], '')}` : message
  return sentence.length > 200 ? `${sentence.slice(0, 199)}…` : sentence
}

function entryDraft(entry: Entry): PaperDraft {
  const field = (name: string): string | undefined => fieldOf(entry, name)
  const brackets = angleBrackets(entry)
  const rich = (name: string): string | undefined => {
    const value = field(name)
    return value === undefined ? undefined : brackets(stripRichText(value))
  }
  return {
    title: rich('title'),
    authors: (entry.fields.author ?? []).map(creatorName),
    ids: entryIds(entry),
    published: fullDateIn(field('date')),
    year: yearIn(field('year') ?? field('date')),
    venue: rich('journal') ?? rich('journaltitle') ?? rich('booktitle'),
    abstract: rich('abstract'),
    tags: entry.fields.keywords ?? [],
    // `note` is part of the reference ("Accepted at ICLR", a link); `annote` is what the reader wrote.
    notes: ['annote', 'annotation'].map(rich),
  }
}

/**
 * The parser prints a bare `<` and `>` as ¡ and ¿, as LaTeX's original fonts do; exporters that mean ¡ and
 * ¿ write them as such or as `\textexclamdown`, `!``. An entry with neither form has its brackets back.
 */
function angleBrackets(entry: Entry): (text: string) => string {
  const exclamation = /¡|!`|\\textexclamdown/.test(entry.input)
  const question = /¿|\?`|\\textquestiondown/.test(entry.input)
  return (text) => {
    const opened = exclamation ? text : text.replaceAll('¡', '<')
    return question ? opened : opened.replaceAll('¿', '>')
  }
}

/** A string field of the entry; the parser puts file data in `fields`, so only its own properties count. */
function fieldOf(entry: Entry, name: string): string | undefined {
  const value: unknown = Object.hasOwn(entry.fields, name) ? (entry.fields as Record<string, unknown>)[name] : undefined
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

function creatorName(creator: Creator): string {
  return creator.name ?? joinName(creator.firstName, creator.prefix, creator.lastName, creator.suffix)
}

function entryIds(entry: Entry): FoundIds {
  const field = (name: string): string | undefined => fieldOf(entry, name)
  const ids = noIds()
  const archive = (field('archiveprefix') ?? field('eprinttype'))?.trim().toLowerCase()
  // An eprint is arXiv's unless the entry names another archive (`eprinttype = {jstor}`).
  const eprint = field('eprint')
  if (eprint && (archive === undefined || archive === 'arxiv')) addArxiv(ids, parseArxivId(eprint.trim()))
  const arxivId = field('arxivid') // Mendeley
  if (arxivId) addArxiv(ids, parseArxivId(arxivId.trim()))
  const doi = field('doi')
  if (doi) addDoi(ids, doi)
  for (const name of ['url', 'howpublished', 'note', 'annote', 'annotation', 'biburl', 'ee', 'pdf']) addLinksIn(ids, field(name))
  for (const name of ['journal', 'journaltitle', 'booktitle', 'note', 'annote', 'annotation', 'howpublished', 'number', 'extra']) {
    addArxivMentions(ids, field(name))
  }
  addOtherKey(ids, pmidKey(field('pmid')))
  return ids
}
