/**
 * Common policy (RFC 4745): authorization rules for privacy-sensitive data. Namespace
 * `urn:ietf:params:xml:ns:common-policy`, content type `application/auth-policy+xml` (RFC 4745 §15.2). A `<ruleset>`
 * holds rules (§6), each identified by an `xs:ID` (§6.1) and made of conditions (§7: `<identity>`, `<sphere>`,
 * `<validity>`), actions (§8) and transformations (§9). Conditions, actions and transformations are extension points
 * (§6.2): typed extensions plug into `'cp:conditions'`, `'cp:actions'` and `'cp:transformations'` (pres-rules,
 * dialog-rules and the OMA conditions do), and whatever no extension claims is kept verbatim in the host's `other`,
 * in document order.
 *
 * Beyond the schema, the codecs check what RFC 4745 requires: an `<except>` names a user (`id`) or a domain, never
 * both (§7.2, §7.1.3); the `value` of a `<sphere>` is one or more tokens separated by blanks (§7.3); a `<one>` holds
 * at most one foreign element (the schema's `xs:any` occurs once). Rule ids are unique across the document (§6.1,
 * `xs:ID`). A condition element occurs at most once in a rule's conditions: all conditions are combined with a
 * logical AND (§10.1), so a repeated one adds nothing that one element cannot say (§7.4 calls repeated `<validity>`
 * elements "not useful").
 *
 * @example
 * import * as CommonPolicy from 'sip-simple-payloads/CommonPolicy'
 * const doc = CommonPolicy.ruleset([
 *   CommonPolicy.rule({
 *     id: 'f3g44r1',
 *     conditions: CommonPolicy.conditions({
 *       identity: CommonPolicy.identity(['sip:bob@example.com']),
 *       sphere: CommonPolicy.sphere('work'),
 *       validity: CommonPolicy.validity([['2003-12-24T17:00:00+01:00', '2003-12-24T19:00:00+01:00']])
 *     })
 *   })
 * ])
 * const xml = CommonPolicy.document.encode(doc)
 *
 * @since 0.2.0
 */
import { pipe } from '#fp-ts/function'
import * as O from '#fp-ts/Option'
import * as L from '#monocle-ts/Lens'
import * as Op from '#monocle-ts/Optional'
import type * as T from '#monocle-ts/Traversal'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Doc from '../codec/Document.js'
import * as Ext from '../codec/Extension.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import { show } from '../codec/DecodeError.js'
import type { XmlCodec } from '../codec/Element.js'
import * as Selector from '../xcap/Selector.js'

/**
 * The common-policy namespace.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ietf:params:xml:ns:common-policy'

/**
 * The content type of authorization policy documents (RFC 4745 §15.2), shared by every usage of the framework
 * (pres-rules, dialog-rules, ...).
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = 'application/auth-policy+xml'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * `<one>`: the authenticated identity of exactly one entity, as a URI (RFC 4745 §7.1.2, §7.2), with at most one
 * foreign element.
 *
 * @category model
 * @since 0.2.0
 */
