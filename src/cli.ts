#!/usr/bin/env node
/**
 * `sip-payloads`: the command line of sip-simple-payloads (the only Node-specific module).
 *
 *     sip-payloads formats
 *     sip-payloads decode <id> [FILE|-] [--lenient]
 *     sip-payloads encode <id> [FILE|-] [--pretty]
 *     sip-payloads roundtrip <id> [FILE|-] [--lenient] [--pretty]
 *     sip-payloads canonical [FILE|-]
 *     sip-payloads sample <id> [--seed N] [--count K] [--out DIR]
 *
 * Exit codes: 0 success, 1 invalid input (the rendered errors on stderr, one per line), 2 usage error.
 *
 * @since 0.1.0
 */
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { report, reportDropped } from './codec/DecodeError.js'
import * as Json from './codec/Json.js'
import type { DocumentCodec } from './codec/Document.js'
import { byId, formats } from './formats/index.js'
import { canonicalText } from './xml/Canonical.js'
import { renderParseError } from './xml/Parser.js'

const USAGE = `usage:
  sip-payloads formats                                   list the formats: <id> TAB <content type>
  sip-payloads decode <id> [FILE|-] [--lenient]          the document as JSON (the shape of the TypeScript type)
  sip-payloads encode <id> [FILE|-] [--pretty]           JSON (as printed by decode) to the document
  sip-payloads roundtrip <id> [FILE|-] [--lenient] [--pretty]
                                                         decode, then encode
  sip-payloads canonical [FILE|-]                        the canonical form of any XML document
  sip-payloads sample <id> [--seed N] [--count K] [--out DIR]
                                                         random valid documents (K > 1: files DIR/<id>-<n>.<ext>)

FILE defaults to standard input ("-"). Exit codes: 0 ok, 1 invalid input, 2 usage error.`

class Usage extends Error {}
class Invalid extends Error {
  constructor(readonly lines: ReadonlyArray<string>) {
    super(lines.join('\n'))
  }
}

interface Args {
  readonly positional: ReadonlyArray<string>
  readonly flags: ReadonlySet<string>
  readonly options: ReadonlyMap<string, string>
}

const FLAGS = new Set(['--lenient', '--pretty'])
const OPTIONS = new Set(['--seed', '--count', '--out'])

const parseArgs = (argv: ReadonlyArray<string>): Args => {
  const positional: Array<string> = []
  const flags = new Set<string>()
  const options = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (FLAGS.has(a)) flags.add(a)
    else if (OPTIONS.has(a)) {
      const v = argv[++i]
      if (v === undefined) throw new Usage(`${a} needs a value`)
      options.set(a, v)
    } else if (a.startsWith('--') && a !== '--') throw new Usage(`unknown option ${a}`)
    else positional.push(a)
  }
  return { positional, flags, options }
}

