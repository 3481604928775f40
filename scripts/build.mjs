#!/usr/bin/env node
// The build (`npm run build`): what the package ships, from src/ and laws/.
//  1. tsc (tsconfig.build.json): ES modules, declarations, declaration maps and source maps into dist/src and
//     dist/laws (and the benchmark into dist/test/bench); the maps point at the TypeScript sources, which the package
//     ships, so go-to-definition lands in src/.
//  2. The declarations name `fp-ts/lib/X.js` and `monocle-ts/lib/X.js` where the sources import the subpath imports
//     `#fp-ts/X` and `#monocle-ts/X` (see scripts/imports.mjs): the JavaScript keeps them, resolved by package.json's
//     `imports` at run time, but every TypeScript module resolution (node10 included) reads the lib/ declarations.
//  3. CommonJS, for `require()` on every Node version `engines` allows (require of ES modules only came in 20.19):
//     esbuild transpiles the same sources, one file each, into dist/cjs (with source maps), whose package.json says
//     `commonjs`; the subpath imports are required as what they are in Node (`fp-ts/lib/X.js`), since only the root
//     package.json's `imports` count; the declarations are copied beside them, so that TypeScript reads them as
//     CommonJS declarations under node16 and nodenext.
// The command-line tool is ES only (it is a program, not a module).
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as esbuild from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = join(root, 'dist')
const cjs = join(dist, 'cjs')
const log = (s) => process.stdout.write(`[build] ${s}\n`)
const walk = (dir) =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })

// 1. tsc
log('tsc -p tsconfig.build.json')
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit'
})
if (tsc.status !== 0) {
  log('tsc failed')
  process.exit(tsc.status ?? 1)
}

// 2. declarations: the lib/ paths
const SUBPATH = /(['"])#(fp-ts|monocle-ts)\/([A-Za-z0-9_]+)\1/g
const declarations = ['src', 'laws'].flatMap((d) => walk(join(dist, d))).filter((f) => f.endsWith('.d.ts'))
for (const f of declarations) {
  const text = readFileSync(f, 'utf8')
  const out = text.replace(SUBPATH, (_m, q, p, m) => `${q}${p}/lib/${m}.js${q}`)
  if (out !== text) writeFileSync(f, out)
}
log(`${declarations.length} declaration files`)

// 3. CommonJS
rmSync(cjs, { recursive: true, force: true })
const sources = ['src', 'laws']
  .flatMap((d) => walk(join(root, d)))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && relative(root, f) !== join('src', 'cli.ts'))
await esbuild.build({
  entryPoints: sources,
  outdir: cjs,
  outbase: root,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning'
})
const REQUIRE = /require\("#(fp-ts|monocle-ts)\/([A-Za-z0-9_]+)"\)/g
for (const f of walk(cjs).filter((f) => f.endsWith('.js'))) {
  const text = readFileSync(f, 'utf8')
  const out = text.replace(REQUIRE, (_m, p, m) => `require("${p}/lib/${m}.js")`)
  if (out !== text) writeFileSync(f, out)
}
writeFileSync(join(cjs, 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n')
let copied = 0
for (const f of declarations) {
  const rel = relative(dist, f)
  if (rel === join('src', 'cli.d.ts')) continue
  const to = join(cjs, rel)
  mkdirSync(dirname(to), { recursive: true })
  copyFileSync(f, to)
  // the declaration map's sources are relative to it: one folder deeper now
  const map = JSON.parse(readFileSync(f + '.map', 'utf8'))
  map.sources = map.sources.map((s) => '../' + s)
  writeFileSync(to + '.map', JSON.stringify(map))
  copied++
}
log(`${sources.length} CommonJS modules and ${copied} declaration files in dist/cjs`)
