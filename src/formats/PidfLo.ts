/**
 * PIDF-LO, the presence-based GEOPRIV location object (RFC 4119, with the usage clarifications of RFC 5491): a
 * `<gp:geopriv>` element holding location information and the usage rules that go with it. Namespace
 * `urn:ietf:params:xml:ns:pidf:geopriv10`; the usage rules' elements are in
 * `urn:ietf:params:xml:ns:pidf:geopriv10:basicPolicy` (RFC 4119 §2.2.5). A `<gp:geopriv>` extends the `<status>` of a
 * tuple (RFC 4119 §2.2) and, since RFC 5491 §3, a `<dm:device>` or a `<dm:person>` directly: {@link status},
 * {@link device} and {@link person} are the extensions for those three points, each reading any number of
 * `<gp:geopriv>` elements (RFC 5491 Figure 1).
 *
 * The location information (RFC 4119 §2.2.1) is one ordered list of location chunks: GML points (`gml:Point`, GML 3.1.1
 * as the GeoShape profile of RFC 5491 §5.2.1 writes it) and circles (`gs:Circle`, §5.2.3) are typed values, civic
 * addresses (RFC 5139) are typed records (see `CivicAddress`), and every other location format (polygons, ellipses,
 * the GML 3.0 `gml:location` of RFC 4119's examples, RFC 4119's `civicLoc`) is kept as an element, in place. Numbers
 * and coordinates are kept as written (their lexical forms); {@link coordinatesOf} and {@link radiusOf} read them.
 *
 * The usage rules (RFC 4119 §2.2.2): `retransmission-allowed`, `retention-expiry`, `external-ruleset` and `note-well`.
 * RFC 4119's own examples (§2.3) write them in the geopriv10 namespace rather than the basicPolicy one its schema
 * defines; such rules are read as rules too, and written back the way they came (`inGeopriv10`).
 *
 * Namespaces of the location formats: GML `http://www.opengis.net/gml`, GeoShape `http://www.opengis.net/pidflo/1.0`.
 *
 * @example
 * import * as PidfLo from 'sip-simple-payloads/PidfLo'
 * import * as Presence from 'sip-simple-payloads/Presence'
 * const here = PidfLo.geopriv({ locations: [PidfLo.circle(42.5463, -73.2512, 850.24)], method: 'OTDOA' })
 * const doc = Presence.presence({
 *   entity: 'pres:circle@example.com',
 *   devices: [Presence.device({ id: 'd1', deviceID: 'mac:1234567890ab', ext: { geopriv: [here] } })]
 * })
 * const body = Presence.document.encode(doc)
 *
 * @since 0.2.0
 */
import * as O from '#fp-ts/Option'
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import type * as L from '#monocle-ts/Lens'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Ext from '../codec/Extension.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'
import * as CivicAddress from './CivicAddress.js'

/**
 * The geopriv namespace (RFC 4119 §2.2.5).
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ietf:params:xml:ns:pidf:geopriv10'

/**
 * The namespace of the usage rules' elements (RFC 4119 §2.2.5, `basicPolicy`).
 *
 * @category model
 * @since 0.2.0
 */
export const BASIC_POLICY_NS = 'urn:ietf:params:xml:ns:pidf:geopriv10:basicPolicy'

/**
 * The GML namespace (GML 3.1.1, as RFC 5491 §5 uses it).
 *
 * @category model
 * @since 0.2.0
 */
export const GML_NS = 'http://www.opengis.net/gml'

/**
 * The namespace of the GeoShape shapes that GML lacks (`gs:Circle`, ..., RFC 5491 §5.2).
 *
 * @category model
 * @since 0.2.0
 */
export const GEOSHAPE_NS = 'http://www.opengis.net/pidflo/1.0'

/**
 * The coordinate reference system of two-dimensional WGS 84 shapes: latitude, longitude (RFC 5491 §5.1).
 *
 * @category model
 * @since 0.2.0
 */
export const EPSG_4326 = 'urn:ogc:def:crs:EPSG::4326'

