/**
 * Local copies of XCAP documents kept up to date by xcap-diff notifications (RFC 5874, RFC 5875): a store maps each
 * document URI to the copy held (its ETag and its tree), and {@link applyDiff} applies what a notification says to
 * it, where it can be applied safely, instead of fetching every changed document again:
 *
 * - a document change whose `previous-etag` is the copy's ETag and that says how the body changed (patch operations,
 *   or `body-not-changed`) is applied, and the copy takes the `new-etag`;
 * - a document change whose `new-etag` is already the copy's (the change this client made itself) changes nothing;
 * - a document change with only a `previous-etag` removes the copy (the document was deleted);
 * - an element or attribute change (RFC 5875) is applied to the node its selector locates, and the copy's ETag is then
 *   unknown (these changes carry none), so the next conditional write fetches first.
 *
 * Everything else is reported, per document, as a document to fetch again, with the reason: a copy not held, an
 * ETag that does not match (a notification missed, or a change racing ours), a change that does not say how the
 * body changed, operations that do not apply to the copy. A change is never applied to a copy whose ETag it does not
 * name. The functions are pure: the store given is not changed, a new one is returned.
 *
 * @since 0.2.0
 */
import * as E from '#fp-ts/Either'
import * as Xml from '../xml/Ast.js'
import type { AttributeChange, DocumentChange, ElementChange, XcapDiff } from '../formats/XcapDiff.js'
import { exists as existsNow, operations } from '../formats/XcapDiff.js'
import type { ApplicationUsage } from './ApplicationUsage.js'
import { apply, type PatchError } from './Patch.js'
import * as Selector from './Selector.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A local copy of a document: its tree, and the ETag of the version it is (absent when not known, after an element
 * or attribute change).
 *
 * @category model
 * @since 0.2.0
 */
export interface Copy {
  readonly etag?: string
  readonly document: Xml.Element
}

/**
 * Local copies by document URI (the xcap-root followed by the document selector).
 *
 * @category model
 * @since 0.2.0
 */
export type Store = ReadonlyMap<string, Copy>

/**
 * Why a document must be fetched again.
 *
 * @category model
 * @since 0.2.0
 */
export type Reason =
  /** No copy of the document is held (a new document, or one never fetched). */
  | 'not-held'
  /** The change is to a version other than the copy's: a notification was missed, or another write raced ours. */
  | 'etag-mismatch'
  /** The change says that the document changed but not how (no operations, or no previous ETag). */
  | 'incomplete'
  /** The operations do not apply to the copy (see the patch error). */
  | 'patch-failed'
  /** The element or attribute change names a node the copy does not have where it could be put, or more than one. */
  | 'unlocated'
  /** The selector of the change cannot be read. */
  | 'invalid-selector'

/**
 * What a notification did to one document.
 *
 * @category model
 * @since 0.2.0
 */
export type Outcome =
  | { readonly _tag: 'Updated'; readonly uri: string; readonly etag?: string }
  | { readonly _tag: 'UpToDate'; readonly uri: string }
  | { readonly _tag: 'Removed'; readonly uri: string }
  | {
      readonly _tag: 'Refetch'
      readonly uri: string
      readonly reason: Reason
      readonly message: string
      readonly patchError?: PatchError
    }

/**
 * The store after a notification, with one outcome per change in the order of the notification.
 *
 * @category model
 * @since 0.2.0
 */
export interface Applied {
  readonly store: Store
  readonly outcomes: ReadonlyArray<Outcome>
}

/**
 * Options: the application usages known, whose default namespaces the node selectors of element and attribute
 * changes mean for names without prefix (RFC 4825 §6.3). For a usage not listed, the namespace of the copy's root
 * element is taken, which is right for every usage whose root is in its default namespace.
 *
 * @category model
 * @since 0.2.0
 */
export interface Options {
  readonly usages?: ReadonlyArray<ApplicationUsage>
}

// -------------------------------------------------------------------------------------
// URIs and ETags
// -------------------------------------------------------------------------------------

/**
 * The URI of a document (or node) selector relative to an xcap-root.
 *
 * @category URIs
 * @since 0.2.0
 */
export const resolve = (xcapRoot: string, sel: string): string => {
  const s = sel.replace(/[ \t\r\n]+/g, '')
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(s) ? s : `${xcapRoot.replace(/\/+$/, '')}/${s.replace(/^\/+/, '')}`
}

const decoded = (s: string): string => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** The copy held for a URI, spelled as the store spells it or with other percent-escapes. */
const find = (store: Store, uri: string): readonly [string, Copy] | undefined => {
  const c = store.get(uri)
  if (c !== undefined) return [uri, c]
  const d = decoded(uri)
  for (const [k, v] of store) if (decoded(k) === d) return [k, v]
  return undefined
}

/**
 * Whether two entity tags name the same version: compared as opaque strings once the quotes HTTP puts around them
 * (and a weak `W/`) are taken off, since xcap-diff writes them bare.
 *
 * @category URIs
 * @since 0.2.0
 */
