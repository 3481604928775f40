/**
 * Arbitraries and the law registration of xcap-diff (RFC 5874, RFC 5875).
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as Xml from '../../src/xml/Ast.js'
import * as _ from '../../src/formats/XcapDiff.js'
import { prefixesOf } from '../../src/xcap/Patch.js'
import * as Selector from '../../src/xcap/Selector.js'
import * as A from '../Arbitrary.js'
import { optional, traversal } from '../Optic.js'
import type { FormatLaws } from '../Registration.js'

/** Prefixes selectors use, and the namespaces they are bound to. */
const POOL: Readonly<Record<string, string>> = {
  rl: 'urn:ietf:params:xml:ns:resource-lists',
  cp: 'urn:ietf:params:xml:ns:common-policy',
  x: 'urn:example:xml:ns:ext',
  '': 'urn:example:default'
}

const bindingsOf = (prefixes: ReadonlyArray<string>, withDefault: boolean): { readonly bindings?: ReadonlyArray<Xml.NsDecl> } => {
  const bs = prefixes.filter((p) => p !== '' || withDefault).map((prefix) => ({ prefix, uri: POOL[prefix] }))
  return bs.length === 0 ? {} : { bindings: bs }
}

const prefix = fc.constantFrom<string | undefined>(undefined, 'rl', 'cp', 'x')
const qname = fc.tuple(prefix, A.ncname).map(([p, l]) => (p === undefined ? l : `${p}:${l}`))
const quoted = fc.stringMatching(/^[a-zA-Z0-9:@._ -]{0,10}$/).map((v) => `'${v}'`)

const pathStep: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof({ weight: 5, arbitrary: qname }, { weight: 1, arbitrary: fc.constant('*') }),
    fc.array(
      fc.oneof(
        fc.integer({ min: 1, max: 9 }).map((n) => `[${n}]`),
        fc.tuple(qname, quoted).map(([n, v]) => `[@${n}=${v}]`),
        fc.tuple(qname, quoted).map(([n, v]) => `[${n}=${v}]`)
      ),
      { maxLength: 2 }
    )
  )
  .map(([n, ps]) => n + ps.join(''))

/**
 * An RFC 5261 selector: element steps with predicates, and for other than `<add>` perhaps an attribute, text node or
 * namespace at the end.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const xpath = (add: boolean): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.boolean(),
      fc.array(pathStep, { minLength: 1, maxLength: 3 }),
      fc.oneof(
        { weight: 3, arbitrary: fc.constant('') },
        { weight: 1, arbitrary: fc.constant('/text()') },
        { weight: add ? 0 : 1, arbitrary: qname.map((n) => `/@${n}`) },
        { weight: add ? 0 : 1, arbitrary: fc.constantFrom('/namespace::rl', '/namespace::p') }
      )
    )
    .map(([lead, steps, last]) => `${lead ? '/' : ''}${steps.join('/')}${last}`)

const text = A.xmlText(8).filter((s) => s !== '' && !Xml.isWhitespace(s))
const element = A.element({ namespaces: [POOL.rl, POOL.x, ...A.foreignNamespaces], maxDepth: 2, maxChildren: 2 })

/**
 * Content of an operation or element change: nothing, text, elements, or elements with text around them; at most one
 * element where the schema says so.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const content = (maxElements: number): fc.Arbitrary<ReadonlyArray<Xml.Node>> =>
  fc.oneof(
    fc.constant([]),
    text.map((s) => [Xml.text(s)]),
    fc.array(element, { minLength: 1, maxLength: maxElements }),
    fc.tuple(text, element, fc.option(text, { nil: undefined })).map(([a, e, b]) => [Xml.text(a), e, ...(b === undefined ? [] : [Xml.text(b)])])
  )

const withDefault = fc.boolean()

/**
 * A patch operation, with the bindings of the prefixes its selector uses.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const PatchMember: fc.Arbitrary<_.PatchMember> = fc.oneof(
  fc
    .record({
      sel: xpath(true),
      pos: fc.option(fc.constantFrom<'before' | 'after' | 'prepend'>('before', 'after', 'prepend'), { nil: undefined }),
      type: fc.option(fc.oneof(qname.map((n) => `@${n}`), fc.constantFrom('namespace::p', 'namespace::rl')), { nil: undefined }),
      otherAttrs: A.foreignAttrs,
      d: withDefault,
      content: content(3)
    })
    .map(({ sel, pos, type, otherAttrs, d, content }): _.PatchMember => {
      const ps = [...prefixesOf(sel)]
      const tp = type === undefined ? null : /^@([^:]+):/.exec(type)
      if (tp !== null && !ps.includes(tp[1])) ps.push(tp[1])
      return {
        _tag: 'Add',
        add: {
          sel,
          ...(pos === undefined ? {} : { pos }),
          ...(type === undefined ? {} : { type }),
          ...(otherAttrs === undefined ? {} : { otherAttrs }),
          ...bindingsOf(ps, d),
          content
        }
      }
    }),
  fc.record({ sel: xpath(false), otherAttrs: A.foreignAttrs, d: withDefault, content: content(1) }).map(
    ({ sel, otherAttrs, d, content }): _.PatchMember => ({
      _tag: 'Replace',
      replace: { sel, ...(otherAttrs === undefined ? {} : { otherAttrs }), ...bindingsOf(prefixesOf(sel), d), content }
    })
  ),
  fc
    .record({
      sel: xpath(false),
      ws: fc.option(fc.constantFrom<'before' | 'after' | 'both'>('before', 'after', 'both'), { nil: undefined }),
      otherAttrs: A.foreignAttrs,
      d: withDefault
    })
    .map(
      ({ sel, ws, otherAttrs, d }): _.PatchMember => ({
        _tag: 'Remove',
        remove: { sel, ...(ws === undefined ? {} : { ws }), ...(otherAttrs === undefined ? {} : { otherAttrs }), ...bindingsOf(prefixesOf(sel), d) }
      })
    ),
  A.foreignElement().map((element): _.PatchMember => ({ _tag: 'Other', element }))
)

/** A document selector relative to the xcap-root. */
const DocumentSel: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('resource-lists', 'pres-rules', 'rls-services', 'org.openmobilealliance.pres-rules'), A.ncname, fc.constantFrom('index', 'other'))
  .map(([auid, user, doc]) => `${auid}/users/sip:${user}@example.com/${doc}`)

