import * as assert from 'node:assert'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'vitest'
import { main } from '../src/cli.js'
import { formats } from '../src/formats/index.js'
import { corpus } from '../laws/Node.js'
import { requireOrSkip } from './util.js'

const run = async (...argv: Array<string>) => {
  let out = ''
  let err = ''
  const code = await main(
    argv,
    (s) => (out += s),
    (s) => (err += s)
  )
  return { code, out, err }
}
const example = fileURLToPath(new URL('./examples/iscomposing-idle.xml', import.meta.url))
const tmp = () => mkdtempSync(join(tmpdir(), 'cli-'))
const file = (name: string, text: string): string => {
  const p = join(tmp(), name)
  writeFileSync(p, text)
  return p
}

describe('cli', () => {
  it('formats: one line per format, id TAB content type', async () => {
    const r = await run('formats')
    assert.strictEqual(r.code, 0)
    assert.deepStrictEqual(
      r.out.trimEnd().split('\n'),
      formats.map((f) => `${f.id}\t${f.contentType}`)
    )
    assert.ok(r.out.includes('iscomposing\tapplication/im-iscomposing+xml\n'))
  })
  it('decode prints the value as JSON', async () => {
    const r = await run('decode', 'iscomposing', example)
    assert.strictEqual(r.code, 0, r.err)
    const v = JSON.parse(r.out)
    assert.strictEqual(v.state, 'idle')
    assert.strictEqual(v.lastactive, '2026-11-24T09:14:40Z')
    assert.strictEqual(v.other[0].name.local, 'typing-hint')
    assert.strictEqual(v.other[0].name.ns, 'urn:example:vendor')
  })
  it('encode takes the JSON decode printed, and roundtrip equals decode then encode', async () => {
    const d = await run('decode', 'iscomposing', example)
    const e = await run('encode', 'iscomposing', file('v.json', d.out))
    assert.strictEqual(e.code, 0, e.err)
    const rt = await run('roundtrip', 'iscomposing', example)
    assert.strictEqual(rt.out, e.out)
    assert.match(e.out, /<(\w+):typing-hint confidence="0.9">slow<\/\1:typing-hint>/)
    const again = await run('decode', 'iscomposing', file('a.xml', e.out))
    assert.deepStrictEqual(JSON.parse(again.out), JSON.parse(d.out))
  })
  it('decode, then encode of the JSON it printed, gives exactly the text encode gives, on every corpus document', async (ctx) => {
    const docs = corpus(fileURLToPath(new URL('../../shared/corpus', import.meta.url)))
    if (docs === undefined) return requireOrSkip(ctx, 'the shared corpus is not available')
    let n = 0
    for (const f of formats) {
      for (const d of docs(f.id) ?? []) {
        if (!d.file.endsWith('.' + f.fileExtension)) continue
        const v = f.decode(d.bytes)
        if (v._tag === 'Left') continue
        const path = file('in.' + f.fileExtension, new TextDecoder().decode(d.bytes))
        const dj = await run('decode', f.id, path)
        assert.strictEqual(dj.code, 0, `${d.file}: ${dj.err}`)
        const e = await run('encode', f.id, file('v.json', dj.out))
        assert.strictEqual(e.code, 0, `${d.file}: ${e.err}`)
        assert.strictEqual(e.out, f.encode(v.right) + (f.encode(v.right).endsWith('\n') ? '' : '\n'), d.file)
        // and a structured clone of the value encodes to the same text too (nothing is kept on the side)
        assert.strictEqual(f.encode(structuredClone(v.right)), f.encode(v.right), d.file)
        n++
      }
    }
    assert.ok(n > 40, `only ${n} documents`)
  })
  it('encode refuses a value whose names would inject markup', async () => {
    const d = await run('decode', 'iscomposing', example)
    const v = JSON.parse(d.out)
    v.other[0].name.local = 'e/><state>active</state><x:e'
    const e = await run('encode', 'iscomposing', file('v.json', JSON.stringify(v)))
    assert.strictEqual(e.code, 1)
    assert.strictEqual(e.out, '')
    assert.match(e.err, /expected a iscomposing value in its JSON form|expected/)
  })
  it('keeps integers beyond 2^53 exact through decode and encode', async () => {
    const doc = `<watcherinfo xmlns="urn:ietf:params:xml:ns:watcherinfo" version="18446744073709551615" state="full"><watcher-list resource="sip:a@b" package="presence"><watcher id="w" status="active" event="approved" expiration="9007199254740993">sip:w@b</watcher></watcher-list></watcherinfo>`
    const d = await run('decode', 'watcherinfo', file('w.xml', doc))
    assert.strictEqual(d.code, 0, d.err)
    assert.match(d.out, /"version": 18446744073709551615,/)
    const e = await run('encode', 'watcherinfo', file('w.json', d.out))
    assert.strictEqual(e.code, 0, e.err)
    assert.match(e.out, /version="18446744073709551615"/)
    assert.match(e.out, /expiration="9007199254740993"/)
  })
  it('canonical is prefix-independent', async () => {
    const a = await run('canonical', example)
    const b = await run(
      'canonical',
      file(
        'b.xml',
        readFileSync(example, 'utf8').replace(/ic:/g, 'x:').replace('xmlns:ic=', 'xmlns:x=')
      )
    )
    assert.strictEqual(a.code, 0)
    assert.strictEqual(a.out, b.out)
  })
  it('invalid input: exit 1, rendered errors on stderr one per line', async () => {
    const r = await run(
      'decode',
      'iscomposing',
      file('bad.xml', '<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"><state>active</state><refresh>0</refresh><refresh>x</refresh></isComposing>')
    )
    assert.strictEqual(r.code, 1)
    assert.strictEqual(r.out, '')
    assert.strictEqual(
      r.err,
      '/isComposing/refresh[2]: expected at most one <{urn:ietf:params:xml:ns:im-iscomposing}refresh>, got another\n'
    )
    const nwf = await run('decode', 'iscomposing', file('nwf.xml', '<isComposing>'))
    assert.strictEqual(nwf.code, 1)
    assert.match(nwf.err, /^line 1, column \d+: not well-formed XML: .*\n$/)
    const json = await run('encode', 'iscomposing', file('bad.json', '{"state": 3}'))
    assert.strictEqual(json.code, 1)
    assert.ok(json.err.length > 0)
  })
  it('--lenient reports what it dropped on stderr', async () => {
    const r = await run(
      'decode',
      'iscomposing',
      file('l.xml', '<isComposing xmlns="urn:ietf:params:xml:ns:im-iscomposing"><state>active</state><bogus/></isComposing>'),
      '--lenient'
    )
    assert.strictEqual(r.code, 0)
    assert.strictEqual(JSON.parse(r.out).state, 'active')
    assert.strictEqual(r.err, '/isComposing/bogus[1]: dropped: unexpected element <{urn:ietf:params:xml:ns:im-iscomposing}bogus>\n')
  })
  it('usage errors: exit 2 with the usage text', async () => {
    for (const argv of [[], ['nope'], ['decode'], ['decode', 'no-such-format'], ['decode', 'iscomposing', '--bogus'], ['formats', 'x']]) {
      const r = await run(...argv)
      assert.strictEqual(r.code, 2, argv.join(' '))
      assert.match(r.err, /usage:/)
    }
  })
  it('sample: valid documents, reproducible by seed, files with --count', async () => {
    const a = await run('sample', 'iscomposing', '--seed', '42')
    const b = await run('sample', 'iscomposing', '--seed', '42')
    assert.strictEqual(a.code, 0, a.err)
    assert.strictEqual(a.out, b.out)
    const dir = tmp()
    const r = await run('sample', 'iscomposing', '--seed', '7', '--count', '5', '--out', dir)
    assert.strictEqual(r.code, 0, r.err)
    assert.deepStrictEqual(readdirSync(dir).sort(), [1, 2, 3, 4, 5].map((n) => `iscomposing-${n}.xml`).sort())
    for (const f of readdirSync(dir)) assert.strictEqual((await run('decode', 'iscomposing', join(dir, f))).code, 0)
  })
  it('the built binary works end to end', (ctx) => {
    const bin = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url))
    if (!existsSync(bin)) {
      if (process.env.CI === 'true') assert.fail('dist/src/cli.js is missing: npm ci builds it')
      ctx.skip()
    }
    const r = spawnSync('node', [bin, 'decode', 'iscomposing', '-'], { input: readFileSync(example) })
    assert.strictEqual(r.status, 0, String(r.stderr))
    assert.strictEqual(JSON.parse(String(r.stdout)).state, 'idle')
    const u = spawnSync('node', [bin, 'decode'])
    assert.strictEqual(u.status, 2)
    assert.match(String(u.stderr), /usage:/)
    assert.doesNotMatch(String(u.stderr), /at .*\.js:\d+/)
  })
})
