#!/usr/bin/env node
// How the library imports fp-ts and monocle-ts, and a codemod that keeps it so.
//
// Value imports go through the package's own subpath imports (`imports` in package.json):
//
//   import * as E from '#fp-ts/Either'          // not 'fp-ts/lib/Either.js', 'fp-ts/Either' or 'fp-ts'
//   import * as L from '#monocle-ts/Lens'
//
// `#fp-ts/X` is `fp-ts/lib/X.js` (CommonJS) under the `node` condition and where no condition matches, and
// `fp-ts/es6/X.js` (ES modules) under `module`, the condition bundlers set. So Node (ESM or CommonJS) loads the file
// it can load, and a browser bundle gets the ES build, which tree-shakes, and which is the fp-ts that io-ts's and
// monocle-ts's own ES builds import: fp-ts is in a bundle once. The alternatives each fail somewhere:
// `fp-ts/lib/X.js` is CommonJS (no tree-shaking, and a second fp-ts beside io-ts's ES one), `fp-ts/X` is a directory
// import that Node's ESM loader refuses (ERR_UNSUPPORTED_DIR_IMPORT), and the root (`import { either } from 'fp-ts'`)
// works everywhere but esbuild keeps every function of a namespace imported that way (and monocle-ts's root keeps its
// 1.x classes). io-ts is one module: `import * as t from 'io-ts'` stays. The built declarations name `fp-ts/lib/X.js`
// again (scripts/build.mjs), which every TypeScript module resolution can read.
//
//   node scripts/imports.mjs [PATH...]           rewrite `fp-ts/lib/X(.js)` and `monocle-ts/lib/X(.js)` specifiers
//                                                 (value and type imports, exports, import types) to `#fp-ts/X` ...
//   node scripts/imports.mjs --check [PATH...]   exit 1 if a value import of fp-ts or monocle-ts does not go through
//                                                 `#fp-ts/` or `#monocle-ts/` (type-only imports may name any path)
//
// Without PATHs: every .ts, .mts and .mjs file under src/, laws/ and test/, except the pending files below; named
// PATHs (files or folders) are taken as given, pending or not.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = fileURLToPath(new URL('..', import.meta.url))

// Files other people were editing when the imports were rewritten (scripts/imports-pending.json, regular expressions
// over paths from the repository root): run the codemod on them (name them as PATHs), then delete their lines there.
// `--check` reports them without failing while they are listed.
const PENDING = JSON.parse(readFileSync(join(root, 'scripts', 'imports-pending.json'), 'utf8')).map((re) => new RegExp(re))

const SKIP_DIRS = new Set(['node_modules', 'dist', '.examples-tmp'])
const EXT = /\.(ts|mts|mjs)$/
const walk = (p) =>
  statSync(p).isDirectory()
    ? readdirSync(p).flatMap((f) => (SKIP_DIRS.has(f) ? [] : walk(join(p, f))))
    : EXT.test(p) && !p.endsWith('.d.ts')
      ? [p]
      : []

const args = process.argv.slice(2)
const check = args.includes('--check')
const named = args.filter((a) => !a.startsWith('--'))
const rel = (f) => relative(root, f).split('\\').join('/')
const isPending = (f) => PENDING.some((re) => re.test(rel(f)))
const files =
  named.length > 0 ? named.flatMap((p) => walk(join(process.cwd(), p))) : ['src', 'laws', 'test'].flatMap((d) => walk(join(root, d)))
const targets = named.length > 0 ? files : files.filter((f) => !isPending(f))

// `fp-ts/lib/Either.js`, `fp-ts/lib/Either`, `monocle-ts/lib/Lens.js` in any string literal that is a module specifier
const LIB = /(['"])(fp-ts|monocle-ts)\/lib\/([A-Za-z0-9_]+)(?:\.js)?\1/g
const rewrite = (text) => {
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true)
  const edits = []
  const visit = (node) => {
    const spec =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined
        ? node.moduleSpecifier
        : ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)
          ? node.argument.literal
          : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
            ? node.arguments[0]
            : undefined
    if (spec !== undefined && ts.isStringLiteral(spec)) {
      const s = spec.getText(sf)
      const r = s.replace(LIB, (_m, q, pkg, mod) => `${q}#${pkg}/${mod}${q}`)
      if (r !== s) edits.push([spec.getStart(sf), spec.getEnd(), r])
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  let out = text
  for (const [from, to, r] of edits.reverse()) out = out.slice(0, from) + r + out.slice(to)
  return out
}

// value imports of fp-ts or monocle-ts that do not go through the subpath imports
const offences = (file, text) => {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const out = []
  const bad = (s) => /^(fp-ts|monocle-ts)(\/|$)/.test(s)
  const at = (node) => `${rel(file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && bad(node.moduleSpecifier.text)) {
      const c = node.importClause
      const typeOnly =
        c !== undefined &&
        (c.isTypeOnly ||
          (c.name === undefined &&
            c.namedBindings !== undefined &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)))
      if (!typeOnly) out.push(`${at(node)}: ${node.getText(sf).split('\n')[0]}`)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      if (bad(node.moduleSpecifier.text) && !node.isTypeOnly) out.push(`${at(node)}: ${node.getText(sf).split('\n')[0]}`)
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const a = node.arguments[0]
      if (a !== undefined && ts.isStringLiteral(a) && bad(a.text)) out.push(`${at(node)}: ${node.getText(sf)}`)
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return out
}

if (check) {
  const found = targets.flatMap((f) => offences(f, readFileSync(f, 'utf8')))
  const pending = named.length > 0 ? [] : files.filter(isPending).filter((f) => offences(f, readFileSync(f, 'utf8')).length > 0)
  if (pending.length > 0)
    process.stdout.write(`[imports] pending (listed in scripts/imports-pending.json, not checked): ${pending.map(rel).join(', ')}\n`)
  if (found.length > 0) {
    process.stdout.write(
      `[imports] value imports of fp-ts or monocle-ts must go through '#fp-ts/<Module>' or '#monocle-ts/<Module>' ` +
        `(node scripts/imports.mjs rewrites them; see its header):\n${found.map((l) => `  ${l}\n`).join('')}`
    )
    process.exit(1)
  }
  process.stdout.write(`[imports] ${targets.length} files checked: every fp-ts and monocle-ts value import goes through #fp-ts/ or #monocle-ts/\n`)
} else {
  let changed = 0
  for (const f of targets) {
    const text = readFileSync(f, 'utf8')
    const out = rewrite(text)
    if (out !== text) {
      writeFileSync(f, out)
      changed++
      process.stdout.write(`[imports] ${rel(f)}\n`)
    }
  }
  process.stdout.write(`[imports] ${changed} of ${targets.length} files rewritten\n`)
}