const etag = A.xmlText(10)

/**
 * A document change: ETags, and either `body-not-changed` or patch operations.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const DocumentChange: fc.Arbitrary<_.DocumentChange> = fc.oneof(
  A.record(
    { sel: DocumentSel, newEtag: etag, previousEtag: etag, otherAttrs: A.foreignAttrs, patch: fc.array(PatchMember, { maxLength: 3 }) },
    ['newEtag', 'previousEtag', 'otherAttrs']
  ),
  A.record({ sel: DocumentSel, newEtag: etag, previousEtag: etag, bodyNotChanged: fc.constant(true as const), patch: fc.constant([]) }, [])
)

const nodeStep: fc.Arbitrary<Selector.Step> = fc
  .tuple(
    fc.oneof({ weight: 5, arbitrary: fc.tuple(A.ncname, prefix) }, { weight: 1, arbitrary: fc.constant(undefined) }),
    fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    fc.option(fc.tuple(A.ncname, fc.stringMatching(/^[a-zA-Z0-9:@._ -]{0,10}$/)), { nil: undefined })
  )
  .map(([name, position, attr]) => ({
    test: name === undefined ? { _tag: 'Any' as const } : { _tag: 'Name' as const, local: name[0], ...(name[1] === undefined ? {} : { prefix: name[1] }) },
    ...(position === undefined ? {} : { position }),
    ...(attr === undefined ? {} : { attribute: { name: { local: attr[0] }, value: attr[1] } })
  }))

const nodeSelector = (attribute: boolean): fc.Arbitrary<Selector.NodeSelector> =>
  fc
    .tuple(fc.array(nodeStep, { minLength: 1, maxLength: 3 }), fc.tuple(A.ncname, prefix))
    .map(([[first, ...rest], [local, p]]) => ({
      steps: [first, ...rest] as const,
      ...(attribute ? { terminal: { _tag: 'Attribute' as const, local, ...(p === undefined ? {} : { prefix: p }) } } : {})
    }))

const nodeSel = (attribute: boolean): fc.Arbitrary<{ readonly sel: string; readonly bindings?: ReadonlyArray<Xml.NsDecl> }> =>
  fc.tuple(DocumentSel, nodeSelector(attribute)).map(([doc, s]) => ({
    sel: `${doc}/~~/${Selector.print(s, { uri: true })}`,
    ...bindingsOf(Selector.prefixesOf(s), false)
  }))

/**
 * An element change (RFC 5875): the new element, or `exists="false"`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ElementChange: fc.Arbitrary<_.ElementChange> = fc
  .tuple(nodeSel(false), fc.option(fc.constantFrom<_.Exists>('true', 'false', '1', '0'), { nil: undefined }), A.foreignAttrs, content(1))
  .map(([s, exists, otherAttrs, content]) => ({
    ...s,
    ...(exists === undefined ? {} : { exists }),
    ...(otherAttrs === undefined ? {} : { otherAttrs }),
    content
  }))

/**
 * An attribute change (RFC 5875): the new value, or `exists="false"`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const AttributeChange: fc.Arbitrary<_.AttributeChange> = fc
  .tuple(nodeSel(true), fc.option(fc.constantFrom<_.Exists>('true', 'false', '1', '0'), { nil: undefined }), A.foreignAttrs, A.xmlText(10))
  .map(([s, exists, otherAttrs, value]) => ({
    ...s,
    ...(exists === undefined ? {} : { exists }),
    ...(otherAttrs === undefined ? {} : { otherAttrs }),
    value
  }))

/**
 * One change.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Change: fc.Arbitrary<_.Change> = fc.oneof(
  { weight: 3, arbitrary: DocumentChange.map((document): _.Change => ({ _tag: 'Document', document })) },
  { weight: 1, arbitrary: ElementChange.map((element): _.Change => ({ _tag: 'Element', element })) },
  { weight: 1, arbitrary: AttributeChange.map((attribute): _.Change => ({ _tag: 'Attribute', attribute })) }
)

/**
 * An xcap-diff document.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const XcapDiff: fc.Arbitrary<_.XcapDiff> = A.record(
  {
    xcapRoot: fc.constantFrom('http://xcap.example.com/', 'https://example.org/xcap-root', 'http://127.0.0.1:5060/xcap-root/'),
    otherAttrs: A.foreignAttrs,
    changes: fc.array(Change, { maxLength: 4 }),
    other: A.foreignElements()
  },
  ['otherAttrs']
)

const el = Xml.qname(_.NS)

/**
 * The registration with every law suite.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.XcapDiff> = {
  format: 'xcap-diff',
  spec: 'RFC 5874, RFC 5875',
  codec: _.document,
  arbitrary: XcapDiff,
  schemas: ['xcapdiff.xsd'],
  constructors: { xcapDiff: _.xcapDiff, documentChange: _.documentChange, operations: _.operations },
  scale: (n) =>
    _.xcapDiff(
      'http://xcap.example.com/',
      Array.from({ length: n }, (_x, i) =>
        _.documentChange(`resource-lists/users/sip:user${i}@example.com/index`, {
          previousEtag: `e${i}`,
          newEtag: `e${i + 1}`,
          operations: [
            {
              _tag: 'Add',
              sel: "rl:resource-lists/rl:list[@name='friends']",
              content: [Xml.element({ ns: POOL.rl, local: 'entry' }, { uri: `sip:friend${i}@example.com` }, [])],
              bindings: [{ prefix: 'rl', uri: POOL.rl }]
            }
          ]
        })
      )
    ),
  namespaces: [_.NS, POOL.rl],
  names: [el('xcap-diff'), el('document'), el('element'), el('attribute'), el('add'), el('replace'), el('remove'), el('body-not-changed')],
  optics: [
    optional('documentBySel', _.documentBySel, {
      keys: (s) => s.changes.flatMap((c) => (c._tag === 'Document' ? [c.document.sel] : [])),
      absent: DocumentSel,
      focus: (sel) => DocumentChange.map((d) => ({ ...d, sel }))
    }),
    optional('elementBySel', _.elementBySel, {
      keys: (s) => s.changes.flatMap((c) => (c._tag === 'Element' ? [c.element.sel] : [])),
      absent: DocumentSel,
      focus: (sel, s) => ElementChange.map(({ bindings: _b, ...e }) => ({ ...e, sel, ...bindingsAt(s, sel) }))
    }),
    optional('attributeBySel', _.attributeBySel, {
      keys: (s) => s.changes.flatMap((c) => (c._tag === 'Attribute' ? [c.attribute.sel] : [])),
      absent: DocumentSel,
      focus: (sel, s) => AttributeChange.map(({ bindings: _b, ...a }) => ({ ...a, sel, ...bindingsAt(s, sel) }))
    }),
    traversal('everyDocument', _.everyDocument, DocumentChange)
  ]
}

/** The bindings the change with this selector holds (a new focus at that key keeps them, so that they agree). */
const bindingsAt = (s: _.XcapDiff, sel: string): { readonly bindings?: ReadonlyArray<Xml.NsDecl> } => {
  for (const c of s.changes) {
    const v = c._tag === 'Element' ? c.element : c._tag === 'Attribute' ? c.attribute : undefined
    if (v?.sel === sel) {
      const { bindings } = v
      return bindings === undefined ? {} : { bindings }
    }
  }
  return {}
}
