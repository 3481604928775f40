/**
 * User agent capabilities in presence (RFC 5196). Namespace `urn:ietf:params:xml:ns:pidf:caps`. `<servcaps>`
 * extends a `<tuple>` (service capabilities, §3.2) and `<devcaps>` a `<dm:device>` (device capabilities, §3.3): the
 * extensions {@link tuple} and {@link device}. Feature lists (`<supported>`/`<notsupported>`) are records keyed by the
 * XML names of their elements (`{ INVITE: '', BYE: '' }`; the schema types each as `xs:string`, so their text is kept),
 * with foreign features in `other`. The schema spells the priority element `higherhan`; RFC 5196 §3.2.15's
 * `higherthan` is read too.
 *
 * @since 0.1.0
 */
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import type * as L from '#monocle-ts/Lens'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Ext from '../codec/Extension.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'

/**
 * The capabilities namespace.
 *
 * @category model
 * @since 0.1.0
 */
export const NS = 'urn:ietf:params:xml:ns:pidf:caps'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A feature list: the named features present (each `xs:string`, usually empty), and foreign ones.
 *
 * @category model
 * @since 0.1.0
 */
export type Features<K extends string> = { readonly [P in K]?: string } & { readonly other: ReadonlyArray<Xml.Element> }

/**
 * A supported/notsupported pair of lists.
 *
 * @category model
 * @since 0.1.0
 */
export interface Support<T> {
  readonly supported?: T
  readonly notsupported?: T
}

/**
 * Actor types (§3.2.19).
 *
 * @category model
 * @since 0.1.0
 */
export type ActorName = (typeof NAMES)['actor'][number]

/**
 * Class types (§3.2.11).
 *
 * @category model
 * @since 0.1.0
 */
export type ClassName = (typeof NAMES)['class'][number]

/**
 * Duplex modes (§3.2.12).
 *
 * @category model
 * @since 0.1.0
 */
export type DuplexName = (typeof NAMES)['duplex'][number]

/**
 * Event packages (§3.2.14).
 *
 * @category model
 * @since 0.1.0
 */
export type EventPackageName = (typeof NAMES)['eventPackages'][number]

/**
 * SIP option tags (§3.2.17).
 *
 * @category model
 * @since 0.1.0
 */
export type ExtensionName = (typeof NAMES)['extensions'][number]

/**
 * SIP methods (§3.2.16).
 *
 * @category model
 * @since 0.1.0
 */
export type MethodName = (typeof NAMES)['methods'][number]

/**
 * Mobility types (§3.3.2).
 *
 * @category model
 * @since 0.1.0
 */
export type MobilityName = (typeof NAMES)['mobility'][number]

/**
 * Priority values (§3.2.15): exact values, lower and upper bounds, and ranges, with foreign ones.
 *
 * @category model
 * @since 0.1.0
 */
