/**
 * Memory of one decode, run by the bench in a fresh process with `--expose-gc` (`node memory.js <format> <file>`):
 * prints one JSON line with the document's size, the peak resident memory above the process's state before decoding
 * it from bytes (an upper bound: the process's own earlier high-water mark may hide a lower peak), and the heap
 * retained by the decoded value and by the generic AST of the same document.
 */
import { readFileSync } from 'node:fs'
import { byId } from '../../src/formats/index.js'
import { parse } from '../../src/xml/Parser.js'

const gc = (globalThis as { gc?: () => void }).gc
if (gc === undefined) throw new Error('run with --expose-gc')
const [format, file] = process.argv.slice(2)
const codec = byId(format)
if (codec === undefined) throw new Error(`no format ${format}`)
const bytes = new Uint8Array(readFileSync(file))

const heap = (): number => {
  gc()
  gc()
  return process.memoryUsage().heapUsed
}

// peak resident memory while decoding from bytes
gc()
const rssBefore = process.memoryUsage().rss
const maxBefore = process.resourceUsage().maxRSS * 1024
const decoded = codec.decode(bytes)
const maxAfter = process.resourceUsage().maxRSS * 1024
if (decoded._tag === 'Left') throw new Error(`${file} does not decode`)
const peak = Math.max(maxAfter, maxBefore) - rssBefore

// what the value and the AST keep alive (each on its own, from the same bytes)
let keep: unknown = undefined
const h0 = heap()
keep = codec.decode(bytes)
const valueBytes = heap() - h0
keep = undefined
const h1 = heap()
keep = parse(bytes)
const astBytes = heap() - h1
if (keep === undefined) throw new Error('unreachable')

process.stdout.write(JSON.stringify({ format, file, bytes: bytes.length, peak, valueBytes, astBytes }) + '\n')
