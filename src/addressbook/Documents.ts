/**
 * The XCAP documents that hold an address book, as python3-sipsimple lays them out in the users tree of an account
 * (`<root>/<auid>/users/<xui>/<path>`): `resource-lists` (the address book itself and the lists derived from it),
 * `rls-services` (the presence and dialog list services), `org.openmobilealliance.pres-rules` and
 * `org.openxcap.dialog-rules` (who may watch), `pidf-manipulation` (the offline status) and
 * `org.openmobilealliance.pres-content` (the status icon, `oma_status-icon/index`). This module names them, builds
 * their URIs and the XCAP URIs of lists that documents reference (RFC 4825 §6), reads and writes them with the
 * library's codecs, repairs what python3-sipsimple repairs before reading (rules with several sub-handlings), and
 * compares URIs the way the reference writes them: percent-decoded (`sip%3Abob%40example.com` is `sip:bob@example.com`).
 *
 * @example
 * import * as Documents from 'sip-simple-payloads/addressbook/Documents'
 * const ctx = Documents.context({ root: 'https://xcap.example.com/xcap-root', xui: 'sip:alice@example.com' })
 * Documents.documentUrl(ctx, 'resource-lists')
 * // 'https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index'
 * Documents.decodeUri('sip%3Abob%40example.com') // 'sip:bob@example.com'
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import * as Xml from '../xml/Ast.js'
import { parse, renderParseError } from '../xml/Parser.js'
import { print } from '../xml/Printer.js'
import { report } from '../codec/DecodeError.js'
import type * as Doc from '../codec/Document.js'
import * as AB from '../formats/AddressBook.js'
import * as CommonPolicy from '../formats/CommonPolicy.js'
import * as DialogRules from '../formats/DialogRules.js'
import * as Pidf from '../formats/Pidf.js'
import * as PresContent from '../formats/PresContent.js'
import * as Presence from '../formats/Presence.js'
import * as PresRules from '../formats/PresRules.js'
import * as RL from '../formats/ResourceLists.js'
import * as RlsServices from '../formats/RlsServices.js'
import { applicationUsage, documentUri, type ApplicationUsage } from '../xcap/ApplicationUsage.js'
import * as Selector from '../xcap/Selector.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The documents of an address book, by the name the reference caches them under, in the order they are written.
 *
 * @category model
 * @since 0.2.0
 */
export const NAMES = ['resource-lists', 'rls-services', 'pres-rules', 'dialog-rules', 'pidf-manipulation', 'status-icon'] as const

/**
 * The name of one document.
 *
 * @category model
 * @since 0.2.0
 */
export type Name = (typeof NAMES)[number]

/**
 * The documents without which a server is of no use to an address book (their AUIDs must be in its capabilities).
 *
 * @category model
 * @since 0.2.0
 */
export const REQUIRED: ReadonlyArray<Name> = ['resource-lists', 'rls-services', 'pres-rules']

/**
 * The value of each document: the resource lists with the address book (in the application's attributes namespace),
 * RLS services, presence and dialog rules (with the OMA conditions), a PIDF document and a presence content document.
 *
 * @category model
 * @since 0.2.0
 */
export interface Values {
  readonly 'resource-lists': AB.ResourceLists
  readonly 'rls-services': RlsServices.RlsServices
  readonly 'pres-rules': PresRules.PresRules
  readonly 'dialog-rules': DialogRules.DialogRules
  readonly 'pidf-manipulation': Presence.Presence
  readonly 'status-icon': PresContent.Content
}

/**
 * A set of documents: a document left out does not exist (or is not known yet).
 *
 * @category model
 * @since 0.2.0
 */
export type Documents = { readonly [K in Name]?: Values[K] }

/**
 * How URIs the address book writes are spelled: `plain` writes them as they are (percent-encoding only `%`, white space
 * and characters XML cannot hold), `sipsimple` percent-encodes everything but letters, digits, `_.-~` and `/`, as
 * python3-sipsimple does (its documents then come out byte for byte as its own). Either reads back the same.
 *
 * @category model
 * @since 0.2.0
 */
