// `npm run docs`: the documentation site, into site/. One page per import path of package.json's `exports`, titled
// by it (`sip-simple-payloads/Presence`) with the module's overview on top (scripts/typedoc-plugin.mjs), the README as
// the front page, and the guides (guides/*.md).
import { readFileSync } from 'node:fs'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))
/** The TypeScript source of an exports entry: `./dist/src/formats/Pidf.js` is `src/formats/Pidf.ts`. */
const source = (entry) => entry.import.default.replace(/^\.\/dist\//, './').replace(/\.js$/, '.ts')

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: pkg.name,
  entryPoints: Object.entries(pkg.exports)
    .filter(([sub]) => sub !== './package.json')
    .map(([, entry]) => source(entry)),
  out: 'site',
  readme: 'README.md',
  projectDocuments: ['guides/*.md'],
  plugin: ['./scripts/typedoc-plugin.mjs'],
  tsconfig: 'tsconfig.json',
  excludePrivate: true,
  excludeInternal: true,
  skipErrorChecking: true,
  sort: ['kind', 'instance-first', 'alphabetical-ignoring-documents'],
  navigation: { includeCategories: false, includeGroups: false },
  validation: { notExported: false, invalidLink: true },
  treatWarningsAsErrors: false
}
