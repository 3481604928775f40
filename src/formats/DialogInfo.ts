/**
 * Dialog information (RFC 4235 §4, for the `dialog` event package): the INVITE-initiated dialogs of an observed user
 * and their states. Namespace `urn:ietf:params:xml:ns:dialog-info`, content type `application/dialog-info+xml`.
 * Elements of other namespaces extend `<dialog-info>`, `<dialog>`, `<local>` and `<remote>` (the schema's `##other`
 * wildcards, §4.4) and are kept in `other`; the `<dialog>` wildcard is also the extension point `'dialog-info:dialog'`,
 * where the shared-appearance elements of RFC 7463 plug in (`SharedAppearance.dialog`): the registered `dialog-info`
 * format is RFC 4235 with RFC 7463, and `dialogWith`/`dialogInfoWith` build other compositions.
 *
 * Every dialog of a document is kept, in document order. Notifications carry full or partial state with a version:
 * {@link merge} is the RFC 4235 §4.3 rule for the state engine in `codec/Versioned`, and {@link blf} reduces a state
 * to what a busy-lamp field shows (idle, early, confirmed; the direction and the remote party).
 *
 * The schema is RFC 4235 §4.4 as shipped in `dialog-info.xsd`, with one difference read from the RFC: the display name
 * of `<identity>` and `<referred-by>` is `display` in the prose (§4.1.5, §4.1.6.1) and that file, but `display-name` in
 * the schema printed in §4.4; both are read and kept as written. The dialog state is one of the five states of the
 * §3.7.1 state machine (the schema's type is `xs:string`, the prose makes it an enumeration): other values are refused.
 *
 * @example
 * import * as DialogInfo from 'sip-simple-payloads/DialogInfo'
 * const doc = DialogInfo.dialogInfo({
 *   entity: 'sip:alice@example.com',
 *   dialogs: [DialogInfo.ringing({ id: 'd1', direction: 'recipient', remote: 'sip:bob@example.com' })]
 * })
 * const body = DialogInfo.document.encode(doc)
 * DialogInfo.blf(doc).status // 'early'
 *
 * @since 0.2.0
 */
import { pipe } from '#fp-ts/function'
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
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
import type * as Versioned from '../codec/Versioned.js'
import type { XmlCodec } from '../codec/Element.js'
import * as SharedAppearance from './SharedAppearance.js'

/**
 * The namespace of dialog-info documents.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ietf:params:xml:ns:dialog-info'

/**
 * The content type.
 *
 * @category model
 * @since 0.2.0
 */
export const CONTENT_TYPE = 'application/dialog-info+xml'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The document state values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const documentStateValue = /*#__PURE__*/ V.literal('full', 'partial')

/**
 * Whether a document holds the full dialog information or only the dialogs that changed (the `state` attribute of
 * `<dialog-info>`, RFC 4235 §4.1).
 *
 * @category model
 * @since 0.2.0
 */
export type DocumentState = V.LiteralOf<typeof documentStateValue>

/**
 * The dialog state values: the states of the RFC 4235 §3.7.1 state machine.
 *
 * @category codecs
 * @since 0.2.0
 */
export const dialogStateValue = /*#__PURE__*/ V.literal('trying', 'proceeding', 'early', 'confirmed', 'terminated')

/**
 * The state of a dialog (RFC 4235 §3.7.1, §4.1.2): `trying` (INVITE sent or received), `proceeding` (a provisional
 * response without a tag), `early` (a provisional response with a tag: ringing), `confirmed` (a 2xx: the call is up),
 * `terminated`.
 *
 * @category model
 * @since 0.2.0
 */
export type DialogState = V.LiteralOf<typeof dialogStateValue>

/**
 * The event values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const eventValue = /*#__PURE__*/ V.literal(
  'cancelled',
  'rejected',
  'replaced',
  'local-bye',
  'remote-bye',
  'error',
  'timeout'
)

/**
 * The event that caused a transition into the terminated state (RFC 4235 §3.7.1, §4.1.2).
 *
 * @category model
 * @since 0.2.0
 */
export type Event = V.LiteralOf<typeof eventValue>

/**
 * The direction values.
 *
 * @category codecs
 * @since 0.2.0
 */
export const directionValue = /*#__PURE__*/ V.literal('initiator', 'recipient')

