/**
 * Policy evaluation (RFC 4745 §6, §7, §10; RFC 5025 §3.1, §3.2): which rules of an authorization document match a
 * request, and the combined permission of those rules. A pure function of the ruleset and the request: the watcher's
 * identity (authenticated, with one or more URIs, or anonymous), the time, the presentity's current sphere and, for the
 * OMA `<external-list>` condition, a resolver of URI lists.
 *
 * A rule matches when every condition of its `<conditions>` holds (RFC 4745 §10.1; a rule without conditions matches
 * every request):
 *
 * - `<identity>` (§7.1): an authenticated watcher one of whose URIs is the `id` of a `<one>` (URI equivalence, see
 *   `Uri.sameUri`), or who falls under a `<many>`: of its `domain` when it has one (RFC 4745 §7.1.3 comparison), and
 *   excluded by none of its `<except>`s. An anonymous watcher matches no identity (RFC 5025 §3.1.1.2: an
 *   unauthenticated request matches only an empty `<identity>`, which the schema does not allow).
 * - `<sphere>` (§7.3): the presentity's sphere is one of the tokens, compared case-insensitively; an undefined sphere
 *   (RFC 5025 §3.1.2) matches none.
 * - `<validity>` (§7.4): the time is in one of the periods, `from` included, `until` excluded.
 * - OMA `<external-list>`: an authenticated watcher one of whose URIs is an entry of a list the anchors reference
 *   (a list the resolver does not know has no entries); `<anonymous-request/>`: the watcher is anonymous;
 *   `<other-identity/>`: an authenticated watcher that no identity condition (`<identity>` or `<external-list>`) of
 *   any rule of the ruleset matches.
 * - Anything else (a condition of another typed extension, a condition, an identity member or a `<many>` member of a
 *   namespace the codec did not type, a `<one>` carrying an element of another namespace) evaluates to FALSE: RFC 4745 §7 for unknown conditions, and the
 *   privacy-safe reading for the rest (what is not understood never grants).
 *
 * The permissions of the matching rules combine as RFC 4745 §10.2 says: `<sub-handling>` (pres-rules or dialog-rules)
 * by its highest value, `block` when no matching rule has one; the transformations as `Permissions` joins them. The
 * result does not depend on the order of the rules, and a rule added to a ruleset never takes a permission away —
 * except through `<other-identity/>`, whose meaning depends on the other rules' identity conditions.
 *
 * @example
 * import * as Evaluate from 'sip-simple-payloads/policy/Evaluate'
 * import * as PresRules from 'sip-simple-payloads/PresRules'
 * const rules = PresRules.presRules([
 *   PresRules.allow(['sip:bob@example.com'], { id: 'friends', transformations: PresRules.provideAll() }),
 *   PresRules.rule({ id: 'unlisted', oma: { otherIdentity: true }, subHandling: 'confirm' })
 * ])
 * const now = '2026-05-01T12:00:00Z'
 * const bob = Evaluate.evaluate(rules, Evaluate.request(Evaluate.authenticated('sip:bob@example.com'), now))
 * bob.subHandling // 'allow'
 * const carol = Evaluate.evaluate(rules, Evaluate.request(Evaluate.authenticated('sip:carol@example.com'), now))
 * carol.subHandling // 'confirm'
 *
 * @since 0.2.0
 */
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import * as Read from '../codec/Read.js'
import * as V from '../codec/Value.js'
import * as CommonPolicy from '../formats/CommonPolicy.js'
import * as OmaCommonPolicy from '../formats/OmaCommonPolicy.js'
import * as PresRules from '../formats/PresRules.js'
import * as Permissions from './Permissions.js'
import * as Uri from './Uri.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The watcher (the WR of RFC 4745): authenticated, with the URIs its authentication yields (RFC 5025 §3.1.1.2: all the
 * asserted ones) and its domain when the protocol gives one apart from the URIs, or anonymous.
 *
 * @category model
 * @since 0.2.0
 */
