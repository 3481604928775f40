/**
 * Arbitraries and the law registration of resource list meta-information (RLMI, RFC 4662 §5).
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import { pipe } from '#fp-ts/function'
import * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'
import * as Xml from '../../src/xml/Ast.js'
import * as _ from '../../src/formats/Rlmi.js'
import * as A from '../Arbitrary.js'
import { optional, traversal } from '../Optic.js'
import type { FormatLaws } from '../Registration.js'

/**
 * A name of a list or resource.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Name: fc.Arbitrary<_.Name> = A.record({ lang: A.language, value: A.xmlText(16) }, ['lang'])

/**
 * A Content-ID as RLS implementations write them (RFC 2392 `id-left@id-right`, Kamailio's `time.uri.random`), usable
 * in a MIME header too.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Cid: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(A.ncname, fc.constantFrom('example.com', 'pres.vancouver.example.com', 'stockholm.example.org'))
    .map(([l, r]) => `${l}@${r}`),
  fc
    .tuple(fc.integer({ min: 1_000_000_000, max: 1_999_999_999 }), A.anyURI, fc.nat())
    .map(([t, u, n]) => `${t}.${u}.${n}`)
)

/**
 * An instance id: opaque text, often a short random token.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const InstanceId: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: A.ncname },
  { weight: 1, arbitrary: fc.constantFrom('1', 'Scf8UhwQ', 'juwigmtboe') },
  { weight: 1, arbitrary: A.xmlText(8) }
)

/**
 * A termination reason: one of RFC 6665 §8.2.3, or other text.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Reason: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('deactivated', 'probation', 'rejected', 'timeout', 'giveup', 'noresource', 'invariant')
  },
  { weight: 1, arbitrary: A.xmlText(10) }
)

/** Attributes the schema's `xs:anyAttribute` lets through: foreign ones, and sometimes one of no namespace. */
const OtherAttrs: fc.Arbitrary<Readonly<Record<string, string>> | undefined> = fc.oneof(
  { weight: 4, arbitrary: A.foreignAttrs },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x-vendor', 'label'), A.xmlText(8)).map(([k, v]) => ({ [k]: v })) }
)

const withOptional = <R extends Record<string, unknown>>(r: R): R => {
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(r)) if (r[k] !== undefined) out[k] = r[k]
  return out as R
}

/**
 * An instance: active ones name a part, terminated ones give a reason (RFC 4662 §5.5).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Instance: fc.Arbitrary<_.Instance> = fc
  .record({
    id: InstanceId,
    state: A.literal(_.stateValue),
    reason: fc.option(Reason, { nil: undefined }),
    cid: fc.option(Cid, { nil: undefined }),
    otherAttrs: OtherAttrs,
    other: A.foreignElements()
  })
  .map(
    (i) =>
      withOptional({
        id: i.id,
        state: i.state,
        reason: i.state === 'terminated' ? (i.reason ?? 'rejected') : i.reason,
        cid: i.state === 'active' ? (i.cid ?? `${i.id.replace(/[^A-Za-z0-9]/g, '') || 'x'}@example.com`) : i.cid,
        otherAttrs: i.otherAttrs,
        other: i.other
      }) as _.Instance
  )

/**
 * A resource, with instance ids unique within it.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Resource: fc.Arbitrary<_.Resource> = fc
  .record({
    uri: A.anyURI,
    otherAttrs: OtherAttrs,
    names: fc.array(Name, { maxLength: 2 }),
    instances: fc.uniqueArray(Instance, { maxLength: 3, selector: (i) => i.id })
  })
  .map((r) => withOptional(r) as _.Resource)

/**
 * An RLMI document, with resource URIs unique within it.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const List: fc.Arbitrary<_.List> = fc
  .record({
    uri: A.anyURI,
    version: A.unsignedInt,
    fullState: fc.boolean(),
    cid: fc.option(Cid, { nil: undefined }),
    otherAttrs: OtherAttrs,
    names: fc.array(Name, { maxLength: 2 }),
    resources: fc.uniqueArray(Resource, { maxLength: 4, selector: (r) => r.uri })
  })
  .map((l) => withOptional(l) as _.List)

/**
 * A list of `n` resources, each with one active instance (the shape RLS servers send).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const scale = (n: number): _.List =>
  _.list({
    uri: 'sip:adam-friends@example.com',
    version: 0,
    fullState: true,
    names: [_.name('Buddy List', 'en')],
    resources: Array.from({ length: n }, (_x, i) =>
      _.resource(`sip:user${i}@example.com`, {
        names: [_.name(`User ${i}`)],
        instances: [_.instance({ id: `i${i}`, state: 'active', cid: `user${i}.${i}@example.com` })]
      })
    )
  })

const el = Xml.qname(_.NS)

interface InstanceKey {
  readonly uri: string
  readonly id: string
}

const instanceAt = (k: InstanceKey): Op.Optional<_.List, _.Instance> =>
  pipe(_.resourceByUri(k.uri), Op.compose(_.instanceById(k.id)))

/**
 * The registration with every law suite.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.List> = {
  format: 'rlmi',
  spec: 'RFC 4662',
  codec: _.document,
  arbitrary: List,
  schemas: ['rlmi.xsd'],
  corpusFiles: (f) => f.endsWith('.xml'),
  constructors: { freshId: _.freshId, name: _.name, instance: _.instance, resource: _.resource, list: _.list },
  scale,
  namespaces: [_.NS],
  names: [el('list'), el('resource'), el('instance'), el('name')],
  optics: [
    optional('resourceByUri', _.resourceByUri, {
      keys: (s) => s.resources.map((r) => r.uri),
      absent: A.anyURI,
      focus: (uri) => Resource.map((r) => ({ ...r, uri }))
    }),
    optional('resourceByUri ∘ instanceById', instanceAt, {
      keys: (s) => s.resources.flatMap((r) => r.instances.map((i) => ({ uri: r.uri, id: i.id }))),
      absent: A.record({ uri: A.anyURI, id: InstanceId }, []),
      focus: (k) => Instance.map((i) => ({ ...i, id: k.id }))
    }),
    // every resource (or instance) at once can only take what keeps URIs (ids) unique: its names (its content)
    traversal('everyResource → names', pipe(_.everyResource, T.prop('names')), fc.array(Name, { maxLength: 2 })),
    traversal('everyInstance → other', pipe(_.everyInstance, T.prop('other')), A.foreignElements())
  ]
}