/**
 * The coordinate reference system of three-dimensional WGS 84 shapes: latitude, longitude, altitude (RFC 5491 §5.1).
 *
 * @category model
 * @since 0.2.0
 */
export const EPSG_4979 = 'urn:ogc:def:crs:EPSG::4979'

/**
 * The unit of distances: metres (RFC 5491 §5.1).
 *
 * @category model
 * @since 0.2.0
 */
export const METRE = 'urn:ogc:def:uom:EPSG::9001'

const el = Xml.qname(NS)
const bp = Xml.qname(BASIC_POLICY_NS)
const gml = Xml.qname(GML_NS)
const gs = Xml.qname(GEOSHAPE_NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A GML point (RFC 5491 §5.2.1): the coordinate reference system and one position, `latitude longitude` (and an
 * altitude in three dimensions), kept as written.
 *
 * @category model
 * @since 0.2.0
 */
export interface Point {
  /** `gml:id` (an `xs:ID`). */
  readonly id?: string
  readonly srsName?: string
  /** Other attributes of the point (`srsDimension`, `axisLabels`, ...). */
  readonly otherAttrs?: Readonly<Record<string, string>>
  /** `<gml:pos>`: two or three numbers separated by white space, as written. */
  readonly pos: string
}

/**
 * A length with its unit of measure (`uom`, a URI; metres are {@link METRE}), the number kept as written.
 *
 * @category model
 * @since 0.2.0
 */
export interface Length {
  readonly uom: string
  readonly value: string
}

/**
 * A circle (RFC 5491 §5.2.3, `gs:Circle`): a centre and a radius.
 *
 * @category model
 * @since 0.2.0
 */
export interface Circle {
  /** `gml:id` (an `xs:ID`). */
  readonly id?: string
  readonly srsName?: string
  /** Other attributes of the circle. */
  readonly otherAttrs?: Readonly<Record<string, string>>
  /** The centre: `<gml:pos>`, as written. */
  readonly pos: string
  readonly radius: Length
}

/**
 * One chunk of location information, in document order (RFC 4119 §2.2.1): a point, a circle, a civic address, or any
 * other location format as an element.
 *
 * @category model
 * @since 0.2.0
 */
export type Location =
  | { readonly _tag: 'Point'; readonly point: Point }
  | { readonly _tag: 'Circle'; readonly circle: Circle }
  | { readonly _tag: 'CivicAddress'; readonly civicAddress: CivicAddress.CivicAddress }
  | { readonly _tag: 'Other'; readonly element: Xml.Element }

/**
 * `<gp:location-info>` (RFC 4119 §2.2.1): the location chunks (RFC 5491 rule #4 asks for one; several describe one
 * place, the coarse one first).
 *
 * @category model
 * @since 0.2.0
 */
export interface LocationInfo {
  readonly locations: ReadonlyArray<Location>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * The values of `<retransmission-allowed>`: the schema's `xs:boolean` forms and the `yes`/`no` of RFC 4119's text and
 * examples, kept as written (read them with {@link isRetransmissionAllowed}).
 *
 * @category codecs
 * @since 0.2.0
 */
export const retransmissionValue = /*#__PURE__*/ V.literal('no', 'yes', 'false', 'true', '0', '1')

/**
 * Whether the recipient may pass the location on (RFC 4119 §2.2.2), as written.
 *
 * @category model
 * @since 0.2.0
 */
export type Retransmission = V.LiteralOf<typeof retransmissionValue>

/**
 * `<gp:usage-rules>` (RFC 4119 §2.2.2, `locPolicyType`): every rule optional.
 *
 * @category model
 * @since 0.2.0
 */
export interface UsageRules {
  /** `<retransmission-allowed>`: absent means `no`. */
  readonly retransmissionAllowed?: Retransmission
  /** `<retention-expiry>`: when the recipient must discard the location (absent: 24 hours after the timestamp). */
  readonly retentionExpiry?: string
  /** `<external-ruleset>`: the URI of a fuller rule set. */
  readonly externalRuleset?: string
  /** `<note-well>`: human-readable privacy directives. */
  readonly noteWell?: C.Localized
  readonly other: ReadonlyArray<Xml.Element>
  /**
   * The rules are written in the geopriv10 namespace, as RFC 4119's examples write them (§2.3), instead of the
   * basicPolicy one; kept so that such a document comes back as written.
   */
  readonly inGeopriv10?: true
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * `<gp:provided-by>` (RFC 4119 §2.2.4): elements of IANA-registered namespaces naming who supplied the location.
 *
 * @category model
 * @since 0.2.0
 */
export interface ProvidedBy {
  readonly elements: ReadonlyNonEmptyArray<Xml.Element>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * `<gp:geopriv>` (RFC 4119 §2.2): the location information and its usage rules (both required), how the location was
 * determined (`method`, an IANA-registered token such as `GPS`, `Wiremap`, `Manual`), who provided it, and elements of
 * other namespaces.
 *
 * @category model
 * @since 0.2.0
 */
export interface Geopriv {
  readonly locationInfo: LocationInfo
  readonly usageRules: UsageRules
  readonly method?: C.Localized
  readonly providedBy?: ProvidedBy
  readonly other: ReadonlyArray<Xml.Element>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * What PIDF-LO adds to a `<status>`, a `<dm:device>` or a `<dm:person>`: its `<gp:geopriv>` elements (absent when
 * none).
 *
 * @category model
 * @since 0.2.0
 */
export interface GeoprivExt {
  readonly geopriv?: ReadonlyNonEmptyArray<Geopriv>
}

/**
 * What PIDF-LO adds to a tuple's `<status>` (RFC 4119 §2.2).
 *
 * @category model
 * @since 0.2.0
 */
export type StatusExt = GeoprivExt

/**
 * What PIDF-LO adds to a `<dm:device>` (RFC 5491 §3).
 *
 * @category model
 * @since 0.2.0
 */
export type DeviceExt = GeoprivExt

/**
 * What PIDF-LO adds to a `<dm:person>` (RFC 5491 §3).
 *
 * @category model
 * @since 0.2.0
 */
export type PersonExt = GeoprivExt

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const DOUBLE = '[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN'

/**
 * An `xs:double`, kept as written.
 *
 * @category codecs
 * @since 0.2.0
 */
export const double: V.ValueCodec<string> = /*#__PURE__*/ V.preserving(
  V.pattern('an xs:double', new RegExp(`^(?:${DOUBLE})$`))
)

/**
 * A GML position (`gml:pos`, `doubleList`): one or more numbers separated by white space, kept as written (GeoShape
 * positions have two or three).
 *
 * @category codecs
 * @since 0.2.0
 */
export const position: V.ValueCodec<string> = /*#__PURE__*/ V.preserving(
  V.pattern('a list of xs:double', new RegExp(`^(?:${DOUBLE})(?: (?:${DOUBLE}))*$`))
)

const shapeAttrs = {
  id: /*#__PURE__*/ C.optionalAttr(gml('id'), V.id),
  srsName: /*#__PURE__*/ C.optionalAttr('srsName', V.preserving(V.anyURI)),
  otherAttrs: /*#__PURE__*/ C.otherAttrs(Xml.anyName)
}

/**
 * `<gml:Point>` as the GeoShape profile writes it (RFC 5491 §5.2.1): `srsName` and one `<gml:pos>`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Point: XmlCodec<Point> = /*#__PURE__*/ C.element(
  gml('Point'),
  { ...shapeAttrs, pos: C.child(gml('pos'), position) },
  'Point'
)

/** A length with its unit (`gml:LengthType`): the `uom` URI and the number. */
const lengthOf = (name: Xml.QName): XmlCodec<Length> =>
  C.element(name, { uom: C.attr('uom', V.preserving(V.anyURI)), value: C.text(double) }, 'Length')

/**
 * `<gs:Circle>` (RFC 5491 §5.2.3): `srsName`, the centre `<gml:pos>` and `<gs:radius>`.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Circle: XmlCodec<Circle> = /*#__PURE__*/ C.element(
  gs('Circle'),
  { ...shapeAttrs, pos: C.child(gml('pos'), position), radius: C.child(lengthOf(gs('radius'))) },
  'Circle'
)

/**
 * `<gp:location-info>` (RFC 4119 §2.2.1): points, circles, civic addresses and other location formats in document
 * order.
 *
 * @category codecs
 * @since 0.2.0
 */
export const LocationInfo: XmlCodec<LocationInfo> = /*#__PURE__*/ C.element(
  el('location-info'),
  {
    xmlns: C.namespaces(),
    locations: C.choices([
      C.member('Point', 'point', Point),
      C.member('Circle', 'circle', Circle),
      C.member('CivicAddress', 'civicAddress', CivicAddress.CivicAddress),
      C.otherMember(NS)
    ])
  },
  'LocationInfo'
)

/** The four rules, in the schema's order, and their codecs in a namespace. */
const RULES = ['retransmissionAllowed', 'retentionExpiry', 'externalRuleset', 'noteWell'] as const
type RuleKey = (typeof RULES)[number]

const ruleCodecs = (
  q: (local: string) => Xml.QName
): { readonly [K in RuleKey]: XmlCodec<NonNullable<UsageRules[K]>> } => ({
  retransmissionAllowed: C.textElement(q('retransmission-allowed'), retransmissionValue),
  retentionExpiry: C.textElement(q('retention-expiry'), V.preserving(V.dateTime)),
  externalRuleset: C.textElement(q('external-ruleset'), V.preserving(V.anyURI)),
  noteWell: C.localized(q('note-well'), V.string, 'NoteWell')
})

const inBasicPolicy = /*#__PURE__*/ ruleCodecs(bp)
const inGeopriv = /*#__PURE__*/ ruleCodecs(el)

type Written = Omit<UsageRules, 'inGeopriv10'>

const hasRule = (u: Written): boolean => RULES.some((k) => u[k] !== undefined)

/**
 * The rules of RFC 4119's examples (geopriv10 elements at the start of `other`, in schema order, each once) lifted
 * into the typed fields, when the basicPolicy ones are absent.
 */
const lift = (u: Written): UsageRules => {
  if (hasRule(u) || u.other.length === 0) return u
  const found: Record<string, unknown> = {}
  let next = 0
  let n = 0
  for (const e of u.other) {
    if (e.name.ns !== NS) break
    let k = next
    while (k < RULES.length && !inGeopriv[RULES[k]].names.some((q) => q.local === e.name.local)) k++
    if (k === RULES.length) break
    const r = inGeopriv[RULES[k]].decode(e)
    if (r._tag === 'Left') break
    found[RULES[k]] = r.right
    next = k + 1
    n++
  }
  if (n === 0) return u
  return { ...u, ...found, other: u.other.slice(n), inGeopriv10: true } as UsageRules
}

const lower = (u: UsageRules): Written => {
  if (u.inGeopriv10 !== true) return u
  const { inGeopriv10: _, ...rest } = u // eslint-disable-line @typescript-eslint/no-unused-vars
  const lifted: Array<Xml.Element> = []
  const out: Record<string, unknown> = { ...rest }
  for (const k of RULES) {
    const v = rest[k]
    if (v === undefined) continue
    lifted.push((inGeopriv[k] as XmlCodec<unknown>).encode(v))
    delete out[k]
  }
  return { ...(out as Written), other: [...lifted, ...(Array.isArray(rest.other) ? rest.other : [])] }
}

const isUsageRules = (u: unknown): u is UsageRules =>
  Read.isRecord(u) && Array.isArray(u.other) && (u.inGeopriv10 === undefined || u.inGeopriv10 === true)

/**
 * `<gp:usage-rules>` (RFC 4119 §2.2.2, §2.2.5): the four rules in the basicPolicy namespace, in schema order, then
 * elements of other namespaces; the geopriv10-namespaced rules of RFC 4119 §2.3 are read into the same fields.
 *
 * @category codecs
 * @since 0.2.0
 */
export const UsageRules: XmlCodec<UsageRules> = /*#__PURE__*/ C.imap(
  C.element(
    el('usage-rules'),
    {
      xmlns: C.namespaces(),
      retransmissionAllowed: C.optionalChild(inBasicPolicy.retransmissionAllowed),
      retentionExpiry: C.optionalChild(inBasicPolicy.retentionExpiry),
      externalRuleset: C.optionalChild(inBasicPolicy.externalRuleset),
      noteWell: C.optionalChild(inBasicPolicy.noteWell),
      other: C.other(BASIC_POLICY_NS)
    },
    'UsageRules'
  ),
  lift,
  lower,
  isUsageRules,
  'UsageRules'
)

/**
 * `<gp:method>` (RFC 4119 §2.2.3): a token of the IANA method registry, with its language.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Method: XmlCodec<C.Localized> = /*#__PURE__*/ C.localized(el('method'), V.string, 'Method')

/**
 * `<gp:provided-by>` (RFC 4119 §2.2.4): one or more elements of other namespaces.
 *
 * @category codecs
 * @since 0.2.0
 */
export const ProvidedBy: XmlCodec<ProvidedBy> = /*#__PURE__*/ C.refine(
  C.element(el('provided-by'), { xmlns: C.namespaces(), elements: C.other(NS) }, 'ProvidedBy'),
  (p): p is ProvidedBy => p.elements.length > 0,
  'at least one element of another namespace',
  () => 'none'
) as XmlCodec<ProvidedBy>

/**
 * `<gp:geopriv>` (RFC 4119 §2.2, §2.2.5): `<location-info>`, `<usage-rules>`, then the optional `<method>` and
 * `<provided-by>`, then elements of other namespaces.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Geopriv: XmlCodec<Geopriv> = /*#__PURE__*/ C.element(
  el('geopriv'),
  {
    xmlns: C.namespaces(),
    locationInfo: C.child(LocationInfo),
    usageRules: C.child(UsageRules),
    method: C.optionalChild(Method),
    providedBy: C.optionalChild(ProvidedBy),
    other: C.other(NS)
  },
  'Geopriv'
)

const fields = { geopriv: /*#__PURE__*/ C.optionalChildren(Geopriv) }

// -------------------------------------------------------------------------------------
// extensions
// -------------------------------------------------------------------------------------

/**
 * PIDF-LO in a tuple's `<status>` (RFC 4119 §2.2): its `<gp:geopriv>` elements.
 *
 * @category extensions
 * @since 0.2.0
 */
export const status: Ext.Extension<StatusExt, 'pidf:status'> = /*#__PURE__*/ Ext.fromFields('pidf:status', fields, {
  name: 'PIDF-LO'
})

/**
 * PIDF-LO in a `<dm:device>` (RFC 5491 §3): its `<gp:geopriv>` elements.
 *
 * @category extensions
 * @since 0.2.0
 */
export const device: Ext.Extension<DeviceExt, 'dm:device'> = /*#__PURE__*/ Ext.fromFields('dm:device', fields, {
  name: 'PIDF-LO'
})

/**
 * PIDF-LO in a `<dm:person>` (RFC 5491 §3): its `<gp:geopriv>` elements.
 *
 * @category extensions
 * @since 0.2.0
 */
export const person: Ext.Extension<PersonExt, 'dm:person'> = /*#__PURE__*/ Ext.fromFields('dm:person', fields, {
  name: 'PIDF-LO'
})

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const num = (u: unknown): number | undefined => (typeof u === 'number' && Number.isFinite(u) ? u : undefined)

const printNumber = (n: number): string => V.printDecimal(n)

/**
 * A point from its latitude and longitude in degrees (WGS 84, {@link EPSG_4326}), or with an altitude in metres
 * ({@link EPSG_4979}), as RFC 5491 §5.2.1 writes it. Numbers that are not finite make an empty position, which the
 * guards refuse.
 *
 * @category constructors
 * @since 0.2.0
 */
export const point = (latitude: number, longitude: number, altitude?: number): Point => {
  const ns = [num(latitude), num(longitude)]
  const alt = altitude === undefined ? undefined : num(altitude)
  if (altitude !== undefined) ns.push(alt)
  const ok = ns.every((n) => n !== undefined)
  return {
    srsName: altitude === undefined ? EPSG_4326 : EPSG_4979,
    pos: ok ? (ns as Array<number>).map(printNumber).join(' ') : ''
  }
}

/**
 * A circle from its centre (latitude and longitude in degrees, WGS 84) and its radius in metres (RFC 5491 §5.2.3).
 *
 * @category constructors
 * @since 0.2.0
 */
export const circle = (latitude: number, longitude: number, radius: number): Circle => {
  const r = num(radius)
  return { ...point(latitude, longitude), radius: { uom: METRE, value: r === undefined ? '' : printNumber(r) } }
}

const isLocation = (u: unknown): u is Location =>
  Read.isRecord(u) && (u._tag === 'Point' || u._tag === 'Circle' || u._tag === 'CivicAddress' || u._tag === 'Other')

const locationOf = (u: unknown): ReadonlyArray<Location> => {
  if (isLocation(u)) return [u]
  if (!Read.isRecord(u)) return []
  if (typeof u.pos === 'string' && Read.isRecord(u.radius)) return [{ _tag: 'Circle', circle: u as unknown as Circle }]
  if (typeof u.pos === 'string') return [{ _tag: 'Point', point: u as unknown as Point }]
  if (Array.isArray(u.other) && u.pos === undefined)
    return [{ _tag: 'CivicAddress', civicAddress: u as unknown as CivicAddress.CivicAddress }]
  if (C.isElement(u)) return [{ _tag: 'Other', element: u }]
  return []
}

/**
 * Usage rules (RFC 4119 §2.2.2). With no preference given, `retransmission-allowed` is `no`, as RFC 4119 asks
 * implementations to write it.
 *
 * @category constructors
 * @since 0.2.0
 */
export const usageRules = (
  input: {
    readonly retransmissionAllowed?: boolean | Retransmission
    readonly retentionExpiry?: string | Date
    readonly externalRuleset?: string
    readonly noteWell?: string | C.Localized
  } = {}
): UsageRules => {
  const i = Read.record(input)
  const ra = i.retransmissionAllowed
  const retransmissionAllowed: Retransmission =
    ra === true ? 'yes' : ra === false || ra === undefined ? 'no' : retransmissionValue.is(ra) ? ra : 'no'
  const retentionExpiry = V.dateTimeOf(i.retentionExpiry)
  const externalRuleset = Read.string(i.externalRuleset)
  const nw = i.noteWell
  const noteWell: C.Localized | undefined =
    typeof nw === 'string'
      ? { value: nw }
      : Read.isRecord(nw) && typeof nw.value === 'string'
        ? (nw as unknown as C.Localized)
        : undefined
  return {
    retransmissionAllowed,
    ...(retentionExpiry === undefined ? {} : { retentionExpiry }),
    ...(externalRuleset === undefined ? {} : { externalRuleset }),
    ...(noteWell === undefined ? {} : { noteWell }),
    other: []
  }
}

/**
 * A `<gp:geopriv>`: location chunks (points, circles, civic addresses, or location elements of other formats), usage
 * rules (default: {@link usageRules}`()`), and the method when given.
 *
 * @category constructors
 * @since 0.2.0
 */
export const geopriv = (input: {
  readonly locations: ReadonlyArray<Location | Point | Circle | CivicAddress.CivicAddress | Xml.Element>
  readonly usageRules?: UsageRules
  readonly method?: string
}): Geopriv => {
  const i = Read.record(input)
  const method = Read.string(i.method)
  return {
    locationInfo: { locations: Read.array(i.locations).flatMap(locationOf) },
    usageRules: isUsageRules(i.usageRules) ? i.usageRules : usageRules(),
    ...(method === undefined ? {} : { method: { value: method } }),
    other: []
  }
}

/**
 * The numbers of a position (`latitude longitude [altitude]`), or `undefined` when it is not two or three finite
 * numbers.
 *
 * @category constructors
 * @since 0.2.0
 */
export const coordinatesOf = (shape: {
  readonly pos: string
}): { readonly latitude: number; readonly longitude: number; readonly altitude?: number } | undefined => {
  const pos = Read.string(Read.record(shape).pos)
  if (pos === undefined) return undefined
  const ns = V.collapse(pos).split(' ').map(Number)
  if ((ns.length !== 2 && ns.length !== 3) || !ns.every(Number.isFinite)) return undefined
  return ns.length === 2
    ? { latitude: ns[0], longitude: ns[1] }
    : { latitude: ns[0], longitude: ns[1], altitude: ns[2] }
}

/**
 * The radius of a circle in metres, or `undefined` when its unit is not metres ({@link METRE}) or it is no number.
 *
 * @category constructors
 * @since 0.2.0
 */
export const radiusOf = (c: Circle): number | undefined => {
  const r = Read.record(Read.record(c).radius)
  if (Read.string(r.uom)?.trim() !== METRE) return undefined
  const n = Number(V.collapse(Read.string(r.value) ?? ''))
  return Number.isFinite(n) && Read.string(r.value)?.trim() !== '' ? n : undefined
}

/**
 * Whether the recipient may pass the location on (RFC 4119 §2.2.2): `yes`, `true` or `1`; absent means no.
 *
 * @category constructors
 * @since 0.2.0
 */
export const isRetransmissionAllowed = (rules: UsageRules): boolean => {
  const v = Read.record(rules).retransmissionAllowed
  return v === 'yes' || v === 'true' || v === '1'
}

const DAY = 24 * 60 * 60 * 1000

/**
 * When the recipient must discard the location (RFC 4119 §2.2.2): the `retention-expiry`, else twenty-four hours after
 * `base` (the PIDF timestamp, or the time the location was received), as an `xs:dateTime`; `undefined` when neither
 * is a valid time.
 *
 * @category constructors
 * @since 0.2.0
 */
export const retentionExpiryOf = (rules: UsageRules, base: string | Date): string | undefined => {
  const explicit = Read.string(Read.record(rules).retentionExpiry)
  if (explicit !== undefined && V.dateTime.is(V.collapse(explicit))) return V.collapse(explicit)
  const b = V.dateTimeOf(base)
  const d = b === undefined ? undefined : V.toDate(b)
  return d === undefined ? undefined : V.fromDate(new Date(d.getTime() + DAY))
}

/**
 * The location objects of a presence document with the data model, in the order RFC 5491 rule #8 gives them
 * priority: those of devices, then those of tuples' statuses, then those of persons (each in document order).
 *
 * @category constructors
 * @since 0.2.0
 */
export const locationObjects = (doc: {
  readonly tuples: ReadonlyArray<{ readonly status: { readonly ext: unknown } }>
  readonly ext: {
    readonly persons: ReadonlyArray<{ readonly ext: unknown }>
    readonly devices: ReadonlyArray<{ readonly ext: unknown }>
  }
}): ReadonlyArray<Geopriv> => {
  const of = (x: unknown): ReadonlyArray<Geopriv> => Read.array(Read.record(x).geopriv) as ReadonlyArray<Geopriv>
  const d = Read.record(doc)
  const ext = Read.record(d.ext)
  return [
    ...Read.array(ext.devices).flatMap((h) => of(Read.record(h).ext)),
    ...Read.array(d.tuples).flatMap((t) => of(Read.record(Read.record(t).status).ext)),
    ...Read.array(ext.persons).flatMap((h) => of(Read.record(h).ext))
  ]
}

/**
 * The location object to use (RFC 5491 rule #8): the first of {@link locationObjects}.
 *
 * @category constructors
 * @since 0.2.0
 */
export const preferredLocation = (doc: Parameters<typeof locationObjects>[0]): O.Option<Geopriv> => {
  const all = locationObjects(doc)
  return all.length === 0 ? O.none : O.some(all[0])
}

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The `<gp:geopriv>` elements of a status, device or person (absent when none); setting `undefined` removes them.
 *
 * @category optics
 * @since 0.2.0
 */
export const geoprivOf: L.Lens<GeoprivExt, ReadonlyNonEmptyArray<Geopriv> | undefined> =
  /*#__PURE__*/ Optics.optionalKey<GeoprivExt, 'geopriv'>('geopriv')
