/**
 * The Node-only parts of the law environment: reading the shared corpus through its manifest, and validating
 * documents with xmllint against the shared schemas. Kept out of `laws/index.ts` so that the laws stay usable in a
 * browser.
 *
 * @since 0.1.0
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { CorpusDocument, Environment } from './Suites.js'

// -------------------------------------------------------------------------------------
// corpus
// -------------------------------------------------------------------------------------

/**
 * Reads the corpus manifest (`MANIFEST.tsv`: file, format, source, expected, notes, xsd) of a corpus folder. Returns
 * undefined when the folder is absent.
 *
 * @category corpus
 * @since 0.1.0
 */
export const corpus = (dir: string): Environment['corpus'] => {
  const manifest = join(dir, 'MANIFEST.tsv')
  if (!existsSync(manifest)) return undefined
  const rows = readFileSync(manifest, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'))
  return (folder) =>
    rows
      .filter((r) => r[0].startsWith(folder + '/'))
      .map(
        (r): CorpusDocument => ({
          file: r[0],
          format: r[1],
          expected: r[3] === 'invalid' ? 'invalid' : 'valid',
          xsd: r[5] ?? 'n.a.',
          bytes: new Uint8Array(readFileSync(join(dir, r[0])))
        })
      )
}

// -------------------------------------------------------------------------------------
// schemas
// -------------------------------------------------------------------------------------

const run = (cmd: string, args: ReadonlyArray<string>): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((done) => {
    execFile(cmd, args as Array<string>, { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1
      done({ code, stdout, stderr })
    })
  })

/**
 * Whether xmllint can be run.
 *
 * @category schemas
 * @since 0.1.0
 */
export const hasXmllint = async (): Promise<boolean> => (await run('xmllint', ['--version'])).code === 0

const targetNamespace = (file: string): string | undefined => /targetNamespace\s*=\s*"([^"]*)"/.exec(readFileSync(file, 'utf8'))?.[1]

/**
 * A validator that runs xmllint once per batch against a wrapper schema importing the given schema files (by their
 * target namespaces) from `schemasDir`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const xmllint =
  (schemasDir: string): NonNullable<Environment['xsd']> =>
  async (docs, schemas) => {
    const work = mkdtempSync(join(tmpdir(), 'xsd-'))
    try {
      const imports = schemas
        .map((s) => resolve(schemasDir, s))
        .map((file) => `  <xs:import namespace="${targetNamespace(file) ?? ''}" schemaLocation="file://${file}"/>`)
      const wrapper = join(work, 'wrapper.xsd')
      writeFileSync(wrapper, `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${imports.join('\n')}\n</xs:schema>\n`)
      const files = docs.map((d, i) => {
        const f = join(work, `doc-${i}.xml`)
        writeFileSync(f, d)
        return f
      })
      const out: Array<Array<string>> = docs.map(() => [])
      for (let i = 0; i < files.length; i += 200) {
        const batch = files.slice(i, i + 200)
        const r = await run('xmllint', ['--noout', '--nonet', '--schema', wrapper, ...batch])
        if (r.code !== 0 && r.code !== 3 && r.code !== 1 && r.code !== 4)
          throw new Error(`xmllint failed (exit ${r.code}): ${r.stderr.slice(0, 2000)}`)
        if (/wrapper\.xsd.*(error|failed)/i.test(r.stderr) && !r.stderr.includes('validates'))
          throw new Error(`the wrapper schema did not compile: ${r.stderr.slice(0, 2000)}`)
        for (const line of r.stderr.split('\n')) {
          const m = /doc-(\d+)\.xml/.exec(line)
          if (m === null) continue
          if (/ validates$/.test(line)) continue
          out[Number(m[1])].push(line.replace(work + '/', ''))
        }
      }
      return out.map((errs) => errs.filter((e) => !/fails to validate$/.test(e) || errs.length === 1))
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }
