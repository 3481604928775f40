/**
 * The built package loads in Node as ESM: every module under dist/src and dist/laws imports without error (this is
 * where a directory import such as `fp-ts/Either`, which Node's ESM loader refuses, would show).
 */
import * as assert from 'node:assert'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, it } from 'vitest'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const modules = (dir: string): Array<string> =>
  existsSync(dir)
    ? readdirSync(dir).flatMap((f) => {
        const p = join(dir, f)
        return statSync(p).isDirectory() ? modules(p) : p.endsWith('.js') && !p.endsWith('cli.js') ? [p] : []
      })
    : []

describe('dist', () => {
  it('every built module loads in Node', async (ctx) => {
    const all = [...modules(join(dist, 'src')), ...modules(join(dist, 'laws'))]
    if (all.length === 0) {
      if (process.env.CI === 'true') assert.fail('dist/ is missing: npm ci builds it')
      console.warn('SKIPPED: dist/ is not built (npm run build)')
      ctx.skip()
    }
    for (const m of all) await import(pathToFileURL(m).href)
    assert.ok(all.length > 10)
  })
})
