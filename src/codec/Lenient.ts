/**
 * Lenient mode and the document-wide checks of a decode. A document decodes in a {@link Session}: in lenient mode
 * invalid repeated children and unexpected elements are dropped instead of failing the whole document, schema order
 * violations are accepted, and both are reported; in every mode the `xs:ID` values seen are checked for uniqueness
 * across the document once it has decoded (an ID is unique in the whole document, whatever element carries it: XML
 * Schema 1.0 Part 2 §3.3.8).
 *
 * @since 0.2.0
 */
import * as t from 'io-ts'
import * as Xml from '../xml/Ast.js'
import { rootContext, session, sessionOf, type IdUse, type Session, type XmlCodec } from './Codec.js'
import { pathOf as pathOfContext, show, type Dropped, type Problem } from './DecodeError.js'

// -------------------------------------------------------------------------------------
// reporting
// -------------------------------------------------------------------------------------

/**
 * Records that lenient mode dropped an element, with the first reason.
 *
 * @category combinators
 * @since 0.2.0
 */
export const drop = (c: t.Context, errors: t.Errors, element: unknown): void => {
  const s = sessionOf(c)
  if (s === undefined) return
  const at = pathOfContext(c)
  const first = errors[0]
  const where = first === undefined ? '' : pathOfContext(first.context).slice(at.length + 1)
  const why = first?.message ?? 'invalid'
  s.dropped.push({ path: at, reason: where === '' ? why : `${where}: ${why}`, element })
}

/**
 * Records that lenient mode dropped an element for a reason of its own.
 *
 * @category combinators
 * @since 0.2.0
 */
export const dropWith = (c: t.Context, reason: string, element: unknown): void => {
  sessionOf(c)?.dropped.push({ path: pathOfContext(c), reason, element })
}

/**
 * Records something lenient mode accepted although the schema forbids it (it was kept as it was).
 *
 * @category combinators
 * @since 0.2.0
 */
export const warn = (c: t.Context, message: string): void => {
  sessionOf(c)?.warnings.push({ path: pathOfContext(c), message })
}

// -------------------------------------------------------------------------------------
// documents
// -------------------------------------------------------------------------------------

/**
 * The result of decoding a document's root element: the value (or the errors), and what lenient mode dropped and
 * accepted on the way.
 *
 * @category model
 * @since 0.2.0
 */
export interface Decoded<A> {
  readonly result: t.Validation<A>
  readonly dropped: ReadonlyArray<Dropped>
  readonly warnings: ReadonlyArray<Problem>
}

/**
 * A repeated `xs:ID`: where it was first (in document order), and one later occurrence.
 *
 * @category model
 * @since 0.2.0
 */
export interface Duplicate {
  readonly id: string
  readonly first: IdUse
  readonly again: IdUse
}

/**
 * Every later occurrence of an ID, in document order.
 *
 * @category combinators
 * @since 0.2.0
 */
export const duplicates = (s: Session, root: Xml.Element): ReadonlyArray<Duplicate> => {
  let any = false
  for (const cs of s.ids.values())
    if (cs.length > 1) {
      any = true
      break
    }
  if (!any) return []
  // document order of elements, computed only when some ID repeats
  const order = new Map<Xml.Element, number>()
  const stack: Array<Xml.Element> = [root]
  while (stack.length > 0) {
    const e = stack.pop() as Xml.Element
    order.set(e, order.size)
    for (let i = e.children.length - 1; i >= 0; i--) {
      const ch = e.children[i]
      if (ch._tag === 'Element') stack.push(ch)
    }
  }
  const pos = (u: IdUse): number => order.get(u.element) ?? Infinity
  const out: Array<Duplicate> = []
  for (const [id, cs] of s.ids) {
    if (cs.length < 2) continue
    const sorted = cs.slice().sort((a, b) => pos(a) - pos(b))
    for (let i = 1; i < sorted.length; i++) out.push({ id, first: sorted[0], again: sorted[i] })
  }
  return out
}

const duplicateMessage = (d: Duplicate): string =>
  `expected a unique xs:ID, got ${show(d.id)} again (first at ${pathOfContext(d.first.context)})`

/** The tree without the given elements (undefined when the root itself is one of them). */
const without = (root: Xml.Element, gone: ReadonlySet<Xml.Element>): Xml.Element | undefined => {
  if (gone.has(root)) return undefined
  const rebuild = (e: Xml.Element): Xml.Element => {
    let changed = false
    const children: Array<Xml.Node> = []
    for (const ch of e.children) {
      if (ch._tag === 'Element') {
        if (gone.has(ch)) {
          changed = true
          continue
        }
        const r = rebuild(ch)
        if (r !== ch) changed = true
        children.push(r)
      } else children.push(ch)
    }
    return changed ? { ...e, children } : e
  }
  return rebuild(root)
}

/**
 * Decodes a document's root element in a session of its own, then checks what only the whole document can tell
 * (unique `xs:ID`s). In lenient mode an element holding a repeated ID is dropped (and the document decoded again
 * without it); in strict mode each repetition is an error at its path.
 *
 * @category combinators
 * @since 0.2.0
 */
export const validateDocument = <A>(codec: XmlCodec<A>, root: Xml.Element, lenient: boolean): Decoded<A> => {
  const s = session(lenient)
  const result = codec.validate(root, rootContext(codec, root, s))
  if (result._tag === 'Left') return { result, dropped: s.dropped, warnings: s.warnings }
  const dups = duplicates(s, root)
  if (dups.length === 0) return { result, dropped: s.dropped, warnings: s.warnings }
  const errors = (): t.Validation<A> =>
    t.failures(dups.map((d) => ({ value: d.id, context: d.again.context, message: duplicateMessage(d) })))
  if (!lenient) return { result: errors(), dropped: s.dropped, warnings: s.warnings }
  const gone = new Set<Xml.Element>()
  for (const d of dups) gone.add(d.again.element)
  const pruned = without(root, gone)
  if (pruned === undefined) return { result: errors(), dropped: s.dropped, warnings: s.warnings }
  const again = validateDocument(codec, pruned, true)
  const reported: Array<Dropped> = dups.map((d) => ({
    path: pathOfContext(d.again.context.slice(0, -1)),
    reason: `${d.again.context[d.again.context.length - 1].key}: ${duplicateMessage(d)}`,
    element: d.again.element
  }))
  return { result: again.result, dropped: [...reported, ...again.dropped], warnings: again.warnings }
}
