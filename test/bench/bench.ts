/**
 * `npm run bench`: documents per second for parse (text to AST), decode (text to value) and encode (value to text),
 * each as a ratio to a sax tokenizing baseline measured in the same run on the same text. `--json` prints one JSON
 * object instead of the table. A benchmark, not a test: nothing here asserts a time.
 *
 * Generic documents (no format) measure parse and print: their "decode" is parse and their "encode" is print. For
 * text formats (not XML) the baseline is sax tokenizing the same body as one text node, and parse is the decode.
 *
 * Each figure is the median of interleaved rounds. fast-xml-parser (a devDependency) parses the same XML text into
 * plain objects, as the reference for what parsing these bodies by hand costs in JavaScript today; our decode is
 * printed as a ratio to it too.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { XMLParser } from 'fast-xml-parser'
import { byId } from '../../src/formats/index.js'
import { registry } from '../../laws/registry.js'
import { parse } from '../../src/xml/Parser.js'
import { print } from '../../src/xml/Printer.js'
import type * as Xml from '../../src/xml/Ast.js'
import { apply } from '../../src/xcap/Patch.js'
import { diff } from '../../src/xcap/Diff.js'
import { resourceLists10k } from '../../laws/formats/ResourceLists.js'
import { presRules500 } from '../../laws/formats/PresRules.js'
import { conference1k, conference1kPartials } from '../../laws/formats/ConferenceInfo.js'
import { dialogInfo50 } from '../../laws/formats/DialogInfo.js'
import * as PresRules from '../../src/formats/PresRules.js'
import * as ConferenceInfo from '../../src/formats/ConferenceInfo.js'
import * as DialogInfo from '../../src/formats/DialogInfo.js'
import * as Versioned from '../../src/codec/Versioned.js'

interface Doc {
  readonly doc: string
  readonly format: string
  readonly text: string
}

interface Result {
  readonly doc: string
  readonly format: string
  readonly bytes: number
  readonly baselinePerSec: number
  readonly parsePerSec: number
  readonly decodePerSec: number
  readonly encodePerSec: number
  /** fast-xml-parser on the same XML text (absent for text formats and multipart bodies) */
  readonly fxpPerSec?: number
}

// ---------------------------------------------------------------------------------------------------------------
// documents
// ---------------------------------------------------------------------------------------------------------------

const NS = ['urn:example:bench:a', 'urn:example:bench:b', 'urn:example:bench:c']

