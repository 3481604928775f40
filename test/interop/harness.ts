/**
 * Starts/stops the Kamailio interop server (kamailio/start.sh, kamailio/stop.sh)
 * for vitest, and tells tests whether it is there.
 *
 * - `startKamailio()` runs start.sh (idempotent, bounded by a timeout) and
 *   resolves with the server's addresses, or with a Skip when it cannot start
 *   outside CI (loud console.warn). With CI=true a failure throws.
 * - `stopKamailio()` runs stop.sh, but only if this process started the server
 *   (a server started beforehand by the test command is left alone) unless
 *   `force` is given.
 * - `requireServer()` is for test files: uses the server provided by the
 *   globalSetup (test/interop/global-setup.ts) if any, else starts it itself;
 *   in the latter case, call `releaseServer()` in afterAll.
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SipUa, type Subscription } from './sip.js'

const HERE = dirname(fileURLToPath(import.meta.url))
export const START_SCRIPT = join(HERE, 'kamailio', 'start.sh')
export const STOP_SCRIPT = join(HERE, 'kamailio', 'stop.sh')

export interface Server {
  readonly ok: true
  readonly host: string
  readonly sipPort: number
  readonly xcapPort: number
  /** http://host:xcapPort/xcap-root */
  readonly xcapRoot: string
  /** SIP domain served (AORs are sip:<user>@<domain>) */
  readonly domain: string
  /** state dir: db, log, pid file, captures/ */
  readonly stateDir: string
  /** whether this process started it (and so stops it) */
  readonly startedHere: boolean
}

export interface Skip {
  readonly ok: false
  readonly reason: string
}

const DEFAULT_STATE = '/tmp/sip-simple-payloads-kamailio'

const scriptEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  KAMAILIO_STATE: process.env.KAMAILIO_STATE ?? DEFAULT_STATE,
  KAMAILIO_SIP_PORT: process.env.KAMAILIO_SIP_PORT ?? '25060',
  KAMAILIO_XCAP_PORT: process.env.KAMAILIO_XCAP_PORT ?? '25080'
})

interface ScriptResult {
  readonly code: number | null
  readonly output: string
}

const run = (script: string, timeoutMs: number): Promise<ScriptResult> =>
  new Promise((resolve) => {
    execFile('bash', [script], { env: scriptEnv(), timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 << 20 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : null
      const why = err !== null && code === null ? `\n(${err.message}${(err as { killed?: boolean }).killed === true ? `, killed after ${timeoutMs} ms` : ''})` : ''
      resolve({ code, output: `${stdout}${stderr}${why}` })
    })
  })

const field = (out: string, name: string): string | undefined => new RegExp(`^${name}=(.*)$`, 'm').exec(out)?.[1]?.trim()

let started: Server | undefined

/**
 * Runs start.sh. Install time (apt-get) counts against the timeout
 * (KAMAILIO_START_SCRIPT_TIMEOUT ms, default 300000; about 1 s when installed).
 */
export const startKamailio = async (): Promise<Server | Skip> => {
  const timeoutMs = Number(process.env.KAMAILIO_START_SCRIPT_TIMEOUT ?? 300_000)
  const r = await run(START_SCRIPT, timeoutMs)
  const status = field(r.output, 'KAMAILIO_STATUS')
  if (r.code !== 0 || status === undefined) {
    const msg = `Kamailio interop server could not be started (bash ${START_SCRIPT} exited ${r.code ?? 'by timeout/signal'}):\n${r.output.trim()}`
    if (process.env.CI === 'true') throw new Error(msg)
    const reason = `${msg}\n=> Kamailio interop tests are SKIPPED (they would fail with CI=true).`
    console.warn(`\n${'!'.repeat(78)}\n${reason}\n${'!'.repeat(78)}\n`)
    return { ok: false, reason }
  }
  const stateDir = field(r.output, 'KAMAILIO_STATE') ?? DEFAULT_STATE
  const xcapPort = Number(field(r.output, 'KAMAILIO_XCAP_PORT'))
  const server: Server = {
    ok: true,
    host: '127.0.0.1',
    sipPort: Number(field(r.output, 'KAMAILIO_SIP_PORT')),
    xcapPort,
    xcapRoot: `http://127.0.0.1:${xcapPort}/xcap-root`,
    domain: 'example.com',
    stateDir,
    startedHere: status === 'started'
  }
  if (server.startedHere) started = server
  return server
}

/** Runs stop.sh if this process started the server (or `force`). Throws if stop.sh fails. */
export const stopKamailio = async (force = false): Promise<void> => {
  if (started === undefined && !force) return
  started = undefined
  const r = await run(STOP_SCRIPT, 30_000)
  if (r.code !== 0) throw new Error(`bash ${STOP_SCRIPT} failed:\n${r.output}`)
}

// ---- for test files -------------------------------------------------------

declare module 'vitest' {
  export interface ProvidedContext {
    kamailio: Server | Skip | undefined
  }
}

let local: Promise<Server | Skip> | undefined

/**
 * The server for a test file: the one from the globalSetup when provided,
 * otherwise started here (call `releaseServer()` in afterAll).
 * Use with top-level await and `describe.skipIf(!server.ok)`.
 */
export const requireServer = async (): Promise<Server | Skip> => {
  let provided: Server | Skip | undefined
  try {
    const { inject } = await import('vitest')
    provided = inject('kamailio')
  } catch {
    provided = undefined
  }
  if (provided !== undefined) return provided
  local ??= startKamailio()
  return local
}

/** Stops the server if `requireServer()` started it in this worker. */
export const releaseServer = async (): Promise<void> => {
  if (local === undefined) return
  local = undefined
  await stopKamailio()
}

/** Writes a debugging capture under <stateDir>/captures/<name>; never throws. */
export const writeCapture = (server: Server, name: string, content: string): string | undefined => {
  try {
    const dir = join(server.stateDir, 'captures')
    mkdirSync(dir, { recursive: true })
    const file = join(dir, name)
    writeFileSync(file, content)
    return file
  } catch {
    return undefined
  }
}

/**
 * The user agents and subscriptions of one test file against the server: `ua(user)` opens a user agent, `subs`
 * collects subscriptions, and `close()` ends them all, writes the SIP trace to `traceFile` and releases the server.
 */
export interface Session {
  /** The user name on the server: `user` with a suffix of this session, so that runs do not see each other's state. */
  readonly name: (user: string) => string
  readonly ua: (user: string) => Promise<SipUa>
  readonly aor: (user: string) => string
  readonly subs: Array<Subscription>
  readonly close: () => Promise<void>
}

/** Opens a session against a started server. */
export const session = (srv: Server, traceFile: string): Session => {
  const uas: Array<SipUa> = []
  const subs: Array<Subscription> = []
  const run = randomBytes(3).toString('hex')
  const name = (user: string): string => `${user}-${run}`
  return {
    name,
    ua: async (user) => {
      const u = await SipUa.open({ user: name(user), serverHost: srv.host, serverPort: srv.sipPort, domain: srv.domain, timeoutMs: 5000 })
      uas.push(u)
      return u
    },
    aor: (user) => `sip:${name(user)}@${srv.domain}`,
    subs,
    close: async () => {
      await Promise.allSettled(subs.map((s) => s.unsubscribe(2000)))
      if (uas.length > 0) writeCapture(srv, traceFile, uas.flatMap((u) => [`##### ${u.aor}`, ...u.trace]).join('\n\n'))
      await Promise.all(uas.map((u) => u.close()))
      await releaseServer()
    }
  }
}
