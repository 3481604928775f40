/**
 * Arbitraries and the law registration of dialog information (RFC 4235) with shared appearances (RFC 7463), and a
 * deterministic 50-dialog document for the benchmark.
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as T from '#monocle-ts/Traversal'
import * as Xml from '../../src/xml/Ast.js'
import * as C from '../../src/codec/Element.js'
import * as Ext from '../../src/codec/Extension.js'
import * as V from '../../src/codec/Value.js'
import * as _ from '../../src/formats/DialogInfo.js'
import * as SharedAppearance from '../../src/formats/SharedAppearance.js'
import * as A from '../Arbitrary.js'
import { optional, traversal } from '../Optic.js'
import type { ExtensionLaws, FormatLaws } from '../Registration.js'

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

/**
 * A dialog state.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const DialogState: fc.Arbitrary<_.DialogState> = A.literal(_.dialogStateValue)

/**
 * A `<state>`: the state with an event and a response code, or without.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const State: fc.Arbitrary<_.State> = A.record(
  { event: A.literal(_.eventValue), code: fc.integer({ min: 100, max: 699 }), value: DialogState },
  ['event', 'code']
)

/**
 * A URI as `<identity>` and `<referred-by>` hold it: mostly bare, sometimes on a line of its own (RFC 4235 §6.2).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Uri: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: A.anyURI },
  { weight: 1, arbitrary: A.anyURI.map((u) => `\n   ${u}\n  `) }
)

/**
 * A URI with a display name or none. (Only `display`, which the schema file has; `display-name` of the RFC's printed
 * schema is read but not generated.)
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const NameAddr: fc.Arbitrary<_.NameAddr> = A.record({ display: A.xmlText(12), uri: Uri }, ['display'])

/**
 * A Contact parameter.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Param: fc.Arbitrary<_.Param> = A.record(
  {
    pname: fc.oneof(
      fc.constantFrom('isfocus', 'class', 'actor', 'automaton', '+sip.byeless', '+sip.rendering'),
      A.xmlText(8)
    ),
    pval: fc.oneof(fc.constantFrom('true', 'false', 'yes', 'no', 'msg-taker', "Alice's desk & office"), A.xmlText(8))
  },
  []
)

/**
 * A target with its parameters.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Target: fc.Arbitrary<_.Target> = A.record(
  { uri: fc.oneof(A.anyURI, A.xmlText(12)), params: fc.array(Param, { maxLength: 3 }) },
  []
)

/**
 * A session description.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const SessionDescription: fc.Arbitrary<_.SessionDescription> = A.record(
  {
    type: fc.oneof(fc.constant('application/sdp'), A.xmlText(10)),
    value: fc.oneof(fc.constant('v=0\no=alice 2890844526 2890844526 IN IP4 192.0.2.1\ns=-\n'), A.xmlText(30))
  },
  []
)

/**
 * A participant (`<local>` or `<remote>`).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Participant: fc.Arbitrary<_.Participant> = A.record(
  {
    identity: NameAddr,
    target: Target,
    sessionDescription: SessionDescription,
    cseq: A.nonNegativeInteger,
    other: A.foreignElements()
  },
  ['identity', 'target', 'sessionDescription', 'cseq']
)

const tag = fc.oneof(A.ncname, A.xmlText(10))

/**
 * A `<replaces>`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Replaces: fc.Arbitrary<_.Replaces> = A.record({ callId: tag, localTag: tag, remoteTag: tag }, [])

/**
 * A reference to another dialog (RFC 7463), with either spelling of the tags.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const DialogRef: fc.Arbitrary<SharedAppearance.DialogRef> = fc.oneof(
  A.record({ callId: tag, localTag: tag, remoteTag: tag }, []),
  A.record({ callId: tag, fromTag: tag, toTag: tag }, [])
)

/**
 * The shared-appearance fields of a dialog (RFC 7463 §5.2).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const SaDialog: fc.Arbitrary<SharedAppearance.DialogExt> = A.record(
  {
    appearance: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 64 }) },
      { weight: 1, arbitrary: A.nonNegativeInteger }
    ),
    exclusive: fc.boolean(),
    joinedDialogs: fc.array(DialogRef, { maxLength: 2 }),
    replacedDialogs: fc.array(DialogRef, { maxLength: 2 })
  },
  ['appearance', 'exclusive']
)

/**
 * A dialog id (an `xs:string`).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const DialogId: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: A.ncname },
  { weight: 1, arbitrary: A.xmlText(10) }
)

/**
 * A dialog with the given extension fields.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const dialogWith = <X>(ext: fc.Arbitrary<X>): fc.Arbitrary<_.Dialog<X>> =>
  A.record(
    {
      id: DialogId,
      callId: tag,
      localTag: tag,
      remoteTag: tag,
      direction: A.literal(_.directionValue),
      state: State,
      duration: A.nonNegativeInteger,
      replaces: Replaces,
      referredBy: NameAddr,
      routeSet: fc.array(A.xmlText(16), { minLength: 1, maxLength: 3 }),
      local: Participant,
      remote: Participant,
      ext,
      other: A.foreignElements()
    },
    ['callId', 'localTag', 'remoteTag', 'direction', 'duration', 'replaces', 'referredBy', 'routeSet', 'local', 'remote']
  ) as unknown as fc.Arbitrary<_.Dialog<X>>

/**
 * A dialog of the registered format.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Dialog: fc.Arbitrary<_.Dialog> = dialogWith(SaDialog)

/** Dialogs with distinct ids (RFC 4235 §4.1.1: unique among the current dialogs): a repeated id gets a suffix. */
const distinctIds = <X>(ds: ReadonlyArray<_.Dialog<X>>): ReadonlyArray<_.Dialog<X>> => {
  const seen = new Set<string>()
  return ds.map((d) => {
    let id = d.id
    for (let n = 2; seen.has(id); n++) id = `${d.id}-${n}`
    seen.add(id)
    return id === d.id ? d : { ...d, id }
  })
}

