/**
 * Arbitraries of resource lists (RFC 4826 §3), generic in the extension fields of each point, the law registration of
 * the full `resource-lists` format (with AG Projects' address book, see `src/formats/AddressBook.ts`), and the
 * benchmark document `resource-lists-10k`.
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import { pipe } from '#fp-ts/function'
import type * as Op from '#monocle-ts/Optional'
import * as T from '#monocle-ts/Traversal'
import * as Xml from '../../src/xml/Ast.js'
import * as RL from '../../src/formats/ResourceLists.js'
import * as _ from '../../src/formats/AddressBook.js'
import * as A from '../Arbitrary.js'
import { optional, traversal } from '../Optic.js'
import { selector } from '../Selector.js'
import type { ExtensionLaws, FormatLaws } from '../Registration.js'
import * as AB from './AddressBook.js'

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

/**
 * A display name: any text, kept exactly, with a language or none.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const DisplayName: fc.Arbitrary<RL.DisplayName> = A.record({ lang: A.language, value: A.xmlText(20) }, ['lang'])

/** An entry URI: mostly SIP and other URIs, sometimes the anonymous URI of RFC 5364 (which may repeat in a list). */
const EntryUri: fc.Arbitrary<string> = fc.oneof(
  { weight: 9, arbitrary: A.anyURI },
  { weight: 1, arbitrary: fc.constant(RL.ANONYMOUS) }
)

/** The node selector step of a list by name, percent-encoded (RFC 4825 §6.3). */
const listStep = (name: string): string => `resource-lists/list%5b@name=%22${name}%22%5d`

/**
 * A reference to an entry: a relative XCAP path (RFC 4826 §3.4.5).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Ref: fc.Arbitrary<string> = fc
  .tuple(A.ncname, A.ncname, A.ncname)
  .map(
    ([u, l, e]) =>
      `resource-lists/users/sip:${u}@example.com/index/~~/${listStep(l)}` +
      `/entry%5b@uri=%22sip:${e}@example.com%22%5d`
  )

/**
 * An anchor: the absolute HTTP URI of a list (RFC 4826 §3.4.5).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Anchor: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('http', 'https'), A.ncname, A.ncname)
  .map(([s, u, l]) => `${s}://xcap.example.org/resource-lists/users/sip:${u}@example.org/index/~~/${listStep(l)}`)

const item = <K extends string, V, X>(key: K, value: fc.Arbitrary<V>, ext: fc.Arbitrary<X>, optionalKey: boolean) =>
  A.record(
    { [key]: value, otherAttrs: A.foreignAttrs, displayName: DisplayName, ext, other: A.foreignElements() } as {
      readonly [P in K | 'otherAttrs' | 'displayName' | 'ext' | 'other']: fc.Arbitrary<unknown>
    },
    optionalKey ? [key, 'otherAttrs', 'displayName'] : ['otherAttrs', 'displayName']
  )

/**
 * An entry with the given extension fields.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const entryWith = <E>(ext: fc.Arbitrary<E>): fc.Arbitrary<RL.Entry<E>> =>
  item('uri', EntryUri, ext, false) as fc.Arbitrary<RL.Entry<E>>

/**
 * An entry-ref with the given extension fields.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const entryRefWith = <R>(ext: fc.Arbitrary<R>): fc.Arbitrary<RL.EntryRef<R>> =>
  item('ref', Ref, ext, false) as fc.Arbitrary<RL.EntryRef<R>>

/**
 * An external with the given extension fields (the anchor may be absent, as the schema allows).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const externalWith = <X>(ext: fc.Arbitrary<X>): fc.Arbitrary<RL.External<X>> =>
  item('anchor', Anchor, ext, true) as fc.Arbitrary<RL.External<X>>

/** A value that repeats one before it gets a `-2`, `-3`... suffix. */
const fresh = (seen: Set<string>, v: string): string => {
  if (!seen.has(v)) {
    seen.add(v)
    return v
  }
  let n = 2
  while (seen.has(`${v}-${n}`)) n++
  seen.add(`${v}-${n}`)
  return `${v}-${n}`
}

