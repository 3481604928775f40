/**
 * Every `@example` block in the doc comments of src/ runs, and every TypeScript block of the README and the guides: package imports (`sip-simple-payloads/<subpath>`) are
 * mapped to the sources through package.json's `exports`, the block is written to a temporary module and imported.
 * Also checks that nothing in src/ but the CLI imports a Node built-in (the library must run in a browser).
 */
import * as assert from 'node:assert'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, it } from 'vitest'

const root = fileURLToPath(new URL('../', import.meta.url))
type Target = string | { readonly default?: string; readonly import?: Target }
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, Target> }
/** The ES module a subpath's `exports` entry names (under `import`, where it tells ES modules from CommonJS). */
const esm = (t: Target | undefined): string | undefined =>
  t === undefined || typeof t === 'string' ? t : t.import !== undefined ? esm(t.import) : t.default
const sources = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : []
  })
const files = sources(join(root, 'src'))

const subpathToSource = (sub: string): string | undefined => {
  const target = esm(pkg.exports[sub === '' ? '.' : `./${sub}`])
  if (target === undefined) return undefined
  return join(root, target.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'))
}

interface Example {
  readonly file: string
  readonly line: number
  readonly code: string
}

const examples: Array<Example> = []
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example\s*$/.test(lines[i])) continue
    const body: Array<string> = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const l = lines[j]
      if (/^\s*\*\s*@\w+/.test(l) || /^\s*\*\/\s*$/.test(l)) break
      body.push(l.replace(/^\s*\* ?/, ''))
    }
    examples.push({ file, line: i + 1, code: body.join('\n').trim() })
    i = j - 1
  }
}

// the TypeScript blocks of the README and of the guides
for (const file of [join(root, 'README.md'), ...readdirSync(join(root, 'guides')).filter((f) => f.endsWith('.md')).map((f) => join(root, 'guides', f))]) {
  const text = readFileSync(file, 'utf8')
  const re = /```ts\n([\s\S]*?)```/g
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) examples.push({ file, line: text.slice(0, m.index).split('\n').length, code: m[1] })
}

const tmp = join(root, 'test', '.examples-tmp')
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('doc examples', () => {
  it('there are examples to run', () => {
    assert.ok(examples.length > 0)
  })
  for (const ex of examples) {
    it(`${relative(root, ex.file)}:${ex.line}`, async () => {
      mkdirSync(tmp, { recursive: true })
      const code = ex.code.replace(/from '(sip-simple-payloads(?:\/([^']+))?)'/g, (m, _full, sub: string | undefined) => {
        const src = subpathToSource(sub ?? '')
        assert.ok(src !== undefined, `${m}: no such export in package.json`)
        return `from '${pathToFileURL(src).href}'`
      })
      const path = join(tmp, `ex-${examples.indexOf(ex)}.ts`)
      writeFileSync(path, code + '\nexport {}\n')
      await import(pathToFileURL(path).href)
    })
  }
})

describe('browser safety', () => {
  it('nothing in src/ but the CLI imports a Node built-in', () => {
    const offenders = files
      .filter((f) => !f.endsWith('cli.ts'))
      .filter((f) => /from '(node:[^']+|fs|path|os|child_process|url|stream|buffer|util|crypto)'/.test(readFileSync(f, 'utf8')) || /\bBuffer\.|\bprocess\.(env|argv|stdout)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f))
    assert.deepStrictEqual(offenders, [])
  })
})
