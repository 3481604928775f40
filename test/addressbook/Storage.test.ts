import * as assert from 'node:assert'
import * as fs from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, it } from 'vitest'
import * as Operations from '../../src/addressbook/Operations.js'
import * as _ from '../../src/addressbook/Storage.js'
import { deepStrictEqual } from '../util.js'

const dirs: Array<string> = []
afterAll(async () => {
  await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })))
})
const tmp = async (): Promise<string> => {
  const d = await fs.mkdtemp(join(tmpdir(), 'ab-storage-'))
  dirs.push(d)
  return d
}

describe('Storage', () => {
  describe('memory', () => {
    it('reads what was written, forgets what was removed', async () => {
      const s = _.memory({ a: '1', bad: 2 as never })
      deepStrictEqual([await s.read('a'), await s.read('bad'), await s.read('b')], ['1', undefined, undefined])
      await s.write('b', '2')
      await s.remove('a')
      deepStrictEqual([...s.entries()], [['b', '2']])
    })
  })

  describe('jsonFile', () => {
    it('keeps everything in one JSON file, written through a temporary file, mode 0600', async () => {
      const file = join(await tmp(), 'alice.json')
      const s = _.jsonFile(file, fs)
      assert.strictEqual(await s.read('journal'), undefined)
      await Promise.all([s.write('journal', '[]'), s.write(_.documentKey('resource-lists'), 'x'), s.remove('nothing')])
      deepStrictEqual(JSON.parse(await fs.readFile(file, 'utf8')), { journal: '[]', 'document:resource-lists': 'x' })
      assert.strictEqual((await fs.stat(file)).mode & 0o777, 0o600)
      deepStrictEqual((await fs.readdir(join(file, '..'))).filter((f) => f.endsWith('.tmp')), [])
      const again = _.jsonFile(file, fs)
      assert.strictEqual(await again.read('document:resource-lists'), 'x')
    })
    it('counts a file that does not parse as empty', async () => {
      const file = join(await tmp(), 'broken.json')
      await fs.writeFile(file, '{"journal": ')
      const s = _.jsonFile(file, fs)
      assert.strictEqual(await s.read('journal'), undefined)
      await s.write('journal', '[]')
      deepStrictEqual(JSON.parse(await fs.readFile(file, 'utf8')), { journal: '[]' })
    })
    it('rejects a write that fails, and goes on with the next', async () => {
      const file = join(await tmp(), 'flaky.json')
      let fail = true
      const flaky: _.FileSystem = {
        readFile: fs.readFile,
        writeFile: (p, d, o) => fs.writeFile(p, d, o),
        rename: async (a, b) => {
          if (fail) {
            fail = false
            throw new Error('EIO')
          }
          await fs.rename(a, b)
        }
      }
      const s = _.jsonFile(file, flaky)
      await assert.rejects(s.write('a', '1'), /EIO/)
      await s.write('b', '2')
      deepStrictEqual(JSON.parse(await fs.readFile(file, 'utf8')), { a: '1', b: '2' })
    })
  })

  describe('load, documentRecord', () => {
    it('reads the journal and the copies, and says what it could not read', async () => {
      const s = _.memory({
        journal: Operations.encodeJournal([{ seq: 3, op: Operations.removeContact('bob') }]).replace(']', ',{"seq":4,"op":{"_tag":"Nope"}}]'),
        [_.documentKey('rls-services')]: _.documentRecord('e1', '<rls-services/>'),
        [_.documentKey('pres-rules')]: _.documentRecord(undefined, '<ruleset/>'),
        [_.documentKey('status-icon')]: 'not json',
        [_.documentKey('pidf-manipulation')]: '{"etag":"x"}'
      })
      deepStrictEqual(await _.load(s), {
        restored: {
          journal: [{ seq: 3, op: Operations.removeContact('bob') }],
          documents: { 'rls-services': { etag: 'e1', text: '<rls-services/>' }, 'pres-rules': { text: '<ruleset/>' } }
        },
        problems: ['journal[1]: expected an operation, got "Nope"', 'document:pidf-manipulation: expected { etag, text }', 'document:status-icon: expected JSON']
      })
    })
    it('counts a store that fails to read as empty', async () => {
      const broken: _.Storage = { read: () => Promise.reject(new Error('gone')), write: async () => undefined, remove: async () => undefined }
      const r = await _.load(broken)
      deepStrictEqual(r.restored, { journal: [], documents: {} })
      assert.strictEqual(r.problems.length, 7)
      deepStrictEqual(r.problems[0], 'journal: gone')
      assert.strictEqual(_.JOURNAL, 'journal')
    })
  })
})