/**
 * Makes the members of a list meet RFC 4826 §3.4.5: sibling list names, entry URIs (but the anonymous one), entry-ref
 * references and external anchors unique.
 */
const uniqueMembers = <L, E, R, X>(
  members: ReadonlyArray<RL.Member<L, E, R, X>>
): ReadonlyArray<RL.Member<L, E, R, X>> => {
  const names = new Set<string>()
  const uris = new Set<string>()
  const refs = new Set<string>()
  const anchors = new Set<string>()
  return members.map((m): RL.Member<L, E, R, X> => {
    switch (m._tag) {
      case 'List':
        return m.list.name === undefined ? m : { _tag: 'List', list: { ...m.list, name: fresh(names, m.list.name) } }
      case 'Entry':
        if (m.entry.uri === RL.ANONYMOUS) return m
        return { _tag: 'Entry', entry: { ...m.entry, uri: fresh(uris, m.entry.uri) } }
      case 'EntryRef':
        return { _tag: 'EntryRef', entryRef: { ...m.entryRef, ref: fresh(refs, m.entryRef.ref) } }
      case 'External':
        if (m.external.anchor === undefined) return m
        return { _tag: 'External', external: { ...m.external, anchor: fresh(anchors, m.external.anchor) } }
      default:
        return m
    }
  })
}

/**
 * The arbitraries of the extension fields at each point.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export interface Extensions<L, E, R, X> {
  readonly list: fc.Arbitrary<L>
  readonly entry: fc.Arbitrary<E>
  readonly entryRef: fc.Arbitrary<R>
  readonly external: fc.Arbitrary<X>
}

/**
 * A list with the given extension fields, nested up to `maxDepth`, valid by the schema (foreign elements after the
 * other members) and by RFC 4826 §3.4.5.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const listWith = <L, E, R, X>(exts: Extensions<L, E, R, X>, maxDepth = 2): fc.Arbitrary<RL.List<L, E, R, X>> => {
  type M = RL.Member<L, E, R, X>
  const { list } = fc.letrec<{ list: RL.List<L, E, R, X>; member: M }>((tie) => ({
    member: fc.oneof(
      { depthSize: 'small', maxDepth },
      entryWith(exts.entry).map((entry): M => ({ _tag: 'Entry', entry })),
      entryRefWith(exts.entryRef).map((entryRef): M => ({ _tag: 'EntryRef', entryRef })),
      externalWith(exts.external).map((external): M => ({ _tag: 'External', external })),
      tie('list').map((list): M => ({ _tag: 'List', list }))
    ),
    list: A.record(
      {
        name: fc.oneof(A.ncname, A.xmlText(8)),
        otherAttrs: A.foreignAttrs,
        displayName: DisplayName,
        members: fc.array(tie('member'), { maxLength: 4 }),
        trailing: A.foreignElements(),
        ext: exts.list
      },
      ['name', 'otherAttrs', 'displayName']
    ).map(({ members, trailing, ...rest }): RL.List<L, E, R, X> => ({
      ...rest,
      members: uniqueMembers([...members, ...trailing.map((element): M => ({ _tag: 'Other', element }))])
    }))
  }))
  return list
}

/** Makes top-level list names unique. */
const uniqueLists = <L, E, R, X>(lists: ReadonlyArray<RL.List<L, E, R, X>>): ReadonlyArray<RL.List<L, E, R, X>> => {
  const names = new Set<string>()
  return lists.map((l) => (l.name === undefined ? l : { ...l, name: fresh(names, l.name) }))
}