/**
 * Whether the observed user sent the INVITE that created the dialog (`initiator`) or received it (`recipient`)
 * (RFC 4235 §4.1.1).
 *
 * @category model
 * @since 0.2.0
 */
export type Direction = V.LiteralOf<typeof directionValue>

/**
 * A SIP response code, 100 to 699 (the `code` attribute of `<state>`).
 *
 * @category codecs
 * @since 0.2.0
 */
export const responseCode: V.ValueCodec<number> = /*#__PURE__*/ V.integerIn('a response code (100 to 699)', 100, 699)

/**
 * The `<state>` of a dialog, with the event that caused a transition into `terminated` and the response code of a
 * transition caused by a response to the INVITE (RFC 4235 §4.1.2).
 *
 * @category model
 * @since 0.2.0
 */
export interface State {
  readonly event?: Event
  readonly code?: number
  readonly value: DialogState
}

/**
 * A URI with its display name (the schema's `nameaddr`: `<identity>`, `<referred-by>`). The URI text is kept as
 * written, white space around it included (compare with `V.collapse`).
 *
 * @category model
 * @since 0.2.0
 */
export interface NameAddr {
  /** The display name (`display`, RFC 4235 §4.1.5 and §4.1.6.1). */
  readonly display?: string
  /** The display name as the schema printed in RFC 4235 §4.4 spells it (`display-name`). */
  readonly displayName?: string
  readonly uri: string
}

/**
 * The dialog a dialog replaced (`<replaces>`, RFC 4235 §4.1.4).
 *
 * @category model
 * @since 0.2.0
 */
export interface Replaces {
  readonly callId: string
  readonly localTag: string
  readonly remoteTag: string
}

/**
 * A Contact header parameter of a target (`<param pname pval>`, RFC 4235 §4.1.6.2): quoting removed; a parameter
 * without a value has the value `true`.
 *
 * @category model
 * @since 0.2.0
 */
export interface Param {
  readonly pname: string
  readonly pval: string
}

/**
 * The target URI of a participant and its Contact parameters (`<target>`, RFC 4235 §4.1.6.2).
 *
 * @category model
 * @since 0.2.0
 */
export interface Target {
  readonly uri: string
  readonly params: ReadonlyArray<Param>
}

/**
 * A session description with its MIME type (`<session-description>`, RFC 4235 §4.1.6.3).
 *
 * @category model
 * @since 0.2.0
 */
export interface SessionDescription {
  readonly type: string
  readonly value: string
}

/**
 * A participant of a dialog: `<local>` or `<remote>` (RFC 4235 §4.1.6).
 *
 * @category model
 * @since 0.2.0
 */
export interface Participant {
  readonly identity?: NameAddr
  readonly target?: Target
  readonly sessionDescription?: SessionDescription
  /** The most recent CSeq of the participant. */
  readonly cseq?: V.Integer
  /** Elements of other namespaces, in document order. */
  readonly other: ReadonlyArray<Xml.Element>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * A dialog or half-dialog (`<dialog>`, RFC 4235 §4.1.1). `X` is the extension's fields (by default RFC 7463's
 * shared-appearance elements).
 *
 * @category model
 * @since 0.2.0
 */
