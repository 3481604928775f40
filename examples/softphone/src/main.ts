/**
 * A presence softphone in the browser: SIP.js over WebSocket registers to Kamailio, SUBSCRIBEs to a buddy's presence
 * and to its own `presence.winfo`, and PUBLISHes its own presence. Every body it reads or writes goes through
 * sip-simple-payloads (see view.ts); SIP.js only carries them.
 *
 * The form is filled from the page's query (`?ws=ws://127.0.0.1:25090&user=alice&buddy=bob&domain=example.com`).
 */
import {
  Publisher,
  PublisherState,
  Registerer,
  RegistererState,
  Subscriber,
  SubscriptionState,
  UserAgent,
  type Notification
} from 'sip.js'
import {
  ACTIVITIES,
  applyWatcherinfo,
  decodePresence,
  myPresenceBody,
  watcherRows,
  type BuddyView,
  type MyStatus,
  type Watchers
} from './view.js'

// -------------------------------------------------------------------------------------
// DOM
// -------------------------------------------------------------------------------------

const $ = <E extends HTMLElement = HTMLElement>(id: string): E => {
  const e = document.getElementById(id)
  if (e === null) throw new Error(`no #${id} in the page`)
  return e as E
}
const input = (id: string): HTMLInputElement => $<HTMLInputElement>(id)
const select = (id: string): HTMLSelectElement => $<HTMLSelectElement>(id)

const setText = (id: string, text: string): void => {
  $(id).textContent = text
}

const setList = (id: string, items: ReadonlyArray<string>, empty: string): void => {
  const ul = $(id)
  ul.replaceChildren(
    ...(items.length === 0 ? [empty] : items).map((t) => {
      const li = document.createElement('li')
      li.textContent = t
      if (items.length === 0) li.className = 'empty'
      return li
    })
  )
}

const log = (line: string): void => {
  const li = document.createElement('li')
  li.textContent = `${new Date().toISOString().slice(11, 23)} ${line}`
  $('log').prepend(li)
}

// -------------------------------------------------------------------------------------
// rendering
// -------------------------------------------------------------------------------------

const renderBuddy = (v: BuddyView): void => {
  setText('buddy-basic', v.basic)
  $('buddy-basic').dataset.basic = v.basic
  setList('buddy-activities', v.activities, 'no activity')
  setList('buddy-notes', v.notes, 'no note')
  setText('buddy-error', '')
}

const renderWatchers = (w: Watchers): void => {
  const rows = watcherRows(w)
  const ul = $('watchers')
  ul.replaceChildren(
    ...rows.map((r) => {
      const li = document.createElement('li')
      li.dataset.status = r.status
      li.dataset.uri = r.uri
      li.textContent = `${r.uri}: ${r.status}`
      if (r.status === 'pending') li.className = 'pending'
      return li
    })
  )
  if (rows.length === 0)
    ul.replaceChildren(
      Object.assign(document.createElement('li'), { className: 'empty', textContent: 'nobody watches you' })
    )
  setText(
    'winfo-state',
    w.state === undefined ? 'no state yet' : `version ${String(w.state.version)}; last: ${w.last ?? ''}`
  )
}

// -------------------------------------------------------------------------------------
// SIP
// -------------------------------------------------------------------------------------

interface Config {
  readonly ws: string
  readonly user: string
  readonly buddy: string
  readonly domain: string
  /** SIP.js's own log and SIP trace on the console (`?trace=1`) */
  readonly trace: boolean
}

const readConfig = (): Config => ({
  ws: input('cfg-ws').value.trim(),
  user: input('cfg-user').value.trim(),
  buddy: input('cfg-buddy').value.trim(),
  domain: input('cfg-domain').value.trim(),
  trace: new URLSearchParams(location.search).get('trace') === '1'
})

const subscriptionStateOf = (n: Notification): string =>
  (n.request.getHeader('Subscription-State') ?? '').split(';')[0]?.trim() ?? ''

let ua: UserAgent | undefined
let publisher: Publisher | undefined
let subscribers: ReadonlyArray<Subscriber> = []
let aor = ''

