/**
 * Arbitraries and the law registration of `multipart/related` bodies (RFC 2387, RFC 2046 §5.1), as list subscriptions
 * send them (RFC 4662 §5): an RLMI root whose `cid`s name the other parts (PIDF, dialog-info, message-summary, opaque
 * bytes, a nested list), and sometimes a related body whose root is no list.
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import * as MediaType from '../../src/codec/MediaType.js'
import * as _ from '../../src/formats/Multipart.js'
import * as Rls from '../../src/formats/RlsNotification.js'
import * as Rlmi from '../../src/formats/Rlmi.js'
import * as PidfPlain from '../../src/formats/Pidf.js'
import * as Presence from '../../src/formats/Presence.js'
import * as A from '../Arbitrary.js'
import { optional } from '../Optic.js'
import type { FormatLaws } from '../Registration.js'
import * as DialogInfoA from './DialogInfo.js'
import * as MessageSummaryA from './MessageSummary.js'
import * as PidfA from './Pidf.js'
import * as RlmiA from './Rlmi.js'

type D = Rls.PartValue
type Part = _.Part<D>

const bchar = fc.constantFrom(..."0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=?".split(''))

/**
 * A boundary (RFC 2046 §5.1.1): mostly letters and digits as servers write them, sometimes any `bchars`, spaces
 * inside, up to 70 characters.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Boundary: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('')),
      minLength: 8,
      maxLength: 30
    })
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: fc.oneof(bchar, fc.constant(' ')), maxLength: 68 }), bchar)
      .map(([a, b]) => a + b)
  },
  { weight: 1, arbitrary: fc.string({ unit: bchar, minLength: 70, maxLength: 70 }) }
)

/**
 * A header field other than the ones the part's fields hold.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Header: fc.Arbitrary<_.Header> = fc.record({
  name: fc.oneof(
    fc.constantFrom('Content-Description', 'Content-Disposition', 'X-Vendor', 'MIME-Version', 'content-language'),
    fc
      .string({ unit: fc.constantFrom(...'abcXYZ019-!#$%&*+.^_`|~'.split('')), minLength: 1, maxLength: 10 })
      .filter((n) => !/^content-(type|id|transfer-encoding|length)$/i.test(n))
  ),
  value: fc
    .string({
      unit: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...'abc XYZ019;=",<>()@:/'.split('')) },
        { weight: 1, arbitrary: fc.constantFrom('é', '😀', '\t') }
      ),
      maxLength: 20
    })
    .map((s) => s.replace(/^[ \t]+|[ \t]+$/g, ''))
})

const headers: fc.Arbitrary<ReadonlyNonEmptyArray<_.Header> | undefined> = fc.option(
  fc.array(Header, { minLength: 1, maxLength: 2 }) as unknown as fc.Arbitrary<ReadonlyNonEmptyArray<_.Header>>,
  { nil: undefined, freq: 3 }
)

/** A transfer encoding: none, an identity one, or one that encodes. */
const Cte: fc.Arbitrary<string | undefined> = fc.constantFrom(
  undefined,
  'binary',
  'binary',
  '8bit',
  '7bit',
  'base64',
  'quoted-printable'
)

const mediaType = (s: string): MediaType.MediaType => {
  const r = MediaType.parse(s)
  return r._tag === 'Right' ? r.right : { type: 'application', subtype: 'octet-stream', parameters: [] }
}

const withOptional = <R extends Record<string, unknown>>(r: R): R => {
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(r)) if (r[k] !== undefined) out[k] = r[k]
  return out as R
}

/** The content of a part that names no format: UTF-8 text, or any octets behind a transfer encoding. */
const opaque: fc.Arbitrary<{
  readonly contentType: MediaType.MediaType
  readonly cte: string | undefined
  readonly body: _.Bytes
}> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('text/plain; charset=UTF-8', 'application/pkcs7-signature', 'application/x-vendor'),
      A.xmlText(40),
      fc.constantFrom(undefined, 'binary', '8bit')
    )
    .map(([ct, text, cte]) => ({ contentType: mediaType(ct), cte, body: _.bytes(new TextEncoder().encode(text)) })),
  fc
    .tuple(
      fc.constantFrom('application/pkcs7-signature', 'application/octet-stream', 'image/png'),
      fc.uint8Array({ maxLength: 120 }),
      fc.constantFrom('base64', 'quoted-printable')
    )
    .map(([ct, bytes, cte]) => ({ contentType: mediaType(ct), cte, body: _.bytes(new Uint8Array(bytes)) }))
)

