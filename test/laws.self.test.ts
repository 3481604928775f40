/**
 * The suites must be able to fail: deliberately broken codecs, arbitraries and lenses make them fail.
 */
import * as assert from 'node:assert'
import * as fc from 'fast-check'
import * as L from '#monocle-ts/Lens'
import * as t from 'io-ts'
import { describe, it } from 'vitest'
import * as C from '../src/codec/Element.js'
import * as Doc from '../src/codec/Document.js'
import * as Xml from '../src/xml/Ast.js'
import * as _ from '../src/formats/IsComposing.js'
import type * as V from '../src/codec/Value.js'
import { registration } from '../laws/formats/IsComposing.js'
import { holds } from '../laws/Law.js'
import { lens } from '../laws/Optic.js'
import type { FormatLaws } from '../laws/Registration.js'
import { suites } from '../laws/Suites.js'
import { selector } from '../laws/Selector.js'
import { registration as presRules } from '../laws/formats/PresRules.js'
import * as PresRules from '../src/formats/PresRules.js'
import * as CommonPolicy from '../src/formats/CommonPolicy.js'

const lawsOf = (reg: FormatLaws<_.IsComposing>, suite: string) => {
  const s = suites(reg).find((x) => x.name === suite)
  if (s === undefined) throw new Error(`no suite ${suite}`)
  return s.laws
}

const failing = async (reg: FormatLaws<_.IsComposing>, suite: string): Promise<ReadonlyArray<string>> => {
  const out: Array<string> = []
  for (const law of lawsOf(reg, suite)) if (!(await holds(law, { numRuns: 200 }))) out.push(law.name)
  return out
}

const withRoot = (root: C.XmlCodec<_.IsComposing>): FormatLaws<_.IsComposing> => ({
  ...registration,
  codec: Doc.xml(root, { id: 'iscomposing', contentType: _.CONTENT_TYPE, title: 'broken' })
})

const mapCodec = (
  f: (c: C.XmlCodec<_.IsComposing>) => Partial<Pick<t.Type<_.IsComposing, Xml.Element, unknown>, 'validate' | 'encode'>>
): C.XmlCodec<_.IsComposing> => {
  const base = _.IsComposing
  const o = f(base)
  return C.make('broken', base.names, base.is, o.validate ?? base.validate, o.encode ?? base.encode)
}

describe('the suites catch broken codecs', () => {
  it('sanity: the real registration passes the value round trip', async () => {
    assert.deepStrictEqual(await failing(registration, 'value round trip'), [])
  })
  it('an encoder that drops refresh breaks the value round trip', async () => {
    const broken = mapCodec((b) => ({ encode: (a) => b.encode({ ...a, refresh: undefined } as never) }))
    const f = await failing(withRoot(broken), 'value round trip')
    assert.ok(f.length >= 2, f.join(', '))
  })
  it('a decoder that ignores contenttype breaks the value round trip', async () => {
    const broken = mapCodec((b) => ({
      validate: (u, c) => {
        const r = b.validate(u, c)
        if (r._tag === 'Left') return r
        const { contenttype: _ct, ...rest } = r.right
        return t.success(rest)
      }
    }))
    assert.ok((await failing(withRoot(broken), 'value round trip')).length >= 1)
  })
  it('a decoder that throws breaks totality', async () => {
    const broken = mapCodec((b) => ({
      validate: (u, c) => {
        const r = b.validate(u, c)
        if (r._tag === 'Left' && Math.random() < 2) throw new Error('boom')
        return r
      }
    }))
    assert.ok((await failing(withRoot(broken), 'totality')).length >= 1)
  })
  it('an encoder that writes text into the wrong element breaks the text or value round trip', async () => {
    const broken = mapCodec((b) => ({
      encode: (a) => {
        const e = b.encode(a)
        return { ...e, children: [...e.children, Xml.text('  ')] }
      }
    }))
    const f = [...(await failing(withRoot(broken), 'text round trip')), ...(await failing(withRoot(broken), 'value round trip'))]
    assert.ok(f.length >= 1)
  })
  it('an arbitrary that generates invalid values breaks generation', async () => {
    const reg = { ...registration, arbitrary: registration.arbitrary.map((a) => ({ ...a, refresh: 0 })) }
    assert.ok((await failing(reg, 'generation')).length >= 1)
  })
  it('a lens whose set forgets the value breaks the lens laws', async () => {
    const bad: L.Lens<_.IsComposing, V.Integer | undefined> = L.lens(
      (s) => s.refresh,
      () => (s) => s
    )
    const reg = { ...registration, optics: [lens('refresh', bad, fc.option(fc.integer({ min: 1 }), { nil: undefined }))] }
    assert.ok((await failing(reg, 'optics')).length >= 1)
  })
  it('a lens that writes undefined breaks the round trip of edits', async () => {
    const bad: L.Lens<_.IsComposing, V.Integer | undefined> = L.lens(
      (s) => s.refresh,
      (a) => (s) => ({ ...s, refresh: a }) as _.IsComposing
    )
    const reg = { ...registration, optics: [lens('refresh', bad, fc.option(fc.integer({ min: 1 }), { nil: undefined }))] }
    assert.ok((await failing(reg, 'optics')).length >= 1)
  })
})

describe('the node selector laws catch wrong selectors', () => {
  const failingSelectors = async <A>(reg: FormatLaws<A>): Promise<ReadonlyArray<string>> => {
    const s = suites(reg).find((x) => x.name === 'node selectors')
    if (s === undefined) throw new Error('no node selector suite')
    const out: Array<string> = []
    for (const law of s.laws) if (!(await holds(law, { numRuns: 100 }))) out.push(law.name)
    return out
  }
  it('sanity: pres-rules rule selectors hold', async () => {
    assert.deepStrictEqual(await failingSelectors(presRules), [])
  })
  it('a selector of the first rule for every key, or one without the namespace binding, fails', async () => {
    const first = selector('first', {
      keys: (s: PresRules.PresRules) => s.rules.map((r) => r.id),
      target: (_id: string, s: PresRules.PresRules) => CommonPolicy.ruleSelector(s, s.rules[0].id),
      optic: PresRules.ruleById,
      focus: PresRules.Rule
    })
    const unbound = selector('unbound', {
      keys: (s: PresRules.PresRules) => s.rules.map((r) => r.id),
      target: (id: string, s: PresRules.PresRules) => {
        const t = CommonPolicy.ruleSelector(s, id)
        return t === undefined ? undefined : { ...t, bindings: new Map() }
      },
      optic: PresRules.ruleById,
      focus: PresRules.Rule
    })
    const reg = (l: typeof first) => ({ ...presRules, arbitrary: presRules.arbitrary.filter((s) => s.rules.length > 1), selectors: [l] })
    assert.ok((await failingSelectors(reg(first))).some((n) => n.startsWith('first: evaluate')))
    assert.ok((await failingSelectors(reg(unbound))).some((n) => n.startsWith('unbound: evaluate')))
  })
})
