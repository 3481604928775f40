#!/usr/bin/env node
// An address book on the command line, kept in an XCAP server and in sync with the other devices of the account.
//
//   node examples/addressbook/addressbook.mjs demo
//       two devices of one account against an XCAP server in memory: both add a contact at once and converge
//
//   node examples/addressbook/addressbook.mjs --root URL --xui sip:USER@DOMAIN [--store FILE] [--kamailio] COMMAND
//       list                                 the contacts, groups and default policies
//       add NAME URI [--allow] [--subscribe] a contact (presence allowed, subscribed to)
//       rename ID NAME                       a contact
//       remove ID                            a contact (and from its groups)
//       group NAME ID...                     a group of contacts
//       default allow|confirm|polite-block|block   the presence policy for everyone else
//
// --store keeps the journal and the copies of the documents in a JSON file, so that an edit made while the server is
// away is written at the next run, and a run after another only asks whether the documents changed. --kamailio sends
// the create-only precondition as Kamailio's xcap_server wants it (If-None-Match: "*").
//
// Within this repository, `npm run build` first: `sip-simple-payloads/...` then resolves to dist/ (a package may
// import itself by its name).
import * as fs from 'node:fs/promises'
import * as Model from 'sip-simple-payloads/addressbook/Model'
import * as Operations from 'sip-simple-payloads/addressbook/Operations'
import * as Runner from 'sip-simple-payloads/addressbook/Runner'
import * as Storage from 'sip-simple-payloads/addressbook/Storage'

const USAGE = 'usage: addressbook.mjs demo | --root URL --xui sip:USER@DOMAIN [--store FILE] [--kamailio] list|add|rename|remove|group|default ...'

/** The address book as lines of text. */
const show = (book) => [
  ...book.contacts.map((c) => `contact ${c.id}: ${c.name} <${c.uris.map((u) => u.uri).join(', ')}> presence ${c.presence.policy}${c.presence.subscribe ? ', subscribed' : ''}`),
  ...book.groups.map((g) => `group ${g.id}: ${g.name} [${g.members.join(', ')}]`),
  `default presence policy: ${book.defaultPresencePolicy}${book.defaultDialogPolicy === undefined ? '' : `, dialog: ${book.defaultDialogPolicy}`}`
]

/** Two devices of one account converging through an XCAP server in memory. */
const demo = async (out) => {
  const root = 'https://xcap.example.com/xcap-root'
  const xui = 'sip:alice@example.com'
  const server = Runner.memoryServer({ root })
  const phone = Runner.runner({ root, xui, fetch: server.fetch })
  const laptop = Runner.runner({ root, xui, fetch: server.fetch })
  // the SIP stack's job in real life: each device's xcap-diff subscription hands it the NOTIFY bodies
  for (const device of [phone, laptop]) server.subscribe(xui, device.notification)
  await Promise.all([phone.start(), laptop.start()])
  await Promise.all([phone.until(Runner.idle), laptop.until(Runner.idle)])
  out(`both devices in sync: ${server.documents().size} documents on the server`)
  phone.edit(Operations.addContact(Model.contact({ id: 'bob', name: 'Bob', uris: ['sip:bob@example.com'] })))
  laptop.edit(Operations.addContact(Model.contact({ id: 'carol', name: 'Carol', uris: ['sip:carol@example.com'] })))
  const both = (s) => Runner.idle(s) && s.model?.contacts.length === 2
  await Promise.all([phone.until(both), laptop.until(both)])
  const conflicts = server.served().filter((r) => r.method === 'PUT' && r.status === 412).length
  out(`both added a contact at once (${conflicts} write refused with 412, then replayed)`)
  for (const [name, device] of [['phone', phone], ['laptop', laptop]]) for (const line of show(device.model())) out(`${name}: ${line}`)
  await Promise.all([phone.stop(), laptop.stop()])
  return 0
}

const option = (args, name) => {
  const i = args.indexOf(name)
  if (i === -1) return undefined
  const [, value] = args.splice(i, 2)
  return value
}

const flag = (args, name) => {
  const i = args.indexOf(name)
  if (i === -1) return false
  args.splice(i, 1)
  return true
}

/**
 * Runs a command; `io` gives the fetch to use and where the output goes. Resolves with the exit code.
 *
 * @param {ReadonlyArray<string>} argv
 * @param {{ fetch?: typeof globalThis.fetch, out?: (line: string) => void }} io
 */
export const main = async (argv, io = {}) => {
  const out = io.out ?? ((s) => process.stdout.write(`${s}\n`))
  const args = [...argv]
  if (args[0] === 'demo') return demo(out)
  const root = option(args, '--root')
  const xui = option(args, '--xui')
  const store = option(args, '--store')
  const kamailio = flag(args, '--kamailio')
  const allow = flag(args, '--allow')
  const subscribe = flag(args, '--subscribe')
  const [command, ...rest] = args
  if (root === undefined || xui === undefined || command === undefined) {
    out(USAGE)
    return 2
  }
  const ops = {
    list: () => [],
    add: ([name, uri]) => [Operations.addContact(Model.contact({ name, uris: [uri], presence: { policy: allow ? 'allow' : 'default', subscribe } }))],
    rename: ([id, name]) => [Operations.updateContact(id, { name })],
    remove: ([id]) => [Operations.removeContact(id)],
    group: ([name, ...ids]) => [Operations.addGroup(Model.group({ name, members: ids }))],
    default: ([policy]) => [Operations.setDefaultPresencePolicy(policy)]
  }[command]
  if (ops === undefined) {
    out(USAGE)
    return 2
  }
  const fetch = io.fetch ?? globalThis.fetch
  const book = Runner.runner({
    root,
    xui,
    // Kamailio closes every connection after its answer without saying so: one connection per request
    fetch: (url, init) => fetch(url, { ...init, headers: { ...init.headers, Connection: 'close' } }),
    ...(store === undefined ? {} : { storage: Storage.jsonFile(store, fs) }),
    ...(kamailio ? { createPrecondition: 'quoted-star' } : {}),
    retry: { baseMs: 1000, maxMs: 10_000 }
  })
  let failed = false
  book.subscribe((n) => {
    if (n._tag === 'Problem') {
      out(`problem: ${JSON.stringify(n.problem)}`)
      failed ||= n.problem._tag !== 'Repaired'
    } else if (n._tag === 'StorageFailed') out(`storage: ${n.message}`)
  })
  await book.start()
  try {
    await book.until(Runner.idle, 15_000)
    const edits = ops(rest)
    if (edits.length > 0) {
      book.edit(...edits)
      await book.until((s) => Runner.idle(s) && s.journal.length === 0, 15_000)
    }
    for (const line of show(book.model() ?? Model.addressBook())) out(line)
  } catch (e) {
    out(`not in sync: ${e instanceof Error ? e.message : String(e)}${store === undefined ? '' : ' (the edit waits in the store)'}`)
    failed = true
  } finally {
    await book.stop()
  }
  return failed ? 1 : 0
}

if (import.meta.url === new URL(`file://${process.argv[1]}`).href) process.exitCode = await main(process.argv.slice(2))