export type UriStyle = 'plain' | 'sipsimple'

/**
 * What the mapping between the address book and its documents depends on: the XCAP root (exactly as requests use
 * it: it is part of every anchor and list URI), the account's XUI, the namespace of the application's shared settings,
 * the documents the server supports, and how URIs are written.
 *
 * @category model
 * @since 0.2.0
 */
export interface Context {
  /** The XCAP root, without a trailing `/`. */
  readonly root: string
  /** The account's XCAP user identifier: its SIP AOR, `sip:alice@example.com`. */
  readonly xui: string
  readonly appNamespace: string
  readonly supported: ReadonlyArray<Name>
  readonly uriStyle: UriStyle
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A context: python3-sipsimple's attributes namespace, every document supported and plain URIs unless said otherwise.
 *
 * @category constructors
 * @since 0.2.0
 */
export const context = (input: {
  readonly root: string
  readonly xui: string
  readonly appNamespace?: string
  readonly supported?: ReadonlyArray<Name>
  readonly uriStyle?: UriStyle
}): Context => {
  const root = typeof input.root === 'string' ? input.root.replace(/\/+$/, '') : ''
  return {
    root,
    xui: typeof input.xui === 'string' ? input.xui : '',
    appNamespace: typeof input.appNamespace === 'string' && input.appNamespace !== '' ? input.appNamespace : AB.SIPSIMPLE_NS,
    supported: Array.isArray(input.supported) ? NAMES.filter((n) => input.supported?.includes(n) === true) : NAMES,
    uriStyle: input.uriStyle === 'sipsimple' ? 'sipsimple' : 'plain'
  }
}

/**
 * Whether the server supports a document.
 *
 * @category constructors
 * @since 0.2.0
 */
export const supports = (ctx: Context, name: Name): boolean => ctx.supported.includes(name)

/**
 * The XCAP application usage of each document: `pidf-manipulation` (RFC 4827) is defined here, the others come from
 * their formats (the OMA AUID for presence rules, as the reference uses).
 *
 * @category model
 * @since 0.2.0
 */
export const usages: { readonly [K in Name]: ApplicationUsage } = {
  'resource-lists': RL.usage,
  'rls-services': RlsServices.usage,
  'pres-rules': PresRules.omaUsage,
  'dialog-rules': DialogRules.usage,
  'pidf-manipulation': /*#__PURE__*/ applicationUsage({ auid: 'pidf-manipulation', namespace: Pidf.NS, mimeType: Pidf.CONTENT_TYPE }),
  'status-icon': PresContent.usage
}

/**
 * The document a capability (AUID) stands for.
 *
 * @category constructors
 * @since 0.2.0
 */
export const nameOfAuid = (auid: string): Name | undefined => NAMES.find((n) => usages[n].auid === auid)

// -------------------------------------------------------------------------------------
// URIs
// -------------------------------------------------------------------------------------

const HEX = '0123456789ABCDEF'
const utf8 = /*#__PURE__*/ new TextEncoder()

const escapeChar = (ch: string): string => {
  const cp = ch.codePointAt(0) ?? 0
  // a lone surrogate has no UTF-8 form: it is written as U+FFFD
  const bytes = utf8.encode(cp >= 0xd800 && cp <= 0xdfff ? '\ufffd' : ch)
  let out = ''
  for (const b of bytes) out += '%' + HEX[b >> 4] + HEX[b & 15]
  return out
}

const SIPSIMPLE_SAFE = /^[A-Za-z0-9_.\-~/]$/
/** What a plain URI keeps: anything XML can hold but `%` and white space. */
const PLAIN_UNSAFE = /^[%\s\u0000-\u001f\u007f\ufffe\uffff]$|^[\ud800-\udfff]$/

/**
 * A URI as the address book writes it (see {@link UriStyle}); {@link decodeUri} gives it back.
 *
 * @example
 * import { encodeUri } from 'sip-simple-payloads/addressbook/Documents'
 * encodeUri('sip:bob@example.com', 'sipsimple') // 'sip%3Abob%40example.com'
 * encodeUri('sip:bob@example.com', 'plain') // 'sip:bob@example.com'
 *
 * @category URIs
 * @since 0.2.0
 */
export const encodeUri = (uri: string, style: UriStyle): string => {
  if (typeof uri !== 'string') return ''
  let out = ''
  for (const ch of uri) {
    const keep = style === 'sipsimple' ? SIPSIMPLE_SAFE.test(ch) : !PLAIN_UNSAFE.test(ch)
    out += keep ? ch : escapeChar(ch)
  }
  return out
}

const fatal = /*#__PURE__*/ new TextDecoder('utf-8', { fatal: true })

/**
 * A URI percent-decoded, as the reference reads every URI-valued attribute and text: each run of `%XX` escapes is
 * read as UTF-8; a run that is not UTF-8 is left as written. Total.
 *
 * @category URIs
 * @since 0.2.0
 */
export const decodeUri = (uri: string): string =>
  typeof uri !== 'string'
    ? ''
    : uri.indexOf('%') === -1
      ? uri
      : uri.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
          const bytes = new Uint8Array(run.length / 3)
          for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16)
          try {
            return fatal.decode(bytes)
          } catch {
            return run
          }
        })