/**
 * A presence document of the registered PIDF format: mostly a plain PIDF document read by it, sometimes one with every
 * extension (the extensions are the PIDF registration's business; here documents stay small, so that thousands of
 * bodies can be generated and fuzzed).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Pidf: fc.Arbitrary<Presence.Presence> = fc.oneof(
  {
    weight: 9,
    arbitrary: PidfA.Presence.chain((v) => {
      const r = Presence.document.decode(PidfPlain.document.encode(v))
      return r._tag === 'Right' ? fc.constant(r.right) : PidfA.FullPresence
    })
  },
  { weight: 1, arbitrary: PidfA.FullPresence }
)

/** The state part of a resource: a format's document, or opaque content. */
const statePart = (cid: string): fc.Arbitrary<Part> =>
  fc
    .tuple(
      fc.oneof(
        {
          weight: 4,
          arbitrary: Pidf.map((v) => ({ ct: 'application/pidf+xml', body: _.decoded('pidf', v) as D | _.Bytes }))
        },
        {
          weight: 2,
          arbitrary: DialogInfoA.DialogInfo.map((v) => ({
            ct: 'application/dialog-info+xml',
            body: _.decoded('dialog-info', v) as D | _.Bytes
          }))
        },
        {
          weight: 1,
          arbitrary: MessageSummaryA.MessageSummary.map((v) => ({
            ct: 'application/simple-message-summary',
            body: _.decoded('message-summary', v) as D | _.Bytes
          }))
        },
        {
          weight: 1,
          arbitrary: opaque.map((o) => ({
            ct: MediaType.format(o.contentType),
            body: o.body as D | _.Bytes,
            cte: o.cte
          }))
        }
      ),
      Cte,
      headers,
      fc.boolean()
    )
    .map(([c, cte, hs, charset]) => {
      const ct = c.body._tag === 'Decoded' && charset ? `${c.ct}; charset="UTF-8"` : c.ct
      const own = (c as { readonly cte?: string }).cte
      return withOptional({
        contentType: mediaType(ct),
        contentId: cid,
        contentTransferEncoding: c.body._tag === 'Bytes' ? own : cte,
        headers: hs,
        body: c.body
      }) as Part
    })

/** A resource for a part: an active instance naming it. */
const resourceFor = (cid: string): fc.Arbitrary<Rlmi.Resource> =>
  fc
    .tuple(A.anyURI, fc.array(RlmiA.Name, { maxLength: 2 }), RlmiA.InstanceId)
    .map(([uri, names, id]) => Rlmi.resource(uri, { names, instances: [Rlmi.instance({ id, state: 'active', cid })] }))

/** Resources that name no part: pending or terminated instances, or none yet (RFC 4662 §4.5). */
const quiet: fc.Arbitrary<Rlmi.Resource> = RlmiA.Resource.map((r) => ({
  ...r,
  instances: r.instances.map((i) => {
    const { cid: _c, ...rest } = i
    return rest.state === 'active' ? { ...rest, state: 'pending' as const } : rest
  })
}))

const uniqueUris = (rs: ReadonlyArray<Rlmi.Resource>): ReadonlyArray<Rlmi.Resource> => {
  const seen = new Set<string>()
  return rs.map((r, i) => {
    let uri = r.uri
    while (seen.has(uri)) uri = `sip:r${i}x${seen.size}@example.com`
    seen.add(uri)
    return uri === r.uri ? r : { ...r, uri }
  })
}

interface Shape {
  readonly boundary: string
  readonly withStart: boolean
  readonly rootAt: number
  readonly rootCte: string | undefined
  readonly headers: ReadonlyNonEmptyArray<_.Header> | undefined
}

const shape: fc.Arbitrary<Shape> = fc.record({
  boundary: Boundary,
  withStart: fc.boolean(),
  rootAt: fc.nat(),
  rootCte: fc.constantFrom(undefined, 'binary', 'binary', '8bit', 'base64'),
  headers: fc.option(
    fc.array(Header, { minLength: 1, maxLength: 1 }) as unknown as fc.Arbitrary<ReadonlyNonEmptyArray<_.Header>>,
    { nil: undefined, freq: 5 }
  )
})

