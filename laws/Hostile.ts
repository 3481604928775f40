/**
 * The hostile suites, run against every registered format: values mutated the way a careless or hostile caller would
 * build them (a name that injects markup, a control character, a NaN, a missing key...), fuzzed wire texts
 * (mutations of generated and real documents, thousands per format), and every entry point given things that are not
 * documents at all. The laws: encode never throws; `is(v)` implies `decode(encode(v))` succeeds and equals `v`;
 * decode, `is`, `fromJson` and the constructors never throw.
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as E from '#fp-ts/Either'
import { Law, LawViolation, expectEqual, type Law as LawT } from './Law.js'
import type { AnyFormatLaws } from './Registration.js'
import type { CorpusDocument } from './Suites.js'

// -------------------------------------------------------------------------------------
// mutated values
// -------------------------------------------------------------------------------------

/**
 * Hostile replacements for a leaf of a value: strings that break markup, names and datatypes; numbers outside every
 * datatype; values of the wrong kind, including ones that cannot be converted to a string.
 *
 * @category values
 * @since 0.2.0
 */
export const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    '',
    ' ',
    ' lead',
    'trail ',
    'a  b',
    '\t',
    'x\r\ny',
    '\u0000',
    '\u0001',
    '\uD800',
    '\uFFFE',
    '<x/>',
    '&amp;',
    ']]>',
    'e/><tuple id="injected"/><x',
    'a"b',
    "a'b",
    'xmlns',
    'xml',
    '__proto__',
    'constructor',
    '1',
    '-1',
    '0',
    'NaN',
    'true',
    '2026-13-01T00:00:00Z',
    'sip:a@b',
    'urn:x',
    'a:b',
    '{urn:x}y',
    'é',
    '😀',
    NaN,
    -0,
    Infinity,
    -Infinity,
    -1,
    1.5,
    0,
    2 ** 53 + 2,
    1e21,
    4294967296,
    5n,
    2n ** 64n,
    true,
    false,
    null,
    undefined,
    {},
    [],
    [null],
    // things that String() and template literals cannot convert
    Object.create(null) as unknown,
    { toString: (): never => { throw new Error('no text') }, valueOf: (): never => { throw new Error('no value') } },
    Symbol('s')
  ),
  fc.string({ maxLength: 8 }),
  fc.constant('x'.repeat(3000))
)

type Path = ReadonlyArray<string | number>

/** Every place in a value a mutation can hit: each leaf and each container, by path. */
const places = (v: unknown): ReadonlyArray<Path> => {
  const out: Array<Path> = []
  const stack: Array<[unknown, Path]> = [[v, []]]
  while (stack.length > 0 && out.length < 5000) {
    const [x, p] = stack.pop() as [unknown, Path]
    out.push(p)
    if (Array.isArray(x)) x.forEach((c, i) => stack.push([c, [...p, i]]))
    else if (typeof x === 'object' && x !== null) for (const k of Object.keys(x)) stack.push([(x as Record<string, unknown>)[k], [...p, k]])
  }
  return out
}

const update = (v: unknown, p: Path, f: (x: unknown) => unknown): unknown => {
  if (p.length === 0) return f(v)
  const [h, ...rest] = p
  if (Array.isArray(v)) {
    const out = v.slice()
    out[h as number] = update(v[h as number], rest, f)
    return out
  }
  if (typeof v === 'object' && v !== null) return { ...(v as Record<string, unknown>), [h]: update((v as Record<string, unknown>)[h], rest, f) }
  return v
}

const remove = (v: unknown, p: Path): unknown => {
  if (p.length === 0) return v
  const parent = p.slice(0, -1)
  const last = p[p.length - 1]
  return update(v, parent, (x) => {
    if (Array.isArray(x)) return x.filter((_, i) => i !== last)
    if (typeof x === 'object' && x !== null) {
      const { [last]: _gone, ...rest } = x as Record<string, unknown>
      return rest
    }
    return x
  })
}

