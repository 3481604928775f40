/**
 * Where an address book keeps its journal and its copies of the documents between runs: a small key-value interface
 * of strings, an in-memory store (the default), and a JSON file store for Node that takes the file system functions it
 * uses as a parameter (`node:fs/promises` fits), so that this module stays free of Node imports. The file is written
 * to a temporary file first and renamed over the old one, with mode 0600, as the reference writes its cache.
 *
 * @example
 * import * as Storage from 'sip-simple-payloads/addressbook/Storage'
 * const store = Storage.memory()
 * await store.write('journal', '[]')
 * await store.read('journal') // '[]'
 *
 * @since 0.2.0
 */
import * as Read from '../codec/Read.js'
import * as Documents from './Documents.js'
import * as Operations from './Operations.js'
import type { Restored } from './Sync.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A key-value store of strings. Its promises may reject; the runner reports that and goes on.
 *
 * @category model
 * @since 0.2.0
 */
export interface Storage {
  readonly read: (key: string) => Promise<string | undefined>
  readonly write: (key: string, value: string) => Promise<void>
  readonly remove: (key: string) => Promise<void>
}

/**
 * The file system functions the JSON file store uses (those of `node:fs/promises`).
 *
 * @category model
 * @since 0.2.0
 */
export interface FileSystem {
  readonly readFile: (path: string, encoding: 'utf8') => Promise<string>
  readonly writeFile: (path: string, data: string, options: { readonly mode: number }) => Promise<void>
  readonly rename: (from: string, to: string) => Promise<void>
}

/**
 * The key of the journal.
 *
 * @category model
 * @since 0.2.0
 */
export const JOURNAL = 'journal'

/**
 * The key of a document's copy.
 *
 * @category model
 * @since 0.2.0
 */
export const documentKey = (name: Documents.Name): string => `document:${name}`

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * An in-memory store; `entries()` shows what it holds.
 *
 * @category constructors
 * @since 0.2.0
 */
export const memory = (initial: Readonly<Record<string, string>> = {}): Storage & { readonly entries: () => ReadonlyMap<string, string> } => {
  const m = new Map<string, string>(Object.entries(Read.record(initial)).filter((e): e is [string, string] => typeof e[1] === 'string'))
  return {
    read: async (k) => m.get(k),
    write: async (k, v) => {
      m.set(k, v)
    },
    remove: async (k) => {
      m.delete(k)
    },
    entries: () => new Map(m)
  }
}

/**
 * A store in one JSON file (an object of keys to strings), read once and written whole on every change, one write at
 * a time, through a temporary file renamed over it (mode 0600). A file that is missing or does not parse counts as
 * empty.
 *
 * @example
 * import * as Storage from 'sip-simple-payloads/addressbook/Storage'
 * const fs = await import('node:fs/promises')
 * const { tmpdir } = await import('node:os')
 * const dir = await fs.mkdtemp(`${tmpdir()}/ab-`)
 * const store = Storage.jsonFile(`${dir}/alice.json`, fs)
 * await store.write('journal', '[]')
 * await fs.rm(dir, { recursive: true })
 *
 * @category constructors
 * @since 0.2.0
 */
export const jsonFile = (path: string, fs: FileSystem): Storage => {
  let data: Promise<Map<string, string>> | undefined
  let chain: Promise<void> = Promise.resolve()
  let n = 0
  const load = (): Promise<Map<string, string>> => {
    data ??= fs.readFile(path, 'utf8').then(
      (text) => {
        try {
          const u: unknown = JSON.parse(text)
          return new Map(Object.entries(Read.record(u)).filter((e): e is [string, string] => typeof e[1] === 'string'))
        } catch {
          return new Map<string, string>()
        }
      },
      () => new Map<string, string>()
    )
    return data
  }
  const save = (change: (m: Map<string, string>) => void): Promise<void> => {
    const next = chain.then(async () => {
      const m = await load()
      change(m)
      const tmp = `${path}.${++n}.tmp`
      await fs.writeFile(tmp, JSON.stringify(Object.fromEntries(m)), { mode: 0o600 })
      await fs.rename(tmp, path)
    })
    chain = next.catch(() => undefined)
    return next
  }
  return {
    read: async (k) => (await load()).get(k),
    write: (k, v) => save((m) => m.set(k, v)),
    remove: (k) => save((m) => m.delete(k))
  }
}

// -------------------------------------------------------------------------------------
// loading
// -------------------------------------------------------------------------------------

/**
 * What a store holds of an address book, for `Sync`'s `Start` event: the journal (entries that do not read back are
 * dropped and reported) and the copies of the documents. A store that fails to read counts as empty, with the reason.
 *
 * @category loading
 * @since 0.2.0
 */
export const load = async (storage: Storage): Promise<{ readonly restored: Restored; readonly problems: ReadonlyArray<string> }> => {
  const problems: Array<string> = []
  const get = async (k: string): Promise<string | undefined> => {
    try {
      return await storage.read(k)
    } catch (e) {
      problems.push(`${k}: ${e instanceof Error ? e.message : String(e)}`)
      return undefined
    }
  }
  const j = await get(JOURNAL)
  const journal = j === undefined ? { journal: [], problems: [] } : Operations.decodeJournal(j)
  problems.push(...journal.problems.map((p) => `${JOURNAL}${p.startsWith('[') ? '' : ': '}${p}`))
  const documents: Record<string, { readonly etag?: string; readonly text: string }> = {}
  for (const n of Documents.NAMES) {
    const t = await get(documentKey(n))
    if (t === undefined) continue
    try {
      const u = Read.record(JSON.parse(t))
      if (typeof u.text === 'string') documents[n] = { ...(typeof u.etag === 'string' ? { etag: u.etag } : {}), text: u.text }
      else problems.push(`${documentKey(n)}: expected { etag, text }`)
    } catch {
      problems.push(`${documentKey(n)}: expected JSON`)
    }
  }
  return { restored: { journal: journal.journal, documents }, problems }
}

/**
 * The text a store keeps for a document's copy.
 *
 * @category loading
 * @since 0.2.0
 */
export const documentRecord = (etag: string | undefined, text: string): string => JSON.stringify(etag === undefined ? { text } : { etag, text })
