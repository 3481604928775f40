#!/usr/bin/env node
// Adds to package-lock.json the platform-specific optional packages of rollup that a registry without them leaves out
// (npm then writes no entry for them, and `npm ci` refuses the lock file as out of sync). Each added entry carries
// only its version and platform (os, cpu, libc), so `npm ci` skips it on every other platform without fetching it.
// Run after `npm install` has rewritten the lock file: node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs'

const path = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(path, 'utf8'))
const pk = lock.packages
let added = 0
for (const entry of Object.values({ ...pk })) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`
    if (key in pk) continue
    const m = /^@rollup\/rollup-([a-z0-9]+)-([a-z0-9]+)(?:-([a-z]+))?$/.exec(dep)
    if (m === null) throw new Error(`cannot infer the platform of ${dep}`)
    const [, os, cpu, abi] = m
    pk[key] = {
      version,
      cpu: [cpu],
      ...(entry.dev ? { dev: true } : {}),
      ...(abi === 'gnu' || abi === 'gnueabihf' ? { libc: ['glibc'] } : abi === 'musl' || abi === 'musleabihf' ? { libc: ['musl'] } : {}),
      license: 'MIT',
      optional: true,
      os: [os]
    }
    added++
  }
}
lock.packages = Object.fromEntries(Object.entries(pk).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)))
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n')
console.log(`added ${added} entries`)