export type Watcher =
  | { readonly _tag: 'Authenticated'; readonly uris: ReadonlyNonEmptyArray<string>; readonly domain?: string }
  | { readonly _tag: 'Anonymous' }

/**
 * A request to evaluate a ruleset for: the watcher, the time (an `xs:dateTime`), the presentity's current sphere
 * (`undefined` when it has none or it is inconsistent, RFC 5025 §3.1.2), and the entries of the URI lists that OMA
 * `<external-list>` conditions reference (by the anchor URI as written; `undefined` for a list it does not know).
 *
 * @category model
 * @since 0.2.0
 */
export interface Request {
  readonly watcher: Watcher
  readonly at: string
  readonly sphere?: string
  readonly lists?: (anchor: string) => ReadonlyArray<string> | undefined
}

/**
 * The result of an evaluation: the ids of the matching rules (in document order), and their combined permission.
 *
 * @category model
 * @since 0.2.0
 */
export interface Decision {
  readonly matched: ReadonlyArray<string>
  readonly subHandling: PresRules.SubHandling
  readonly permissions: Permissions.Permissions
}

/**
 * Any ruleset a codec of this library decodes: plain common policy, pres-rules, dialog-rules (the typed extensions
 * are read by their field names: `subHandling`, the pres-rules transformations, the OMA conditions).
 *
 * @category model
 * @since 0.2.0
 */
export type Ruleset = CommonPolicy.Ruleset<unknown, unknown, unknown>

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * An authenticated watcher with its URI (and the other URIs asserted for it).
 *
 * @category constructors
 * @since 0.2.0
 */
export const authenticated = (uri: string, ...more: ReadonlyArray<string>): Watcher => {
  const uris = [uri, ...Read.array(more)].filter((u): u is string => typeof u === 'string')
  return uris.length === 0
    ? anonymous
    : { _tag: 'Authenticated', uris: uris as unknown as ReadonlyNonEmptyArray<string> }
}

/**
 * The anonymous watcher (no authenticated identity).
 *
 * @category constructors
 * @since 0.2.0
 */
export const anonymous: Watcher = { _tag: 'Anonymous' }

/**
 * A request from a watcher at a time (an `xs:dateTime` or a `Date`), with the presentity's sphere and a list resolver
 * when given. A time that is not one makes a request no validity period holds for.
 *
 * @category constructors
 * @since 0.2.0
 */
export const request = (
  watcher: Watcher,
  at: string | Date,
  options: { readonly sphere?: string; readonly lists?: (anchor: string) => ReadonlyArray<string> | undefined } = {}
): Request => {
  const o = Read.record(options)
  const sphere = Read.string(o.sphere)
  return {
    watcher:
      Read.isRecord(watcher) && (watcher._tag === 'Authenticated' || watcher._tag === 'Anonymous')
        ? watcher
        : anonymous,
    at: V.dateTimeOf(at) ?? '',
    ...(sphere === undefined ? {} : { sphere }),
    ...(typeof o.lists === 'function' ? { lists: o.lists as Request['lists'] & object } : {})
  }
}

/**
 * A list resolver from a table of anchors and their entries' URIs (anchors compared as written).
 *
 * @category constructors
 * @since 0.2.0
 */
export const listsOf =
  (table: Readonly<Record<string, ReadonlyArray<string>>>) =>
  (anchor: string): ReadonlyArray<string> | undefined =>
    Object.prototype.hasOwnProperty.call(Read.record(table), anchor)
      ? Read.array(Read.record(table)[anchor]).filter((u): u is string => typeof u === 'string')
      : undefined

/**
 * The presentity's sphere for policy (RFC 5025 §3.1.2) from its published documents: the value of the `<rpid:sphere>`
 * of their persons when at least one has one and all those that have one agree; `undefined` otherwise.
 *
 * @category constructors
 * @since 0.2.0
 */
