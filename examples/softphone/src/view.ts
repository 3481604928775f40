/**
 * The softphone's presence logic, free of SIP.js and of the DOM: the PIDF document this user PUBLISHes, built with
 * the library's constructors; what a buddy's NOTIFY body says, decoded with the `pidf` codec; and the watchers of
 * this user from `presence.winfo` NOTIFY bodies, decoded with the `watcherinfo` codec and kept by the versioned-state
 * engine (full and partial notifications, RFC 3857 §4.3 and RFC 3858 §4).
 */
import { Versioned } from 'sip-simple-payloads/codec'
import { report } from 'sip-simple-payloads/codec/DecodeError'
import * as Presence from 'sip-simple-payloads/Presence'
import * as Rpid from 'sip-simple-payloads/Rpid'
import * as Watcherinfo from 'sip-simple-payloads/Watcherinfo'

// -------------------------------------------------------------------------------------
// my presence
// -------------------------------------------------------------------------------------

/** What the "my presence" form holds. */
export interface MyStatus {
  readonly basic: 'open' | 'closed'
  /** An RPID activity name, or free text (published as `<rpid:other>`), or '' for none. */
  readonly activity: string
  readonly note: string
}

/** The RPID activity names, for the form's list. */
export const ACTIVITIES: ReadonlyArray<string> = Rpid.ACTIVITIES

const isActivityName = (s: string): s is Rpid.ActivityName => (Rpid.ACTIVITIES as ReadonlyArray<string>).includes(s)

/**
 * The PIDF document for a PUBLISH: one tuple (basic status, contact, the note) and one person with the activity.
 */
export const myPresence = (aor: string, s: MyStatus): Presence.Presence => {
  const activity = s.activity.trim()
  const activities =
    activity === ''
      ? undefined
      : Rpid.activities(isActivityName(activity) ? activity : { _tag: 'Other', value: activity })
  return Presence.presence({
    entity: aor,
    tuples: [
      Presence.tuple({
        id: 'softphone',
        basic: s.basic,
        contact: aor,
        ...(s.note.trim() === '' ? {} : { note: s.note.trim() })
      })
    ],
    persons: [Presence.person({ id: 'me', ...(activities === undefined ? {} : { ext: { activities: [activities] } }) })]
  })
}

/** The body of a PUBLISH (indented, for the page to show it). */
export const myPresenceBody = (aor: string, s: MyStatus): string =>
  Presence.document.encode(myPresence(aor, s), { pretty: true })

// -------------------------------------------------------------------------------------
// a buddy's presence
// -------------------------------------------------------------------------------------

/** What the page shows of a buddy. */
export interface BuddyView {
  /** `open` when a tuple is open, else `closed` when one says so, else `unknown`. */
  readonly basic: 'open' | 'closed' | 'unknown'
  /** Activity names and free-text activities of every person. */
  readonly activities: ReadonlyArray<string>
  /** Every note, at every level (presence, tuples, persons, devices), with its language. */
  readonly notes: ReadonlyArray<string>
  /** The contacts of the tuples. */
  readonly contacts: ReadonlyArray<string>
}

const activityText = (a: Rpid.Activity | 'unknown'): string => (typeof a === 'string' ? a : a.value)

/** The view of a decoded PIDF document. */
export const buddyView = (doc: Presence.Presence): BuddyView => {
  const basics = doc.tuples.map((t) => t.status.basic)
  const notes = [doc, ...doc.tuples, ...doc.ext.persons, ...doc.ext.devices].flatMap((h) => h.notes)
  return {
    basic: basics.includes('open') ? 'open' : basics.includes('closed') ? 'closed' : 'unknown',
    activities: doc.ext.persons.flatMap((p) => (p.ext.activities ?? []).flatMap((a) => a.values.map(activityText))),
    notes: notes.map((n) => (n.lang === undefined ? n.value : `${n.value} [${n.lang}]`)),
    contacts: doc.tuples.flatMap((t) => (t.contact === undefined ? [] : [t.contact.uri]))
  }
}

/** A NOTIFY body of the presence event: the view, or the decoder's rendered errors. */
export const decodePresence = (
  body: string
):
  | { readonly _tag: 'Right'; readonly view: BuddyView }
  | { readonly _tag: 'Left'; readonly errors: ReadonlyArray<string> } => {
  const r = Presence.document.decode(body)
  return r._tag === 'Left' ? { _tag: 'Left', errors: report(r.left) } : { _tag: 'Right', view: buddyView(r.right) }
}

// -------------------------------------------------------------------------------------
// my watchers
// -------------------------------------------------------------------------------------

/** One row of the watcher list. */
export interface WatcherRow {
  readonly uri: string
  readonly status: Watcherinfo.Status
  readonly event: Watcherinfo.Event
}

/** The watcher list of a watcherinfo subscription: the engine's state and what the last document did. */
export interface Watchers {
  readonly state: Versioned.Versioned<Watcherinfo.Watcherinfo> | undefined
  readonly last?: string
}

const step = Versioned.apply(Watcherinfo.merge)

/** Applies a `presence.winfo` NOTIFY body to the watcher state (a stale or out-of-order document is ignored). */
export const applyWatcherinfo = (w: Watchers, body: string): Watchers => {
  const r = Watcherinfo.document.decode(body)
  if (r._tag === 'Left') return { ...w, last: `not applied: ${report(r.left).join('; ')}` }
  const outcome = step(w.state, r.right)
  return {
    state: Versioned.stateAfter(w.state, outcome),
    last: `${outcome._tag} (version ${String(r.right.version)}, ${r.right.state})`
  }
}

/** The rows to show: one per watcher URI (its latest subscription), pending ones first. */
export const watcherRows = (w: Watchers): ReadonlyArray<WatcherRow> => {
  const byUri = new Map<string, WatcherRow>()
  for (const list of w.state?.value.watcherLists ?? [])
    for (const x of list.watchers)
      if (x.status !== 'terminated') byUri.set(x.uri, { uri: x.uri, status: x.status, event: x.event })
  return [...byUri.values()].sort(
    (a, b) => Number(b.status === 'pending') - Number(a.status === 'pending') || a.uri.localeCompare(b.uri)
  )
}