/**
 * A resource-lists document with the given extension fields.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const resourceListsWith = <L, E, R, X>(
  exts: Extensions<L, E, R, X>
): fc.Arbitrary<RL.ResourceLists<L, E, R, X>> =>
  fc.array(listWith(exts), { maxLength: 3 }).map((lists) => ({ lists: uniqueLists(lists) }))

const none = fc.constant({})

/**
 * A plain list.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const List: fc.Arbitrary<RL.List> = listWith({ list: none, entry: none, entryRef: none, external: none })

/**
 * A plain resource-lists document (extension elements in place).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ResourceLists: fc.Arbitrary<RL.ResourceLists> = resourceListsWith({
  list: none,
  entry: none,
  entryRef: none,
  external: none
})

// -------------------------------------------------------------------------------------
// the full format
// -------------------------------------------------------------------------------------

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
const full: Extensions<_.ListExt, _.EntryExt, {}, {}> = {
  list: AB.list,
  entry: AB.entry,
  entryRef: none,
  external: none
}

/**
 * An entry of the full format.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const FullEntry: fc.Arbitrary<_.Entry> = entryWith(AB.entry)

/**
 * A list of the full format.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const FullList: fc.Arbitrary<_.List> = listWith(full)

/**
 * A document of the full format, with unique `xs:ID`s.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const FullResourceLists: fc.Arbitrary<_.ResourceLists> = resourceListsWith(full).map(
  A.uniqueIds(_.ResourceLists)
)

// -------------------------------------------------------------------------------------
// documents
// -------------------------------------------------------------------------------------

const people = [
  'Alice Example',
  'Bob Müller',
  'Carol Ng',
  "Dave O'Brien",
  'Émile Zola',
  '山田 太郎',
  'Fatima Al-Sayed',
  'Grace Hopper'
]

/**
 * A document of the full format with about `n` entries: four top-level lists with display names, each with a nested
 * list, the entries spread over the eight lists, every tenth entry with AG Projects' attributes, and an address book.
 *
 * @category documents
 * @since 0.2.0
 */
export const scale = (n: number): _.ResourceLists => {
  const owner = _.contact({ id: 'id0', name: people[0], uris: [_.contactUri('sip:user0@example.com', { id: 'uri0' })] })
  const lists = Array.from({ length: 4 }, (_x, l) => {
    const entries = (half: number) =>
      Array.from({ length: Math.ceil(n / 8) }, (_y, i) => l * 2 + half + i * 8)
        .filter((k) => k < n)
        .map((k) =>
          RL.entry<_.EntryExt>(`sip:user${k}@example.com`, {
            displayName: `${people[k % people.length]} ${k}`,
            ext: k % 10 === 0 ? { attributes: [_.attribute('favorite', 'true')] } : {}
          })
        )
    return _.listOf({
      name: `group-${l}`,
      displayName: `Group ${l}`,
      members: [
        ...entries(0),
        _.listOf({ name: `group-${l}-close`, displayName: `Close friends ${l}`, members: entries(1) })
      ],
      ...(l === 0 ? { ext: { contacts: [owner] } } : {})
    })
  })
  return _.resourceLists(lists)
}

const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')

/**
 * The benchmark document `resource-lists-10k` (about 1.2 MB), built deterministically: 10 top-level lists with display
 * names, each with 500 entries, an external and a nested list of 500 more (10,000 entries, each with a display name);
 * every tenth entry carries AG Projects' `<agp-rl:attributes>`, and each top-level list ends with address book contacts
 * for every hundredth of its entries and a group of them. It decodes with the registered codec and is valid by
 * resourcelists.xsd and addressbook.xsd.
 *
 * @category documents
 * @since 0.2.0
 */