/**
 * A dialog-info document with the given dialog extension fields (distinct dialog ids).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const dialogInfoWith = <X>(ext: fc.Arbitrary<X>): fc.Arbitrary<_.DialogInfo<X>> =>
  A.record(
    {
      version: A.nonNegativeInteger,
      state: A.literal(_.documentStateValue),
      entity: A.anyURI,
      dialogs: fc.array(dialogWith(ext), { maxLength: 4 }).map(distinctIds),
      other: A.foreignElements()
    },
    []
  ) as unknown as fc.Arbitrary<_.DialogInfo<X>>

/**
 * A document of the registered format.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const DialogInfo: fc.Arbitrary<_.DialogInfo> = dialogInfoWith(SaDialog)

// -------------------------------------------------------------------------------------
// documents
// -------------------------------------------------------------------------------------

const STATES: ReadonlyArray<_.DialogState> = ['trying', 'proceeding', 'early', 'confirmed', 'confirmed', 'terminated']

/**
 * A document with `n` dialogs, all the same each time: states in turn, both directions, identities with display names,
 * targets with parameters, and appearance numbers.
 *
 * @category documents
 * @since 0.2.0
 */
export const scale = (n: number): _.DialogInfo =>
  _.dialogInfo({
    entity: 'sip:helpdesk@example.com',
    version: 7,
    dialogs: Array.from({ length: Math.max(0, Math.floor(n)) }, (_x, i) => {
      const state = STATES[i % STATES.length]
      const d = _.dialog(state === 'terminated' ? { event: 'remote-bye', code: 200, value: state } : state, {
        id: `dlg-${i}`,
        callId: `${(i * 7919).toString(36)}-a84b4c76e66710@pc33.example.com`,
        localTag: `lt${i}`,
        ...(state === 'trying' ? {} : { remoteTag: `rt${i}` }),
        direction: i % 2 === 0 ? 'initiator' : 'recipient',
        duration: i * 3,
        local: _.participant('sip:helpdesk@example.com', {
          display: 'Help Desk',
          target: `sip:helpdesk@192.0.2.${i % 250}`
        }),
        remote: _.participant(`sip:caller${i}@example.org`, {
          display: `Caller ${i}`,
          target: `sip:caller${i}@198.51.100.${i % 250}`,
          params: [{ pname: '+sip.rendering', pval: i % 3 === 0 ? 'no' : 'yes' }]
        }),
        ext: { appearance: (i % 12) + 1, ...(i % 5 === 0 ? { exclusive: true } : {}) }
      })
      return d
    })
  })