export interface Dialog<X = SharedAppearance.DialogExt> {
  /** Identifies the dialog among the current dialogs of the UA (not the RFC 3261 dialog ID). */
  readonly id: string
  readonly callId?: string
  readonly localTag?: string
  readonly remoteTag?: string
  readonly direction?: Direction
  readonly state: State
  /** Seconds since the dialog's state machine was created. */
  readonly duration?: V.Integer
  readonly replaces?: Replaces
  readonly referredBy?: NameAddr
  /** The hops of the route set (`<route-set>`). */
  readonly routeSet?: ReadonlyNonEmptyArray<string>
  readonly local?: Participant
  readonly remote?: Participant
  readonly ext: X
  /** Elements of other namespaces, in document order. */
  readonly other: ReadonlyArray<Xml.Element>
  /** The order of the children where the document's differs from the encoder's (see `C.sourceOrder`). */
  readonly order?: ReadonlyArray<string>
  /** Namespace declarations written on the element. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * A dialog-info document (RFC 4235 §4.1). `X` is the dialog extension's fields.
 *
 * @category model
 * @since 0.2.0
 */
export interface DialogInfo<X = SharedAppearance.DialogExt> {
  /** Orders the documents of one subscription: starts at 0, one more per document. */
  readonly version: V.Integer
  readonly state: DocumentState
  /** The observed user. */
  readonly entity: string
  /** Attributes in other namespaces (such as `xsi:schemaLocation`). */
  readonly otherAttrs?: Readonly<Record<string, string>>
  /** Every dialog, in document order. */
  readonly dialogs: ReadonlyArray<Dialog<X>>
  /** Elements of other namespaces, in document order. */
  readonly other: ReadonlyArray<Xml.Element>
  /** The namespace declarations of the document, when they are not the ones the encoder writes by itself. */
  readonly xmlns?: ReadonlyArray<Xml.NsDecl>
}

/**
 * A busy-lamp-field status: `idle` (no dialog, or only terminated ones), `early` (a call being set up: trying,
 * proceeding or early; for a recipient, ringing) or `confirmed` (a call is up).
 *
 * @category model
 * @since 0.2.0
 */
export type BlfStatus = 'idle' | 'early' | 'confirmed'

/**
 * A party of a call, as a busy-lamp field shows it.
 *
 * @category model
 * @since 0.2.0
 */
export interface Party {
  /** The URI, white space around it removed. */
  readonly uri: string
  readonly display?: string
}

/**
 * What a busy-lamp field shows for one observed user: the status, and for the dialog that decides it (the first
 * confirmed one, else the first of the most advanced early ones), its direction, its remote party and its id.
 *
 * @category model
 * @since 0.2.0
 */
export interface Blf {
  readonly entity: string
  readonly status: BlfStatus
  /** The state of the dialog shown (absent when idle). */
  readonly dialogState?: DialogState
  readonly direction?: Direction
  /** The remote party: the remote identity, else the remote target. */
  readonly remote?: Party
  readonly dialogId?: string
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The `<state>` element (RFC 4235 §4.1.2).
 *
 * @category codecs
 * @since 0.2.0
 */
export const State: XmlCodec<State> = /*#__PURE__*/ C.element(
  el('state'),
  {
    event: C.optionalAttr('event', eventValue),
    code: C.optionalAttr('code', responseCode),
    value: C.text(dialogStateValue)
  },
  'State'
)

const nameAddr = (local: string): XmlCodec<NameAddr> =>
  C.element(
    el(local),
    {
      display: C.optionalAttr('display', V.string),
      displayName: C.optionalAttr('display-name', V.string),
      uri: C.text(V.preserving(V.anyURI))
    },
    'NameAddr'
  )

/**
 * The `<identity>` element of a participant (RFC 4235 §4.1.6.1).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Identity: XmlCodec<NameAddr> = /*#__PURE__*/ nameAddr('identity')

/**
 * The `<referred-by>` element (RFC 4235 §4.1.5).
 *
 * @category codecs
 * @since 0.2.0
 */
export const ReferredBy: XmlCodec<NameAddr> = /*#__PURE__*/ nameAddr('referred-by')

/**
 * The `<replaces>` element (RFC 4235 §4.1.4).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Replaces: XmlCodec<Replaces> = /*#__PURE__*/ C.element(
  el('replaces'),
  {
    callId: C.attr('call-id', V.string),
    localTag: C.attr('local-tag', V.string),
    remoteTag: C.attr('remote-tag', V.string)
  },
  'Replaces'
)

/**
 * The `<param>` element of a target (RFC 4235 §4.1.6.2).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Param: XmlCodec<Param> = /*#__PURE__*/ C.element(
  el('param'),
  { pname: C.attr('pname', V.string), pval: C.attr('pval', V.string) },
  'Param'
)

/**
 * The `<target>` element (RFC 4235 §4.1.6.2).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Target: XmlCodec<Target> = /*#__PURE__*/ C.element(
  el('target'),
  { uri: C.attr('uri', V.string), params: C.children(Param) },
  'Target'
)

/**
 * The `<session-description>` element (RFC 4235 §4.1.6.3): the text kept exactly.
 *
 * @category codecs
 * @since 0.2.0
 */
export const SessionDescription: XmlCodec<SessionDescription> = /*#__PURE__*/ C.element(
  el('session-description'),
  { type: C.attr('type', V.string), value: C.text(V.string) },
  'SessionDescription'
)

const participantEl = (local: string): XmlCodec<Participant> =>
  C.element(
    el(local),
    {
      xmlns: C.namespaces(),
      identity: C.optionalChild(Identity),
      target: C.optionalChild(Target),
      sessionDescription: C.optionalChild(SessionDescription),
      cseq: C.optionalChild(el('cseq'), V.nonNegativeInteger),
      other: C.other(NS)
    },
    'Participant'
  )

/**
 * The `<local>` participant (RFC 4235 §4.1.6).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Local: XmlCodec<Participant> = /*#__PURE__*/ participantEl('local')

/**
 * The `<remote>` participant (RFC 4235 §4.1.6).
 *
 * @category codecs
 * @since 0.2.0
 */
export const Remote: XmlCodec<Participant> = /*#__PURE__*/ participantEl('remote')

const isHops = (u: unknown): u is ReadonlyNonEmptyArray<string> =>
  Array.isArray(u) && u.length > 0 && u.every((h) => V.string.is(h))

/**
 * The `<route-set>` element, as its list of hops (RFC 4235 §4.4: one hop or more).
 *
 * @category codecs
 * @since 0.2.0
 */
export const RouteSet: XmlCodec<ReadonlyNonEmptyArray<string>> = /*#__PURE__*/ C.imap(
  C.element(el('route-set'), { hops: C.nonEmptyChildren(el('hop'), V.string) }, 'RouteSet'),
  (r) => r.hops,
  (hops) => ({ hops }),
  isHops
)

/**
 * The `<dialog>` codec with an extension for the `'dialog-info:dialog'` point (RFC 4235 §4.1.1): the extension's
 * elements sit in the schema's wildcard after `<remote>`, among the other foreign elements.
 *
 * @category extensions
 * @since 0.2.0
 */
export const dialogWith = <X>(ext: Ext.Extension<X, 'dialog-info:dialog'>): XmlCodec<Dialog<X>> =>
  C.element(
    el('dialog'),
    {
      xmlns: C.namespaces(),
      order: C.sourceOrder(),
      id: C.attr('id', V.string),
      callId: C.optionalAttr('call-id', V.string),
      localTag: C.optionalAttr('local-tag', V.string),
      remoteTag: C.optionalAttr('remote-tag', V.string),
      direction: C.optionalAttr('direction', directionValue),
      state: C.child(State),
      duration: C.optionalChild(el('duration'), V.nonNegativeInteger),
      replaces: C.optionalChild(Replaces),
      referredBy: C.optionalChild(ReferredBy),
      routeSet: C.optionalChild(RouteSet),
      local: C.optionalChild(Local),
      remote: C.optionalChild(Remote),
      ext: C.extension(ext),
      other: C.other(NS)
    },
    'Dialog'
  )

/**
 * The `<dialog-info>` codec with an extension for its dialogs (RFC 4235 §4.1).
 *
 * @category extensions
 * @since 0.2.0
 */
export const dialogInfoWith = <X>(ext: Ext.Extension<X, 'dialog-info:dialog'>): XmlCodec<DialogInfo<X>> =>
  C.element(
    el('dialog-info'),
    {
      xmlns: C.namespaces({ root: true }),
      otherAttrs: C.otherAttrs(),
      version: C.attr('version', V.nonNegativeInteger),
      state: C.attr('state', documentStateValue),
      entity: C.attr('entity', V.anyURI),
      dialogs: C.children(dialogWith(ext)),
      other: C.other(NS)
    },
    'DialogInfo'
  )

/**
 * The `<dialog>` codec of the registered format: RFC 4235 with the shared-appearance elements of RFC 7463.
 *
 * @category codecs
 * @since 0.2.0
 */
export const Dialog: XmlCodec<Dialog> = /*#__PURE__*/ dialogWith(SharedAppearance.dialog)

/**
 * The `<dialog-info>` codec of the registered format: RFC 4235 with RFC 7463.
 *
 * @category codecs
 * @since 0.2.0
 */
export const DialogInfo: XmlCodec<DialogInfo> = /*#__PURE__*/ dialogInfoWith(SharedAppearance.dialog)

/** The elements whose content is element-only (RFC 4235 §4.4, RFC 7463 §6): white space in them is indentation. */
const ELEMENT_ONLY: ReadonlyArray<Xml.QName> = [
  ...['dialog-info', 'dialog', 'replaces', 'route-set', 'local', 'remote', 'target', 'param'].map(el),
  ...['joined-dialog', 'replaced-dialog'].map((l) => ({ ns: SharedAppearance.NS, local: l }))
]

/**
 * A document codec (`application/dialog-info+xml`, format id `dialog-info`) for a `<dialog-info>` codec built with
 * `dialogInfoWith`. Its canonical form also leaves out white space in elements whose content is element-only but that
 * have no child elements (`<dialog-info …>⏎</dialog-info>`, as RFC 4235 §6.2 writes an idle user): that white space
 * is indentation, which the generic canonical form cannot tell from text without the schema.
 *
 * @category codecs
 * @since 0.2.0
 */
export const documentWith = <D>(
  root: XmlCodec<D>,
  title = 'Dialog information (RFC 4235)'
): Doc.XmlDocumentCodec<D> =>
  Doc.xml(root, { id: 'dialog-info', contentType: CONTENT_TYPE, title, elementOnly: ELEMENT_ONLY })

/**
 * The document codec of the registered format: `application/dialog-info+xml`, RFC 4235 with shared appearances.
 *
 * @category codecs
 * @since 0.2.0
 */
export const document: Doc.XmlDocumentCodec<DialogInfo> = /*#__PURE__*/ documentWith(
  DialogInfo,
  'Dialog information (RFC 4235, with RFC 7463 shared appearances)'
)

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

let counter = 0

/**
 * A fresh dialog id: the prefix, a counter and a random part in base 36, unique within a process run and practically
 * unique beyond.
 *
 * @category constructors
 * @since 0.2.0
 */
export const freshId = (prefix = 'd'): string =>
  `${typeof prefix === 'string' ? prefix : 'd'}${(counter++).toString(36)}${Math.floor(Math.random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0')}`

/**
 * A participant with its identity (a URI), and optionally its display name and target.
 *
 * @example
 * import { participant } from 'sip-simple-payloads/DialogInfo'
 * participant('sip:bob@example.com', {
 *   display: 'Bob',
 *   target: 'sip:bob@192.0.2.7',
 *   params: [{ pname: 'isfocus', pval: 'true' }]
 * })
 *
 * @category constructors
 * @since 0.2.0
 */
export const participant = (
  identity?: string,
  options: { readonly display?: string; readonly target?: string; readonly params?: ReadonlyArray<Param> } = {}
): Participant => {
  const o = Read.record(options)
  const uri = Read.string(identity)
  const display = Read.string(o.display)
  const target = Read.string(o.target)
  return Read.defined({
    identity: uri === undefined ? undefined : Read.defined({ display, uri }),
    target: target === undefined ? undefined : { uri: target, params: Read.arrayOf(o.params, Param.is) },
    other: []
  })
}

const participantOf = (u: unknown): Participant | undefined =>
  typeof u === 'string'
    ? participant(u)
    : Read.isRecord(u) && Array.isArray(u.other)
      ? (u as unknown as Participant)
      : undefined

/**
 * What a dialog is built from: everything is optional (a fresh id is made when none is given). `local` and `remote`
 * are participants, or just their identity URIs.
 *
 * @category constructors
 * @since 0.2.0
 */
export interface DialogInput<X = SharedAppearance.DialogExt> {
  readonly id?: string
  readonly callId?: string
  readonly localTag?: string
  readonly remoteTag?: string
  readonly direction?: Direction
  readonly local?: string | Participant
  readonly remote?: string | Participant
  readonly duration?: V.Integer
  /** The response code of the transition (`code` of `<state>`). */
  readonly code?: number
  readonly ext?: Partial<X>
}

/**
 * A dialog in a given state, of the registered format (its shared-appearance fields filled in from `ext`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const dialog = (state: DialogState | State, input: DialogInput = {}): Dialog => {
  const i = Read.record(input)
  const s: State = typeof state === 'string' ? { value: state } : (Read.record(state) as unknown as State)
  const code = Read.integer(i.code)
  const value: State = { ...s, ...(typeof code === 'number' && responseCode.is(code) ? { code } : {}) }
  const str = (k: string): Record<string, string> => (typeof i[k] === 'string' ? { [k]: i[k] as string } : {})
  const local = participantOf(i.local)
  const remote = participantOf(i.remote)
  const duration = Read.integer(i.duration)
  return {
    id: typeof i.id === 'string' ? i.id : freshId(),
    ...str('callId'),
    ...str('localTag'),
    ...str('remoteTag'),
    ...(directionValue.is(i.direction) ? { direction: i.direction } : {}),
    state: value,
    ...(duration === undefined ? {} : { duration }),
    ...(local === undefined ? {} : { local }),
    ...(remote === undefined ? {} : { remote }),
    ext: Ext.fill(SharedAppearance.dialog, Read.record(i.ext) as Partial<SharedAppearance.DialogExt>),
    other: []
  }
}

/**
 * A dialog being set up: an INVITE sent or received, no response yet (`trying`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const trying = (input: DialogInput = {}): Dialog => dialog('trying', input)

/**
 * A ringing dialog: a provisional response with a tag (`early`, RFC 4235 §3.7.1).
 *
 * @category constructors
 * @since 0.2.0
 */
export const ringing = (input: DialogInput = {}): Dialog => dialog('early', input)

/**
 * An answered dialog: the call is up (`confirmed`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const confirmed = (input: DialogInput = {}): Dialog => dialog('confirmed', input)

/**
 * A terminated dialog, with the event that ended it when known (`cancelled`, `rejected`, `replaced`, `local-bye`,
 * `remote-bye`, `error`, `timeout`).
 *
 * @example
 * import { terminated } from 'sip-simple-payloads/DialogInfo'
 * terminated({ id: 'd1', event: 'rejected', code: 486 })
 *
 * @category constructors
 * @since 0.2.0
 */
export const terminated = (input: DialogInput & { readonly event?: Event } = {}): Dialog => {
  const event = Read.record(input).event
  return dialog(eventValue.is(event) ? { event, value: 'terminated' } : { value: 'terminated' }, input)
}

/**
 * A dialog-info document: full state at version 0 unless said otherwise.
 *
 * @category constructors
 * @since 0.2.0
 */
export const dialogInfo = <X = SharedAppearance.DialogExt>(input: {
  readonly entity: string
  readonly version?: V.Integer
  readonly state?: DocumentState
  readonly dialogs?: ReadonlyArray<Dialog<X>>
  readonly other?: ReadonlyArray<Xml.Element>
}): DialogInfo<X> => {
  const i = Read.record(input)
  return {
    version: Read.integer(i.version) ?? 0,
    state: documentStateValue.is(i.state) ? i.state : 'full',
    entity: Read.string(i.entity) ?? '',
    dialogs: Read.array(i.dialogs) as ReadonlyArray<Dialog<X>>,
    other: Read.arrayOf(i.other, C.isElement)
  }
}

// -------------------------------------------------------------------------------------
// state
// -------------------------------------------------------------------------------------

/**
 * A participant after an update (RFC 4235 §4.1.6.1 to §4.1.6.3): an identity, a target (with its parameters) or a
 * session description the update leaves out stays what it was; everything else comes from the update.
 */
const carry = (before: Participant | undefined, update: Participant | undefined): Participant | undefined => {
  if (before === undefined) return update
  const identity = update?.identity ?? before.identity
  const target = update?.target ?? before.target
  const sessionDescription = update?.sessionDescription ?? before.sessionDescription
  if (update === undefined && identity === undefined && target === undefined && sessionDescription === undefined)
    return undefined
  const base: Participant = update ?? { other: [] }
  if (base.identity === identity && base.target === target && base.sessionDescription === sessionDescription) return base
  return {
    ...(base.xmlns === undefined ? {} : { xmlns: base.xmlns }),
    ...(identity === undefined ? {} : { identity }),
    ...(target === undefined ? {} : { target }),
    ...(sessionDescription === undefined ? {} : { sessionDescription }),
    ...(base.cseq === undefined ? {} : { cseq: base.cseq }),
    other: base.other
  }
}

/** A dialog row after an update of the same id: the update, with what the participants carry over. */
const updated = <X>(before: Dialog<X>, update: Dialog<X>): Dialog<X> => {
  const local = carry(before.local, update.local)
  const remote = carry(before.remote, update.remote)
  if (local === update.local && remote === update.remote) return update
  // a participant the update did not have: its source order (if any) no longer lists every child
  const { local: _l, remote: _r, order, ...rest } = update
  const keep =
    order !== undefined &&
    (local === undefined) === (update.local === undefined) &&
    (remote === undefined) === (update.remote === undefined)
  return {
    ...rest,
    ...(local === undefined ? {} : { local }),
    ...(remote === undefined ? {} : { remote }),
    ...(keep ? { order } : {})
  } as Dialog<X>
}

const table = <X>(rows: ReadonlyArray<Dialog<X>>, doc: DialogInfo<X>): ReadonlyArray<Dialog<X>> => {
  const t = new Map<string, Dialog<X>>()
  for (const r of rows) if (!t.has(r.id)) t.set(r.id, r)
  // a Map keeps insertion order: set on a present key keeps its place, delete then set appends
  for (const d of doc.dialogs) {
    if (d.state.value === 'terminated') {
      t.delete(d.id)
      continue
    }
    const before = t.get(d.id)
    t.set(d.id, before === undefined ? d : updated(before, d))
  }
  return Array.from(t.values())
}

const view = <X>(doc: DialogInfo<X>, dialogs: ReadonlyArray<Dialog<X>>): DialogInfo<X> => ({
  version: doc.version,
  state: 'full',
  entity: doc.entity,
  ...(doc.otherAttrs === undefined ? {} : { otherAttrs: doc.otherAttrs }),
  dialogs,
  other: doc.other
})

/**
 * The RFC 4235 §4.3 merge rule, for `Versioned.apply`. The state is itself a full-state dialog-info document (so it
 * can be encoded, and the optics and {@link blf} work on it): one dialog per id, in the order ids first appeared. A
 * full-state document flushes the table and repopulates it; a partial one updates the dialogs it mentions: a dialog
 * whose id is known replaces that row in place, a new one is appended. A dialog whose state is `terminated` leaves the
 * view (§4.3 lets the row be removed at any time; here it is removed at once), in full-state documents too. As
 * §4.1.6 says, a `<local>` or `<remote>` update without an identity, a target or a session description keeps the
 * previous one. (Within one document, a later dialog of an id already seen updates that row the same way.) The
 * entity, `otherAttrs` and `other` of the root come from the latest document.
 *
 * @example
 * import { Versioned } from 'sip-simple-payloads/codec'
 * import * as DialogInfo from 'sip-simple-payloads/DialogInfo'
 * const step = Versioned.apply(DialogInfo.merge)
 * const doc = DialogInfo.dialogInfo({ entity: 'sip:alice@example.com', dialogs: [DialogInfo.ringing({ id: 'd1' })] })
 * const first = step(undefined, doc)
 *
 * @category constructors
 * @since 0.2.0
 */
export const merge: Versioned.Merge<DialogInfo, DialogInfo> = {
  version: (doc) => doc.version,
  isFullState: (doc) => doc.state === 'full',
  fromFull: (doc) => view(doc, table([], doc)),
  applyPartial: (state, doc) => view(doc, table(state.dialogs, doc))
}

// -------------------------------------------------------------------------------------
// busy-lamp field
// -------------------------------------------------------------------------------------

const RANK: Readonly<Record<string, number>> = { trying: 1, proceeding: 2, early: 3, confirmed: 4 }

const partyOf = (p: unknown): Party | undefined => {
  const r = Read.record(p)
  const id = Read.record(r.identity)
  const uri = Read.string(id.uri)
  if (uri !== undefined && V.collapse(uri) !== '') {
    const display = Read.string(id.display) ?? Read.string(id.displayName)
    return display === undefined ? { uri: V.collapse(uri) } : { uri: V.collapse(uri), display }
  }
  const target = Read.string(Read.record(r.target).uri)
  return target === undefined ? undefined : { uri: V.collapse(target) }
}

const blfOf = (entity: string, dialogs: ReadonlyArray<unknown>): Blf => {
  let best: Readonly<Record<string, unknown>> | undefined
  let rank = 0
  for (const u of dialogs) {
    const d = Read.record(u)
    const s = Read.record(d.state).value
    const r = typeof s === 'string' && Object.prototype.hasOwnProperty.call(RANK, s) ? RANK[s] : 0
    if (r > rank) {
      best = d
      rank = r
    }
  }
  if (best === undefined) return { entity, status: 'idle' }
  const remote = partyOf(best.remote)
  const id = Read.string(best.id)
  return {
    entity,
    status: rank === 4 ? 'confirmed' : 'early',
    dialogState: Read.record(best.state).value as DialogState,
    ...(directionValue.is(best.direction) ? { direction: best.direction } : {}),
    ...(remote === undefined ? {} : { remote }),
    ...(id === undefined ? {} : { dialogId: id })
  }
}

const docOf = (u: unknown): Readonly<Record<string, unknown>> => {
  const s = Read.record(u)
  return 'value' in s && !('dialogs' in s) ? Read.record(s.value) : s
}

/**
 * The busy-lamp field of an observed user, from a full-state document or a state of the engine: `confirmed` when a
 * dialog is confirmed, else `early` when a dialog is being set up (trying, proceeding or early: ringing for a
 * recipient), else `idle`; with the direction, remote party and id of the dialog that decides it (the first
 * confirmed dialog, else the first early, proceeding or trying one, in that order). Terminated dialogs count for
 * nothing. (RFC 4235 §3.7.2's "virtual" dialog is the same reduction, done by the notifier.)
 *
 * @example
 * import * as DialogInfo from 'sip-simple-payloads/DialogInfo'
 * const doc = DialogInfo.dialogInfo({
 *   entity: 'sip:alice@example.com',
 *   dialogs: [DialogInfo.confirmed({ id: 'd1', direction: 'initiator', remote: 'sip:bob@example.com' })]
 * })
 * const lamp = DialogInfo.blf(doc)
 * // { entity: 'sip:alice@example.com', status: 'confirmed', dialogState: 'confirmed', direction: 'initiator',
 * //   remote: { uri: 'sip:bob@example.com' }, dialogId: 'd1' }
 *
 * @category constructors
 * @since 0.2.0
 */
export const blf = (state: DialogInfo<unknown> | Versioned.Versioned<DialogInfo<unknown>>): Blf => {
  const d = docOf(state)
  return blfOf(Read.string(d.entity) ?? '', Read.array(d.dialogs))
}

/**
 * The busy-lamp fields of several observed users (documents or states of several subscriptions): one per entity, in
 * the order entities first appear; the dialogs of every document of an entity count together.
 *
 * @category constructors
 * @since 0.2.0
 */
export const blfByEntity = (
  states: ReadonlyArray<DialogInfo<unknown> | Versioned.Versioned<DialogInfo<unknown>>>
): ReadonlyArray<Blf> => {
  const by = new Map<string, Array<unknown>>()
  for (const s of Read.array(states)) {
    const d = docOf(s)
    const entity = Read.string(d.entity) ?? ''
    const ds = by.get(entity) ?? []
    ds.push(...Read.array(d.dialogs))
    by.set(entity, ds)
  }
  return Array.from(by, ([entity, ds]) => blfOf(entity, ds))
}

// -------------------------------------------------------------------------------------
// optics
// -------------------------------------------------------------------------------------

/**
 * The first dialog with this id. Writing it back keeps the id.
 *
 * @example
 * import * as DialogInfo from 'sip-simple-payloads/DialogInfo'
 * const doc = DialogInfo.dialogInfo({ entity: 'sip:alice@example.com', dialogs: [DialogInfo.ringing({ id: 'd1' })] })
 * const answered = DialogInfo.dialogStateById('d1').set('confirmed')(doc)
 *
 * @category optics
 * @since 0.2.0
 */
export const dialogById = (id: string): Op.Optional<DialogInfo, Dialog> =>
  pipe(L.id<DialogInfo>(), L.prop('dialogs'), L.composeOptional(Optics.byKey<Dialog, 'id'>('id', id)))

/**
 * Every dialog, in document order.
 *
 * @category optics
 * @since 0.2.0
 */
export const everyDialog: T.Traversal<DialogInfo, Dialog> = /*#__PURE__*/ pipe(
  L.id<DialogInfo>(),
  L.prop('dialogs'),
  L.composeTraversal(Optics.every<Dialog>())
)

/**
 * The state of a dialog (the text of its `<state>`; the event and code stay).
 *
 * @category optics
 * @since 0.2.0
 */
export const dialogState: L.Lens<Dialog, DialogState> = /*#__PURE__*/ L.lens(
  (d) => d.state.value,
  (value) => (d) => (d.state.value === value ? d : { ...d, state: { ...d.state, value } })
)

/**
 * The state of the first dialog with this id.
 *
 * @category optics
 * @since 0.2.0
 */
export const dialogStateById = (id: string): Op.Optional<DialogInfo, DialogState> =>
  pipe(dialogById(id), Op.composeLens(dialogState))