export const sameEtag = (a: string | undefined, b: string | undefined): boolean => {
  if (a === undefined || b === undefined) return false
  const bare = (s: string): string => s.replace(/^W\//, '').replace(/^"(.*)"$/s, '$1')
  return bare(a) === bare(b)
}

// -------------------------------------------------------------------------------------
// applying
// -------------------------------------------------------------------------------------

const refetch = (uri: string, reason: Reason, message: string, patchError?: PatchError): Outcome => ({
  _tag: 'Refetch',
  uri,
  reason,
  message,
  ...(patchError === undefined ? {} : { patchError })
})

const documentChange = (store: Map<string, Copy>, xcapRoot: string, d: DocumentChange): Outcome => {
  const uri = resolve(xcapRoot, d.sel)
  const held = find(store, uri)
  if (d.newEtag === undefined) {
    // only the previous ETag: the document was removed
    if (held !== undefined) store.delete(held[0])
    return { _tag: 'Removed', uri: held?.[0] ?? uri }
  }
  if (held === undefined) return refetch(uri, 'not-held', `no copy of ${uri} is held`)
  const [key, copy] = held
  if (sameEtag(copy.etag, d.newEtag)) return { _tag: 'UpToDate', uri: key }
  if (d.previousEtag === undefined) return refetch(key, 'incomplete', `${key} is now version ${d.newEtag}; the change does not say which version it follows`)
  if (!sameEtag(copy.etag, d.previousEtag))
    return refetch(
      key,
      'etag-mismatch',
      `the change of ${key} follows version ${d.previousEtag}, the copy is ${copy.etag === undefined ? 'of an unknown version' : `version ${copy.etag}`}`
    )
  if (d.bodyNotChanged === true) {
    store.set(key, { etag: d.newEtag, document: copy.document })
    return { _tag: 'Updated', uri: key, etag: d.newEtag }
  }
  const ops = operations(d)
  if (ops.length === 0) return refetch(key, 'incomplete', `the change of ${key} to version ${d.newEtag} does not say how the body changed`)
  const r = apply(copy.document, ops)
  if (E.isLeft(r)) return refetch(key, 'patch-failed', `the change of ${key} does not apply to the copy: ${r.left.message}`, r.left)
  store.set(key, { etag: d.newEtag, document: r.right })
  return { _tag: 'Updated', uri: key, etag: d.newEtag }
}

/** Replaces the element at a path of child indices. */
const updateAt = (root: Xml.Element, path: ReadonlyArray<number>, f: (e: Xml.Element) => ReadonlyArray<Xml.Node>): Xml.Element | undefined => {
  if (path.length === 0) {
    const r = f(root)
    return r.length === 1 && r[0]._tag === 'Element' ? r[0] : undefined
  }
  const [i, ...rest] = path
  const children = [...root.children]
  if (rest.length === 0) children.splice(i, 1, ...f(root.children[i] as Xml.Element))
  else {
    const c = updateAt(root.children[i] as Xml.Element, rest, f)
    if (c === undefined) return undefined
    children[i] = c
  }
  return { ...root, children }
}

const withChildren = (e: Xml.Element, children: ReadonlyArray<Xml.Node>): Xml.Element => ({ ...e, children })

const defaultNamespaceOf = (options: Options, auid: string, copy: Copy): string =>
  options.usages?.find((u) => u.auid === auid)?.namespace ?? copy.document.name.ns

type NodeChange = { readonly _tag: 'Element'; readonly element: ElementChange } | { readonly _tag: 'Attribute'; readonly attribute: AttributeChange }

const nodeChange = (store: Map<string, Copy>, xcapRoot: string, ch: NodeChange, options: Options): Outcome => {
  const change = ch._tag === 'Element' ? ch.element : ch.attribute
  const sel = change.sel.replace(/[ \t\r\n]+/g, '')
  const at = sel.indexOf('/~~/')
  const uri = resolve(xcapRoot, at === -1 ? sel : sel.slice(0, at))
  if (at === -1) return refetch(uri, 'invalid-selector', `${change.sel}: no node selector (~~) in the selector`)
  const held = find(store, uri)
  if (held === undefined) return refetch(uri, 'not-held', `no copy of ${uri} is held`)
  const [key, copy] = held
  const parsed = Selector.parse(sel.slice(at + 4), { percentEncoded: true })
  if (E.isLeft(parsed)) return refetch(key, 'invalid-selector', `${change.sel}: ${parsed.left.message}`)
  const node = parsed.right
  const bindings: Selector.Bindings = new Map((change.bindings ?? []).map((b) => [b.prefix, b.uri]))
  const auid = decoded(uri.slice(resolve(xcapRoot, '').length).split('/')[0] ?? '')
  const ns = defaultNamespaceOf(options, auid, copy)
  const found = Selector.evaluate(copy.document, node, bindings, ns)
  const exists = existsNow(change)
  let next: Xml.Element | undefined
  if (ch._tag === 'Attribute') {
    const t = node.terminal
    if (t?._tag !== 'Attribute') return refetch(key, 'invalid-selector', `${change.sel}: an attribute change selects no attribute`)
    if (found._tag === 'None' && !exists) return { _tag: 'UpToDate', uri: key }
    const owner = found._tag === 'Attribute' ? found : Selector.evaluate(copy.document, { steps: node.steps }, bindings, ns)
    if (owner._tag !== 'Element' && owner._tag !== 'Attribute') return refetch(key, 'unlocated', `${change.sel}: the copy has no one element that holds the attribute`)
    const attrNs = t.prefix === undefined ? '' : t.prefix === 'xml' ? Xml.XML_NS : bindings.get(t.prefix)
    if (attrNs === undefined) return refetch(key, 'invalid-selector', `${change.sel}: no namespace for the prefix "${t.prefix}"`)
    const k = Xml.key({ ns: attrNs, local: t.local })
    next = updateAt(copy.document, owner.path, (e) => {
      const { [k]: _old, ...rest } = e.attrs
      return [{ ...e, attrs: exists ? { ...e.attrs, [k]: ch.attribute.value } : rest }]
    })
  } else {
    if (node.terminal !== undefined) return refetch(key, 'invalid-selector', `${change.sel}: an element change selects no element`)
    const content = ch.element.content.filter((c) => c._tag === 'Element')
    if (exists && content.length !== 1) return refetch(key, 'incomplete', `${change.sel}: the change does not hold the element`)
    if (found._tag === 'Many') return refetch(key, 'unlocated', `${change.sel}: the selector locates more than one element of the copy`)
    if (found._tag === 'Element') {
      if (found.path.length === 0 && !exists) return refetch(key, 'unlocated', `${change.sel}: the root element cannot be removed`)
      next = updateAt(copy.document, found.path, () => (exists ? content : []))
    } else if (!exists) return { _tag: 'UpToDate', uri: key }
    else next = insert(copy.document, node, bindings, ns, content[0] as Xml.Element)
    if (next === undefined) return refetch(key, 'unlocated', `${change.sel}: the copy has no place for the element`)
  }
  if (next === undefined) return refetch(key, 'unlocated', `${change.sel}: the copy has no place for the change`)
  store.set(key, { document: next })
  return { _tag: 'Updated', uri: key }
}

/**
 * Inserts a new element where a selector that located nothing says it stands (RFC 4825 §8.2.3): under the one element
 * its parent steps locate, as the last child, or as the n-th of its name when the last step has a position; undefined
 * when there is no such place or the element would not be the one the selector names.
 */
const insert = (root: Xml.Element, sel: Selector.NodeSelector, bindings: Selector.Bindings, ns: string, e: Xml.Element): Xml.Element | undefined => {
  if (sel.steps.length < 2) return undefined
  const last = sel.steps[sel.steps.length - 1]
  const [first, ...rest] = sel.steps
  const parent = Selector.evaluate(root, { steps: [first, ...rest.slice(0, -1)] }, bindings, ns)
  if (parent._tag !== 'Element') return undefined
  const p = parent.element
  let at = p.children.length
  if (last.position !== undefined) {
    let n = 0
    at = -1
    for (let i = 0; i <= p.children.length; i++) {
      const c = p.children[i]
      if (n === last.position - 1) {
        at = i
        break
      }
      if (c?._tag === 'Element' && (last.test._tag === 'Any' || c.name.local === last.test.local)) n++
    }
    if (at === -1) return undefined
  }
  const candidate = updateAt(root, parent.path, () => [withChildren(p, [...p.children.slice(0, at), e, ...p.children.slice(at)])])
  if (candidate === undefined) return undefined
  const check = Selector.evaluate(candidate, sel, bindings, ns)
  return check._tag === 'Element' && check.element === e ? candidate : undefined
}

/**
 * Applies an xcap-diff notification to local copies. Changes apply in the order of the notification; each gives an
 * outcome, and the documents reported as `Refetch` keep their copy as it was (fetch them, then store what the server
 * gives). `Removed` copies leave the store.
 *
 * @example
 * import { applyDiff } from 'sip-simple-payloads/xcap/LocalCopy'
 * import * as XcapDiff from 'sip-simple-payloads/XcapDiff'
 * const root = 'http://xcap.example.com'
 * const uri = `${root}/resource-lists/users/sip:joe@example.com/index`
 * // const store = new Map([[uri, { etag: 'a', document }]])
 * // applyDiff(store, notification).outcomes: [{ _tag: 'Updated', uri, etag: 'b' }] or a reason to fetch it again
 *
 * @category applying
 * @since 0.2.0
 */
export const applyDiff = (store: Store, diff: XcapDiff, options: Options = {}): Applied => {
  const next = new Map(store)
  const outcomes: Array<Outcome> = []
  for (const ch of diff.changes) {
    if (ch._tag === 'Document') outcomes.push(documentChange(next, diff.xcapRoot, ch.document))
    else outcomes.push(nodeChange(next, diff.xcapRoot, ch, options))
  }
  return { store: next, outcomes }
}