const readInput = (file: string | undefined): Uint8Array => {
  try {
    return new Uint8Array(readFileSync(file === undefined || file === '-' ? 0 : file))
  } catch (e) {
    throw new Invalid([`cannot read ${file ?? 'standard input'}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`])
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const format = (id: string | undefined): DocumentCodec<any> => {
  if (id === undefined) throw new Usage('a format id is needed')
  const f = byId(id)
  if (f === undefined) throw new Usage(`unknown format "${id}" (see: sip-payloads formats)`)
  return f
}

const expectArgs = (args: Args, max: number, allowed: ReadonlyArray<string>): void => {
  if (args.positional.length > max) throw new Usage(`too many arguments: ${args.positional.slice(max).join(' ')}`)
  for (const f of args.flags) if (!allowed.includes(f)) throw new Usage(`${f} does not go with this command`)
  for (const [o] of args.options) if (!allowed.includes(o)) throw new Usage(`${o} does not go with this command`)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const decodeWith = (f: DocumentCodec<any>, input: Uint8Array, lenient: boolean, err: (s: string) => void): unknown => {
  if (lenient) {
    const r = f.decodeLenient(input)
    if (r._tag === 'Left') throw new Invalid(report(r.left))
    for (const line of reportDropped(r.right.dropped)) err(line)
    for (const line of report(r.right.warnings)) err(`${line} (accepted in lenient mode)`)
    return r.right.value
  }
  const r = f.decode(input)
  if (r._tag === 'Left') throw new Invalid(report(r.left))
  return r.right
}

const withNewline = (s: string): string => (s.endsWith('\n') ? s : s + '\n')

/**
 * Runs the CLI on arguments; returns the exit code. Output goes through the given writers.
 *
 * @category cli
 * @since 0.1.0
 */
export const main = async (
  argv: ReadonlyArray<string>,
  out: (s: string) => void = (s) => process.stdout.write(s),
  err: (s: string) => void = (s) => process.stderr.write(s)
): Promise<number> => {
  const errLine = (s: string): void => err(s + '\n')
  try {
    const [cmd, ...rest] = argv
    const args = parseArgs(rest)
    const [id, file] = args.positional
    switch (cmd) {
      case 'formats':
        expectArgs(args, 0, [])
        for (const f of formats) out(`${f.id}\t${f.contentType}\n`)
        return 0
      case 'decode': {
        expectArgs(args, 2, ['--lenient'])
        const f = format(id)
        const value = decodeWith(f, readInput(file), args.flags.has('--lenient'), errLine)
        out(Json.stringify(value, 2) + '\n')
        return 0
      }
      case 'encode': {
        expectArgs(args, 2, ['--pretty'])
        const f = format(id)
        const text = new TextDecoder().decode(readInput(file))
        const json = Json.parse(text)
        if (json._tag === 'Left') throw new Invalid(report(json.left))
        const v = f.fromJson(json.right)
        if (v._tag === 'Left') throw new Invalid(report(v.left))
        out(withNewline(f.encode(v.right, { pretty: args.flags.has('--pretty') })))
        return 0
      }
      case 'roundtrip': {
        expectArgs(args, 2, ['--lenient', '--pretty'])
        const f = format(id)
        const value = decodeWith(f, readInput(file), args.flags.has('--lenient'), errLine)
        out(withNewline(f.encode(value, { pretty: args.flags.has('--pretty') })))
        return 0
      }
      case 'canonical': {
        expectArgs(args, 1, [])
        const r = canonicalText(readInput(args.positional[0]))
        if (r._tag === 'Left') throw new Invalid([renderParseError(r.left)])
        out(r.right + '\n')
        return 0
      }
      case 'sample': {
        expectArgs(args, 1, ['--seed', '--count', '--out'])
        const f = format(id)
        const count = Number(args.options.get('--count') ?? '1')
        const seed = args.options.has('--seed') ? Number(args.options.get('--seed')) : Date.now() ^ (Math.random() * 2 ** 31)
        if (!Number.isInteger(count) || count < 1) throw new Usage('--count takes a whole number from 1')
        if (!Number.isInteger(seed)) throw new Usage('--seed takes a whole number')
        let laws: typeof import('../laws/registry.js')
        let fc: typeof import('fast-check')
        try {
          laws = await import('../laws/registry.js')
          fc = await import('fast-check')
        } catch {
          throw new Invalid(['sample needs the optional dependency fast-check (npm install fast-check)'])
        }
        const reg = laws.registry.find((r) => r.format === f.id)
        if (reg === undefined) throw new Invalid([`no arbitrary is registered for ${f.id}`])
        const values = fc.sample(reg.arbitrary, { seed, numRuns: count })
        const dir = args.options.get('--out')
        if (count === 1 && dir === undefined) {
          out(withNewline(f.encode(values[0], { pretty: true })))
          return 0
        }
        const target = dir ?? '.'
        mkdirSync(target, { recursive: true })
        values.forEach((v, i) => {
          const path = join(target, `${f.id}-${i + 1}.${f.fileExtension}`)
          writeFileSync(path, withNewline(f.encode(v, { pretty: true })))
          out(path + '\n')
        })
        return 0
      }
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        if (cmd === undefined) throw new Usage('a command is needed')
        out(USAGE + '\n')
        return 0
      default:
        throw new Usage(`unknown command "${cmd}"`)
    }
  } catch (e) {
    if (e instanceof Usage) {
      errLine(`sip-payloads: ${e.message}`)
      errLine(USAGE)
      return 2
    }
    if (e instanceof Invalid) {
      for (const l of e.lines) errLine(l)
      return 1
    }
    errLine(`sip-payloads: internal error: ${e instanceof Error ? e.message : String(e)}`)
    return 1
  }
}

const isMain = (): boolean => {
  try {
    const self = new URL(import.meta.url).pathname
    const arg = process.argv[1]
    if (arg === undefined) return false
    const real = (p: string): string => {
      try {
        return realpathSync(p)
      } catch {
        return p
      }
    }
    return real(arg) === real(self)
  } catch {
    return false
  }
}

if (isMain()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    () => {
      process.exitCode = 1
    }
  )
}
