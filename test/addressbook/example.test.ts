/**
 * The address book example (examples/addressbook/addressbook.mjs) runs as written: its package imports are mapped to
 * the sources through package.json's `exports` (as test/doc-examples.test.ts does), then its `main` runs the demo of
 * two devices converging, and its commands against an XCAP server in memory.
 */
import * as assert from 'node:assert'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, it } from 'vitest'
import * as Runner from '../../src/addressbook/Runner.js'
import { deepStrictEqual } from '../util.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, { import?: { default: string }; default?: string } | string> }
const sourceOf = (sub: string): string => {
  const e = pkg.exports[`./${sub}`]
  const target = typeof e === 'string' ? e : (e?.import?.default ?? e?.default)
  assert.ok(typeof target === 'string', `sip-simple-payloads/${sub}: no such export in package.json`)
  return pathToFileURL(join(root, target.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'))).href
}

const tmp = join(root, 'test', '.addressbook-example-tmp')
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

type Main = (argv: ReadonlyArray<string>, io?: { fetch?: unknown; out?: (line: string) => void }) => Promise<number>

const load = async (): Promise<Main> => {
  const code = readFileSync(join(root, 'examples', 'addressbook', 'addressbook.mjs'), 'utf8').replace(/from 'sip-simple-payloads\/([^']+)'/g, (_m, sub: string) => `from '${sourceOf(sub)}'`)
  mkdirSync(tmp, { recursive: true })
  const file = join(tmp, 'addressbook.mjs')
  writeFileSync(file, code)
  return ((await import(pathToFileURL(file).href)) as { main: Main }).main
}

describe('examples/addressbook', () => {
  it('demo: two devices converge', async () => {
    const main = await load()
    const lines: Array<string> = []
    assert.strictEqual(await main(['demo'], { out: (l) => lines.push(l) }), 0)
    deepStrictEqual(lines[0], 'both devices in sync: 4 documents on the server')
    assert.match(lines[1], /^both added a contact at once \(\d write refused with 412, then replayed\)$/)
    const phone = lines.filter((l) => l.startsWith('phone: '))
    deepStrictEqual(phone.map((l) => l.slice(7)), lines.filter((l) => l.startsWith('laptop: ')).map((l) => l.slice(8)))
    deepStrictEqual(phone.filter((l) => l.includes('contact')).length, 2)
  })

  it('commands against a server: add, group, rename, default, list', async () => {
    const main = await load()
    const server = Runner.memoryServer({ root: 'https://xcap.example.com/xcap-root' })
    const run = async (...args: ReadonlyArray<string>): Promise<ReadonlyArray<string>> => {
      const lines: Array<string> = []
      const code = await main(['--root', 'https://xcap.example.com/xcap-root', '--xui', 'sip:alice@example.com', ...args], { fetch: server.fetch, out: (l) => lines.push(l) })
      assert.strictEqual(code, 0, lines.join('\n'))
      return lines
    }
    await run('add', 'Bob', 'sip:bob@example.com', '--allow', '--subscribe')
    const listed = await run('list')
    const id = /^contact (\S+): Bob <sip:bob@example\.com> presence allow, subscribed$/.exec(listed[0])?.[1]
    assert.ok(id !== undefined, listed.join('\n'))
    await run('group', 'Friends', id)
    await run('rename', id, 'Robert')
    const last = await run('default', 'block')
    deepStrictEqual(last.slice(-1), ['default presence policy: block, dialog: confirm'])
    assert.match(last[0], /: Robert </)
    assert.match(last[1], /^group \S+: Friends \[\S+\]$/)
    const usage: Array<string> = []
    assert.strictEqual(await main(['list'], { out: (l) => usage.push(l) }), 2)
    assert.match(usage[0], /^usage: /)
  })
})
