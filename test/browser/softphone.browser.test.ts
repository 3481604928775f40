/**
 * The library in a real browser: headless Debian Chromium driven by playwright-core.
 *
 * 1. Every registered format in Chromium: a page bundled with esbuild (browser platform, so no Node built-in can be
 *    in it) runs `formats-check.ts` over every format of the registry: sampled values (the laws' arbitraries, seeded)
 *    encoded, decoded and compared, and the shared corpus decoded and re-encoded. Every format must pass, and the
 *    reports, with a digest of every text written, must equal those of the same function in Node.
 * 2. The softphone example (examples/softphone: SIP.js over WebSocket) against the Kamailio of the interop tests:
 *    it REGISTERs, SUBSCRIBEs to a buddy (a Node UA that PUBLISHes RPID activities and notes built with the library's
 *    constructors) and shows what the `pidf` codec decodes; it PUBLISHes what the test types into its form, which the
 *    buddy, now a watcher, receives and decodes; and it shows its watchers (one authorised, one pending) from
 *    `presence.winfo`. The test asserts the text of the page.
 *
 * Chromium: /usr/bin/chromium (`bash test/browser/chromium.sh` installs it); Kamailio: test/interop (its WebSocket
 * port is KAMAILIO_WS_PORT, default 25090). Missing either skips its part loudly, or fails it with CI=true. A
 * screenshot and the page's text go to <Kamailio state dir>/captures/.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from '#fp-ts/Either'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { corpus } from '../../laws/Node.js'
import { registrations } from '../../laws/registry.js'
import { report } from '../../src/codec/DecodeError.js'
import { registry, type FormatId } from '../../src/formats/index.js'
import * as Presence from '../../src/formats/Presence.js'
import * as Rpid from '../../src/formats/Rpid.js'
import { releaseServer, requireServer, session, writeCapture, type Server, type Skip } from '../interop/harness.js'
import { header, type Notify } from '../interop/sip.js'
import { presRules } from '../interop/fixtures.js'
import { userDocPath, XcapClient } from '../interop/xcap.js'
import { bundle, launch, requireChromium, serve } from './chromium.js'
import { checkFormats, type CorpusInput, type FormatReport } from './formats-check.js'
import type { FormatsPage } from './formats.page.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url))
const CI = process.env.CI === 'true'
/** sampled values per format (in Node and in Chromium each) */
const SAMPLES = Number(process.env.BROWSER_SAMPLES ?? 100)
const SEED = Number(process.env.BROWSER_SEED ?? 20_261_130)
const WS_PORT = Number(process.env.KAMAILIO_WS_PORT ?? 25090)

const browserOk = requireChromium()
// the Kamailio of the interop tests (started here unless the test command or a globalSetup did), only with a browser
const server: Server | Skip = browserOk.ok ? await requireServer() : { ok: false, reason: 'no Chromium' }

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

