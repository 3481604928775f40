/**
 * AG Projects' PIDF extensions, namespace `urn:ag-projects:xml:ns:pidf` (printed with prefix `agp-pidf`), as published
 * by SIP SIMPLE SDK clients such as Blink. No schema is published; the elements are those of the SDK's PIDF payload
 * module: in `<status>`, `<extended>` (an extended status: available, offline, away, busy; earlier releases also sent
 * extended-away) and `<type>` (free text); in `<tuple>`, `<device-info id="…">` with an optional `<description>`,
 * `<user-agent>` and `<time-offset description="…">` (minutes from UTC, written by some releases with a decimal
 * part, e.g. `120.0`, so its lexical form is kept). Extensions: {@link status} and {@link tuple}.
 *
 * @since 0.1.0
 */
import type * as L from '#monocle-ts/Lens'
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Ext from '../codec/Extension.js'
import * as Optics from '../codec/Optics.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'

/**
 * The AG Projects PIDF namespace.
 *
 * @category model
 * @since 0.1.0
 */
export const NS = 'urn:ag-projects:xml:ns:pidf'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The extended status values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const extendedValue = /*#__PURE__*/ V.literal('available', 'offline', 'away', 'extended-away', 'busy')

/**
 * An extended status.
 *
 * @category model
 * @since 0.1.0
 */
export type ExtendedStatus = V.LiteralOf<typeof extendedValue>

/**
 * `<time-offset>` of a device-info: minutes from UTC as sent (an integer or a decimal such as `120.0`), with an
 * optional description (a time zone name).
 *
 * @category model
 * @since 0.1.0
 */
export interface TimeOffset {
  readonly description?: string
  readonly value: string
}

/**
 * `<device-info>`: which device publishes the tuple (its instance id), with a description, the user agent and the time
 * offset. Unknown attributes and children are kept.
 *
 * @category model
 * @since 0.1.0
 */
export interface DeviceInfo {
  readonly id: string
  readonly otherAttrs?: Readonly<Record<string, string>>
  readonly description?: string
  readonly userAgent?: string
  readonly timeOffset?: TimeOffset
  readonly other: ReadonlyArray<Xml.Element>
}

/**
 * The AG Projects fields of a `<status>`.
 *
 * @category model
 * @since 0.1.0
 */
export interface StatusExt {
  readonly extended?: ExtendedStatus
  readonly type?: string
}

/**
 * The AG Projects fields of a `<tuple>`.
 *
 * @category model
 * @since 0.1.0
 */
export interface TupleExt {
  readonly deviceInfo?: DeviceInfo
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * Minutes as a decimal number, lexical form kept (`-300`, `120.0`).
 *
 * @category codecs
 * @since 0.1.0
 */
export const minutes: V.ValueCodec<string> = /*#__PURE__*/ V.pattern('a number of minutes', /^[+-]?[0-9]+(\.[0-9]*)?$/)

/**
 * `<time-offset>` of a device-info.
 *
 * @category codecs
 * @since 0.1.0
 */
export const TimeOffset: XmlCodec<TimeOffset> = /*#__PURE__*/ C.element(
  el('time-offset'),
  { description: C.optionalAttr('description', V.string), value: C.text(minutes) },
  'TimeOffset'
)

/**
 * `<device-info>`.
 *
 * @category codecs
 * @since 0.1.0
 */
export const DeviceInfo: XmlCodec<DeviceInfo> = /*#__PURE__*/ C.element(
  el('device-info'),
  {
    id: C.attr('id', V.string),
    otherAttrs: C.otherAttrs(Xml.anyName),
    description: C.optionalChild(el('description'), V.string),
    userAgent: C.optionalChild(el('user-agent'), V.string),
    timeOffset: C.optionalChild(TimeOffset),
    other: C.other()
  },
  'DeviceInfo'
)

// -------------------------------------------------------------------------------------
// extensions
// -------------------------------------------------------------------------------------

/**
 * `<agp-pidf:extended>` and `<agp-pidf:type>` in `<status>`.
 *
 * @category extensions
 * @since 0.1.0
 */
export const status: Ext.Extension<StatusExt, 'pidf:status'> = /*#__PURE__*/ Ext.fromFields(
  'pidf:status',
  { extended: C.optionalChild(el('extended'), extendedValue), type: C.optionalChild(el('type'), V.string) },
  { name: 'AG Projects PIDF' }
)

/**
 * `<agp-pidf:device-info>` in `<tuple>`.
 *
 * @category extensions
 * @since 0.1.0
 */
export const tuple: Ext.Extension<TupleExt, 'pidf:tuple'> = /*#__PURE__*/ Ext.fromFields(
  'pidf:tuple',
  { deviceInfo: C.optionalChild(DeviceInfo) },
  { name: 'AG Projects PIDF' }
)

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A `<device-info>` for a device instance id.
 *
 * @example
 * import { deviceInfo } from 'sip-simple-payloads/AgpPidf'
 * deviceInfo('urn:uuid:5d8d6e72-61a2-4b7a-9a4e-25dbb2f0b0a3', { description: 'laptop', userAgent: 'Blink 5.1' })
 *
 * @category constructors
 * @since 0.1.0
 */
export const deviceInfo = (
  id: string,
  options: {
    readonly description?: string
    readonly userAgent?: string
    readonly timeOffset?: number
    readonly timeZone?: string
  } = {}
): DeviceInfo => {
  const o = Read.record(options)
  const timeOffset = typeof o.timeOffset === 'number' && Number.isFinite(o.timeOffset) ? o.timeOffset : undefined
  const timeZone = Read.string(o.timeZone)
  const description = Read.string(o.description)
  const userAgent = Read.string(o.userAgent)
  return {
    id: Read.text(id),
    ...(description === undefined ? {} : { description }),
    ...(userAgent === undefined ? {} : { userAgent }),
    ...(timeOffset === undefined
      ? {}
      : {
          timeOffset: timeZone === undefined ? { value: Read.text(timeOffset) } : { description: timeZone, value: Read.text(timeOffset) }
        }),
    other: []
  }
}

/**
 * The time offset in whole minutes (a decimal part is dropped, as the SDK does).
 *
 * @category constructors
 * @since 0.1.0
 */
export const offsetMinutes = (t: TimeOffset): number => Math.trunc(Number(Read.record(t).value)) || 0

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The extended status of a `<status>`; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const extendedOf: L.Lens<StatusExt, ExtendedStatus | undefined> = /*#__PURE__*/ Optics.optionalKey<
  StatusExt,
  'extended'
>('extended')

/**
 * The device info of a `<tuple>`; setting `undefined` removes it.
 *
 * @category optics
 * @since 0.1.0
 */
export const deviceInfoOf: L.Lens<TupleExt, DeviceInfo | undefined> = /*#__PURE__*/ Optics.optionalKey<
  TupleExt,
  'deviceInfo'
>('deviceInfo')
