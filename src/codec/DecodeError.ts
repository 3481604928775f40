/**
 * Decode errors as values: every error carries an XML path (`/presence/tuple[2]/status/basic`) built from the io-ts
 * context, and a message in the shape `expected <what>, got <value>`. One reporter renders them.
 *
 * @since 0.1.0
 */
import * as t from 'io-ts'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A rendered problem: where (an XML path, or a line/column for input that is not well-formed) and what.
 *
 * @category model
 * @since 0.1.0
 */
export interface Problem {
  readonly path: string
  readonly message: string
}

/**
 * Something lenient mode dropped: where it was, why, and the dropped element itself.
 *
 * @category model
 * @since 0.1.0
 */
export interface Dropped {
  readonly path: string
  readonly reason: string
  readonly element: unknown
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const MAX_ECHO = 40

/**
 * Shows a value the way error messages echo input: strings in double quotes, cut to 40 characters.
 *
 * @category errors
 * @since 0.1.0
 */
export const show = (u: unknown): string => {
  if (typeof u === 'string') {
    const cut = u.length > MAX_ECHO ? u.slice(0, MAX_ECHO) + '…' : u
    return JSON.stringify(cut)
  }
  if (u === undefined) return 'nothing'
  if (isElementLike(u)) return `<${u.name.local}>`
  try {
    const s = JSON.stringify(u)
    if (s === undefined) return String(u)
    return s.length > MAX_ECHO ? s.slice(0, MAX_ECHO) + '…' : s
  } catch {
    try {
      return String(u)
    } catch {
      // an object without a prototype holding a bigint, say: neither JSON nor String can show it
      return typeof u
    }
  }
}

const isElementLike = (u: unknown): u is { name: { local: string } } =>
  typeof u === 'object' &&
  u !== null &&
  (u as { _tag?: unknown })._tag === 'Element' &&
  typeof (u as { name?: { local?: unknown } }).name?.local === 'string'

/**
 * The standard message: `expected <what>, got <value>`.
 *
 * @category errors
 * @since 0.1.0
 */
export const expected = (what: string, got: unknown): string => `expected ${what}, got ${show(got)}`

/**
 * A failure with the standard message at the given context.
 *
 * @category errors
 * @since 0.1.0
 */
export const fail = <A>(got: unknown, c: t.Context, what: string): t.Validation<A> =>
  t.failure(got, c, expected(what, got))

// -------------------------------------------------------------------------------------
// paths
// -------------------------------------------------------------------------------------

/**
 * The XML path of a context: the keys of its entries joined by `/` (the root entry's empty key is skipped).
 *
 * @category errors
 * @since 0.1.0
 */
export const pathOf = (c: t.Context): string => {
  let s = ''
  for (const e of c) if (e.key !== '') s += '/' + e.key
  return s === '' ? '/' : s
}

/**
 * Turns io-ts errors into problems.
 *
 * @category errors
 * @since 0.1.0
 */
export const problems = (errors: t.Errors): ReadonlyArray<Problem> =>
  errors.map((e) => ({ path: pathOf(e.context), message: e.message ?? expected(e.context[e.context.length - 1]?.type.name ?? 'a value', e.value) }))

/**
 * Renders one problem: `/presence/tuple[2]/status/basic: expected "open" | "closed", got "busy"`.
 *
 * @category errors
 * @since 0.1.0
 */
export const render = (p: Problem): string => (p.path === '' ? p.message : `${p.path}: ${p.message}`)

/**
 * Renders io-ts errors or problems, one line each.
 *
 * @category errors
 * @since 0.1.0
 */
export const report = (errors: t.Errors | ReadonlyArray<Problem>): ReadonlyArray<string> =>
  errors.map((e) => ('context' in e ? render(problems([e])[0]) : render(e)))

/**
 * Renders what lenient mode dropped, one line each.
 *
 * @category errors
 * @since 0.1.0
 */
export const reportDropped = (dropped: ReadonlyArray<Dropped>): ReadonlyArray<string> =>
  dropped.map((d) => `${d.path}: dropped: ${d.reason}`)