const connect = async (cfg: Config): Promise<void> => {
  aor = `sip:${cfg.user}@${cfg.domain}`
  const uri = UserAgent.makeURI(aor)
  const buddy = UserAgent.makeURI(`sip:${cfg.buddy}@${cfg.domain}`)
  if (uri === undefined || buddy === undefined) throw new Error('bad user, buddy or domain')
  setText('me', aor)
  setText('buddy-uri', buddy.toString())

  ua = new UserAgent({
    uri,
    transportOptions: { server: cfg.ws, traceSip: cfg.trace },
    logLevel: cfg.trace ? 'debug' : 'warn',
    delegate: {
      onConnect: () => {
        setText('conn-state', `connected to ${cfg.ws}`)
        log(`connected to ${cfg.ws}`)
      },
      onDisconnect: (e) => {
        setText('conn-state', e === undefined ? 'disconnected' : `disconnected: ${e.message}`)
        log(`disconnected${e === undefined ? '' : `: ${e.message}`}`)
      }
    }
  })
  await ua.start()

  // REGISTER
  const registerer = new Registerer(ua, { expires: 300 })
  registerer.stateChange.addListener((s) => {
    setText('reg-state', s === RegistererState.Registered ? 'registered' : s.toLowerCase())
    log(`registration: ${s}`)
  })
  await registerer.register({
    requestDelegate: {
      onReject: (r) => setText('reg-state', `rejected: ${r.message.statusCode} ${r.message.reasonPhrase}`)
    }
  })

  // SUBSCRIBE to the buddy's presence
  const presence = new Subscriber(ua, buddy, 'presence', {
    expires: 300,
    extraHeaders: ['Accept: application/pidf+xml']
  })
  presence.delegate = {
    onNotify: (n) => {
      n.accept()
      const state = subscriptionStateOf(n)
      setText('buddy-state', state)
      const body = n.request.body
      log(`NOTIFY presence (${state}, ${body.length} bytes)`)
      if (body.trim() === '') return // pending, or terminated: no presence document
      const r = decodePresence(body)
      if (r._tag === 'Right') renderBuddy(r.view)
      else setText('buddy-error', r.errors.join('\n'))
    }
  }
  presence.stateChange.addListener((s) => s === SubscriptionState.Terminated && setText('buddy-state', 'terminated'))
  await presence.subscribe()

  // SUBSCRIBE to my own watcher information
  let watchers: Watchers = { state: undefined }
  renderWatchers(watchers)
  const winfo = new Subscriber(ua, uri, 'presence.winfo', {
    expires: 300,
    extraHeaders: ['Accept: application/watcherinfo+xml']
  })
  winfo.delegate = {
    onNotify: (n) => {
      n.accept()
      const body = n.request.body
      log(`NOTIFY presence.winfo (${subscriptionStateOf(n)}, ${body.length} bytes)`)
      if (body.trim() === '') return
      watchers = applyWatcherinfo(watchers, body)
      renderWatchers(watchers)
    }
  }
  await winfo.subscribe()
  subscribers = [presence, winfo]

  // PUBLISH: one publisher, so that every PUBLISH after the first refreshes the same publication (SIP-If-Match)
  publisher = new Publisher(ua, uri, 'presence', { expires: 300, contentType: 'application/pidf+xml' })
  publisher.stateChange.addListener((s) => {
    if (s === PublisherState.Published) setText('publish-state', `published as ${aor}`)
    else if (s === PublisherState.Terminated) setText('publish-state', 'publication terminated')
    log(`publication: ${s}`)
  })
}

const myStatus = (): MyStatus => ({
  basic: select('my-basic').value === 'closed' ? 'closed' : 'open',
  activity: select('my-activity').value === 'other' ? input('my-activity-other').value : select('my-activity').value,
  note: input('my-note').value
})

const publish = async (): Promise<void> => {
  if (publisher === undefined) throw new Error('not connected')
  const body = myPresenceBody(aor, myStatus())
  setText('publish-state', 'publishing…')
  $('my-pidf').textContent = body
  await publisher.publish(body)
}

const disconnect = async (): Promise<void> => {
  const u = ua
  ua = undefined
  publisher = undefined
  // Unsubscribe first: UserAgent.stop() would, but then waits for an event that a terminating NOTIFY never fires
  // (SIP.js 0.21), and never returns.
  await Promise.all(subscribers.map((s) => s.unsubscribe()))
  subscribers = []
  if (u !== undefined) await u.stop() // unpublishes and unregisters
  setText('conn-state', 'disconnected')
}

// -------------------------------------------------------------------------------------
// wiring
// -------------------------------------------------------------------------------------

const failed =
  (what: string) =>
  (e: unknown): void => {
    const message = e instanceof Error ? e.message : String(e)
    log(`${what} failed: ${message}`)
    setText('error', `${what} failed: ${message}`)
  }

const init = (): void => {
  const q = new URLSearchParams(location.search)
  input('cfg-ws').value = q.get('ws') ?? 'ws://127.0.0.1:25090'
  input('cfg-user').value = q.get('user') ?? 'alice'
  input('cfg-buddy').value = q.get('buddy') ?? 'bob'
  input('cfg-domain').value = q.get('domain') ?? 'example.com'
  const activity = select('my-activity')
  activity.append(
    ...['', ...ACTIVITIES, 'other'].map((a) =>
      Object.assign(document.createElement('option'), { value: a, textContent: a === '' ? '(none)' : a })
    )
  )
  $('connect').addEventListener('click', () => {
    ;($('connect') as HTMLButtonElement).disabled = true
    connect(readConfig()).then(() => (($('publish') as HTMLButtonElement).disabled = false), failed('connect'))
  })
  $('publish').addEventListener('click', () => void publish().catch(failed('publish')))
  $('disconnect').addEventListener('click', () => void disconnect().catch(failed('disconnect')))
}

init()