/** A namespaced document of about `target` bytes: a default namespace, two prefixed ones, attributes and text. */
const generic = (elements: number): string => {
  const parts: Array<string> = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<root xmlns="${NS[0]}" xmlns:b="${NS[1]}" xmlns:c="${NS[2]}" version="1">\n`
  ]
  for (let i = 0; i < elements; i++) {
    if (i % 10 === 0) parts.push(`  <group id="g${i}">\n`)
    parts.push(
      i % 3 === 0
        ? `    <item id="i${i}" b:kind="k${i % 7}">text &amp; more ${i}</item>\n`
        : i % 3 === 1
          ? `    <b:entry uri="sip:user${i}@example.com"><c:note xml:lang="en">note ${i}</c:note></b:entry>\n`
          : `    <c:flag/>\n`
    )
    if (i % 10 === 9 || i === elements - 1) parts.push('  </group>\n')
  }
  parts.push('</root>\n')
  return parts.join('')
}

const sizeTo = (bytes: number): string => {
  // grow the element count until the document reaches the target size
  let n = 4
  let s = generic(n)
  while (s.length < bytes) {
    n = Math.ceil(n * (bytes / s.length)) + 1
    s = generic(n)
  }
  return s
}

const docsDir = fileURLToPath(new URL('../../../test/bench/docs/', import.meta.url))
const docsDirSrc = fileURLToPath(new URL('./docs/', import.meta.url))

const documents = (): ReadonlyArray<Doc> => {
  const out: Array<Doc> = [
    { doc: 'generic-1k', format: 'xml', text: sizeTo(1024) },
    { doc: 'generic-15k', format: 'xml', text: sizeTo(15 * 1024) },
    { doc: 'generic-1m', format: 'xml', text: generic(20000) },
    // the documents the issues name, generated deterministically by the laws
    { doc: 'resource-lists-10k', format: 'resource-lists', text: resourceLists10k() },
    { doc: 'pres-rules-500', format: 'pres-rules', text: PresRules.document.encode(presRules500()) },
    { doc: 'conference-1k', format: 'conference-info', text: ConferenceInfo.document.encode(conference1k()) },
    { doc: 'dialog-info-50', format: 'dialog-info', text: DialogInfo.document.encode(dialogInfo50()) }
  ]
  const dir = existsSync(docsDir) ? docsDir : docsDirSrc
  if (existsSync(dir)) {
    for (const format of readdirSync(dir).sort()) {
      for (const file of readdirSync(dir + format).sort()) {
        out.push({ doc: file.replace(/\.[a-z]+$/, ''), format, text: readFileSync(`${dir}${format}/${file}`, 'utf8') })
      }
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// measuring
// ---------------------------------------------------------------------------------------------------------------

/** Runs `f` for about `ms` milliseconds (at least 3 times) and returns calls per second. */
const rate = (f: () => unknown, ms: number): number => {
  let n = 0
  const start = performance.now()
  let now = start
  while (n < 3 || now - start < ms) {
    f()
    n++
    now = performance.now()
  }
  return (n * 1000) / (now - start)
}

/** The median of several interleaved rounds, so that noise from the other core hurts every measure alike. */
const measure = (fs: ReadonlyArray<() => unknown>, ms: number, rounds: number): ReadonlyArray<number> => {
  const seen: Array<Array<number>> = fs.map(() => [])
  for (const f of fs) rate(f, ms / 4) // warm up
  for (let r = 0; r < rounds; r++) fs.forEach((f, i) => seen[i].push(rate(f, ms)))
  return seen.map((xs) => {
    const sorted = [...xs].sort((a, b) => a - b)
    const mid = sorted.length >> 1
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  })
}

/** fast-xml-parser as a JavaScript user parsing a body by hand would set it up: attributes kept, namespaces as written. */
const fxp = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', allowBooleanAttributes: false })

// The baseline runs on a private copy of sax (a second module instance), so that it and the parser under test do not
// share sax's functions: V8 specialises those to the shapes of parser objects they see, and mixing a parser with
// handlers and one without in the same functions would slow both and blur the ratio.
const require = createRequire(import.meta.url)
const saxPath = require.resolve('sax')
delete require.cache[saxPath]
const sax = require('sax') as typeof import('sax')

const saxBaseline = (text: string) => () => {
  const p = sax.parser(true, { xmlns: false })
  p.write(text).close()
}

/** The XML parts of a multipart body, nested ones included: each part's body where it starts with `<`. */
const xmlPartsOf = (text: string): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const chunk of text.split(/\r?\n--[^\r\n]*\r?\n/)) {
    const blank = chunk.search(/\r?\n\r?\n/)
    const body = blank === -1 ? '' : chunk.slice(blank).trim()
    if (body.startsWith('<')) out.push(body)
  }
  return out
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')

const run = (d: Doc, ms: number, rounds: number): Result => {
  const codec = d.format === 'xml' ? undefined : byId(d.format)
  if (d.format !== 'xml' && codec === undefined) throw new Error(`${d.doc}: no format ${d.format}`)
  const isXml = codec === undefined || codec.root !== undefined
  const baselineText = isXml ? d.text : `<body>${escapeText(d.text)}</body>`
  // a multipart body is measured against sax tokenizing its XML parts (the work any decoder of them must do)
  const xmlParts = d.format === 'multipart-related' ? xmlPartsOf(d.text) : undefined
  const parsed = isXml ? parse(d.text) : undefined
  if (parsed !== undefined && parsed._tag === 'Left') throw new Error(`${d.doc}: does not parse: ${parsed.left.message}`)
  let value: unknown
  if (codec !== undefined) {
    const r = codec.decode(d.text)
    if (r._tag === 'Left') throw new Error(`${d.doc}: does not decode: ${JSON.stringify(r.left.slice(0, 3))}`)
    value = r.right
  }
  const ast = parsed?._tag === 'Right' ? parsed.right : undefined
  const fs: Array<() => unknown> = [
    xmlParts !== undefined ? () => xmlParts.forEach((x) => saxBaseline(x)()) : saxBaseline(baselineText),
    isXml ? () => parse(d.text) : () => codec!.decode(d.text),
    codec === undefined ? () => parse(d.text) : () => codec.decode(d.text),
    // encode is measured to a flat string (charCodeAt flattens a rope): what a caller sends or stores, so that a printer
    // that leaves the concatenation to its caller is not measured as faster than one that finishes it
    codec === undefined ? () => print(ast!).charCodeAt(0) : () => codec.encode(value).charCodeAt(0)
  ]
  const withFxp = isXml && xmlParts === undefined
  if (withFxp) fs.push(() => fxp.parse(d.text))
  const [baselinePerSec, parsePerSec, decodePerSec, encodePerSec, fxpPerSec] = measure(fs, ms, rounds)
  return {
    doc: d.doc,
    format: d.format,
    bytes: new TextEncoder().encode(d.text).length,
    baselinePerSec,
    parsePerSec,
    decodePerSec,
    encodePerSec,
    ...(fxpPerSec === undefined ? {} : { fxpPerSec })
  }
}

// ---------------------------------------------------------------------------------------------------------------
// linearity
// ---------------------------------------------------------------------------------------------------------------

interface Sweep {
  readonly format: string
  readonly parts: ReadonlyArray<number>
  readonly bytes: ReadonlyArray<number>
  /** Time per byte at each size, as a ratio to the smallest size (1 for linear). */
  readonly decode: ReadonlyArray<number>
  readonly encode: ReadonlyArray<number>
}

/** Decode and encode time per byte of each format's documents at 1x, 10x and 100x parts, relative to 1x. */
const sweep = (ms: number, rounds: number): ReadonlyArray<Sweep> => {
  const out: Array<Sweep> = []
  const sizes = [20, 200, 2000]
  for (const reg of registry) {
    if (reg.scale === undefined) continue
    const values = sizes.map((n) => reg.scale!(n))
    const texts = values.map((v) => reg.codec.encode(v))
    for (const t of texts) if (reg.codec.decode(t)._tag === 'Left') throw new Error(`${reg.format}: a scaled document does not decode`)
    const bytes = texts.map((t) => new TextEncoder().encode(t).length)
    const dec = measure(texts.map((t) => () => reg.codec.decode(t)), ms, rounds)
    const enc = measure(values.map((v) => () => reg.codec.encode(v).charCodeAt(0)), ms, rounds)
    // rates are documents per second: time per byte is 1 / (rate * bytes)
    const perByte = (rates: ReadonlyArray<number>) => rates.map((r, i) => 1 / (r * bytes[i]))
    const d = perByte(dec)
    const e = perByte(enc)
    out.push({ format: reg.format, parts: sizes, bytes, decode: d.map((x) => x / d[0]), encode: e.map((x) => x / e[0]) })
  }
  // the generic parser on its own
  const gen = [400, 4000, 40000].map((n) => generic(n))
  const g = measure(gen.map((t) => () => parse(t)), ms, rounds).map((r, i) => 1 / (r * gen[i].length))
  const asts = gen.map((t) => parse(t)).map((r) => (r._tag === 'Right' ? r.right : undefined))
  const p = measure(asts.map((a) => () => print(a!).charCodeAt(0)), ms, rounds).map((r, i) => 1 / (r * gen[i].length))
  out.push({ format: 'xml (parse, print)', parts: [400, 4000, 40000], bytes: gen.map((t) => t.length), decode: g.map((x) => x / g[0]), encode: p.map((x) => x / p[0]) })
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// patches
// ---------------------------------------------------------------------------------------------------------------

interface Patching {
  readonly doc: string
  readonly bytes: number
  readonly entries: number
  readonly operations: number
  readonly baselinePerSec: number
  readonly applyPerSec: number
  readonly diffPerSec: number
}

/** The document with the display name of every `every`-th entry changed (one operation each in a patch). */
const editEntries = (root: Xml.Element, every: number): { readonly doc: Xml.Element; readonly entries: number } => {
  let n = 0
  const walk = (e: Xml.Element): Xml.Element => {
    let changed = false
    const children = e.children.map((c) => {
      if (c._tag !== 'Element') return c
      if (c.name.local === 'entry') {
        n++
        if (n % every !== 0) return c
        changed = true
        return { ...c, children: c.children.map((d) => (d._tag === 'Element' && d.name.local === 'display-name' ? { ...d, children: [{ _tag: 'Text' as const, value: `Renamed ${n}` }] } : d)) }
      }
      const w = walk(c)
      if (w !== c) changed = true
      return w
    })
    return changed ? { ...e, children } : e
  }
  const doc = walk(root)
  return { doc, entries: n }
}

const entryList = (n: number): string => {
  const out = ['<resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">']
  for (let l = 0; l < Math.ceil(n / 500); l++) {
    out.push(`<list name="l${l}">`)
    for (let i = l * 500; i < Math.min(n, (l + 1) * 500); i++) out.push(`<entry uri="sip:user${i}@example.com"><display-name>User ${i}</display-name></entry>`)
    out.push('</list>')
  }
  out.push('</resource-lists>')
  return out.join('')
}

/**
 * RFC 5261 patches on resource-lists documents: applying a patch of 100 operations (100 renamed entries) and computing
 * the patch between two versions that differ in 1% of their entries, on resource-lists-10k and on plain lists of
 * 1,000, 10,000 and 40,000 entries (whose time per byte shows whether both are linear in the size of the document).
 */
const patching = (ms: number, rounds: number): ReadonlyArray<Patching> =>
  [
    { doc: 'resource-lists-10k', text: resourceLists10k() },
    ...[1000, 10000, 40000].map((n) => ({ doc: `entries-${n / 1000}k`, text: entryList(n) }))
  ].map(({ doc, text }) => {
    const r = parse(text)
    if (r._tag === 'Left') throw new Error(`${doc}: does not parse`)
    const a = r.right
    const { entries } = editEntries(a, 1)
    const hundred = editEntries(a, Math.floor(entries / 100)).doc
    const onePercent = editEntries(a, 100).doc
    const ops = diff(a, hundred).operations
    const applied = apply(a, ops)
    if (applied._tag === 'Left') throw new Error(`${doc}: the patch does not apply: ${applied.left.message}`)
    const [baselinePerSec, applyPerSec, diffPerSec] = measure([saxBaseline(text), () => apply(a, ops), () => diff(a, onePercent)], ms, rounds)
    return { doc, bytes: new TextEncoder().encode(text).length, entries, operations: ops.length, baselinePerSec, applyPerSec, diffPerSec }
  })

// ---------------------------------------------------------------------------------------------------------------
// state merges
// ---------------------------------------------------------------------------------------------------------------

interface Merging {
  readonly what: string
  readonly fullDecodePerSec: number
  readonly partialsPerSec: number
  readonly partialsDecodedPerSec: number
}

/**
 * conference-1k: applying 100 partial notifications of one user each (decoded values, and from their bodies) against
 * one full decode of the document.
 */
const merging = (ms: number, rounds: number): Merging => {
  const full = ConferenceInfo.document.encode(conference1k())
  const partials = conference1kPartials(100)
  const bodies = partials.map((d) => ConferenceInfo.document.encode(d))
  const first = ConferenceInfo.document.decode(full)
  if (first._tag === 'Left') throw new Error('conference-1k does not decode')
  const step = Versioned.apply(ConferenceInfo.merge)
  const start = step(undefined, first.right)
  if (start._tag !== 'Applied') throw new Error('conference-1k is not full state')
  const applyAll = (docs: ReadonlyArray<ConferenceInfo.ConferenceInfo>) => {
    let s = start.state
    for (const d of docs) {
      const o = step(s, d)
      if (o._tag !== 'Applied') throw new Error(`a partial notification was not applied: ${o._tag}`)
      s = o.state
    }
    return s
  }
  const decodeAll = () =>
    applyAll(
      bodies.map((b) => {
        const r = ConferenceInfo.document.decode(b)
        if (r._tag === 'Left') throw new Error('a partial notification does not decode')
        return r.right
      })
    )
  const [fullDecodePerSec, partialsPerSec, partialsDecodedPerSec] = measure(
    [() => ConferenceInfo.document.decode(full), () => applyAll(partials), decodeAll],
    ms,
    rounds
  )
  return { what: 'conference-1k, 100 partials of 1 user', fullDecodePerSec, partialsPerSec, partialsDecodedPerSec }
}

// ---------------------------------------------------------------------------------------------------------------
// memory
// ---------------------------------------------------------------------------------------------------------------

interface Memory {
  readonly format: string
  readonly doc: string
  readonly bytes: number
  readonly peak: number
  readonly valueBytes: number
  readonly astBytes: number
}

/** Peak memory of a decode from bytes and the size of the decoded value against the AST, each in a fresh process. */
const memory = (docs: ReadonlyArray<Doc>): ReadonlyArray<Memory> => {
  const dir = mkdtempSync(join(tmpdir(), 'sip-payloads-bench-'))
  const script = fileURLToPath(new URL('./memory.js', import.meta.url))
  return docs.map((d) => {
    const file = join(dir, `${d.doc}.xml`)
    writeFileSync(file, d.text)
    const out = execFileSync(process.execPath, ['--expose-gc', script, d.format, file], { encoding: 'utf8' })
    const m = JSON.parse(out) as Omit<Memory, 'doc'>
    return { ...m, doc: d.doc }
  })
}

// ---------------------------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------------------------

const args = process.argv.slice(2)
const json = args.includes('--json')
const quick = args.includes('--quick')
const ms = quick ? 40 : 100
const rounds = quick ? 1 : 7
const results: Array<Result> = []
for (const d of documents()) {
  results.push(run(d, ms, rounds))
  if (!json) process.stderr.write('.')
}
const sweeps = sweep(ms, quick ? 1 : 3)
const patches = patching(ms, quick ? 1 : 3)
const merges = merging(ms, quick ? 1 : 3)
const memories = memory(documents().filter((d) => d.format !== 'xml' && d.text.length > 100_000))
if (json) {
  process.stdout.write(JSON.stringify({ results, linearity: sweeps, patches, merges, memory: memories }) + '\n')
} else {
  process.stderr.write('\n')
  const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toPrecision(3))
  const rows = results.map((r) => [
    r.doc,
    r.format,
    String(r.bytes),
    fmt(r.baselinePerSec),
    `${fmt(r.parsePerSec)} (${(r.parsePerSec / r.baselinePerSec).toFixed(2)}x)`,
    `${fmt(r.decodePerSec)} (${(r.decodePerSec / r.baselinePerSec).toFixed(2)}x)`,
    `${fmt(r.encodePerSec)} (${(r.encodePerSec / r.decodePerSec).toFixed(1)}x decode)`,
    r.fxpPerSec === undefined ? '-' : `${fmt(r.fxpPerSec)} (decode ${(r.decodePerSec / r.fxpPerSec).toFixed(2)}x)`
  ])
  const head = ['doc', 'format', 'bytes', 'sax docs/s', 'parse docs/s', 'decode docs/s', 'encode docs/s', 'fast-xml-parser docs/s']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: ReadonlyArray<string>): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ')
  process.stdout.write(line(head) + '\n' + widths.map((w) => '-'.repeat(w)).join('  ') + '\n')
  for (const r of rows) process.stdout.write(line(r) + '\n')
  process.stdout.write('\nlinearity: time per byte at 10x and 100x the parts, as a ratio to 1x (1.0 is linear)\n')
  for (const s of sweeps)
    process.stdout.write(
      `  ${s.format.padEnd(20)} parts ${s.parts.join('/')}  bytes ${s.bytes.join('/')}  decode ${s.decode.map((x) => x.toFixed(2)).join(' / ')}  encode ${s.encode.map((x) => x.toFixed(2)).join(' / ')}\n`
    )
  process.stdout.write('\npatches (RFC 5261): apply 100 operations, diff of versions 1% apart; docs/s (ratio to sax), µs per KB\n')
  for (const p of patches) {
    const kb = p.bytes / 1024
    process.stdout.write(
      `  ${p.doc.padEnd(20)} ${String(p.bytes).padStart(8)} bytes ${String(p.entries).padStart(6)} entries  ` +
        `apply ${p.operations} ops ${fmt(p.applyPerSec)}/s (${(p.applyPerSec / p.baselinePerSec).toFixed(2)}x, ${(1e6 / p.applyPerSec / kb).toFixed(1)} µs/KB)  ` +
        `diff ${fmt(p.diffPerSec)}/s (${(p.diffPerSec / p.baselinePerSec).toFixed(2)}x, ${(1e6 / p.diffPerSec / kb).toFixed(1)} µs/KB)\n`
    )
  }
  const m = merges
  process.stdout.write(
    `\nmerge: ${m.what}: applying them costs ${((100 * m.fullDecodePerSec) / m.partialsPerSec).toFixed(1)}% of one full decode ` +
      `(${((100 * m.fullDecodePerSec) / m.partialsDecodedPerSec).toFixed(1)}% with decoding their bodies)\n`
  )
  process.stdout.write('\nmemory: peak above the process while decoding from bytes, and heap kept by the value and by the AST\n')
  for (const x of memories)
    process.stdout.write(
      `  ${x.doc.padEnd(20)} ${String(x.bytes).padStart(8)} bytes  peak ${(x.peak / x.bytes).toFixed(1)}x the document  ` +
        `value ${(x.valueBytes / 1024).toFixed(0)} KB, AST ${(x.astBytes / 1024).toFixed(0)} KB (${(x.valueBytes / x.astBytes).toFixed(2)}x)\n`
    )
}
