#!/usr/bin/env node
// Bundles the softphone for the browser with esbuild: src/main.ts -> <outdir>/softphone.js, plus index.html.
//
//   node examples/softphone/build.mjs                  # into examples/softphone/dist
//   node examples/softphone/build.mjs --outdir DIR
//   node examples/softphone/build.mjs --serve [PORT]   # build, then serve on http://127.0.0.1:PORT (default 8090)
//
// The page imports the library by its package names (`sip-simple-payloads/Presence`, ...), as an application would;
// here they resolve to the TypeScript sources through the package's `exports` map, so the bundle is always the current
// library and needs no `npm run build`. The bundle targets the browser platform: a Node built-in anywhere in the
// library would fail the build.
import * as esbuild from 'esbuild'
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '../..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

/** The ES module file of an export: a path, or `{ import: { default } }`, `{ import }` or `{ default }`. */
const esmFile = (target) =>
  typeof target === 'string' || target === undefined || target === null
    ? target
    : esmFile(target.import ?? target.module ?? target.default)

/** esbuild plugin: `sip-simple-payloads[/sub]` to the source behind the package export (`./dist/x.js` -> `./x.ts`). */
export const librarySource = {
  name: 'sip-simple-payloads-source',
  setup(b) {
    b.onResolve({ filter: /^sip-simple-payloads(\/.*)?$/ }, (args) => {
      const sub = '.' + args.path.slice(pkg.name.length)
      const file = esmFile(pkg.exports[sub])
      if (typeof file !== 'string') return { errors: [{ text: `${pkg.name} exports no "${sub}"` }] }
      return { path: join(root, file.replace(/^\.\/dist\//, './').replace(/\.js$/, '.ts')) }
    })
  }
}

/**
 * Builds the page into `outdir`. Resolves to the output files and esbuild's warnings (rendered).
 *
 * @param {{ outdir?: string, minify?: boolean }} [options]
 */
export const build = async ({ outdir = join(here, 'dist'), minify = false } = {}) => {
  mkdirSync(outdir, { recursive: true })
  const r = await esbuild.build({
    entryPoints: [join(here, 'src/main.ts')],
    outfile: join(outdir, 'softphone.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    sourcemap: true,
    minify,
    metafile: true,
    logLevel: 'silent',
    plugins: [librarySource]
  })
  copyFileSync(join(here, 'index.html'), join(outdir, 'index.html'))
  const bytes = Object.values(r.metafile.outputs).reduce((n, o) => n + (o.bytes ?? 0), 0)
  const warnings = await esbuild.formatMessages(r.warnings, { kind: 'warning', color: false })
  return { outdir, files: ['index.html', 'softphone.js'], bytes, warnings, inputs: Object.keys(r.metafile.inputs) }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const at = args.indexOf('--outdir')
  const outdir = at >= 0 ? resolve(args[at + 1]) : join(here, 'dist')
  const out = await build({ outdir, minify: args.includes('--minify') })
  for (const w of out.warnings) process.stderr.write(w)
  process.stdout.write(
    `built ${relative(process.cwd(), outdir) || '.'}/softphone.js ` +
      `(${Math.round(out.bytes / 1024)} KiB with its source map)\n`
  )
  const s = args.indexOf('--serve')
  if (s >= 0) {
    const port = Number(args[s + 1] ?? '') || 8090
    const ctx = await esbuild.context({})
    const { host } = await ctx.serve({ servedir: outdir, host: '127.0.0.1', port })
    process.stdout.write(
      `serving http://${host}:${port}/ (Ctrl-C to stop); add ?ws=ws://127.0.0.1:25090&user=alice&buddy=bob\n`
    )
  }
}