const run = (cmd: string, args: ReadonlyArray<string>): Promise<string> =>
  new Promise((done, fail) =>
    execFile(cmd, args as Array<string>, { cwd: ROOT, timeout: 120_000 }, (err, stdout, stderr) =>
      err === null
        ? done(stdout + stderr)
        : fail(new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${stdout}${stderr}`))
    )
  )

/** Whether something accepts TCP connections on 127.0.0.1:port. */
const listening = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const s = connect({ host: '127.0.0.1', port, timeout: 2000 })
    s.once('connect', () => (s.destroy(), done(true)))
    s.once('error', () => done(false))
    s.once('timeout', () => (s.destroy(), done(false)))
  })

/** The corpus documents of every format, as the page takes them. */
const corpusInputs = (): Record<string, ReadonlyArray<CorpusInput>> => {
  const docs = corpus(join(SHARED, 'corpus'))
  if (docs === undefined) {
    if (CI) throw new Error(`required in CI but unavailable: the shared corpus (${SHARED}corpus)`)
    console.warn(`SKIPPED: the shared corpus (${SHARED}corpus) is not there: formats are checked on samples only`)
    return {}
  }
  const out: Record<string, ReadonlyArray<CorpusInput>> = {}
  for (const id of Object.keys(registry) as Array<FormatId>) {
    const reg = registrations[id]
    const reads = reg.corpusFiles ?? ((f: string) => f.endsWith('.' + registry[id].fileExtension))
    out[id] = (docs(reg.corpus ?? id) ?? [])
      .filter((d) => reads(d.file))
      .map((d) => ({ file: d.file, expected: d.expected, xsd: d.xsd, base64: Buffer.from(d.bytes).toString('base64') }))
  }
  return out
}

const text = (page: Page, selector: string): Promise<string> =>
  page
    .locator(selector)
    .innerText({ timeout: 2000 })
    .catch(() => '(absent)')

/** Waits until the element's text matches; on timeout the error shows what the page shows and its log. */
const waitText = async (page: Page, selector: string, want: RegExp, timeoutMs = 10_000): Promise<string> => {
  try {
    await page.waitForFunction(
      ([sel, src, flags]) => new RegExp(src, flags).test(document.querySelector(sel)?.textContent ?? ''),
      [selector, want.source, want.flags] as const,
      { timeout: timeoutMs, polling: 50 }
    )
  } catch {
    throw new Error(
      `timed out after ${timeoutMs} ms waiting for ${selector} to match ${String(want)}: ` +
        `it shows ${JSON.stringify(await text(page, selector))}\n` +
        `error: ${await text(page, '#error')}\npage log:\n${await text(page, '#log')}`
    )
  }
  return text(page, selector)
}

const listItems = (page: Page, selector: string): Promise<ReadonlyArray<string>> =>
  page.locator(`${selector} > li`).allInnerTexts()

// -------------------------------------------------------------------------------------
// the browser, the pages
// -------------------------------------------------------------------------------------

describe.skipIf(!browserOk.ok)('in Chromium', () => {
  let browser: Browser | undefined
  let http: Awaited<ReturnType<typeof serve>> | undefined
  let dir = ''
  let typecheck: Promise<string> | undefined
  const pageErrors: Array<string> = []
  const consoleLines: Array<string> = []

  beforeAll(async () => {
    const t0 = performance.now()
    dir = mkdtempSync(join(tmpdir(), 'sip-simple-payloads-browser-'))
    typecheck = run('npx', ['tsc', '-p', 'examples/softphone/tsconfig.json'])
    typecheck.catch(() => undefined) // awaited by its test
    const [softphone, formats] = await Promise.all([
      run('node', ['examples/softphone/build.mjs', '--outdir', join(dir, 'softphone')]),
      bundle(join(ROOT, 'test/browser/formats.page.ts'), join(dir, 'formats.js'))
    ])
    writeFileSync(
      join(dir, 'formats.html'),
      '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>formats</title>\n' +
        '<script src="formats.js"></script>\n'
    )
    console.log(
      `${softphone.trim()}; formats page ${Math.round(formats.bytes / 1024)} KiB` +
        (formats.warnings.length > 0 ? `; warnings:\n${formats.warnings.join('')}` : '')
    )
    http = await serve(dir)
    browser = await launch()
    console.log(
      `${browserOk.ok ? browserOk.version : ''}: built, served and launched in ${Math.round(performance.now() - t0)} ms`
    )
  })

  afterAll(async () => {
    await browser?.close()
    await http?.close()
    await releaseServer() // when the softphone's own afterAll did not run
    if (dir !== '') rmSync(dir, { recursive: true, force: true })
  })

  const newPage = async (): Promise<Page> => {
    const page = await browser!.newPage({ viewport: { width: 1000, height: 800 } })
    page.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`))
    page.on('console', (m) => {
      consoleLines.push(`${new Date().toISOString()} ${m.type()}: ${m.text()}`)
      if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`)
    })
    return page
  }

  it('the softphone example type-checks with the DOM types only (no Node types)', async () => {
    await typecheck
  })

  // -----------------------------------------------------------------------------------
  // every format
  // -----------------------------------------------------------------------------------

  it("every registered format's decode, encode and samples, in Chromium as in Node", async () => {
    const inputs = corpusInputs()
    const options = { samples: SAMPLES, seed: SEED }
    const page = await newPage()
    await page.goto(`${http!.url}formats.html`)
    await page.waitForFunction(() => document.title === 'formats ready', undefined, { timeout: 10_000 })
    // Chromium works in its own process while Node does the same here
    await page.evaluate(([c, o]) => (window as unknown as FormatsPage).startCheck(c, o), [inputs, options] as const)
    const t0 = performance.now()
    const inNode = checkFormats(inputs, options)
    const nodeMs = performance.now() - t0
    await page.waitForFunction(() => (window as unknown as FormatsPage).formatCheck !== undefined, undefined, {
      timeout: 100_000,
      polling: 100
    })
    const done = await page.evaluate(() => (window as unknown as FormatsPage).formatCheck!)
    await page.close()
    if ('error' in done) throw new Error(`the check threw in Chromium: ${done.error}`)
    const inBrowser: ReadonlyArray<FormatReport> = done.reports
    const browserMs = done.ms

    console.log(
      [
        `formats in Chromium (${Math.round(browserMs)} ms; Node ${Math.round(nodeMs)} ms), ` +
          `${SAMPLES} samples each, seed ${SEED}:`,
        ...inBrowser.map(
          (r) =>
            `  ${r.format.padEnd(16)} samples ${r.roundTripped}/${r.samples} round-tripped, ${r.textStable} stable; ` +
            `corpus ${r.corpus}: ${r.corpusDecoded} decoded, ${r.corpusRoundTripped} round-tripped, ` +
            `${r.corpusRejected} rejected; ` +
            `digest ${r.digest}${r.failures.length > 0 ? `; FAILED: ${r.failures.join(' | ')}` : ''}`
        )
      ].join('\n')
    )
    expect(inBrowser.map((r) => r.format)).toEqual(Object.keys(registry))
    for (const r of inBrowser) {
      expect(r.failures, `${r.format} in Chromium`).toEqual([])
      expect(r.samples, r.format).toBe(SAMPLES)
      expect(r.roundTripped, r.format).toBe(SAMPLES)
      expect(r.textStable, r.format).toBe(SAMPLES)
      expect(r.corpus, r.format).toBe(inputs[r.format]?.length ?? 0)
      expect(r.corpusDecoded + r.corpusRejected, r.format).toBe(r.corpus)
    }
    // the same values, texts, canonical forms and errors as in Node
    expect(inBrowser).toEqual(inNode)
    expect(pageErrors).toEqual([])
  })

  // -----------------------------------------------------------------------------------
  // the softphone
  // -----------------------------------------------------------------------------------

  describe.skipIf(!server.ok)('the softphone example against Kamailio', () => {
    const srv = server as Server
    const { name, ua, aor, subs, close } = session(srv, 'softphone-sip-trace.txt')
    let buddyEtag: string | undefined
    let unpublish: (() => Promise<unknown>) | undefined

    afterAll(async () => {
      writeCapture(srv, 'softphone-console.txt', consoleLines.join('\n'))
      await unpublish?.().catch(() => undefined)
      await close()
    })

    it('registers over WebSocket, shows the buddy, publishes its presence and lists its watchers', async () => {
      const me = name('pat')
      const buddyName = name('sam')
      if (!(await listening(WS_PORT)))
        throw new Error(
          `nothing listens on the WebSocket port 127.0.0.1:${WS_PORT} (KAMAILIO_WS_PORT): ` +
            `a Kamailio started before WebSocket support? ` +
            `Stop it with test/interop/kamailio/stop.sh (same KAMAILIO_STATE) and run again.`
        )

      // 1. pres-rules: the buddy lets the page's user see him, and the page's user lets the buddy see her
      const xcap = new XcapClient({ root: srv.xcapRoot, timeoutMs: 5000 })
      for (const [owner, allowed] of [
        ['sam', 'pat'],
        ['pat', 'sam']
      ] as const) {
        const r = await xcap.put(userDocPath('pres-rules', aor(owner)), presRules([aor(allowed)]), {
          contentType: 'application/auth-policy+xml'
        })
        expect(r.status, `XCAP PUT pres-rules of ${owner}: ${r.status} ${r.body}`).toBe(200)
      }

      // 2. the buddy (a Node UA over UDP) publishes RPID activities and notes
      const buddy = await ua('sam')
      const buddyDoc = (
        basic: 'open' | 'closed',
        activities: Rpid.Activities,
        tupleNote: string,
        personNote?: string
      ): string =>
        Presence.document.encode(
          Presence.presence({
            entity: aor('sam'),
            tuples: [
              Presence.tuple({ id: 't-sam', basic, contact: aor('sam'), note: { lang: 'en', value: tupleNote } })
            ],
            persons: [
              Presence.person({
                id: 'p-sam',
                ext: { activities: [activities] },
                ...(personNote === undefined ? {} : { note: personNote })
              })
            ]
          })
        )
      const pub = await buddy.publish({
        event: 'presence',
        contentType: 'application/pidf+xml',
        body: buddyDoc(
          'open',
          Rpid.activities('meeting', { _tag: 'Other', value: 'whiteboarding' }),
          'In the design review until 15:00',
          'Ask me after the review'
        ),
        expires: 600
      })
      expect(pub.status, `PUBLISH: ${pub.status} ${pub.reason}`).toBe(200)
      buddyEtag = header(pub, 'sip-etag')
      expect(buddyEtag).toBeTruthy()
      unpublish = () => buddy.publish({ event: 'presence', expires: 0, sipIfMatch: buddyEtag!, timeoutMs: 2000 })

      // 3. the page connects: REGISTER, SUBSCRIBE presence (the buddy), SUBSCRIBE presence.winfo (itself)
      const page = await newPage()
      const query = new URLSearchParams({
        ws: `ws://127.0.0.1:${WS_PORT}`,
        user: me,
        buddy: buddyName,
        domain: srv.domain
      })
      // BROWSER_TRACE=1: SIP.js's own log and SIP trace, in captures/softphone-console.txt
      if (process.env.BROWSER_TRACE === '1') query.set('trace', '1')
      const url = `${http!.url}softphone/index.html?${query.toString()}`
      await page.goto(url)
      await page.click('#connect')
      const shown: Record<string, unknown> = {}
      shown['connection'] = await waitText(page, '#conn-state', /^connected to ws:/)
      shown['registration'] = await waitText(page, '#reg-state', /^registered$/)
      shown['buddy subscription'] = await waitText(page, '#buddy-state', /^active$/)
      shown['buddy status'] = await waitText(page, '#buddy-basic', /^open$/)
      await waitText(page, '#buddy-activities', /whiteboarding/)
      shown['buddy activities'] = await listItems(page, '#buddy-activities')
      shown['buddy notes'] = await listItems(page, '#buddy-notes')
      expect(shown['buddy activities']).toEqual(['meeting', 'whiteboarding'])
      expect(shown['buddy notes']).toEqual(['In the design review until 15:00 [en]', 'Ask me after the review'])

      // 4. the buddy changes his presence (a modify of the same publication): the page follows
      const pub2 = await buddy.publish({
        event: 'presence',
        contentType: 'application/pidf+xml',
        body: buddyDoc('closed', Rpid.activities('away'), 'Gone for lunch, back at 14:00'),
        expires: 600,
        sipIfMatch: buddyEtag!
      })
      expect(pub2.status, `PUBLISH (modify): ${pub2.status} ${pub2.reason}`).toBe(200)
      buddyEtag = header(pub2, 'sip-etag') ?? buddyEtag
      shown['buddy status, updated'] = await waitText(page, '#buddy-basic', /^closed$/)
      await waitText(page, '#buddy-notes', /Gone for lunch/)
      shown['buddy activities, updated'] = await listItems(page, '#buddy-activities')
      shown['buddy notes, updated'] = await listItems(page, '#buddy-notes')
      expect(shown['buddy activities, updated']).toEqual(['away'])
      expect(shown['buddy notes, updated']).toEqual(['Gone for lunch, back at 14:00 [en]'])

      // 5. the page publishes what we type into its form
      await page.selectOption('#my-basic', 'open')
      await page.selectOption('#my-activity', 'on-the-phone')
      await page.fill('#my-note', 'Talking to a customer')
      await page.click('#publish')
      shown['publication'] = await waitText(page, '#publish-state', /^published as /)
      expect(shown['publication']).toBe(`published as ${aor('pat')}`)
      const published = Presence.document.decode(await page.locator('#my-pidf').innerText())
      if (E.isLeft(published)) throw new Error(`the page's PIDF does not decode: ${report(published.left).join('; ')}`)

      // 6. the buddy watches the page's user (authorised) and receives what the page published
      const watch = await buddy.subscribe({
        target: me,
        event: 'presence',
        accept: 'application/pidf+xml',
        expires: 300
      })
      subs.push(watch)
      const isPats = (n: Notify): boolean =>
        (n.contentType ?? '').startsWith('application/pidf+xml') && n.body.includes('Talking to a customer')
      const notify = await watch.waitFor(isPats, 8000, "NOTIFY with the page's presence")
      writeCapture(
        srv,
        'softphone-published-notify.txt',
        `Subscription-State: ${header(notify.message, 'subscription-state') ?? ''}\n\n${notify.body}`
      )
      expect(notify.state).toBe('active')
      const received = Presence.document.decode(notify.body)
      if (E.isLeft(received))
        throw new Error(`the NOTIFY body does not decode: ${report(received.left).join('; ')}\n${notify.body}`)
      expect(received.right).toEqual(published.right)
      expect(received.right.entity).toBe(aor('pat'))
      expect(received.right.tuples.map((t) => [t.status.basic, t.notes.map((n) => n.value)])).toEqual([
        ['open', ['Talking to a customer']]
      ])
      expect(received.right.ext.persons.flatMap((p) => p.ext.activities ?? []).map((a) => a.values)).toEqual([
        ['on-the-phone']
      ])

      // 7. a stranger (no rule) watches too: pending
      const stranger = await ua('stranger')
      const strangerSub = await stranger.subscribe({
        target: me,
        event: 'presence',
        accept: 'application/pidf+xml',
        expires: 300
      })
      subs.push(strangerSub)
      await strangerSub.waitFor((n) => n.state === 'pending', 5000, 'pending NOTIFY for the stranger')

      // 8. the page lists its watchers from presence.winfo
      await page
        .waitForSelector(`#watchers > li[data-uri="${aor('stranger')}"][data-status="pending"]`, { timeout: 10_000 })
        .catch(async () => {
          throw new Error(
            `the stranger is not listed as pending: ${JSON.stringify(await listItems(page, '#watchers'))}\n` +
              (await text(page, '#log'))
          )
        })
      await page.waitForSelector(`#watchers > li[data-uri="${aor('sam')}"][data-status="active"]`, { timeout: 10_000 })
      shown['watchers'] = await listItems(page, '#watchers')
      expect(shown['watchers']).toEqual([`${aor('stranger')}: pending`, `${aor('sam')}: active`])
      shown['watcherinfo state'] = await text(page, '#winfo-state')
      expect(await text(page, '#error')).toBe('')
      expect(await text(page, '#buddy-error')).toBe('')

      // what the page showed, for the record
      const captures = join(srv.stateDir, 'captures')
      mkdirSync(captures, { recursive: true })
      await page.screenshot({ path: join(captures, 'softphone.png'), fullPage: true })
      writeCapture(srv, 'softphone-page.txt', await page.locator('body').innerText())
      console.log(
        `the softphone showed:\n${JSON.stringify(shown, null, 2)}\n(screenshot: ${join(captures, 'softphone.png')})`
      )

      // 9. disconnect: SIP.js unsubscribes, unpublishes and unregisters
      await page.click('#disconnect')
      await waitText(page, '#conn-state', /^disconnected$/)
      shown['registration, after disconnect'] = await waitText(page, '#reg-state', /^(unregistered|terminated)$/)
      await page.close()
      expect(pageErrors).toEqual([])
    })
  })
})
