/**
 * The JSON form of values: the value itself, as `JSON.stringify` writes it, with one addition that keeps every value
 * exact: integers beyond the safe-integer range (`V.Integer` bigints) are written as plain JSON integers and read back
 * as bigints, and a `number` that is an integer beyond that range is written with a `.0`, so that it reads back as a
 * number. `parse` never throws: a text that is not JSON is an error value with its position.
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import type { Problem } from './DecodeError.js'

// -------------------------------------------------------------------------------------
// printing
// -------------------------------------------------------------------------------------

const isSafe = (n: number): boolean => Number.isSafeInteger(n)

/**
 * Writes a value as JSON (indented by `indent` spaces when given). Bigints are written as integers; `undefined`,
 * functions and symbols are left out as `JSON.stringify` does.
 *
 * @category printing
 * @since 0.2.0
 */
export const stringify = (value: unknown, indent?: number): string => {
  const big = new Map<string, string>()
  let n = 0
  // bigints and unsafe integer numbers go through placeholders that JSON.stringify writes as strings
  const text = JSON.stringify(
    value,
    (_k, v: unknown) => {
      if (typeof v === 'bigint') {
        const key = `\u0000big${n++}\u0000`
        big.set(key, v.toString())
        return key
      }
      if (typeof v === 'number' && Number.isInteger(v) && !isSafe(v) && Math.abs(v) < 1e21) {
        const key = `\u0000big${n++}\u0000`
        big.set(key, `${String(v)}.0`)
        return key
      }
      return v
    },
    indent
  )
  if (text === undefined) return 'null'
  return big.size === 0 ? text : text.replace(/"\\u0000big[0-9]+\\u0000"/g, (m) => big.get(JSON.parse(m) as string) ?? m)
}

// -------------------------------------------------------------------------------------
// parsing
// -------------------------------------------------------------------------------------

const MAX_DEPTH = 10_000

class Failure {
  constructor(
    readonly message: string,
    readonly at: number
  ) {}
}

/**
 * Reads JSON text. Integers beyond the safe-integer range become bigints (exactly); everything else is what
 * `JSON.parse` gives. Never throws.
 *
 * @category parsing
 * @since 0.2.0
 */
export const parse = (text: string): E.Either<ReadonlyArray<Problem>, unknown> => {
  if (typeof text !== 'string') return E.left([{ path: '', message: 'expected JSON text, got something else' }])
  let i = 0
  const fail = (message: string): never => {
    throw new Failure(message, i)
  }
  const ws = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i)
      if (c === 32 || c === 9 || c === 10 || c === 13) i++
      else break
    }
  }
  const literal = (word: string, v: unknown): unknown => {
    if (text.startsWith(word, i)) {
      i += word.length
      return v
    }
    return fail(`unexpected ${JSON.stringify(text.charAt(i))}`)
  }
  const string = (): string => {
    const start = i
    i++ // the opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i)
      if (c === 34) break
      if (c === 92) i += 2
      else if (c < 32) fail('control character in a string')
      else i++
    }
    if (i >= text.length) fail('unterminated string')
    i++
    try {
      return JSON.parse(text.slice(start, i)) as string
    } catch {
      i = start
      return fail('invalid string escape')
    }
  }
  const number = (): number | bigint => {
    const m = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y
    m.lastIndex = i
    const r = m.exec(text)
    if (r === null || r[0] === '' || r[0] === '-') return fail(`unexpected ${JSON.stringify(text.charAt(i))}`)
    i += r[0].length
    if (r[2] === undefined && r[3] === undefined) {
      const n = Number(r[0])
      return isSafe(n) ? (n === 0 ? 0 : n) : BigInt(r[0])
    }
    return Number(r[0])
  }
  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail('nested too deeply')
    ws()
    const c = text.charAt(i)
    if (c === '{') {
      i++
      const out: Record<string, unknown> = {}
      ws()
      if (text.charAt(i) === '}') {
        i++
        return out
      }
      for (;;) {
        ws()
        if (text.charAt(i) !== '"') fail('expected a property name')
        const k = string()
        ws()
        if (text.charAt(i) !== ':') fail('expected ":"')
        i++
        const v = value(depth + 1)
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
        ws()
        const d = text.charAt(i++)
        if (d === '}') return out
        if (d !== ',') {
          i--
          fail('expected "," or "}"')
        }
      }
    }
    if (c === '[') {
      i++
      const out: Array<unknown> = []
      ws()
      if (text.charAt(i) === ']') {
        i++
        return out
      }
      for (;;) {
        out.push(value(depth + 1))
        ws()
        const d = text.charAt(i++)
        if (d === ']') return out
        if (d !== ',') {
          i--
          fail('expected "," or "]"')
        }
      }
    }
    if (c === '"') return string()
    if (c === 't') return literal('true', true)
    if (c === 'f') return literal('false', false)
    if (c === 'n') return literal('null', null)
    if (c === '') return fail('unexpected end of input')
    return number()
  }
  try {
    const v = value(0)
    ws()
    if (i < text.length) fail('unexpected text after the value')
    return E.right(v)
  } catch (e) {
    if (e instanceof Failure) return E.left([{ path: `offset ${e.at}`, message: `expected JSON, got invalid JSON: ${e.message}` }])
    return E.left([{ path: '', message: `expected JSON, got invalid JSON: ${e instanceof Error ? e.message : String(e)}` }])
  }
}