export interface Priorities {
  readonly equals: ReadonlyArray<{ readonly value: V.Integer }>
  /** The schema's `higherhan` elements. */
  readonly higherhan: ReadonlyArray<{ readonly minvalue: V.Integer }>
  /** `higherthan` elements, as RFC 5196 §3.2.15 spells them (not valid by the schema). */
  readonly higherthan: ReadonlyArray<{ readonly minvalue: V.Integer }>
  readonly lowerthan: ReadonlyArray<{ readonly maxvalue: V.Integer }>
  readonly range: ReadonlyArray<{ readonly minvalue: V.Integer; readonly maxvalue: V.Integer }>
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * A `<description>` with its optional `xml:lang` (text kept exactly).
 *
 * @category model
 * @since 0.1.0
 */
export type Description = C.Localized

/**
 * `<servcaps>` (§3.2.1): the capabilities of a service, fields in schema order.
 *
 * @category model
 * @since 0.1.0
 */
export interface Servcaps {
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly actor?: Support<Features<ActorName>>
  readonly application?: boolean
  readonly audio?: boolean
  readonly automata?: boolean
  readonly class?: Support<Features<ClassName>>
  readonly control?: boolean
  readonly data?: boolean
  readonly descriptions: ReadonlyArray<Description>
  readonly duplex?: Support<Features<DuplexName>>
  readonly eventPackages?: Support<Features<EventPackageName>>
  readonly extensions?: Support<Features<ExtensionName>>
  readonly isfocus?: boolean
  readonly message?: boolean
  readonly methods?: Support<Features<MethodName>>
  /** Language tags (the `<l>` elements, `xs:string`). */
  readonly languages?: Support<ReadonlyNonEmptyArray<string>>
  readonly priority?: Support<Priorities>
  /** URI schemes (the `<s>` elements, `xs:string`). */
  readonly schemes?: Support<ReadonlyNonEmptyArray<string>>
  readonly text?: boolean
  /** MIME types (`xs:string`). */
  readonly types: ReadonlyArray<string>
  readonly video?: boolean
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * `<devcaps>` (§3.3.1): the capabilities of a device.
 *
 * @category model
 * @since 0.1.0
 */
export interface Devcaps {
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly descriptions: ReadonlyArray<Description>
  readonly mobility?: Support<Features<MobilityName>>
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * The capabilities fields of a `<tuple>`.
 *
 * @category model
 * @since 0.1.0
 */
export interface TupleExt {
  readonly servcaps?: Servcaps
}

/**
 * The capabilities fields of a `<dm:device>`.
 *
 * @category model
 * @since 0.1.0
 */
export interface DeviceExt {
  readonly devcaps?: Devcaps
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const notCaps = /*#__PURE__*/ Xml.notIn(NS)

const featuresOf = <K extends string>(local: string, names: ReadonlyArray<K>): XmlCodec<Features<K>> => {
  const fields: Record<string, C.AnyField> = {}
  for (const n of names) fields[n] = C.optionalChild(el(n), V.string)
  fields.other = C.other(notCaps)
  return C.element(el(local), fields) as unknown as XmlCodec<Features<K>>
}

const supportOf = <T>(local: string, list: (local: string) => XmlCodec<T>): XmlCodec<Support<T>> =>
  C.element(el(local), {
    supported: C.optionalChild(list('supported')),
    notsupported: C.optionalChild(list('notsupported'))
  }) as unknown as XmlCodec<Support<T>>

const featureSupport = <K extends string>(local: string, names: ReadonlyArray<K>): XmlCodec<Support<Features<K>>> =>
  supportOf(local, (l) => featuresOf(l, names))

const isNonEmptyStrings = (u: unknown): u is ReadonlyNonEmptyArray<string> =>
  Array.isArray(u) && u.length > 0 && u.every((s) => typeof s === 'string')

const stringList =
  (item: string) =>
  (local: string): XmlCodec<ReadonlyNonEmptyArray<string>> =>
    C.imap(
      C.element(el(local), { items: C.nonEmptyChildren(el(item), V.string) }),
      (a) => a.items,
      (items) => ({ items }),
      isNonEmptyStrings
    )

const priorities = (local: string): XmlCodec<Priorities> =>
  C.element(el(local), {
    equals: C.children(C.element(el('equals'), { value: C.attr('value', V.integer) })),
    higherhan: C.children(C.element(el('higherhan'), { minvalue: C.attr('minvalue', V.integer) })),
    higherthan: C.children(C.element(el('higherthan'), { minvalue: C.attr('minvalue', V.integer) })),
    lowerthan: C.children(C.element(el('lowerthan'), { maxvalue: C.attr('maxvalue', V.integer) })),
    range: C.children(
      C.element(el('range'), { minvalue: C.attr('minvalue', V.integer), maxvalue: C.attr('maxvalue', V.integer) })
    ),
    other: C.other(notCaps)
  })

const flag = (local: string) => C.optionalChild(el(local), V.boolean)

/**
 * The names of every feature list, in schema order.
 *
 * @category model
 * @since 0.1.0
 */
export const NAMES = {
  actor: ['attendant', 'information', 'msg-taker', 'principal'],
  class: ['business', 'personal'],
  duplex: ['full', 'half', 'receive-only', 'send-only'],
  eventPackages: [
    'conference',
    'dialog',
    'kpml',
    'message-summary',
    'poc-settings',
    'presence',
    'reg',
    'refer',
    'Siemens-RTP-Stats',
    'spirits-INDPs',
    'spirits-user-prof',
    'winfo'
  ],
  extensions: [
    'rel100',
    'early-session',
    'eventlist',
    'from-change',
    'gruu',
    'hist-info',
    'join',
    'norefersub',
    'path',
    'precondition',
    'pref',
    'privacy',
    'recipient-list-invite',
    'recipient-list-subscribe',
    'replaces',
    'resource-priority',
    'sdp-anat',
    'sec-agree',
    'tdialog',
    'timer'
  ],
  methods: [
    'ACK',
    'BYE',
    'CANCEL',
    'INFO',
    'INVITE',
    'MESSAGE',
    'NOTIFY',
    'OPTIONS',
    'PRACK',
    'PUBLISH',
    'REFER',
    'REGISTER',
    'SUBSCRIBE',
    'UPDATE'
  ],
  mobility: ['fixed', 'mobile']
} as const

/**
 * `<description>` (§3.2.13, §3.3.3).
 *
 * @category codecs
 * @since 0.1.0
 */
export const Description: XmlCodec<Description> = /*#__PURE__*/ C.localized(el('description'), V.string, 'Description')

/**
 * `<servcaps>` (RFC 5196 §3.2, caps.xsd `servcapstype`).
 *
 * @category codecs
 * @since 0.1.0
 */
export const Servcaps: XmlCodec<Servcaps> = /*#__PURE__*/ C.element(
  el('servcaps'),
  {
    otherAttrs: C.otherAttrs(Xml.anyName),
    actor: C.optionalChild(featureSupport('actor', NAMES.actor)),
    application: flag('application'),
    audio: flag('audio'),
    automata: flag('automata'),
    class: C.optionalChild(featureSupport('class', NAMES.class)),
    control: flag('control'),
    data: flag('data'),
    descriptions: C.children(Description),
    duplex: C.optionalChild(featureSupport('duplex', NAMES.duplex)),
    eventPackages: C.optionalChild(featureSupport('event-packages', NAMES.eventPackages)),
    extensions: C.optionalChild(featureSupport('extensions', NAMES.extensions)),
    isfocus: flag('isfocus'),
    message: flag('message'),
    methods: C.optionalChild(featureSupport('methods', NAMES.methods)),
    languages: C.optionalChild(supportOf('languages', stringList('l'))),
    priority: C.optionalChild(supportOf('priority', priorities)),
    schemes: C.optionalChild(supportOf('schemes', stringList('s'))),
    text: flag('text'),
    types: C.children(el('type'), V.string),
    video: flag('video'),
    other: C.other(notCaps)
  },
  'Servcaps'
)

/**
 * `<devcaps>` (RFC 5196 §3.3, caps.xsd `devcaps`).
 *
 * @category codecs
 * @since 0.1.0
 */
export const Devcaps: XmlCodec<Devcaps> = /*#__PURE__*/ C.element(
  el('devcaps'),
  {
    otherAttrs: C.otherAttrs(Xml.anyName),
    descriptions: C.children(Description),
    mobility: C.optionalChild(featureSupport('mobility', NAMES.mobility)),
    other: C.other(notCaps)
  },
  'Devcaps'
)

// -------------------------------------------------------------------------------------
// extensions
// -------------------------------------------------------------------------------------

/**
 * `<servcaps>` in `<tuple>` (RFC 5196 §3.2).
 *
 * @category extensions
 * @since 0.1.0
 */
export const tuple: Ext.Extension<TupleExt, 'pidf:tuple'> = /*#__PURE__*/ Ext.fromFields(
  'pidf:tuple',
  { servcaps: C.optionalChild(Servcaps) },
  { name: 'capabilities' }
)

/**
 * `<devcaps>` in `<dm:device>` (RFC 5196 §3.3).
 *
 * @category extensions
 * @since 0.1.0
 */
export const device: Ext.Extension<DeviceExt, 'dm:device'> = /*#__PURE__*/ Ext.fromFields(
  'dm:device',
  { devcaps: C.optionalChild(Devcaps) },
  { name: 'capabilities' }
)

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A feature list from names: `features('INVITE', 'BYE')` is `{ INVITE: '', BYE: '', other: [] }`.
 *
 * @category constructors
 * @since 0.1.0
 */
export const features = <K extends string>(...names: ReadonlyArray<K>): Features<K> => {
  const out: Record<string, unknown> = {}
  for (const n of names) out[n] = ''
  out.other = []
  return out as Features<K>
}

/**
 * The names of the features present in a list (in the list's key order), foreign ones left out.
 *
 * @category constructors
 * @since 0.1.0
 */
export const featureNames = <K extends string>(list: Features<K>): ReadonlyArray<K> => {
  const r = Read.record(list)
  return Object.keys(r).filter((k) => k !== 'other' && typeof r[k] === 'string') as Array<K>
}

/**
 * Service capabilities with no capability stated; spread and add fields.
 *
 * @example
 * import { servcaps, features } from 'sip-simple-payloads/Caps'
 * const caps = { ...servcaps, audio: true, methods: { supported: features('INVITE', 'BYE') } }
 *
 * @category constructors
 * @since 0.1.0
 */
export const servcaps: Servcaps = { descriptions: [], types: [], other: [] }

/**
 * Device capabilities with no capability stated.
 *
 * @category constructors
 * @since 0.1.0
 */
export const devcaps: Devcaps = { descriptions: [], other: [] }

/**
 * Whether a service states a method as supported (`true`), as not supported (`false`), or neither (`undefined`).
 *
 * @category constructors
 * @since 0.1.0
 */
export const supportsMethod = (caps: Servcaps, method: MethodName): boolean | undefined => {
  const methods = Read.record(Read.record(caps).methods)
  const has = (list: unknown): boolean => typeof method === 'string' && Read.record(list)[method] !== undefined
  return has(methods.supported) ? true : has(methods.notsupported) ? false : undefined
}

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * A tuple's service capabilities; setting `undefined` removes them.
 *
 * @category optics
 * @since 0.1.0
 */
export const servcapsOf: L.Lens<TupleExt, Servcaps | undefined> = /*#__PURE__*/ Optics.optionalKey<TupleExt, 'servcaps'>(
  'servcaps'
)

/**
 * A device's capabilities; setting `undefined` removes them.
 *
 * @category optics
 * @since 0.1.0
 */
export const devcapsOf: L.Lens<DeviceExt, Devcaps | undefined> = /*#__PURE__*/ Optics.optionalKey<DeviceExt, 'devcaps'>(
  'devcaps'
)
