/**
 * Civic addresses for PIDF-LO (RFC 5139): the `<civicAddress>` location format of a `<gp:location-info>`. Namespace
 * `urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr`. Every element of the address is optional and occurs at most once,
 * in the order of RFC 5139 §4 (country, the administrative divisions A1 to A6, the road elements, house number,
 * landmark, floor, name, postal code, building parts, place type, post box, additional code), each a token with an
 * optional `xml:lang` (§3.3; `country` is an ISO 3166 code and `PLC` has no language). Elements of other namespaces
 * follow them (kept in `other`), and attributes of any namespace are kept (`otherAttrs`).
 *
 * Values are kept exactly as written: the schema's tokens collapse white space when compared (§3.4, where
 * `<A3>     Wollongong\n</A3>` and `<A3>Wollongong</A3>` are the same value), and {@link valueOf} gives that collapsed
 * form. The older civic format of RFC 4119 (`civicLoc`) is another namespace; it stays a foreign element of the
 * location information.
 *
 * @example
 * import * as CivicAddress from 'sip-simple-payloads/CivicAddress'
 * const ca = CivicAddress.civicAddress({ country: 'AU', A1: 'NSW', A3: 'Wollongong', RD: 'Flinders' }, 'en-AU')
 * CivicAddress.valueOf(ca.A3) // 'Wollongong'
 *
 * @since 0.2.0
 */
import type * as L from '#monocle-ts/Lens'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'

/**
 * The civic address namespace (RFC 5139 §7.1).
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The address elements with a language (`caType`, RFC 5139 §4), in schema order (after `country`).
 *
 * @category model
 * @since 0.2.0
 */
export const LABELS = [
  'A1',
  'A2',
  'A3',
  'A4',
  'A5',
  'A6',
  'PRM',
  'PRD',
  'RD',
  'STS',
  'POD',
  'POM',
  'RDSEC',
  'RDBR',
  'RDSUBBR',
  'HNO',
  'HNS',
  'LMK',
  'LOC',
  'FLR',
  'NAM',
  'PC',
  'BLD',
  'UNIT',
  'ROOM',
  'SEAT',
  'PLC',
  'PCN',
  'POBOX',
  'ADDCODE'
] as const

/**
 * The name of an address element other than `country` (RFC 5139 §3.1 Table 1): `A1` to `A6` (national subdivision to
 * neighbourhood), `PRM`, `PRD`, `RD`, `STS`, `POD`, `POM`, `RDSEC`, `RDBR`, `RDSUBBR` (the road), `HNO`, `HNS` (house
 * number and suffix), `LMK`, `LOC`, `FLR`, `NAM`, `PC`, `BLD`, `UNIT`, `ROOM`, `SEAT`, `PLC` (place type, RFC 4589),
 * `PCN` (postal community name), `POBOX`, `ADDCODE`.
 *
 * @category model
 * @since 0.2.0
 */
export type Label = (typeof LABELS)[number]

/**
 * One address element (`caType`): the token as written and its language, when given.
 *
 * @category model
 * @since 0.2.0
 */
export type Part = C.Localized

/**
 * `<civicAddress>` (RFC 5139 §4): every element optional, at most once; `PLC` is a bare token (no `xml:lang`).
 *
 * @category model
 * @since 0.2.0
 */
