// TypeDoc plugin of `npm run docs` (typedoc.config.mjs): each entry module is named by its import path
// (`src/formats/Presence.ts` is `sip-simple-payloads/Presence`, from package.json's `exports`), and its overview is
// the header comment of its file (the spec, the namespace, the content type), which TypeDoc would otherwise leave
// out: it takes a file's first comment for the module only when tagged `@module`.
import { readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc'

const root = resolve(new URL('..', import.meta.url).pathname)
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'))
/** source file (relative to the root) -> import path */
const importPaths = new Map(
  Object.entries(pkg.exports)
    .filter(([sub]) => sub !== './package.json')
    .map(([sub, entry]) => [
      entry.import.default.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'),
      sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`
    ])
)

/** The file's header comment as markdown, and its `@since`. */
const header = (file) => {
  const m = /^\s*\/\*\*([\s\S]*?)\*\//.exec(readFileSync(file, 'utf8'))
  if (m === null) return undefined
  const lines = m[1].split('\n').map((l) => l.replace(/^\s*\* ?/, ''))
  const since = lines.find((l) => l.startsWith('@since'))?.slice('@since'.length).trim()
  const text = lines
    .filter((l) => !l.startsWith('@'))
    .join('\n')
    .trim()
    // {@link X} in a header names a declaration of the module: code, as the rest of the page shows names
    .replace(/\{@link\s+([^}|\s]+)(?:\s*\|?\s*([^}]*))?\}/g, (_m, target, label) => '`' + (label?.trim() || target) + '`')
  return { text, since }
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project
    for (const mod of project.children ?? []) {
      if (!mod.kindOf(ReflectionKind.Module)) continue
      const file = project.getSymbolIdFromReflection(mod)?.fileName ?? mod.sources?.[0]?.fullFileName
      if (file === undefined) continue
      const name = importPaths.get(relative(root, file))
      if (name === undefined) continue
      mod.name = name
      if (mod.comment === undefined || mod.comment.summary.length === 0) {
        const h = header(file)
        if (h !== undefined)
          mod.comment = new Comment(
            [{ kind: 'text', text: h.text }],
            h.since === undefined ? [] : [new CommentTag('@since', [{ kind: 'text', text: h.since }])]
          )
      }
    }
  })
}
