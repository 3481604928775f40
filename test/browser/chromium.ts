/**
 * What the Chromium tests need around the browser: Debian's Chromium (never a downloaded one), driven by
 * playwright-core; pages bundled with esbuild for the browser platform; a static HTTP server on 127.0.0.1.
 *
 * - `requireChromium()`: the browser, or a Skip outside CI with a loud warning (with CI=true a missing browser throws).
 *   `bash test/browser/chromium.sh` installs it (root, apt); the test command (scripts/test.mjs) runs it first.
 * - `launch()`: headless Chromium from `/usr/bin/chromium` (or `$CHROMIUM_BIN`).
 * - `bundle()`: one entry to one IIFE script, failing on anything a browser cannot load.
 * - `serve(dir)`: the files of a folder on http://127.0.0.1:<free port>/.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import * as esbuild from 'esbuild'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium'

export type Availability =
  { readonly ok: true; readonly version: string } | { readonly ok: false; readonly reason: string }

/** Whether Chromium is there; with CI=true its absence throws. */
export const requireChromium = (): Availability => {
  let why: string
  if (existsSync(CHROMIUM)) {
    try {
      return {
        ok: true,
        version: execFileSync(CHROMIUM, ['--version'], {
          encoding: 'utf8',
          timeout: 20_000,
          stdio: ['ignore', 'pipe', 'ignore']
        }).trim()
      }
    } catch (e) {
      why = `${CHROMIUM} --version failed: ${e instanceof Error ? e.message : String(e)}`
    }
  } else why = `${CHROMIUM} is missing (Debian package chromium; bash test/browser/chromium.sh installs it as root)`
  const msg = `Chromium is not available: ${why}`
  if (process.env.CI === 'true') throw new Error(msg)
  const reason = `${msg}\n=> the Chromium tests are SKIPPED (they would fail with CI=true).`
  console.warn(`\n${'!'.repeat(78)}\n${reason}\n${'!'.repeat(78)}\n`)
  return { ok: false, reason }
}

/** Headless Debian Chromium; the flags keep it off the (closed) network and work as root. */
export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage'
    ]
  })

/** Bundles a browser entry into one IIFE script; resolves to the output's size and the build's warnings. */
export const bundle = async (
  entry: string,
  outfile: string
): Promise<{ readonly bytes: number; readonly warnings: ReadonlyArray<string> }> => {
  const r = await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    sourcemap: 'inline',
    metafile: true,
    logLevel: 'silent'
  })
  const warnings = await esbuild.formatMessages(r.warnings, { kind: 'warning', color: false })
  return { bytes: Object.values(r.metafile.outputs).reduce((n, o) => n + o.bytes, 0), warnings }
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json'
}

/** Serves the files of `dir` (GET only) on 127.0.0.1; `close()` stops it. */
export const serve = async (dir: string): Promise<{ readonly url: string; readonly close: () => Promise<void> }> => {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      ''
    )
    const file = join(dir, path === '/' ? 'index.html' : path)
    if (req.method !== 'GET' || !file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store'
    })
    res.end(readFileSync(file))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      })
  }
}