export const sphereOf = (
  docs: ReadonlyArray<{ readonly ext: { readonly persons: ReadonlyArray<{ readonly ext: unknown }> } }>
): string | undefined => {
  const values = new Set<string | undefined>()
  for (const d of Read.array(docs))
    for (const p of Read.array(Read.record(Read.record(d).ext).persons))
      for (const s of Read.array(Read.record(Read.record(p).ext).sphere)) values.add(Read.string(Read.record(s).value))
  if (values.size !== 1) return undefined
  return [...values][0]
}

// -------------------------------------------------------------------------------------
// evaluation
// -------------------------------------------------------------------------------------

const urisOf = (w: Watcher): ReadonlyArray<string> =>
  w._tag === 'Authenticated' ? Read.array(w.uris).filter((u): u is string => typeof u === 'string') : []

const domainsOf = (w: Watcher): ReadonlyArray<string> => {
  if (w._tag !== 'Authenticated') return []
  const d = Read.string(w.domain)
  if (d !== undefined) return [d]
  return urisOf(w).flatMap((u) => {
    const x = Uri.domainOf(u)
    return x === undefined ? [] : [x]
  })
}

const hasElements = (u: unknown): boolean => Read.array(u).length > 0

const exceptMatches = (e: unknown, w: Watcher): boolean => {
  const x = Read.record(e)
  const id = Read.string(x.id)
  if (id !== undefined) return urisOf(w).some((u) => Uri.sameUri(u, id))
  const domain = Read.string(x.domain)
  return domain !== undefined && domainsOf(w).some((d) => Uri.sameDomain(d, domain))
}

const manyMatches = (m: unknown, w: Watcher): boolean => {
  const many = Read.record(m)
  const members = Read.array(many.members).map(Read.record)
  if (members.some((x) => x._tag !== 'Except')) return false
  const domain = Read.string(many.domain)
  if (domain !== undefined && !domainsOf(w).some((d) => Uri.sameDomain(d, domain))) return false
  return !members.some((x) => exceptMatches(x.except, w))
}

const identityMatches = (identity: unknown, w: Watcher): boolean => {
  if (w._tag !== 'Authenticated') return false
  return Read.array(Read.record(identity).members).some((u) => {
    const m = Read.record(u)
    if (m._tag === 'One') {
      const one = Read.record(m.one)
      const id = Read.string(one.id)
      return id !== undefined && !hasElements(one.other) && urisOf(w).some((x) => Uri.sameUri(x, id))
    }
    if (m._tag === 'Many') return manyMatches(m.many, w)
    return false
  })
}

const listMatches = (entries: unknown, r: Request): boolean => {
  if (r.watcher._tag !== 'Authenticated' || typeof r.lists !== 'function') return false
  const mine = urisOf(r.watcher)
  for (const anchor of OmaCommonPolicy.anchorsOf({
    externalList: Read.array(entries) as OmaCommonPolicy.ExternalList
  })) {
    let list: ReadonlyArray<string> | undefined
    try {
      list = r.lists(anchor)
    } catch {
      list = undefined
    }
    if (Read.array(list).some((e) => typeof e === 'string' && mine.some((u) => Uri.sameUri(u, e)))) return true
  }
  return false
}

/** Whether some identity condition (`<identity>` or `<external-list>`) of the rule matches the watcher. */
const identifies = (rule: unknown, r: Request): boolean => {
  const c = Read.record(Read.record(rule).conditions)
  if (c.identity !== undefined && identityMatches(c.identity, r.watcher)) return true
  const x = Read.record(c.ext)
  return x.externalList !== undefined && listMatches(x.externalList, r)
}

const sphereMatches = (sphere: unknown, r: Request): boolean => {
  const current = Read.string(r.sphere)
  if (current === undefined) return false
  const c = current.toLowerCase()
  return CommonPolicy.sphereTokens(sphere as CommonPolicy.Sphere).some((t) => t.toLowerCase() === c)
}

/** The typed conditions this module knows; a condition of another extension evaluates to FALSE (RFC 4745 §7). */
const OMA_CONDITIONS: ReadonlySet<string> = new Set(['externalList', 'anonymousRequest', 'otherIdentity'])