export const resourceLists10k = (): string => {
  const out: Array<string> = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<resource-lists xmlns="${RL.NS}" xmlns:agp-ab="${_.NS}" xmlns:agp-rl="${_.AGP_RL_NS}"`,
    ` xmlns:sipsimple="${_.SIPSIMPLE_NS}">\n`
  ]
  const entry = (k: number, indent: string): void => {
    const who = people[k % people.length]
    const open = `${indent}<entry uri="sip:${escape(who.split(' ')[0].toLowerCase())}.${k}@example.com">`
    const name = `<display-name${k % 7 === 0 ? ' xml:lang="en"' : ''}>${escape(who)}</display-name>`
    if (k % 10 !== 0) {
      out.push(`${open}${name}</entry>\n`)
      return
    }
    out.push(
      `${open}\n${indent}  ${name}\n`,
      `${indent}  <agp-rl:attributes>\n`,
      `${indent}    <agp-rl:attribute name="favorite">${k % 20 === 0 ? 'true' : 'false'}</agp-rl:attribute>\n`,
      `${indent}    <agp-rl:attribute name="icon" nil="true"/>\n`,
      `${indent}  </agp-rl:attributes>\n`,
      `${indent}</entry>\n`
    )
  }
  const handling = (local: string, policy: _.PolicyValue, subscribe: boolean): string =>
    `      <agp-ab:${local}><agp-ab:policy>${policy}</agp-ab:policy>` +
    `<agp-ab:subscribe>${subscribe}</agp-ab:subscribe></agp-ab:${local}>\n`
  let k = 0
  for (let l = 0; l < 10; l++) {
    out.push(`  <list name="group-${l}">\n    <display-name>Group ${l}</display-name>\n`)
    const first = k
    for (let i = 0; i < 500; i++) entry(k++, '    ')
    out.push(
      '    <external anchor="https://xcap.example.com/resource-lists/users/sip:alice@example.com/index/~~/',
      `resource-lists/list%5B@name=%22shared-${l}%22%5D">\n`,
      `      <display-name>Shared list ${l}</display-name>\n    </external>\n`,
      `    <list name="group-${l}-close">\n      <display-name>Close friends in group ${l}</display-name>\n`
    )
    for (let i = 0; i < 500; i++) entry(k++, '      ')
    out.push('    </list>\n')
    const ids: Array<string> = []
    for (let c = first; c < k; c += 100) {
      const who = people[c % people.length]
      const id = `id${1700000000000000 + c}`
      ids.push(id)
      out.push(
        `    <agp-ab:contact id="${id}">\n`,
        `      <agp-ab:name>${escape(who)}</agp-ab:name>\n`,
        `      <agp-ab:uris default="uri${c}">\n`,
        `        <agp-ab:uri id="uri${c}" uri="sip%3A${escape(who.split(' ')[0].toLowerCase())}.${c}%40example.com"`,
        ' type="SIP"/>\n',
        '      </agp-ab:uris>\n',
        handling('dialog', 'default', false),
        handling('presence', c % 200 === 0 ? 'allow' : 'block', c % 200 === 0),
        '      <sipsimple:attributes>',
        '<sipsimple:attribute name="preferred_media">audio</sipsimple:attribute></sipsimple:attributes>\n',
        '    </agp-ab:contact>\n'
      )
    }
    out.push(`    <agp-ab:group id="grp${l}">\n      <agp-ab:name>Group ${l}</agp-ab:name>\n      <agp-ab:contacts>\n`)
    for (const id of ids) out.push(`        <agp-ab:contact_id>${id}</agp-ab:contact_id>\n`)
    out.push('      </agp-ab:contacts>\n    </agp-ab:group>\n  </list>\n')
  }
  out.push('</resource-lists>\n')
  return out.join('')
}

// -------------------------------------------------------------------------------------
// registration
// -------------------------------------------------------------------------------------

/** The paths of names that reach each named list (names are unique among siblings). */
const paths = (d: _.ResourceLists): ReadonlyArray<ReadonlyArray<string>> => {
  const out: Array<ReadonlyArray<string>> = []
  const visit = (l: _.List, path: ReadonlyArray<string>): void => {
    if (l.name === undefined) return
    const here = [...path, l.name]
    out.push(here)
    for (const m of l.members) if (m._tag === 'List') visit(m.list, here)
  }
  for (const l of d.lists) visit(l, [])
  return out
}

interface EntryKey {
  readonly path: ReadonlyArray<string>
  readonly uri: string
}