/**
 * One mutation: which place (an index into the value's places), what to do there, and a hostile value.
 *
 * @category values
 * @since 0.2.0
 */
export interface Mutation {
  readonly at: number
  readonly op: 'replace' | 'remove' | 'duplicate' | 'extra'
  readonly leaf: unknown
}

/**
 * Mutations of values.
 *
 * @category values
 * @since 0.2.0
 */
export const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom<Mutation['op']>('replace', 'replace', 'replace', 'remove', 'duplicate', 'extra'),
  leaf: hostileLeaf
})

/**
 * Applies a mutation to a value (immutably).
 *
 * @category values
 * @since 0.2.0
 */
export const mutate = (v: unknown, m: Mutation): unknown => {
  const ps = places(v)
  const p = ps[m.at % ps.length]
  switch (m.op) {
    case 'replace':
      return update(v, p, () => m.leaf)
    case 'remove':
      return remove(v, p)
    case 'duplicate':
      return update(v, p, (x) => (Array.isArray(x) && x.length > 0 ? [...x, x[0]] : x))
    case 'extra':
      return update(v, p, (x) => (typeof x === 'object' && x !== null && !Array.isArray(x) ? { ...x, extra: m.leaf } : x))
  }
}

// -------------------------------------------------------------------------------------
// fuzzed texts
// -------------------------------------------------------------------------------------

const pieces = fc.constantFrom(
  '<',
  '>',
  '&',
  '&amp;',
  '&#0;',
  '&#x10FFFF;',
  '&bogus;',
  '"',
  "'",
  '</',
  '/>',
  '<x>',
  '</x>',
  '<!DOCTYPE x [<!ENTITY a "b">]>',
  '<![CDATA[',
  ']]>',
  '<?pi?>',
  '<!--',
  '-->',
  'xmlns:p="u"',
  ' p:a="1"',
  ' xmlns=""',
  '\u0000',
  '\uD800',
  '\uFEFF',
  '\r\n',
  '\r',
  '\t',
  ' ',
  '0',
  '-1',
  '99999999999999999999999',
  'yes',
  ':',
  ';',
  ''
)

interface TextMutation {
  readonly op: number
  readonly at: number
  readonly len: number
  readonly piece: string
}

const textMutation: fc.Arbitrary<TextMutation> = fc.record({
  op: fc.integer({ min: 0, max: 4 }),
  at: fc.nat(),
  len: fc.integer({ min: 0, max: 64 }),
  piece: fc.oneof(pieces, fc.string({ maxLength: 6 }))
})

const applyText = (s: string, m: TextMutation): string => {
  const at = s.length === 0 ? 0 : m.at % s.length
  switch (m.op) {
    case 0:
      return s.slice(0, at) + s.slice(at + m.len)
    case 1:
      return s.slice(0, at) + m.piece + s.slice(at)
    case 2:
      return s.slice(0, at) + s.slice(at, at + m.len) + s.slice(at)
    case 3:
      return s.slice(0, at) + s.slice(at, at + m.len).split('').reverse().join('') + s.slice(at + m.len)
    default:
      return s.slice(0, at) + m.piece + s.slice(at + m.len)
  }
}

/**
 * What the fuzzer needs beyond the registration: real documents to mutate, and how many mutants per format.
 *
 * @category model
 * @since 0.2.0
 */
export interface FuzzEnvironment {
  readonly corpus?: ReadonlyArray<CorpusDocument>
  /** Mutants per format (default 10,000). */
  readonly runs?: number
}

// -------------------------------------------------------------------------------------
// suites
// -------------------------------------------------------------------------------------

