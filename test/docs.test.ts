/**
 * `npm run docs` builds the site (TypeDoc, typedoc.config.mjs): one page per import path of package.json's `exports`,
 * titled by it, with the module's overview on top; no page named after a source path; a page per guide.
 */
import * as assert from 'node:assert'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  readonly name: string
  readonly exports: Record<string, string | { readonly import: { readonly default: string } }>
}
const out = mkdtempSync(join(tmpdir(), 'sip-simple-payloads-docs-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

const typedoc = (): Promise<{ status: number | null; output: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', out], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += String(d)))
    child.stderr.on('data', (d: Buffer) => (output += String(d)))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, output }))
  })

/** A page's title and its text without markup. */
const page = (file: string): { title: string; text: string } => {
  const html = readFileSync(file, 'utf8')
  const title = (/<title>(.*?)<\/title>/s.exec(html)?.[1] ?? '').replace(/ \| .*$/, '')
  const text = html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
  return { title, text }
}

describe('docs', () => {
  it('npm run docs: a page per import path with its overview, no source paths, the guides', async () => {
    const r = await typedoc()
    assert.strictEqual(r.status, 0, r.output)
    const modules = join(out, 'modules')
    assert.ok(existsSync(modules), r.output)
    const pages = new Map(readdirSync(modules).map((f) => [f, page(join(modules, f))]))
    const titles = new Map([...pages.values()].map((p) => [p.title, p.text]))
    // every format (and every other import path) has its page, titled by its import path, with the overview of its
    // file's header comment (the spec, the namespace, the content type) at the top
    const missing: Array<string> = []
    for (const [sub, entry] of Object.entries(pkg.exports)) {
      if (typeof entry === 'string') continue
      const path = sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`
      const text = titles.get(path)
      if (text === undefined) {
        missing.push(`${path}: no page`)
        continue
      }
      const source = join(root, entry.import.default.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'))
      const header = /^\s*\/\*\*([\s\S]*?)\*\//.exec(readFileSync(source, 'utf8'))?.[1] ?? ''
      const first = header
        .split('\n')
        .map((l) => l.replace(/^\s*\* ?/, ''))
        .join(' ')
        .replace(/\{@link\s+([^}\s|]+)[^}]*\}/g, '$1')
        .replace(/`/g, '')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 40)
      // compared on letters and digits: code spans are set apart by spaces on the page
      const bare = (t: string): string => t.replace(/[^\p{L}\p{N}]/gu, '')
      const top = text.slice(text.indexOf(`Module ${path}`), text.indexOf(`Module ${path}`) + 800)
      if (first !== '' && !bare(top).includes(bare(first))) missing.push(`${path}: the overview ("${first}…") is not at the top`)
    }
    assert.deepStrictEqual(missing, [])
    // pages are named by import paths (or a namespace the package exports under one), never by source paths
    // (a namespace's page is titled by its name, `C`, and filed under its module: sip-simple-payloads_codec.C.html)
    const aliases = [...pages]
      .filter(([file, p]) => !file.startsWith(pkg.name) || /\b(src|dist|laws\/formats)\b|(^|\/)formats\//.test(p.title))
      .map(([file, p]) => `${file}: ${p.title}`)
    assert.deepStrictEqual(aliases, [])
    const formatPages = [...titles.keys()].filter((t) => /^sip-simple-payloads\/(Presence|Pidf|IsComposing|Watcherinfo)$/.test(t))
    assert.strictEqual(formatPages.length, 4)
    // the guides
    const guides = readdirSync(join(root, 'guides')).filter((f) => f.endsWith('.md'))
    const docTitles = readdirSync(join(out, 'documents')).map((f) => page(join(out, 'documents', f)).title)
    for (const g of guides) {
      const title = /^title: (.*)$/m.exec(readFileSync(join(root, 'guides', g), 'utf8'))?.[1]
      assert.ok(title !== undefined && docTitles.includes(title), `${g}: ${title} not in ${docTitles.join(', ')}`)
    }
    assert.ok(guides.length >= 5)
  })
})