const entryKeys = (d: _.ResourceLists): ReadonlyArray<EntryKey> =>
  paths(d).flatMap((path) => {
    const l = RL.listByPath<_.ListExt, _.EntryExt>(path).getOption(d)
    if (l._tag === 'None') return []
    return l.value.members.flatMap((m) => (m._tag === 'Entry' ? [{ path, uri: m.entry.uri }] : []))
  })

/** The URIs of the document's entries, at any depth, each once. */
const entryUris = (d: _.ResourceLists): ReadonlyArray<string> => [...new Set(T.getAll(d)(RL.everyEntry<_.ListExt, _.EntryExt>()).map((e) => e.uri))]

const idsOf = (d: _.ResourceLists, key: 'contacts' | 'groups' | 'policies'): ReadonlyArray<string> => {
  const out: Array<string> = []
  const visit = (l: _.List): void => {
    for (const h of l.ext[key]) out.push(h.id)
    for (const m of l.members) if (m._tag === 'List') visit(m.list)
  }
  for (const l of d.lists) visit(l)
  return out
}

/** Marks every `id` of a generated value with a character the document's ids never have (`·`, an NCName character). */
const markIds = (u: unknown): unknown => {
  if (Array.isArray(u)) return u.map(markIds)
  if (typeof u !== 'object' || u === null || (u as { _tag?: unknown })._tag === 'Element') return u
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(u)) out[k] = k === 'id' && typeof v === 'string' ? `${v}·f` : markIds(v)
  return out
}

/**
 * New values for a keyed optic's focus: generated values with the key written in, their `xs:ID`s marked so that
 * none is one of the document's, and those that repeat within the value made unique.
 */
const keyed =
  <K, H>(arb: fc.Arbitrary<H>, optic: (k: K) => Op.Optional<_.ResourceLists, H>, key: (h: H, k: K) => H) =>
  (k: K, d: _.ResourceLists): fc.Arbitrary<H> =>
    arb.map((h) => {
      const a = key(markIds(h) as H, k)
      const placed = A.uniqueIds(_.ResourceLists)(optic(k).set(a)(d))
      const back = optic(k).getOption(placed)
      return back._tag === 'Some' ? back.value : a
    })

const withId = <H extends { readonly id: string }>(h: H, id: string): H => ({ ...h, id })

const listAt = (path: ReadonlyArray<string>) => RL.listByPath<_.ListExt, _.EntryExt>(path)
const entryAt = (k: EntryKey) => RL.entryByUri<_.ListExt, _.EntryExt>(k.path, k.uri)

const extensionLaws: ReadonlyArray<ExtensionLaws> = [
  {
    name: 'rl:list',
    host: (ext) => RL.listWith({ list: ext, entry: _.entry }) as never,
    extensions: [_.list],
    elements: FullList.map((l) => _.List.encode(l))
  },
  {
    name: 'rl:entry',
    host: (ext) => RL.entryWith(ext) as never,
    extensions: [_.entry],
    elements: FullEntry.map((e) => _.Entry.encode(e))
  }
]

const rl = Xml.qname(RL.NS)
const ab = Xml.qname(_.NS)