const conditionsHold = (rule: unknown, r: Request, unidentified: () => boolean): boolean => {
  const conditions = Read.record(rule).conditions
  if (conditions === undefined) return true
  const c = Read.record(conditions)
  if (hasElements(c.other)) return false
  if (c.identity !== undefined && !identityMatches(c.identity, r.watcher)) return false
  if (c.sphere !== undefined && !sphereMatches(c.sphere, r)) return false
  if (c.validity !== undefined && !CommonPolicy.isValidAt(c.validity as CommonPolicy.Validity, r.at)) return false
  const x = Read.record(c.ext)
  if (
    Object.keys(x).some(
      (k) => !OMA_CONDITIONS.has(k) && x[k] !== undefined && !(Array.isArray(x[k]) && x[k].length === 0)
    )
  )
    return false
  if (x.externalList !== undefined && !listMatches(x.externalList, r)) return false
  if (x.anonymousRequest !== undefined && (x.anonymousRequest !== true || r.watcher._tag !== 'Anonymous')) return false
  if (
    x.otherIdentity !== undefined &&
    (x.otherIdentity !== true || r.watcher._tag !== 'Authenticated' || !unidentified())
  )
    return false
  return true
}

const rulesOf = (ruleset: Ruleset): ReadonlyArray<CommonPolicy.Rule<unknown, unknown, unknown>> =>
  Read.arrayOf(Read.record(ruleset).rules, Read.isRecord) as unknown as ReadonlyArray<
    CommonPolicy.Rule<unknown, unknown, unknown>
  >

/**
 * Whether a rule of a ruleset matches a request (the ruleset is needed for `<other-identity/>`).
 *
 * @category evaluation
 * @since 0.2.0
 */
export const matches = (ruleset: Ruleset, rule: CommonPolicy.Rule<unknown, unknown, unknown>, r: Request): boolean => {
  let memo: boolean | undefined
  const unidentified = (): boolean => (memo ??= !rulesOf(ruleset).some((x) => identifies(x, r)))
  return conditionsHold(rule, r, unidentified)
}

const subHandlingOf = (rule: unknown): PresRules.SubHandling | undefined => {
  const v = Read.record(Read.record(Read.record(rule).actions).ext).subHandling
  return PresRules.subHandlingValue.is(v) ? v : undefined
}

const transformationsOf = (rule: unknown): Partial<PresRules.TransformationsExt> =>
  Read.record(Read.record(Read.record(rule).transformations).ext) as Partial<PresRules.TransformationsExt>

/**
 * Evaluates a ruleset for a request (see the module doc): the matching rules and their combined permission. Total:
 * input of the wrong shape (from JavaScript) matches less, never throws.
 *
 * @category evaluation
 * @since 0.2.0
 */
export const evaluate = (ruleset: Ruleset, r: Request): Decision => {
  const rules = rulesOf(ruleset)
  const req: Request = Read.isRecord(r) && Read.isRecord(r.watcher) ? r : request(anonymous, '')
  let memo: boolean | undefined
  const unidentified = (): boolean => (memo ??= !rules.some((x) => identifies(x, req)))
  const hits = rules.filter((rule) => conditionsHold(rule, req, unidentified))
  return {
    matched: hits.map((h) => Read.string(h.id) ?? ''),
    subHandling: PresRules.combineSubHandling(hits.map(subHandlingOf)),
    permissions: Permissions.combineAll(hits.map(transformationsOf))
  }
}

/**
 * Whether a decision grants no less than another: a sub-handling at least as high and permissions that include the
 * other's.
 *
 * @category evaluation
 * @since 0.2.0
 */
export const atLeast = (d: Decision, than: Decision): boolean =>
  PresRules.subHandlingRank(d.subHandling) >= PresRules.subHandlingRank(than.subHandling) &&
  Permissions.leq(than.permissions, d.permissions)