export type CivicAddress = {
  /** The language of the address (`xml:lang` on the element, which the schema's attribute wildcard allows; §5). */
  readonly lang?: string
  /** Other attributes, of any namespace (the schema's `xs:anyAttribute namespace="##any"`). */
  readonly otherAttrs?: Readonly<Record<string, string>>
  /** The ISO 3166-1 alpha-2 country code, as written (§3.2). */
  readonly country?: string
} & { readonly [K in Exclude<Label, 'PLC'>]?: Part } & {
  /** The place type (RFC 4589 token), as written. */
  readonly PLC?: string
  readonly other: ReadonlyArray<Xml.Element>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * What an address is built from: the elements' values (strings, or parts with a language).
 *
 * @category constructors
 * @since 0.2.0
 */
export type CivicAddressInput = { readonly country?: string; readonly PLC?: string } & {
  readonly [K in Exclude<Label, 'PLC'>]?: string | Part
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The value of an address element: an `xs:token` kept as written (white space included).
 *
 * @category codecs
 * @since 0.2.0
 */
export const token: V.ValueCodec<string> = /*#__PURE__*/ V.preserving(V.token)

/** An ISO 3166-1 alpha-2 code (`iso3166a2`: two capital letters after white-space collapse), kept as written. */
const iso3166a2: V.ValueCodec<string> = /*#__PURE__*/ V.preserving(V.pattern('an ISO 3166 alpha-2 code', /^[A-Z]{2}$/))

/** One address element with its optional language (`caType`). */
const partOf = (label: Exclude<Label, 'PLC'>): XmlCodec<Part> => C.localized(el(label), token, label)

const partFields = (): Record<string, C.AnyField> => {
  const out: Record<string, C.AnyField> = {}
  for (const l of LABELS) out[l] = l === 'PLC' ? C.optionalChild(el('PLC'), token) : C.optionalChild(partOf(l))
  return out
}

/**
 * `<civicAddress>` (RFC 5139 §4): the elements in schema order, then elements of other namespaces; `xml:lang` and
 * attributes of any namespace.
 *
 * @category codecs
 * @since 0.2.0
 */
export const CivicAddress: XmlCodec<CivicAddress> = /*#__PURE__*/ C.element(
  el('civicAddress'),
  {
    xmlns: C.namespaces(),
    lang: C.lang(V.language),
    otherAttrs: C.otherAttrs(Xml.anyName),
    country: C.optionalChild(el('country'), iso3166a2),
    ...partFields(),
    other: C.other(NS)
  },
  'CivicAddress'
) as unknown as XmlCodec<CivicAddress>

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const partFrom = (u: unknown): Part | undefined => {
  if (typeof u === 'string') return { value: u }
  if (!Read.isRecord(u) || typeof u.value !== 'string') return undefined
  return typeof u.lang === 'string' ? { lang: u.lang, value: u.value } : { value: u.value }
}

/**
 * A civic address from the values of its elements (`{ country: 'US', A1: 'New York', HNO: '123' }`), with the
 * language of the whole address when given. Input of the wrong shape (from JavaScript) is left out, never thrown on.
 *
 * @category constructors
 * @since 0.2.0
 */
export const civicAddress = (input: CivicAddressInput, lang?: string): CivicAddress => {
  const i = Read.record(input)
  const out: Record<string, unknown> = {}
  if (typeof lang === 'string') out.lang = lang
  const country = Read.string(i.country)
  if (country !== undefined) out.country = country
  for (const l of LABELS) {
    if (l === 'PLC') {
      const plc = Read.string(i.PLC)
      if (plc !== undefined) out.PLC = plc
      continue
    }
    const p = partFrom(i[l])
    if (p !== undefined) out[l] = p
  }
  out.other = []
  return out as CivicAddress
}

/**
 * The value of an address element as the schema compares it (white space collapsed), or `undefined` when absent.
 *
 * @category constructors
 * @since 0.2.0
 */
export const valueOf = (p: Part | string | undefined): string | undefined => {
  const s = typeof p === 'string' ? p : Read.isRecord(p) ? Read.string(p.value) : undefined
  return s === undefined ? undefined : V.collapse(s)
}

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The country of an address; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.2.0
 */
export const countryOf: L.Lens<CivicAddress, string | undefined> = /*#__PURE__*/ Optics.optionalKey<
  CivicAddress,
  'country'
>('country')

/**
 * One element of an address (`partOfAddress('A3')`); setting `undefined` removes it.
 *
 * @category optics
 * @since 0.2.0
 */
export const partOfAddress = <K extends Exclude<Label, 'PLC'>>(label: K): L.Lens<CivicAddress, Part | undefined> =>
  Optics.optionalKey<CivicAddress, K>(label) as unknown as L.Lens<CivicAddress, Part | undefined>