/**
 * Whether two URIs are the same once percent-decoded.
 *
 * @category URIs
 * @since 0.2.0
 */
export const sameUri = (a: string, b: string): boolean => decodeUri(a) === decodeUri(b)

/**
 * The URI of a document of the account.
 *
 * @category URIs
 * @since 0.2.0
 */
export const documentUrl = (ctx: Context, name: Name): string => documentUri(ctx.root, usages[name], ctx.xui)

/**
 * The path of a document relative to the XCAP root (`resource-lists/users/sip:alice@example.com/index`): what an
 * xcap-diff subscription lists and xcap-diff notifications name.
 *
 * @category URIs
 * @since 0.2.0
 */
export const documentPath = (ctx: Context, name: Name): string => documentUrl(ctx, name).slice(ctx.root.length + 1)

/**
 * The XCAP URI of a top-level list of the account's resource-lists document, as anchors and RLS services reference it:
 * `<document>/~~/resource-lists/list[@name="…"]` (RFC 4825 §6.3; written with `[`, `"` and `]` percent-encoded).
 *
 * @example
 * import * as Documents from 'sip-simple-payloads/addressbook/Documents'
 * const ctx = Documents.context({ root: 'https://xcap.example.com/xcap-root', xui: 'sip:alice@example.com' })
 * Documents.decodeUri(Documents.listUrl(ctx, 'oma_grantedcontacts'))
 * // 'https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index/~~/resource-lists/list[@name="oma_grantedcontacts"]'
 *
 * @category URIs
 * @since 0.2.0
 */
export const listUrl = (ctx: Context, list: string): string => {
  const sel = Selector.selector([Selector.step('resource-lists'), Selector.byAttribute('list', 'name', list)])
  const r = Selector.nodeUri(documentUrl(ctx, 'resource-lists'), sel, new Map())
  // a selector without prefixes needs no bindings: nodeUri cannot fail here
  return E.isRight(r) ? r.right : `${documentUrl(ctx, 'resource-lists')}/~~/resource-lists/list[@name="${list}"]`
}

/**
 * The user and domain of the account's XUI (`sip:alice@example.com` gives `alice`, `example.com`).
 *
 * @category URIs
 * @since 0.2.0
 */