/**
 * The registration of the full `resource-lists` format with every law suite.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.ResourceLists> = {
  format: 'resource-lists',
  spec: 'RFC 4826',
  codec: _.document,
  arbitrary: FullResourceLists,
  schemas: ['resourcelists.xsd', 'addressbook.xsd'],
  namespaces: [RL.NS, _.NS, _.AGP_RL_NS, _.SIPSIMPLE_NS],
  names: [
    ...['resource-lists', 'list', 'entry', 'entry-ref', 'external', 'display-name'].map(rl),
    ...['contact', 'group', 'policy-element', 'name', 'uris', 'uri', 'dialog', 'presence', 'policy'].map(ab)
  ],
  scale,
  constructors: {
    'ResourceLists.displayName': RL.displayName,
    'ResourceLists.entry': RL.entry,
    'ResourceLists.entryRef': RL.entryRef,
    'ResourceLists.external': RL.external,
    'ResourceLists.list': RL.list,
    'ResourceLists.resourceLists': RL.resourceLists,
    'ResourceLists.memberOf': RL.memberOf,
    freshId: _.freshId,
    handlingOf: _.handlingOf,
    attribute: _.attribute,
    attributeValue: _.attributeValue,
    contactUri: _.contactUri,
    contact: _.contact,
    group: _.group,
    policy: _.policy,
    listOf: _.listOf,
    resourceLists: _.resourceLists
  },
  selectors: [
    selector('listSelector', { keys: paths, target: (path, d) => RL.listSelector(d, path), optic: listAt, focus: _.List }),
    selector('entrySelector', { keys: entryKeys, target: (k, d) => RL.entrySelector(d, k.path, k.uri), optic: entryAt, focus: _.Entry }),
    selector('entryAnywhereSelector', {
      keys: entryUris,
      target: (uri, d) => RL.entryAnywhereSelector(d, uri),
      optic: (uri: string) => RL.entryAnywhere<_.ListExt, _.EntryExt>(uri),
      focus: _.Entry
    })
  ],
  optics: [
    optional('listByPath', listAt, {
      keys: paths,
      absent: fc.array(A.ncname, { minLength: 1, maxLength: 2 }),
      focus: keyed(FullList, listAt, (l, path) => ({ ...l, name: path[path.length - 1] }))
    }),
    optional('entryByUri', entryAt, {
      keys: entryKeys,
      absent: A.record({ path: fc.array(A.ncname, { minLength: 1, maxLength: 2 }), uri: A.anyURI }, []),
      focus: (k: EntryKey) => FullEntry.map((e) => ({ ...e, uri: k.uri }))
    }),
    optional('entryAnywhere', (uri: string) => RL.entryAnywhere<_.ListExt, _.EntryExt>(uri), {
      keys: entryUris,
      absent: A.anyURI,
      focus: (uri: string) => FullEntry.map((e) => ({ ...e, uri }))
    }),
    // the anonymous URI may repeat in a list and across lists: all its entries at once
    traversal(
      'entriesWithUri',
      RL.entriesWithUri<_.ListExt, _.EntryExt>(RL.ANONYMOUS),
      FullEntry.map((e) => ({ ...e, uri: RL.ANONYMOUS }))
    ),
    // every entry at once can only be the anonymous URI, the one URI that may repeat in a list (RFC 5364 §4)
    traversal(
      'everyEntry',
      RL.everyEntry<_.ListExt, _.EntryExt>(),
      FullEntry.map((e) => ({ ...e, uri: RL.ANONYMOUS }))
    ),
    // names are unique among siblings: every list at once can only have none
    traversal(
      'everyList',
      RL.everyList<_.ListExt, _.EntryExt>(),
      A.record({ otherAttrs: A.foreignAttrs, displayName: DisplayName }, ['otherAttrs', 'displayName'])
    ),
    traversal(
      'everyEntry ∘ entryDisplayName',
      pipe(RL.everyEntry<_.ListExt, _.EntryExt>(), T.composeLens(RL.entryDisplayName<_.Entry>())),
      fc.option(DisplayName, { nil: undefined })
    ),
    optional('contactById', _.contactById, {
      keys: (d) => idsOf(d, 'contacts'),
      absent: A.xmlId,
      focus: keyed(AB.Contact, _.contactById, withId)
    }),
    optional('groupById', _.groupById, {
      keys: (d) => idsOf(d, 'groups'),
      absent: A.xmlId,
      focus: keyed(AB.Group, _.groupById, withId)
    }),
    optional('policyById', _.policyById, {
      keys: (d) => idsOf(d, 'policies'),
      absent: A.xmlId,
      focus: keyed(AB.Policy, _.policyById, withId)
    })
  ],
  extensions: extensionLaws
}
