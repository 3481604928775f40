/**
 * CIPID (RFC 4482): contact information for the presence data model. Namespace `urn:ietf:params:xml:ns:pidf:cipid`.
 * The six elements (card, display-name, homepage, icon, map, sound, §3) extend `<tuple>` and `<dm:person>` (§3): the
 * extensions {@link tuple} and {@link person} read them into optional fields. The constructors return record
 * fragments to spread into a host's `ext`.
 *
 * @since 0.1.0
 */
import type * as L from '#monocle-ts/Lens'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Ext from '../codec/Extension.js'
import * as Optics from '../codec/Optics.js'
import * as V from '../codec/Value.js'

/**
 * The CIPID namespace.
 *
 * @category model
 * @since 0.1.0
 */
export const NS = 'urn:ietf:params:xml:ns:pidf:cipid'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The CIPID fields of a tuple or person, in schema order; every one is optional and occurs at most once.
 *
 * @category model
 * @since 0.1.0
 */
export interface Cipid {
  /** `<card>` (§3.1): a URI of the business card (vCard, RFC 2426). */
  readonly card?: string
  /** `<display-name>` (§3.2): the name to show, as text kept exactly. */
  readonly displayName?: string
  /** `<homepage>` (§3.3): a web page about the tuple or person. */
  readonly homepage?: string
  /** `<icon>` (§3.4): a URI of an image representing the tuple or person. */
  readonly icon?: string
  /** `<map>` (§3.5): a URI of a map about the tuple or person. */
  readonly map?: string
  /** `<sound>` (§3.6): a URI of a sound representing the tuple or person. */
  readonly sound?: string
}

/**
 * The CIPID fields of a `<dm:person>`.
 *
 * @category model
 * @since 0.1.0
 */
export type PersonExt = Cipid

/**
 * The CIPID fields of a `<tuple>`.
 *
 * @category model
 * @since 0.1.0
 */
export type TupleExt = Cipid

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const fields = {
  card: /*#__PURE__*/ C.optionalChild(el('card'), V.anyURI),
  displayName: /*#__PURE__*/ C.optionalChild(el('display-name'), V.string),
  homepage: /*#__PURE__*/ C.optionalChild(el('homepage'), V.anyURI),
  icon: /*#__PURE__*/ C.optionalChild(el('icon'), V.anyURI),
  map: /*#__PURE__*/ C.optionalChild(el('map'), V.anyURI),
  sound: /*#__PURE__*/ C.optionalChild(el('sound'), V.anyURI)
}

// -------------------------------------------------------------------------------------
// extensions
// -------------------------------------------------------------------------------------

/**
 * CIPID in `<dm:person>` (RFC 4482 §3, cipid.xsd).
 *
 * @category extensions
 * @since 0.1.0
 */
export const person: Ext.Extension<PersonExt, 'dm:person'> = /*#__PURE__*/ Ext.fromFields('dm:person', fields, { name: 'CIPID' })

/**
 * CIPID in `<tuple>` (RFC 4482 §3, cipid.xsd).
 *
 * @category extensions
 * @since 0.1.0
 */
export const tuple: Ext.Extension<TupleExt, 'pidf:tuple'> = /*#__PURE__*/ Ext.fromFields('pidf:tuple', fields, { name: 'CIPID' })

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A `<card>` to spread into `ext`: `{ ...Cipid.card('http://example.com/~alice/card.vcd') }`.
 *
 * @example
 * import { card, displayName } from 'sip-simple-payloads/Cipid'
 * const ext = { ...card('http://example.com/~alice/card.vcd'), ...displayName('Alice') }
 *
 * @category constructors
 * @since 0.1.0
 */
export const card = (uri: string): { readonly card: string } => ({ card: uri })

/**
 * A `<display-name>` to spread into `ext`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const displayName = (name: string): { readonly displayName: string } => ({ displayName: name })

/**
 * A `<homepage>` to spread into `ext`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const homepage = (uri: string): { readonly homepage: string } => ({ homepage: uri })

/**
 * An `<icon>` to spread into `ext`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const icon = (uri: string): { readonly icon: string } => ({ icon: uri })

/**
 * A `<map>` to spread into `ext`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const map = (uri: string): { readonly map: string } => ({ map: uri })

/**
 * A `<sound>` to spread into `ext`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const sound = (uri: string): { readonly sound: string } => ({ sound: uri })

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The card URI of a person or tuple; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const cardOf: L.Lens<Cipid, string | undefined> = /*#__PURE__*/ Optics.optionalKey<Cipid, 'card'>('card')

/**
 * The display name of a person or tuple; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const displayNameOf: L.Lens<Cipid, string | undefined> = /*#__PURE__*/ Optics.optionalKey<Cipid, 'displayName'>(
  'displayName'
)

/**
 * The homepage of a person or tuple; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const homepageOf: L.Lens<Cipid, string | undefined> = /*#__PURE__*/ Optics.optionalKey<Cipid, 'homepage'>(
  'homepage'
)

/**
 * The icon URI of a person or tuple; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const iconOf: L.Lens<Cipid, string | undefined> = /*#__PURE__*/ Optics.optionalKey<Cipid, 'icon'>('icon')

/**
 * The map URI of a person or tuple; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const mapOf: L.Lens<Cipid, string | undefined> = /*#__PURE__*/ Optics.optionalKey<Cipid, 'map'>('map')

/**
 * The sound URI of a person or tuple; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const soundOf: L.Lens<Cipid, string | undefined> = /*#__PURE__*/ Optics.optionalKey<Cipid, 'sound'>('sound')