export const accountParts = (ctx: Context): { readonly user: string; readonly domain: string } => {
  const m = /^(?:sips?:)?([^@]*)@(.*)$/i.exec(ctx.xui)
  return m === null ? { user: ctx.xui, domain: '' } : { user: m[1], domain: m[2] }
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const resourceListsCodecs = new Map<string, Doc.XcapDocumentCodec<AB.ResourceLists>>([[AB.SIPSIMPLE_NS, AB.document]])

/**
 * The resource-lists document codec with the address book whose shared settings are in `appNamespace` (other
 * applications' settings are kept as foreign elements).
 *
 * @category codecs
 * @since 0.2.0
 */
export const resourceListsCodec = (appNamespace: string): Doc.XcapDocumentCodec<AB.ResourceLists> => {
  const hit = resourceListsCodecs.get(appNamespace)
  if (hit !== undefined) return hit
  const codec = RL.documentWith(RL.resourceListsWith(AB.extensionsFor(appNamespace)), "Resource lists with AG Projects' address book (RFC 4826)")
  resourceListsCodecs.set(appNamespace, codec)
  return codec
}

/**
 * The codec of each document, for a context.
 *
 * @category codecs
 * @since 0.2.0
 */
export const codecs = (ctx: Context): { readonly [K in Name]: Doc.XmlDocumentCodec<Values[K]> } => ({
  'resource-lists': resourceListsCodec(ctx.appNamespace),
  'rls-services': RlsServices.document,
  'pres-rules': PresRules.document,
  'dialog-rules': DialogRules.document,
  'pidf-manipulation': Presence.document,
  'status-icon': PresContent.document
})

/**
 * A document as the body of a PUT.
 *
 * @category codecs
 * @since 0.2.0
 */
export const encode = <K extends Name>(ctx: Context, name: K, value: Values[K]): string => codecs(ctx)[name].encode(value)

/**
 * Whether two values of a document are the same document (their encodings are equal).
 *
 * @category codecs
 * @since 0.2.0
 */
export const same = <K extends Name>(ctx: Context, name: K, a: Values[K] | undefined, b: Values[K] | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && encode(ctx, name, a) === encode(ctx, name, b))

/**
 * A document read from the server or from storage: its value, and whether it had to be repaired or read leniently
 * first (it is then written back even when nothing else changes).
 *
 * @category model
 * @since 0.2.0
 */
export interface Read<A> {
  readonly value: A
  readonly repaired: ReadonlyArray<string>
}

const CP = CommonPolicy.NS

/** The sub-handling namespace of a rules document. */
const subHandlingNs = (name: Name): string | undefined =>
  name === 'pres-rules' ? PresRules.NS : name === 'dialog-rules' ? DialogRules.NS : undefined

/**
 * The ids of the rules the address book owns in each rules document (normalization deletes every other rule).
 *
 * @category model
 * @since 0.2.0
 */
export const RULE_IDS: { readonly [K in 'pres-rules' | 'dialog-rules']: ReadonlyArray<string> } = {
  'pres-rules': ['wp_prs_grantedcontacts', 'wp_prs_blockedcontacts', 'wp_prs_unlisted', 'wp_prs_allow_unlisted', 'wp_prs_block_anonymous', 'wp_prs_allow_own'],
  'dialog-rules': ['wp_dlg_grantedcontacts', 'wp_dlg_blockedcontacts', 'wp_dlg_unlisted', 'wp_dlg_allow_unlisted', 'wp_dlg_block_anonymous', 'wp_dlg_allow_own']
}

/**
 * Repairs a rules document before it is read, where normalization will change it anyway and the schema's choices
 * let the codec refuse it: rules the address book does not own are taken out (they are deleted by normalization,
 * whatever they hold), and several sub-handlings in one rule become the one of highest rank (block 0 < confirm 10 <
 * polite-block 20 < allow 30; values outside the enumeration are dropped). Returns what it repaired.
 */
const repairRules = (name: 'pres-rules' | 'dialog-rules', root: Xml.Element): readonly [Xml.Element, ReadonlyArray<string>] => {
  const notes: Array<string> = []
  const sh = subHandlingNs(name) ?? ''
  if (!(root.name.ns === CP && root.name.local === 'ruleset')) return [root, notes]
  const owned = RULE_IDS[name]
  const children: Array<Xml.Node> = []
  for (const c of root.children) {
    if (c._tag !== 'Element' || !(c.name.ns === CP && c.name.local === 'rule')) {
      children.push(c)
      continue
    }
    const id = c.attrs.id ?? ''
    if (!owned.includes(id)) {
      notes.push(`rule ${JSON.stringify(id)} is not the address book's: deleted`)
      continue
    }
    children.push(repairActions(c, sh, id, notes))
  }
  return notes.length === 0 ? [root, notes] : [{ ...root, children }, notes]
}

const repairActions = (rule: Xml.Element, sh: string, id: string, notes: Array<string>): Xml.Element => {
  let changed = false
  const children = rule.children.map((a) => {
    if (a._tag !== 'Element' || !(a.name.ns === CP && a.name.local === 'actions')) return a
    const subs = a.children.filter((s): s is Xml.Element => s._tag === 'Element' && s.name.ns === sh && s.name.local === 'sub-handling')
    if (subs.length <= 1) return a
    const valid = subs.map((s) => Xml.textOf(s).trim()).filter((v): v is PresRules.SubHandling => PresRules.subHandlingValue.is(v))
    const best = valid.length === 0 ? undefined : valid.reduce((x, y) => (PresRules.subHandlingRank(y) > PresRules.subHandlingRank(x) ? y : x))
    changed = true
    notes.push(`rule ${JSON.stringify(id)} has ${subs.length} sub-handlings: ${best ?? 'none valid'} kept`)
    const first = a.children.indexOf(subs[0])
    const kept: Array<Xml.Node> = []
    a.children.forEach((s, i) => {
      if (subs.includes(s as Xml.Element)) {
        if (i === first && best !== undefined) kept.push({ ...subs[0], children: [Xml.text(best)] })
      } else kept.push(s)
    })
    return { ...a, children: kept }
  })
  return changed ? { ...rule, children } : rule
}

/**
 * Reads a document from the text a server or storage gives: parsed, repaired where the document is a rules document
 * (see above), then decoded strictly, or leniently when `lenient` is set (what lenient reading drops is reported as
 * repaired). The errors are rendered (`/ruleset/rule[1]/…: expected …, got …`).
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as Documents from 'sip-simple-payloads/addressbook/Documents'
 * const ctx = Documents.context({ root: 'http://xcap.example.com', xui: 'sip:alice@example.com' })
 * const r = Documents.read(ctx, 'rls-services', '<rls-services xmlns="urn:ietf:params:xml:ns:rls-services"/>')
 * // E.right({ value: { services: [] }, repaired: [] })
 *
 * @category codecs
 * @since 0.2.0
 */
export const read = <K extends Name>(
  ctx: Context,
  name: K,
  text: string | Uint8Array,
  options: { readonly lenient?: boolean } = {}
): E.Either<ReadonlyArray<string>, Read<Values[K]>> => {
  const tree = parse(text)
  if (E.isLeft(tree)) return E.left([`/: ${renderParseError(tree.left)}`])
  const [root, notes] = name === 'pres-rules' || name === 'dialog-rules' ? repairRules(name, tree.right) : [tree.right, []]
  const codec = codecs(ctx)[name]
  const strict = codec.decodeElement(root)
  if (E.isRight(strict)) return E.right({ value: strict.right, repaired: notes })
  if (options.lenient !== true) return E.left(report(strict.left))
  const lenient = codec.decodeElementLenient(root)
  if (E.isLeft(lenient)) return E.left(report(lenient.left))
  const dropped = lenient.right.dropped.map((d) => `${d.path}: dropped (${d.reason})`)
  return E.right({ value: lenient.right.value, repaired: [...notes, ...dropped, ...report(lenient.right.warnings)] })
}

/**
 * The tree of a document's encoding (for applying xcap-diff patches to it).
 *
 * @category codecs
 * @since 0.2.0
 */
export const tree = <K extends Name>(ctx: Context, name: K, value: Values[K]): Xml.Element | undefined => {
  const r = parse(encode(ctx, name, value))
  return E.isRight(r) ? r.right : undefined
}

/**
 * The text of a document's tree (a copy patched by an xcap-diff notification), with the XML declaration.
 *
 * @category codecs
 * @since 0.2.0
 */
export const printTree = (root: Xml.Element): string => print(root)
