// Writes test/bench/docs/watcherinfo/watcherinfo-1k.xml: a full-state watcherinfo document (RFC 3858) with 1,000
// watchers in 5 watcher lists (about 150 KB). Deterministic: run `node test/bench/gen-watcherinfo-1k.mjs` to rebuild it.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const statuses = [
  ['active', 'approved'],
  ['active', 'approved'],
  ['active', 'subscribe'],
  ['active', 'approved'],
  ['pending', 'subscribe'],
  ['active', 'approved'],
  ['waiting', 'timeout'],
  ['active', 'approved'],
  ['pending', 'subscribe'],
  ['terminated', 'rejected']
]
const packages = ['presence', 'presence', 'message-summary', 'dialog', 'conference']
const names = ['Alice Example', 'Bob Müller', 'Carol Ng', 'Dave O\'Brien', 'Émile Zola', '山田 太郎', 'Fatima Al-Sayed']
const out = ['<?xml version="1.0" encoding="UTF-8"?>\n<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="42" state="full">\n']
let n = 0
for (let l = 0; l < 5; l++) {
  out.push(`  <watcher-list resource="sip:professor${l}@example.net" package="${packages[l]}">\n`)
  for (let i = 0; i < 200; i++, n++) {
    const [status, event] = statuses[n % statuses.length]
    const attrs = [`status="${status}"`, `event="${event}"`, `id="w${n}-${((n * 7919) % 10007).toString(36)}"`]
    if (n % 3 !== 0) attrs.push(`duration-subscribed="${(n * 37) % 86400}"`)
    if (n % 2 === 0) attrs.push(`expiration="${3600 - (n % 3600)}"`)
    if (n % 4 !== 3) attrs.push(`display-name="${names[n % names.length].replace(/'/g, '&apos;')} ${n}"`)
    if (n % 5 === 0) attrs.push(`xml:lang="${n % 2 === 0 ? 'de' : 'en'}"`)
    out.push(`    <watcher ${attrs.join(' ')}>sip:user${n}@${n % 2 === 0 ? 'example.org' : 'example.com'}</watcher>\n`)
  }
  if (l === 0) out.push('    <ex:policy xmlns:ex="urn:example:bench:winfo" source="admin">review weekly</ex:policy>\n')
  out.push('  </watcher-list>\n')
}
out.push('</watcherinfo>\n')
const file = fileURLToPath(new URL('./docs/watcherinfo/watcherinfo-1k.xml', import.meta.url))
writeFileSync(file, out.join(''))
console.log(`${file}: ${n} watchers, ${Buffer.byteLength(out.join(''))} bytes`)