export interface One {
  readonly id: string
  /** The foreign element the schema allows (at most one). */
  readonly other: ReadonlyArray<Xml.Element>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * `<except>`: excludes one user (`id`, a URI) or every user of a domain (`domain`) from a `<many>`, never both
 * (RFC 4745 §7.1.3, §7.2).
 *
 * @category model
 * @since 0.2.0
 */
export type Except = { readonly id: string; readonly domain?: never } | { readonly domain: string; readonly id?: never }

/**
 * A member of a `<many>`, in document order: an `<except>`, or a foreign element where it stands.
 *
 * @category model
 * @since 0.2.0
 */
export type ManyMember = { readonly _tag: 'Except'; readonly except: Except } | { readonly _tag: 'Other'; readonly element: Xml.Element }

/**
 * `<many>`: every authenticated identity, or every one of a domain, except those listed (RFC 4745 §7.1.3).
 *
 * @category model
 * @since 0.2.0
 */
export interface Many {
  readonly domain?: string
  readonly members: ReadonlyArray<ManyMember>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * A member of an `<identity>` condition, in document order: `<one>`, `<many>`, or a foreign element where it stands
 * (RFC 4745 §7.1.1: the members are combined with a logical OR).
 *
 * @category model
 * @since 0.2.0
 */
export type IdentityMember =
  | { readonly _tag: 'One'; readonly one: One }
  | { readonly _tag: 'Many'; readonly many: Many }
  | { readonly _tag: 'Other'; readonly element: Xml.Element }

/**
 * The `<identity>` condition (RFC 4745 §7.1): one ordered list of at least one member.
 *
 * @category model
 * @since 0.2.0
 */
export interface Identity {
  readonly members: ReadonlyArray<IdentityMember>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * The `<sphere>` condition (RFC 4745 §7.3): one or more blank-separated tokens, matched case-insensitively against the
 * sphere of the presentity (a logical OR over the tokens).
 *
 * @category model
 * @since 0.2.0
 */
export interface Sphere {
  readonly value: string
}

/**
 * One validity period: from (inclusive) until (exclusive), as `xs:dateTime` lexical forms (RFC 4745 §7.4).
 *
 * @category model
 * @since 0.2.0
 */
export interface Period {
  readonly from: string
  readonly until: string
}

/**
 * The `<validity>` condition (RFC 4745 §7.4): at least one (from, until) pair, combined with a logical OR.
 *
 * @category model
 * @since 0.2.0
 */
export type Validity = ReadonlyArray<Period>

/**
 * The `<conditions>` of a rule (RFC 4745 §7): the three conditions of RFC 4745, each at most once, the extension's
 * conditions (`ext`) and foreign ones (`other`), which the schema lets interleave in any order.
 *
 * @category model
 * @since 0.2.0
 */
export interface Conditions<X = {}> { // eslint-disable-line @typescript-eslint/no-empty-object-type
  readonly identity?: Identity
  readonly sphere?: Sphere
  readonly validity?: Validity
  readonly ext: X
  readonly other: ReadonlyArray<Xml.Element>
  /** The order of the children where the document's differs from the encoder's (see `C.sourceOrder`). */
  readonly order?: ReadonlyArray<string>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * The `<actions>` of a rule (RFC 4745 §8), or its `<transformations>` (§9): the extension's permissions and foreign
 * ones.
 *
 * @category model
 * @since 0.2.0
 */
export interface Permissions<X = {}> { // eslint-disable-line @typescript-eslint/no-empty-object-type
  readonly ext: X
  readonly other: ReadonlyArray<Xml.Element>
  /** The order of the children where the document's differs from the encoder's (see `C.sourceOrder`). */
  readonly order?: ReadonlyArray<string>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * The `<actions>` of a rule (RFC 4745 §8).
 *
 * @category model
 * @since 0.2.0
 */
export type Actions<X = {}> = Permissions<X> // eslint-disable-line @typescript-eslint/no-empty-object-type

/**
 * The `<transformations>` of a rule (RFC 4745 §9).
 *
 * @category model
 * @since 0.2.0
 */
export type Transformations<X = {}> = Permissions<X> // eslint-disable-line @typescript-eslint/no-empty-object-type

/**
 * A `<rule>` (RFC 4745 §6): its id, and the optional conditions, actions and transformations. `C`, `A` and `T` are
 * the fields of the extensions of each part.
 *
 * @category model
 * @since 0.2.0
 */
export interface Rule<C = {}, A = {}, T = {}> { // eslint-disable-line @typescript-eslint/no-empty-object-type
  readonly id: string
  readonly conditions?: Conditions<C>
  readonly actions?: Actions<A>
  readonly transformations?: Transformations<T>
}

/**
 * A `<ruleset>` document (RFC 4745 §6): zero or more rules, whose order is irrelevant.
 *
 * @category model
 * @since 0.2.0
 */
export interface Ruleset<C = {}, A = {}, T = {}> { // eslint-disable-line @typescript-eslint/no-empty-object-type
  readonly rules: ReadonlyArray<Rule<C, A, T>>
  /** The namespace declarations of the document, when they are not the ones the encoder writes by itself. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * Any ruleset, whatever its extensions.
 *
 * @category model
 * @since 0.2.0
 */
export type AnyRuleset = Ruleset<unknown, unknown, unknown>

/**
 * The extensions of a common-policy document, one per extension point; a point left out has no extension.
 *
 * @category extensions
 * @since 0.2.0
 */
export interface Extensions<C, A, T> {
  readonly conditions?: Ext.Extension<C, 'cp:conditions'>
  readonly actions?: Ext.Extension<A, 'cp:actions'>
  readonly transformations?: Ext.Extension<T, 'cp:transformations'>
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * `<one>` (RFC 4745 §7.1.2, §13): an `id` URI and at most one foreign element.
 *
 * @category codecs
 * @since 0.2.0
 */
export const One: XmlCodec<One> = /*#__PURE__*/ C.constrain(
  C.element(el('one'), { xmlns: C.namespaces(), id: C.attr('id', V.anyURI), other: C.other(NS) }, 'One'),
  (o) =>
    o.other.length > 1
      ? [
          {
            path: [`${o.other[1].name.local}[${Xml.eqName(o.other[0].name, o.other[1].name) ? 2 : 1}]`],
            message: `expected at most one foreign element (the schema's xs:any), got ${o.other.length}`
          }
        ]
      : []
)

/**
 * `<except>` (RFC 4745 §7.1.3, §7.2, §13): an `id` or a `domain`, never both ("the single-user entity MUST NOT contain
 * a 'domain' attribute"), and never neither (it excludes "either individual users or users belonging to a specific
 * domain").
 *
 * @category codecs
 * @since 0.2.0
 */
export const Except: XmlCodec<Except> = /*#__PURE__*/ C.constrain(
  C.element(el('except'), { domain: C.optionalAttr('domain', V.string), id: C.optionalAttr('id', V.anyURI) }, 'Except'),
  (e) =>
    e.id !== undefined && e.domain !== undefined
      ? [{ path: ['@domain'], message: `expected no domain beside an id (RFC 4745 §7.2), got ${show(e.domain)}` }]
      : e.id === undefined && e.domain === undefined
        ? [{ path: [], message: 'expected an id or a domain attribute (RFC 4745 §7.1.3), got neither' }]
        : []
) as unknown as XmlCodec<Except>

/**
 * `<many>` (RFC 4745 §7.1.3, §13): an optional `domain`, and `<except>` and foreign elements in document order.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Many: XmlCodec<Many> = /*#__PURE__*/ C.element(
  el('many'),
  {
    xmlns: C.namespaces(),
    domain: C.optionalAttr('domain', V.string),
    members: C.choices([C.member('Except', 'except', Except), C.otherMember(NS)])
  },
  'Many'
)

/**
 * `<identity>` (RFC 4745 §7.1, §13): `<one>`, `<many>` and foreign elements in document order, at least one.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Identity: XmlCodec<Identity> = /*#__PURE__*/ C.element(
  el('identity'),
  {
    xmlns: C.namespaces(),
    members: C.choices([C.member('One', 'one', One), C.member('Many', 'many', Many), C.otherMember(NS)], { min: 1 })
  },
  'Identity'
)

const BLANK_TOKENS = /^ *[^ \t\n\r]+( +[^ \t\n\r]+)* *$/

/**
 * `<sphere>` (RFC 4745 §7.3, §13): its `value` holds one or more tokens, which "MUST be separated by a blank
 * character".
 *
 * @category codecs
 * @since 0.2.0
 */
export const Sphere: XmlCodec<Sphere> = /*#__PURE__*/ C.constrain(
  C.element(el('sphere'), { value: C.attr('value', V.string) }, 'Sphere'),
  (s) =>
    BLANK_TOKENS.test(s.value)
      ? []
      : [{ path: ['@value'], message: `expected tokens separated by blanks (RFC 4745 §7.3), got ${show(s.value)}` }]
)

const isValidity = (u: unknown): u is Validity => Array.isArray(u) && u.length > 0

/**
 * `<validity>` (RFC 4745 §7.4, §13): `<from>` and `<until>` in pairs, at least one; decoded to the list of pairs and
 * encoded pair by pair.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Validity: XmlCodec<Validity> = /*#__PURE__*/ C.imap(
  C.element(
    el('validity'),
    { periods: C.sequence({ from: C.textElement(el('from'), V.dateTime), until: C.textElement(el('until'), V.dateTime) }, { min: 1 }) },
    'Validity'
  ),
  (r): Validity => r.periods,
  (periods) => ({ periods }),
  isValidity,
  'Validity'
)

/**
 * The `<conditions>` codec with an extension for the `'cp:conditions'` point (RFC 4745 §7, §13): a repeated choice of
 * identity, sphere, validity and foreign conditions, in any order (kept in `order` where it is not the encoder's).
 *
 * @category extensions
 * @since 0.2.0
 */
export const conditionsWith = <X>(ext: Ext.Extension<X, 'cp:conditions'>): XmlCodec<Conditions<X>> =>
  C.element(
    el('conditions'),
    {
      xmlns: C.namespaces(),
      order: C.sourceOrder(),
      identity: C.optionalChild(Identity),
      sphere: C.optionalChild(Sphere),
      validity: C.optionalChild(Validity),
      ext: C.extension(ext),
      other: C.other(NS)
    },
    { typeName: 'Conditions', unordered: true }
  )

/**
 * The `<conditions>` codec without extensions.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Conditions: XmlCodec<Conditions> = /*#__PURE__*/ conditionsWith(Ext.emptyAt('cp:conditions'))

const permissionsWith = <X>(local: string, ext: Ext.Extension<X, string>, typeName: string): XmlCodec<Permissions<X>> =>
  C.element(
    el(local),
    { xmlns: C.namespaces(), order: C.sourceOrder(), ext: C.extension(ext), other: C.other(NS) },
    typeName
  )

/**
 * The `<actions>` codec with an extension for the `'cp:actions'` point (RFC 4745 §8, §13).
 *
 * @category extensions
 * @since 0.2.0
 */
export const actionsWith = <X>(ext: Ext.Extension<X, 'cp:actions'>): XmlCodec<Actions<X>> => permissionsWith('actions', ext, 'Actions')

/**
 * The `<actions>` codec without extensions.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Actions: XmlCodec<Actions> = /*#__PURE__*/ actionsWith(Ext.emptyAt('cp:actions'))

/**
 * The `<transformations>` codec with an extension for the `'cp:transformations'` point (RFC 4745 §9, §13).
 *
 * @category extensions
 * @since 0.2.0
 */
export const transformationsWith = <X>(ext: Ext.Extension<X, 'cp:transformations'>): XmlCodec<Transformations<X>> =>
  permissionsWith('transformations', ext, 'Transformations')

/**
 * The `<transformations>` codec without extensions.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Transformations: XmlCodec<Transformations> = /*#__PURE__*/ transformationsWith(Ext.emptyAt('cp:transformations'))

/**
 * The `<rule>` codec with one extension per part (RFC 4745 §6, §13).
 *
 * @category extensions
 * @since 0.2.0
 */
export const ruleWith = <C = {}, A = {}, T = {}>(exts: Extensions<C, A, T>): XmlCodec<Rule<C, A, T>> => // eslint-disable-line @typescript-eslint/no-empty-object-type
  C.element(
    el('rule'),
    {
      id: C.attr('id', V.id),
      conditions: C.optionalChild(conditionsWith(Ext.orEmpty('cp:conditions', exts.conditions))),
      actions: C.optionalChild(actionsWith(Ext.orEmpty('cp:actions', exts.actions))),
      transformations: C.optionalChild(transformationsWith(Ext.orEmpty('cp:transformations', exts.transformations)))
    },
    'Rule'
  )

/**
 * The `<rule>` codec without extensions.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Rule: XmlCodec<Rule> = /*#__PURE__*/ ruleWith({})

/**
 * The `<ruleset>` codec with one extension per extension point (RFC 4745 §6, §13): `conditions` for children of
 * `<conditions>`, `actions` for `<actions>`, `transformations` for `<transformations>`. Points left out get no
 * extension; what no extension claims stays in `other`.
 *
 * @example
 * import * as CommonPolicy from 'sip-simple-payloads/CommonPolicy'
 * import { C, Ext, V } from 'sip-simple-payloads/codec'
 * // a vendor's action, typed
 * const vendor = Ext.fromFields('cp:actions', { notify: C.optionalChild({ ns: 'urn:example:vendor', local: 'notify' }, V.boolean) }, { name: 'Vendor' })
 * const codec = CommonPolicy.rulesetWith({ actions: vendor })
 *
 * @category extensions
 * @since 0.2.0
 */
export const rulesetWith = <C = {}, A = {}, T = {}>(exts: Extensions<C, A, T>): XmlCodec<Ruleset<C, A, T>> => // eslint-disable-line @typescript-eslint/no-empty-object-type
  C.element(el('ruleset'), { xmlns: C.namespaces({ root: true }), rules: C.children(ruleWith(exts)) }, 'Ruleset')

/**
 * The `<ruleset>` codec of plain common policy: every extension element is kept in `other`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Ruleset: XmlCodec<Ruleset> = /*#__PURE__*/ rulesetWith({})

/**
 * The document codec of plain common policy (`application/auth-policy+xml`, format id `common-policy`). RFC 4745 defines
 * no XCAP application usage of its own: its usages (pres-rules, dialog-rules) do.
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XmlDocumentCodec<Ruleset> = /*#__PURE__*/ Doc.xml(Ruleset, {
  id: 'common-policy',
  contentType: CONTENT_TYPE,
  title: 'Common policy (RFC 4745)'
})

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

let counter = 0

/**
 * A fresh rule id (an `xs:ID`): the prefix, a counter and a random part in base 36, unique within a process run and
 * practically unique beyond (RFC 4745 §6.1 asks the rule maker for ids unique in the rule set).
 *
 * @category constructors
 * @since 0.2.0
 */
export const freshRuleId = (prefix = 'r'): string =>
  `${typeof prefix === 'string' && V.id.is(prefix) ? prefix : 'r'}${(counter++).toString(36)}${Math.floor(Math.random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0')}`

const elementsOf = (u: unknown): ReadonlyArray<Xml.Element> => Read.arrayOf(u, C.isElement)

/**
 * A `<one>` condition member.
 *
 * @category constructors
 * @since 0.2.0
 */
export const one = (id: string): One => ({ id: Read.string(id) ?? '', other: [] })

/**
 * An `<except>` of one user.
 *
 * @category constructors
 * @since 0.2.0
 */
export const exceptId = (id: string): Except => ({ id: Read.string(id) ?? '' })

/**
 * An `<except>` of every user of a domain.
 *
 * @category constructors
 * @since 0.2.0
 */
export const exceptDomain = (domain: string): Except => ({ domain: Read.string(domain) ?? '' })

const isExcept = (u: unknown): u is Except => Read.isRecord(u) && (typeof u.id === 'string' || typeof u.domain === 'string')

/**
 * A `<many>` condition member: every authenticated identity (of `domain`, when given) but the exceptions.
 *
 * @category constructors
 * @since 0.2.0
 */
export const many = (input: { readonly domain?: string; readonly except?: ReadonlyArray<Except> } = {}): Many => {
  const i = Read.record(input)
  const domain = Read.string(i.domain)
  return Read.defined({
    domain,
    members: Read.arrayOf(i.except, isExcept).map((except) => ({ _tag: 'Except' as const, except }))
  })
}

const memberOf = (u: unknown): ReadonlyArray<IdentityMember> => {
  if (typeof u === 'string') return [{ _tag: 'One', one: one(u) }]
  if (!Read.isRecord(u)) return []
  if (u._tag === 'One' || u._tag === 'Many' || u._tag === 'Other') return [u as IdentityMember]
  if (typeof u.id === 'string') return [{ _tag: 'One', one: u as unknown as One }]
  if (Array.isArray(u.members)) return [{ _tag: 'Many', many: u as unknown as Many }]
  return []
}

/**
 * An `<identity>` condition from URIs (each a `<one>`), `<one>` and `<many>` values and members, in that order.
 *
 * @category constructors
 * @since 0.2.0
 */
export const identity = (members: ReadonlyArray<string | One | Many | IdentityMember>): Identity => ({
  members: Read.array(members).flatMap(memberOf)
})

/**
 * A `<sphere>` condition: `sphere('work')`, `sphere('home work')`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const sphere = (value: string): Sphere => ({ value: Read.string(value) ?? '' })

const instant = (u: unknown): string => V.dateTimeOf(u) ?? (typeof u === 'string' ? u : '')

/**
 * A `<validity>` condition from (from, until) pairs: each an `xs:dateTime` string or a `Date`.
 *
 * @category constructors
 * @since 0.2.0
 */
export const validity = (
  periods: ReadonlyArray<readonly [string | Date, string | Date] | Period>
): Validity =>
  Read.array(periods).flatMap((p): ReadonlyArray<Period> => {
    if (Array.isArray(p)) return [{ from: instant(p[0]), until: instant(p[1]) }]
    if (Read.isRecord(p)) return [{ from: instant(p.from), until: instant(p.until) }]
    return []
  })

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type ExtInput<X> = {} extends X ? { readonly ext?: X } : { readonly ext: X }

/**
 * What `<conditions>` are built from.
 *
 * @category constructors
 * @since 0.2.0
 */
export type ConditionsInput<X> = {
  readonly identity?: Identity
  readonly sphere?: Sphere
  readonly validity?: Validity
  readonly other?: ReadonlyArray<Xml.Element>
} & ExtInput<X>

/**
 * `<conditions>`: the conditions given (each optional) and the extension's.
 *
 * @category constructors
 * @since 0.2.0
 */
export const conditions = <X = {}>(input: ConditionsInput<X>): Conditions<X> => { // eslint-disable-line @typescript-eslint/no-empty-object-type
  const i = Read.record(input)
  return Read.defined({
    identity: Read.isRecord(i.identity) ? (i.identity as unknown as Identity) : undefined,
    sphere: Read.isRecord(i.sphere) ? (i.sphere as unknown as Sphere) : undefined,
    validity: Array.isArray(i.validity) && i.validity.length > 0 ? (i.validity as Validity) : undefined,
    ext: Read.record(i.ext) as X,
    other: elementsOf(i.other)
  }) as Conditions<X>
}

/**
 * `<actions>` or `<transformations>`: the extension's permissions and foreign ones.
 *
 * @category constructors
 * @since 0.2.0
 */
export const permissions = <X = {}>(input: { readonly ext?: X; readonly other?: ReadonlyArray<Xml.Element> } = {}): Permissions<X> => { // eslint-disable-line @typescript-eslint/no-empty-object-type
  const i = Read.record(input)
  return { ext: Read.record(i.ext) as X, other: elementsOf(i.other) }
}

/**
 * What a rule is built from: everything optional (a fresh id is made when none is given).
 *
 * @category constructors
 * @since 0.2.0
 */
export interface RuleInput<C, A, T> {
  readonly id?: string
  readonly conditions?: Conditions<C>
  readonly actions?: Actions<A>
  readonly transformations?: Transformations<T>
}

/**
 * A `<rule>`, with a fresh id when none is given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const rule = <C = {}, A = {}, T = {}>(input: RuleInput<C, A, T> = {}): Rule<C, A, T> => { // eslint-disable-line @typescript-eslint/no-empty-object-type
  const i = Read.record(input)
  return {
    id: Read.string(i.id) ?? freshRuleId(),
    ...(Read.isRecord(i.conditions) ? { conditions: i.conditions as unknown as Conditions<C> } : {}),
    ...(Read.isRecord(i.actions) ? { actions: i.actions as unknown as Actions<A> } : {}),
    ...(Read.isRecord(i.transformations) ? { transformations: i.transformations as unknown as Transformations<T> } : {})
  }
}

/**
 * A `<ruleset>` document.
 *
 * @category constructors
 * @since 0.2.0
 */
export const ruleset = <C = {}, A = {}, T = {}>(rules: ReadonlyArray<Rule<C, A, T>> = []): Ruleset<C, A, T> => ({ // eslint-disable-line @typescript-eslint/no-empty-object-type
  rules: Read.arrayOf(rules, Read.isRecord) as unknown as ReadonlyArray<Rule<C, A, T>>
})

/**
 * Whether a validity condition holds at an instant: at or after the `from` of some pair and before its `until`
 * (RFC 4745 §7.4).
 *
 * @category constructors
 * @since 0.2.0
 */
export const isValidAt = (v: Validity, at: string | Date): boolean => {
  const now = V.dateTimeOf(at)
  if (now === undefined) return false
  return Read.arrayOf(v, Read.isRecord).some(
    (p) =>
      typeof p.from === 'string' &&
      typeof p.until === 'string' &&
      V.compareDateTime(p.from, now) <= 0 &&
      V.compareDateTime(now, p.until) < 0
  )
}

/**
 * The tokens of a sphere condition (RFC 4745 §7.3), to match case-insensitively.
 *
 * @category constructors
 * @since 0.2.0
 */
export const sphereTokens = (s: Sphere): ReadonlyArray<string> =>
  (Read.string(Read.record(s).value) ?? '').split(' ').filter((t) => t !== '')

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The rule with this id. Writing it back keeps the id.
 *
 * @example
 * import * as CommonPolicy from 'sip-simple-payloads/CommonPolicy'
 * const doc = CommonPolicy.ruleset([CommonPolicy.rule({ id: 'a' })])
 * const r = CommonPolicy.ruleById('a').getOption(doc)
 *
 * @category optics
 * @since 0.2.0
 */
export const ruleById = <C = {}, A = {}, T = {}>(id: string): Op.Optional<Ruleset<C, A, T>, Rule<C, A, T>> => // eslint-disable-line @typescript-eslint/no-empty-object-type
  pipe(L.id<Ruleset<C, A, T>>(), L.prop('rules'), L.composeOptional(Optics.byKey<Rule<C, A, T>, 'id'>('id', id)))

/**
 * The node selector of the rule {@link ruleById} focuses (RFC 4825 §6.3), with the common-policy namespace bound to
 * `cp` (the default namespace of the pres-rules usage is another one): by id where it is unique, else by position.
 *
 * @example
 * import * as CommonPolicy from 'sip-simple-payloads/CommonPolicy'
 * import { print } from 'sip-simple-payloads/xcap/Selector'
 * const t = CommonPolicy.ruleSelector(CommonPolicy.ruleset([CommonPolicy.rule({ id: 'a' })]), 'a')
 * if (t !== undefined) print(t.selector) // 'cp:ruleset/cp:rule[@id="a"]'
 *
 * @category optics
 * @since 0.2.0
 */
export const ruleSelector = (rs: { readonly rules: ReadonlyArray<{ readonly id: string }> }, id: string): Selector.Target | undefined => {
  const ids = rs.rules.map((r) => r.id)
  const i = ids.indexOf(id)
  return i === -1
    ? undefined
    : {
        selector: Selector.selector([Selector.step('ruleset', { prefix: 'cp' }), Selector.keyed('rule', 'id', ids, i, 'cp')]),
        bindings: new Map([['cp', NS]])
      }
}

/**
 * Every rule of a ruleset.
 *
 * @category optics
 * @since 0.2.0
 */
export const everyRule = <C = {}, A = {}, T = {}>(): T.Traversal<Ruleset<C, A, T>, Rule<C, A, T>> => // eslint-disable-line @typescript-eslint/no-empty-object-type
  pipe(L.id<Ruleset<C, A, T>>(), L.prop('rules'), L.composeTraversal(Optics.every<Rule<C, A, T>>()))

/**
 * The members of a rule's `<identity>` condition, where the rule has one (an optional: nothing to see or set in a
 * rule without an identity condition). New members must be at least one.
 *
 * @category optics
 * @since 0.2.0
 */
export const identityMembers = <C = {}, A = {}, T = {}>(): Op.Optional<Rule<C, A, T>, ReadonlyArray<IdentityMember>> => // eslint-disable-line @typescript-eslint/no-empty-object-type
  Op.optional(
    (r) => (r.conditions?.identity === undefined ? O.none : O.some(r.conditions.identity.members)),
    (members) => (r) => {
      const c = r.conditions
      if (c === undefined || c.identity === undefined || c.identity.members === members) return r
      return { ...r, conditions: { ...c, identity: { ...c.identity, members } } }
    }
  )

/**
 * The members of the `<identity>` condition of the rule with this id.
 *
 * @category optics
 * @since 0.2.0
 */
export const identityMembersById = <C = {}, A = {}, T = {}>( // eslint-disable-line @typescript-eslint/no-empty-object-type
  id: string
): Op.Optional<Ruleset<C, A, T>, ReadonlyArray<IdentityMember>> =>
  pipe(ruleById<C, A, T>(id), Op.compose(identityMembers<C, A, T>()))

/**
 * One field of the action extension of a rule (such as pres-rules' `subHandling`), where the rule has `<actions>` (an
 * optional: a rule without `<actions>` has no focus, so that the laws hold; build one with {@link withActionField});
 * setting `undefined` removes the field.
 *
 * @category optics
 * @since 0.2.0
 */
export const actionField =
  <A extends object, K extends keyof A & string>(key: K) =>
  <C = {}, T = {}>(): Op.Optional<Rule<C, A, T>, Exclude<A[K], undefined> | undefined> => // eslint-disable-line @typescript-eslint/no-empty-object-type
    Op.optional(
      (r) => (r.actions === undefined ? O.none : O.some(r.actions.ext[key] as Exclude<A[K], undefined> | undefined)),
      (v) => (r) => {
        const a = r.actions
        if (a === undefined) return r
        const ext = Optics.optionalKey<A, K>(key).set(v as A[K] & Exclude<A[K], undefined>)(a.ext)
        return ext === a.ext ? r : { ...r, actions: { ...a, ext } }
      }
    )

/**
 * Sets one field of the action extension of a rule, creating `<actions>` when the rule has none (`undefined` removes
 * the field and leaves a rule without `<actions>` as it is). For extensions whose other fields are all optional.
 *
 * @category constructors
 * @since 0.2.0
 */
export const withActionField =
  <A extends object, K extends keyof A & string>(key: K) =>
  <C, T>(r: Rule<C, A, T>, v: A[K] | undefined): Rule<C, A, T> => {
    if (!Read.isRecord(r)) return r
    const a = r.actions
    if (a === undefined || !Read.isRecord(a)) return v === undefined ? r : { ...r, actions: { ext: { [key]: v } as unknown as A, other: [] } }
    const ext = Optics.optionalKey<A, K>(key).set(v as A[K] & Exclude<A[K], undefined>)(Read.record(a.ext) as A)
    return ext === a.ext ? r : { ...r, actions: { ...a, ext } }
  }
