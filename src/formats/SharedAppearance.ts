/**
 * Shared appearances of an address-of-record (RFC 7463): the dialog package extensions that carry the appearance
 * number of a dialog, whether it is exclusive, and the dialogs it is joined with or replaces (§5.2). Namespace
 * `urn:ietf:params:xml:ns:sa-dialog-info`. The four elements are children of the dialog-info `<dialog>` element
 * (RFC 4235), in its `##other` wildcard: {@link dialog} is the extension of the `'dialog-info:dialog'` point, and the
 * registered `dialog-info` format carries it (see `DialogInfo.document`), as RPID extends PIDF.
 *
 * The schema of RFC 7463 §6 does not compile as printed (`minOccurs` on global elements, `use="mandatory"`, a
 * `type` on `xs:simpleType`); its intent is read here: `<appearance>` an `xs:integer` (§5 defines appearance numbers
 * as positive integers), `<exclusive>` an `xs:boolean` (absent means false, §5.2.2), and `<joined-dialog>` and
 * `<replaced-dialog>` any number of times, each naming a dialog by its Call-ID and tags. §6 names the tags
 * `local-tag` and `remote-tag`; the examples of §11 write `from-tag` and `to-tag`: both spellings are read and kept as
 * written, and a dialog reference needs one complete pair.
 *
 * @example
 * import * as DialogInfo from 'sip-simple-payloads/DialogInfo'
 * import * as SharedAppearance from 'sip-simple-payloads/SharedAppearance'
 * const d = DialogInfo.confirmed({ id: 'd1', ext: { appearance: 2, exclusive: true } })
 * SharedAppearance.appearanceOf(d) // 2
 *
 * @since 0.2.0
 */
import * as Xml from '../xml/Ast.js'
import * as C from '../codec/Element.js'
import * as Ext from '../codec/Extension.js'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import type { XmlCodec } from '../codec/Element.js'

/**
 * The shared-appearance namespace.
 *
 * @category model
 * @since 0.2.0
 */
export const NS = 'urn:ietf:params:xml:ns:sa-dialog-info'

const el = Xml.qname(NS)

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Another dialog, by its identifiers (RFC 7463 §5.2.3, §5.2.4): the Call-ID and the tags, as `local-tag` and
 * `remote-tag` (the schema of §6) or as `from-tag` and `to-tag` (the examples of §11). One complete pair is there;
 * each attribute is kept under the name it was written with.
 *
 * @category model
 * @since 0.2.0
 */
export interface DialogRef {
  readonly callId: string
  readonly localTag?: string
  readonly remoteTag?: string
  readonly fromTag?: string
  readonly toTag?: string
}

/**
 * What RFC 7463 adds to a `<dialog>`: the appearance number, exclusivity, and the dialogs joined with or replaced by
 * this one (§5.2).
 *
 * @category model
 * @since 0.2.0
 */
export interface DialogExt {
  /** The appearance number of the dialog (`<sa:appearance>`, §5.2.1). */
  readonly appearance?: V.Integer
  /** Whether the UA refuses Join and Replaces for this dialog (`<sa:exclusive>`, §5.2.2; absent means false). */
  readonly exclusive?: boolean
  /** The dialogs mixed with this one (`<sa:joined-dialog>`, §5.2.3). */
  readonly joinedDialogs: ReadonlyArray<DialogRef>
  /** The dialogs this one replaces or replaced (`<sa:replaced-dialog>`, §5.2.4). */
  readonly replacedDialogs: ReadonlyArray<DialogRef>
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const hasPair = (r: DialogRef): boolean =>
  (r.localTag !== undefined && r.remoteTag !== undefined) || (r.fromTag !== undefined && r.toTag !== undefined)

const refOf = (local: string, typeName: string): XmlCodec<DialogRef> =>
  C.refine(
    C.element(
      el(local),
      {
        callId: C.attr('call-id', V.string),
        localTag: C.optionalAttr('local-tag', V.string),
        remoteTag: C.optionalAttr('remote-tag', V.string),
        fromTag: C.optionalAttr('from-tag', V.string),
        toTag: C.optionalAttr('to-tag', V.string)
      },
      typeName
    ),
    (r): r is DialogRef => hasPair(r),
    'local-tag and remote-tag (RFC 7463 §6), or from-tag and to-tag (RFC 7463 §11)',
    (r) => {
      const given = [r.localTag, r.remoteTag, r.fromTag, r.toTag]
      const names = ['local-tag', 'remote-tag', 'from-tag', 'to-tag'].filter((_a, i) => given[i] !== undefined)
      return names.length === 0 ? 'only call-id' : `attributes ${names.join(', ')}`
    }
  )

/**
 * The `<sa:joined-dialog>` element (RFC 7463 §5.2.3).
 *
 * @category codecs
 * @since 0.2.0
 */
export const JoinedDialog: XmlCodec<DialogRef> = /*#__PURE__*/ refOf('joined-dialog', 'JoinedDialog')

/**
 * The `<sa:replaced-dialog>` element (RFC 7463 §5.2.4).
 *
 * @category codecs
 * @since 0.2.0
 */
export const ReplacedDialog: XmlCodec<DialogRef> = /*#__PURE__*/ refOf('replaced-dialog', 'ReplacedDialog')

// -------------------------------------------------------------------------------------
// extensions
// -------------------------------------------------------------------------------------

/**
 * RFC 7463 in `<dialog>`: appearance, exclusive, joined-dialog and replaced-dialog (§5.2), for the
 * `'dialog-info:dialog'` point of `DialogInfo.dialogWith`.
 *
 * @category extensions
 * @since 0.2.0
 */
export const dialog: Ext.Extension<DialogExt, 'dialog-info:dialog'> = /*#__PURE__*/ Ext.fromFields(
  'dialog-info:dialog',
  {
    appearance: C.optionalChild(el('appearance'), V.integer),
    exclusive: C.optionalChild(el('exclusive'), V.boolean),
    joinedDialogs: C.children(JoinedDialog),
    replacedDialogs: C.children(ReplacedDialog)
  },
  { name: 'shared appearances (RFC 7463)' }
)

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A reference to another dialog, with the tags under the names of RFC 7463 §6 (`local-tag`, `remote-tag`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const dialogRef = (callId: string, localTag: string, remoteTag: string): DialogRef => ({
  callId: Read.string(callId) ?? '',
  localTag: Read.string(localTag) ?? '',
  remoteTag: Read.string(remoteTag) ?? ''
})

/**
 * The appearance number of a dialog, when it has one (any host carrying this extension in `ext`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const appearanceOf = (d: { readonly ext: Partial<DialogExt> }): V.Integer | undefined =>
  Read.integer(Read.record(Read.record(d).ext).appearance)

/**
 * Whether a dialog is exclusive: `<sa:exclusive>true</sa:exclusive>`; absent means false (§5.2.2).
 *
 * @category constructors
 * @since 0.2.0
 */
export const isExclusive = (d: { readonly ext: Partial<DialogExt> }): boolean =>
  Read.record(Read.record(d).ext).exclusive === true
