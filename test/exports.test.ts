/**
 * Nothing dead: every export of src/ and laws/ is used by another module or by a test (or the README).
 */
import * as assert from 'node:assert'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const walk = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? (f === 'node_modules' || f === 'dist' ? [] : walk(p)) : [p]
  })
const sources = [...walk(join(root, 'src')), ...walk(join(root, 'laws'))].filter((f) => f.endsWith('.ts'))
const everything = [...sources, ...walk(join(root, 'test')), ...walk(join(root, 'examples')).filter((f) => !f.includes('node_modules'))]
  .filter((f) => /\.(ts|mjs|js|html)$/.test(f))
  .concat([join(root, 'README.md')])
const texts = new Map(everything.map((f) => [f, readFileSync(f, 'utf8')]))

/** The names a module exports itself (not re-exports of other modules, not namespace re-exports), and whether each is a type. */
const exportsOf = (file: string): Array<readonly [string, boolean]> => {
  const sf = ts.createSourceFile(file, texts.get(file) ?? readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const out: Array<readonly [string, boolean]> = []
  for (const st of sf.statements) {
    const mods = ts.canHaveModifiers(st) ? ts.getModifiers(st) : undefined
    const exported = mods?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) === true
    if (!exported) continue
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) out.push([d.name.getText(sf), false])
    else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && st.name !== undefined) out.push([st.name.text, false])
    else if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name !== undefined) out.push([st.name.text, true])
  }
  return out
}

describe('exports', () => {
  it('every export is used elsewhere or tested', () => {
    const dead: Array<string> = []
    for (const file of sources) {
      if (file.endsWith('index.ts')) continue
      const own = texts.get(file) ?? ''
      for (const [name, isType] of exportsOf(file)) {
        const re = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g')
        // a type is used when another module names it, or when it is part of its own module's signatures; a value
        // must be used by another module or by a test
        const used =
          [...texts].some(([f, t]) => f !== file && new RegExp(re.source).test(t)) || (isType && (own.match(re)?.length ?? 0) > 1)
        if (!used) dead.push(`${relative(root, file)}: ${name}`)
      }
    }
    assert.deepStrictEqual(dead, [])
  })
})
