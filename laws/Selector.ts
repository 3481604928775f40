/**
 * Laws of the node selectors the XCAP formats give for the foci of their keyed optics (RFC 4825 §6): evaluated on the
 * encoded document, the selector of a focus finds exactly the encoded focus; and the selector prints and parses back
 * to itself, plain and percent-encoded.
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import type * as Op from '#monocle-ts/Optional'
import type { XmlCodec } from '../src/codec/Codec.js'
import type { DocumentCodec } from '../src/codec/Document.js'
import type * as Xml from '../src/xml/Ast.js'
import { canonical } from '../src/xml/Canonical.js'
import { parse } from '../src/xml/Parser.js'
import * as Selector from '../src/xcap/Selector.js'
import { Law, LawViolation, expectEqual, type Law as LawT } from './Law.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The selector of a keyed optic's focus, to law-test: the keys present in a document, the format's selector function,
 * the optic, and the codec of the focus (to encode it as an element).
 *
 * @category model
 * @since 0.2.0
 */
export interface SelectorLaws<S> {
  readonly name: string
  readonly keys: (s: S) => ReadonlyArray<unknown>
  readonly target: (k: unknown, s: S) => Selector.Target | undefined
  readonly optic: (k: unknown) => Op.Optional<S, unknown>
  readonly focus: XmlCodec<unknown>
}

/**
 * A selector law specification, typed by the optic's key and focus.
 *
 * @category constructors
 * @since 0.2.0
 */
export const selector = <S, K, A>(
  name: string,
  spec: {
    readonly keys: (s: S) => ReadonlyArray<K>
    readonly target: (k: K, s: S) => Selector.Target | undefined
    readonly optic: (k: K) => Op.Optional<S, A>
    readonly focus: XmlCodec<A>
  }
): SelectorLaws<S> => ({ name, ...spec }) as unknown as SelectorLaws<S>

// -------------------------------------------------------------------------------------
// laws
// -------------------------------------------------------------------------------------

/**
 * The laws of one selector function, over generated documents of a format whose unprefixed names mean `defaultNs`
 * (the application usage's default namespace).
 *
 * @category laws
 * @since 0.2.0
 */
export const laws = <S>(l: SelectorLaws<S>, codec: DocumentCodec<S>, arbitrary: fc.Arbitrary<S>, defaultNs: string): ReadonlyArray<LawT> => {
  const withKeys = arbitrary.filter((s) => l.keys(s).length > 0)
  return [
    Law(`${l.name}: evaluate(selector(k), encode(s)) = encode(focus(k)(s))`, 'the selector of a focus finds exactly the encoded focus', withKeys)((s) => {
      const tree = parse(codec.encode(s))
      if (tree._tag === 'Left') throw new LawViolation(`the encoded document does not parse: ${tree.left.message}`)
      for (const k of l.keys(s)) {
        const t = l.target(k, s)
        if (t === undefined) throw new LawViolation(`no selector for the key ${JSON.stringify(k)}`)
        const found = Selector.evaluate(tree.right, t.selector, t.bindings, defaultNs)
        const shown = Selector.print(t.selector)
        if (found._tag !== 'Element') throw new LawViolation(`${shown} selects ${found._tag === 'Many' ? 'more than one element' : found._tag === 'None' ? 'nothing' : `a ${found._tag}`}`)
        const focus = l.optic(k).getOption(s)
        if (focus._tag === 'None') throw new LawViolation(`the optic has no focus at ${JSON.stringify(k)}`)
        expectEqual(canonical(found.element), canonical(l.focus.encode(focus.value) as Xml.Element), `the element ${shown} selects`)
      }
    }),
    Law(`${l.name}: parse(print(selector(k))) = selector(k)`, 'selectors print and parse back to themselves, plain and percent-encoded', withKeys)((s) => {
      for (const k of l.keys(s)) {
        const t = l.target(k, s)
        if (t === undefined) throw new LawViolation(`no selector for the key ${JSON.stringify(k)}`)
        expectEqual(Selector.parse(Selector.print(t.selector)), { _tag: 'Right', right: t.selector }, 'plain')
        expectEqual(Selector.parse(Selector.print(t.selector, { uri: true }), { percentEncoded: true }), { _tag: 'Right', right: t.selector }, 'percent-encoded')
      }
    })
  ]
}