const total = (what: string, f: () => unknown): unknown => {
  try {
    return f()
  } catch (e) {
    throw new LawViolation(`${what} threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
  }
}

const isEither = (u: unknown): boolean => E.isLeft(u as E.Either<unknown, unknown>) || E.isRight(u as E.Either<unknown, unknown>)

/**
 * The hostile laws of a registration.
 *
 * @category suites
 * @since 0.2.0
 */
export const hostileLaws = (reg: AnyFormatLaws, env: FuzzEnvironment = {}): ReadonlyArray<LawT> => {
  const { codec, arbitrary } = reg
  const id = reg.format
  const mutated = fc.tuple(arbitrary, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([a, ms]) => ms.reduce(mutate, a as unknown))
  const roundTrips = (v: unknown): void => {
    const text = total('encode', () => codec.encode(v))
    if (typeof text !== 'string') throw new LawViolation('encode did not return text')
    if (!total('is', () => codec.is(v))) return
    const r = total('decode', () => codec.decode(text)) as ReturnType<typeof codec.decode>
    if (E.isLeft(r))
      throw new LawViolation(`is(v) holds but decode(encode(v)) fails: ${r.left.map((p) => `${p.path}: ${p.message}`).join('; ')}\n${text}`)
    expectEqual(r.right, v, 'decode(encode(v)) for a v that passes is')
  }
  const laws: Array<LawT> = [
    Law(`${id}: is(v) ⇒ decode(encode(v)) = v, over generated values`, 'what the guard accepts round-trips', arbitrary)(roundTrips),
    Law(
      `${id}: encode never throws, and is(v) ⇒ decode(encode(v)) = v, over mutated values`,
      'hostile leaves, removed keys, duplicated items and extra keys: the guard refuses what would not come back',
      mutated
    )(roundTrips),
    Law(`${id}: every entry point is total on things that are not documents`, 'errors as values, never a TypeError', fc.anything())((u) => {
      if (!isEither(total('decode', () => codec.decode(u as never)))) throw new LawViolation('decode did not return an Either')
      if (!isEither(total('decodeLenient', () => codec.decodeLenient(u as never)))) throw new LawViolation('decodeLenient did not return an Either')
      if (!isEither(total('fromJson', () => codec.fromJson(u)))) throw new LawViolation('fromJson did not return an Either')
      if (!isEither(total('canonical', () => codec.canonical(u as never)))) throw new LawViolation('canonical did not return an Either')
      if (typeof total('is', () => codec.is(u)) !== 'boolean') throw new LawViolation('is did not return a boolean')
      total('encode', () => codec.encode(u as never))
    })
  ]
  const constructors = Object.entries(reg.constructors ?? {})
  if (constructors.length > 0)
    laws.push(
      Law(`${id}: constructors never throw, whatever JavaScript gives them`, 'wrong input is read as far as it makes sense', fc.constantFrom(...constructors), fc.array(fc.anything(), { maxLength: 3 }))(
        ([name, f], args) => {
          total(name, () => (f as (...xs: ReadonlyArray<unknown>) => unknown)(...args))
        }
      )
    )
  // the fuzzer: mutations of generated documents and of the format's real documents
  const runs = env.runs ?? 10_000
  const texts = env.corpus?.map((d) => new TextDecoder().decode(d.bytes)) ?? []
  const seeds = texts.length > 0 ? fc.oneof(arbitrary.map((a) => codec.encode(a)), fc.constantFrom(...texts)) : arbitrary.map((a) => codec.encode(a))
  laws.push(
    Law(`${id}: decode never throws on ${runs} fuzzed documents`, 'mutations of generated and real documents give an Either', seeds, fc.array(textMutation, { minLength: 1, maxLength: 4 }))(
      (s, ms) => {
        const text = ms.reduce(applyText, s)
        const r = total('decode', () => codec.decode(text))
        const l = total('decodeLenient', () => codec.decodeLenient(text))
        if (!isEither(r) || !isEither(l)) throw new LawViolation('decode did not return an Either')
        // whatever decodes is a value of the type that round-trips
        if (E.isRight(r as E.Either<unknown, unknown>)) roundTrips((r as E.Right<unknown>).right)
      },
      { numRuns: runs }
    )
  )
  return laws
}
