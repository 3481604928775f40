#!/usr/bin/env node
// The test command (`npm test`): installs and starts what the tests need beyond npm, runs the whole suite, then
// stops exactly what it started.
//  - xmllint (Debian's libxml2-utils) for the XSD validity laws;
//  - a Kamailio presence server on 127.0.0.1 for the interop tests (test/interop/kamailio/start.sh);
//  - Debian's Chromium for the browser tests (test/browser/chromium.sh).
// Where something cannot be installed or started, the tests that need it say loudly that they were skipped; with
// CI=true they fail instead.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const ci = process.env.CI === 'true'
const root0 = new URL('..', import.meta.url).pathname

// type-check src, laws and test first: a type error anywhere (a broken expectTypeOf included) fails the run
{
  process.stdout.write('[test] tsc --noEmit -p tsconfig.json\n')
  const tc = spawnSync('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], { stdio: 'inherit', cwd: root0 })
  if (tc.status !== 0) {
    process.stdout.write('[test] type errors: failing before the tests run\n')
    process.exit(tc.status ?? 1)
  }
}
const root = new URL('..', import.meta.url).pathname
const log = (s) => process.stdout.write(`[test] ${s}\n`)
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0

let aptUpdated = false
const aptInstall = (...pkgs) => {
  if (!isRoot || !has('apt-get')) return false
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  if (!aptUpdated) {
    log('apt-get update')
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    aptUpdated = true
  }
  log(`apt-get install ${pkgs.join(' ')}`)
  return spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env }).status === 0
}

// xmllint
if (!has('xmllint')) aptInstall('libxml2-utils')
if (!has('xmllint')) log(`WARNING: xmllint is not available: the XSD validity laws will ${ci ? 'FAIL' : 'be SKIPPED'}`)

// Chromium
const chromium = spawnSync('bash', [`${root}test/browser/chromium.sh`], { stdio: 'inherit', timeout: 600_000 })
if (chromium.status !== 0) log(`WARNING: Chromium is not available: the browser tests will ${ci ? 'FAIL' : 'be SKIPPED'}`)

// Kamailio
const start = `${root}test/interop/kamailio/start.sh`
const stop = `${root}test/interop/kamailio/stop.sh`
let started = false
if (process.env.SKIP_INTEROP === '1' && !ci) {
  log('WARNING: SKIP_INTEROP=1: the interop tests will be SKIPPED')
} else if (existsSync(start)) {
  log('starting Kamailio')
  const r = spawnSync('bash', [start], { stdio: 'inherit', timeout: 300_000 })
  started = r.status === 0
  if (!started) log(`WARNING: Kamailio could not be started: the interop tests will ${ci ? 'FAIL' : 'be SKIPPED'}`)
}

const env = { ...process.env, ...(started ? { KAMAILIO_STARTED: '1' } : {}) }
const args = ['vitest', 'run', ...process.argv.slice(2)]
const r = spawnSync('npx', args, { stdio: 'inherit', env, cwd: root })

if (started) {
  log('stopping Kamailio')
  spawnSync('bash', [stop], { stdio: 'inherit', timeout: 60_000 })
}
process.exit(r.status ?? 1)