/** A `multipart/related` document: the root among the parts (first unless `start` names it). */
const relatedOf = (root: Part, others: ReadonlyArray<Part>, s: Shape, nestedIn: boolean): _.Multipart<D> => {
  const at = s.withStart ? s.rootAt % (others.length + 1) : 0
  const parts = [...others.slice(0, at), root, ...others.slice(at)] as unknown as ReadonlyNonEmptyArray<Part>
  const parameters: Array<readonly [string, string]> = [
    ['type', root.contentType === undefined ? 'text/plain' : MediaType.essence(root.contentType)]
  ]
  if (s.withStart && root.contentId !== undefined) parameters.push(['start', `<${root.contentId}>`])
  parameters.push(['boundary', s.boundary])
  const hs = nestedIn ? undefined : s.headers
  return {
    contentType: { type: 'multipart', subtype: 'related', parameters },
    ...(hs === undefined ? {} : { headers: hs }),
    parts
  }
}

/** A list notification: an RLMI root naming each other part from one resource's active instance. */
const listBody = (depth: number): fc.Arbitrary<_.Multipart<D>> =>
  fc
    .uniqueArray(RlmiA.Cid, { maxLength: 3 })
    .chain((cids) =>
      fc.tuple(
        fc.constant(cids),
        fc.tuple(
          ...cids.map((cid, i) =>
            depth > 0 && i === 0
              ? fc.oneof({ weight: 3, arbitrary: statePart(cid) }, { weight: 1, arbitrary: nestedPart(cid, depth - 1) })
              : statePart(cid)
          )
        ),
        fc.tuple(...cids.map(resourceFor)),
        fc.array(quiet, { maxLength: 2 }),
        RlmiA.List,
        shape,
        RlmiA.Cid,
        fc.boolean()
      )
    )
    .map(([cids, parts, named, others, list, s, rootCid, aggregate]) => {
      const rootId = cids.includes(rootCid) ? `root.${rootCid}` : rootCid
      const { cid: _c, ...rest } = list
      const doc: Rlmi.List = {
        ...rest,
        ...(aggregate && cids.length > 0 ? { cid: cids[cids.length - 1] } : {}),
        resources: uniqueUris([...named, ...others])
      }
      const root: Part = withOptional({
        contentType: mediaType('application/rlmi+xml; charset="UTF-8"'),
        contentId: rootId,
        contentTransferEncoding: s.rootCte,
        body: _.decoded('rlmi', doc) as D
      }) as Part
      return relatedOf(root, parts, s, depth < 1)
    })

/** A part holding a nested list (RFC 4662 §5.5: a `cid` naming a `multipart/related` part). */
const nestedPart = (cid: string, depth: number): fc.Arbitrary<Part> =>
  listBody(depth).map((m) => ({
    contentType: m.contentType,
    contentId: cid,
    body: { _tag: 'Multipart', parts: m.parts }
  }))

/** A related body whose root is no list (no `cid` references to check): a PIDF document and opaque parts. */
const plainBody: fc.Arbitrary<_.Multipart<D>> = fc
  .tuple(Pidf, fc.uniqueArray(RlmiA.Cid, { minLength: 1, maxLength: 3 }), shape)
  .chain(([p, cids, s]) =>
    fc
      .tuple(
        ...cids.map((cid) =>
          opaque.map(
            (o) =>
              withOptional({
                contentType: o.contentType,
                contentId: cid,
                contentTransferEncoding: o.cte,
                body: o.body
              }) as Part
          )
        )
      )
      .map((others) => {
        const root: Part = {
          contentType: mediaType('application/pidf+xml'),
          contentId: `root-${cids[0]}`,
          body: _.decoded('pidf', p) as D
        }
        return relatedOf(
          root,
          others.filter((o) => o.contentId !== root.contentId),
          s,
          false
        )
      })
  )