/**
 * The benchmark's dialog-info document: {@link scale} with 50 dialogs (encode it with `DialogInfo.document.encode`).
 *
 * @category documents
 * @since 0.2.0
 */
export const dialogInfo50 = (): _.DialogInfo => scale(50)

// -------------------------------------------------------------------------------------
// registration
// -------------------------------------------------------------------------------------

const VENDOR = 'urn:example:dialog-vendor'

/** A second extension of the dialog point, for the monoid laws: a vendor's line key. */
const vendor = /*#__PURE__*/ Ext.fromFields(
  'dialog-info:dialog',
  { lineKey: C.optionalChild({ ns: VENDOR, local: 'line-key' }, V.token) },
  { name: 'vendor line key' }
)

const extensionLaws: ReadonlyArray<ExtensionLaws> = [
  {
    name: 'dialog-info:dialog',
    host: (ext) => _.dialogWith(ext) as never,
    extensions: [SharedAppearance.dialog, vendor],
    elements: fc
      .tuple(Dialog, fc.option(A.token, { nil: undefined }))
      .map(([d, key]) => {
        const e = _.Dialog.encode(d)
        if (key === undefined) return e
        const lineKey = Xml.element({ ns: VENDOR, local: 'line-key' }, {}, key === '' ? [] : [Xml.text(key)])
        return { ...e, children: [...e.children, lineKey] }
      })
  }
]

const el = Xml.qname(_.NS)
const sa = Xml.qname(SharedAppearance.NS)

/**
 * The registration of the `dialog-info` format (RFC 4235 with RFC 7463) with every law suite.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.DialogInfo> = {
  format: 'dialog-info',
  spec: 'RFC 4235, RFC 7463',
  codec: _.document,
  arbitrary: DialogInfo,
  schemas: ['dialog-info.xsd'],
  constructors: {
    freshId: _.freshId,
    participant: _.participant,
    dialog: _.dialog,
    trying: _.trying,
    ringing: _.ringing,
    confirmed: _.confirmed,
    terminated: _.terminated,
    dialogInfo: _.dialogInfo,
    blf: _.blf,
    blfByEntity: _.blfByEntity,
    'SharedAppearance.dialogRef': SharedAppearance.dialogRef,
    'SharedAppearance.appearanceOf': SharedAppearance.appearanceOf,
    'SharedAppearance.isExclusive': SharedAppearance.isExclusive
  },
  scale,
  namespaces: [_.NS, SharedAppearance.NS],
  names: [
    ...['dialog-info', 'dialog', 'state', 'duration', 'replaces', 'referred-by', 'route-set', 'hop'].map(el),
    ...['local', 'remote', 'identity', 'target', 'param', 'session-description', 'cseq'].map(el),
    ...['appearance', 'exclusive', 'joined-dialog', 'replaced-dialog'].map(sa)
  ],
  optics: [
    optional('dialogById', _.dialogById, {
      keys: (d) => d.dialogs.map((x) => x.id),
      absent: DialogId,
      focus: (id) => Dialog.map((d) => ({ ...d, id }))
    }),
    optional('dialogStateById', _.dialogStateById, {
      keys: (d) => d.dialogs.map((x) => x.id),
      absent: DialogId,
      focus: () => DialogState
    }),
    traversal('everyDialog', _.everyDialog, Dialog),
    traversal('everyDialog → dialogState', T.composeLens(_.dialogState)(_.everyDialog), DialogState)
  ],
  extensions: extensionLaws
}