/**
 * A `multipart/related` body: mostly a list notification (with at most one level of nested list), sometimes a related
 * body whose root is no list.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Multipart: fc.Arbitrary<_.Multipart<D>> = fc.oneof(
  { weight: 5, arbitrary: listBody(1) },
  { weight: 1, arbitrary: plainBody }
)

/**
 * A list notification of `n` resources with a PIDF part each (the shape of a presence list's full state).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const scale = (n: number): _.Multipart<D> => {
  const presence = (i: number): Presence.Presence =>
    Presence.presence({
      entity: `sip:user${i}@example.com`,
      tuples: [
        Presence.tuple({
          id: `t${i}`,
          basic: i % 3 === 0 ? 'closed' : 'open',
          contact: `sip:user${i}@192.0.2.${i % 250}`,
          note: `user ${i} here`
        })
      ]
    })
  const parts = Array.from({ length: n }, (_x, i) =>
    _.part<D>({
      contentType: 'application/pidf+xml',
      contentId: `${1700000000 + i}.sip:user${i}@example.com.${i}`,
      contentTransferEncoding: 'binary',
      body: _.decoded('pidf', presence(i))
    })
  )
  const list = Rlmi.list({
    uri: 'sip:adam-friends@example.com',
    version: 0,
    fullState: true,
    names: [Rlmi.name('Buddy List', 'en')],
    resources: parts.map((p, i) =>
      Rlmi.resource(`sip:user${i}@example.com`, {
        names: [Rlmi.name(`User ${i}`)],
        instances: [Rlmi.instance({ id: 'Scf8UhwQ', state: 'active', cid: p.contentId! })]
      })
    )
  })
  const root = _.part<D>({
    contentType: 'application/rlmi+xml;charset="UTF-8"',
    contentId: '1700000000.sip:adam-friends@example.com.1',
    contentTransferEncoding: 'binary',
    body: _.decoded('rlmi', list)
  })
  return _.related(root, parts, { boundary: 'r7QmKsXwL0eT3pVbZ9dHyAuN' })
}

/**
 * Near-valid bodies for the totality suite: generated ones with LF line ends, without their close delimiter, with the
 * boundary in the wrong case, and cut anywhere.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const texts: fc.Arbitrary<string> = fc
  .tuple(Multipart, fc.nat(), fc.constantFrom(0, 1, 2, 3, 4))
  .map(([m, at, how]) => {
    const s = Rls.document.encode(m)
    switch (how) {
      case 0:
        return s.replace(/\r\n/g, '\n')
      case 1:
        return s.replace(/--\r\n$/, '\r\n')
      case 2:
        return s.replace(/boundary=("?)([^";]*)/, (_m, q: string, b: string) => `boundary=${q}${b.toLowerCase()}`)
      case 3:
        return s.slice(0, s.length === 0 ? 0 : at % s.length)
      default:
        return `preamble\r\n${s.slice(s.indexOf('\r\n\r\n') + 4)}`
    }
  })

/**
 * The registration with every law suite, for a codec over a registry that has the formats of `RlsNotification`
 * under the same ids (the registered `multipart-related` codec has them).
 *
 * @category registration
 * @since 0.2.0
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const registrationWith = (codec: _.MultipartCodec<any>): FormatLaws<_.Multipart<any>> => ({
  format: codec.id,
  spec: 'RFC 2387, RFC 2046 §5.1, RFC 4662 §5',
  codec,
  arbitrary: Multipart,
  schemas: [],
  corpus: 'rlmi',
  corpusFiles: (f) => f.endsWith('.txt'),
  texts,
  scale,
  constructors: {
    decoded: _.decoded,
    bytes: _.bytes,
    part: _.part,
    related: _.related,
    nested: _.nested,
    freshBoundary: _.freshBoundary,
    freshCid: _.freshCid,
    root: _.root,
    read: Rls.read,
    apply: Rls.apply,
    summary: Rls.summary,
    presenceOf: Rls.presenceOf,
    dialogInfoOf: Rls.dialogInfoOf,
    nestedListOf: Rls.nestedListOf
  },
  optics: [
    optional('partById', _.partById, {
      keys: (m) => m.parts.flatMap((p) => (p.contentId === undefined ? [] : [p.contentId])),
      absent: RlmiA.Cid,
      // the same part with other header fields: whatever else a part holds, the rest of the document refers to it
      focus: (cid, m) => {
        const p = m.parts.find((x) => x.contentId === cid)
        return headers.map((hs) => {
          if (p === undefined) return { contentId: cid, body: _.bytes(new Uint8Array()) }
          const { headers: _h, ...rest } = p
          return hs === undefined ? rest : { ...rest, headers: hs }
        })
      }
    })
  ]
})

/**
 * The registration of `RlsNotification.document`.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.Multipart<D>> = registrationWith(Rls.document)
