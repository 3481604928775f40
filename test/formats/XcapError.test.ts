import * as assert from 'node:assert'
import * as O from '#fp-ts/Option'
import * as T from '#monocle-ts/Traversal'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/XcapError.js'
import * as Xml from '../../src/xml/Ast.js'
import { decodeErrors, decodeOk } from '../util.js'

const NS = _.NS
const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)
const doc = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?><xcap-error xmlns="${NS}">${body}</xcap-error>`

// RFC 4825 §11.1
const RFC4825_11_1 = `<?xml version="1.0" encoding="UTF-8"?>
<xcap-error xmlns="urn:ietf:params:xml:ns:xcap-error">
 <uniqueness-failure>
  <exists field="rls-services/service/@uri">
    <alt-value>sip:mybuddies@example.com</alt-value>
  </exists>
 </uniqueness-failure>
</xcap-error>
`

describe('XcapError', () => {
  describe('RFC examples', () => {
    it('RFC 4825 §11.1: the RLS service URI is taken, with an alternative', () => {
      const v = decode(RFC4825_11_1)
      assert.deepStrictEqual(v, {
        error: {
          _tag: 'UniquenessFailure',
          condition: { exists: [{ field: 'rls-services/service/@uri', altValues: ['sip:mybuddies@example.com'] }] }
        }
      })
      assert.deepStrictEqual(v, _.xcapError(_.uniquenessFailure([_.exists('rls-services/service/@uri', ['sip:mybuddies@example.com'])])))
      assert.strictEqual(_.explain(v), 'not unique: "rls-services/service/@uri" (try "sip:mybuddies@example.com")')
      assert.deepStrictEqual(_.document.canonical(_.document.encode(v)), _.document.canonical(RFC4825_11_1))
    })
  })

  describe('every error condition (RFC 4825 §11.1, §11.2)', () => {
    const cases: ReadonlyArray<readonly [string, _.ErrorCondition, string]> = [
      ['<not-well-formed phrase="Unexpected end of input"/>', _.notWellFormed('Unexpected end of input'), 'the request body is not a well-formed XML document (server: "Unexpected end of input")'],
      ['<not-utf-8/>', _.notUtf8(), 'the request would produce a document not encoded in UTF-8'],
      ['<not-xml-frag phrase="two root elements"/>', _.notXmlFrag('two root elements'), 'the request body is not a well-formed XML fragment (server: "two root elements")'],
      ['<not-xml-att-value/>', _.notXmlAttValue(), 'the request body is not a valid XML attribute value'],
      [
        '<schema-validation-error phrase="Element entry: attribute uri required"/>',
        _.schemaValidationError('Element entry: attribute uri required'),
        'the document would not be valid by its schema (server: "Element entry: attribute uri required")'
      ],
      ['<constraint-failure phrase="sphere out of range"/>', _.constraintFailure('sphere out of range'), 'the document would break a constraint of its application usage (server: "sphere out of range")'],
      [
        '<uniqueness-failure phrase="Duplicate"><exists field="resource-lists/list/@name"><alt-value>friends2</alt-value><alt-value>friends3</alt-value></exists><exists field="resource-lists/list/entry/@uri"/></uniqueness-failure>',
        _.uniquenessFailure([_.exists('resource-lists/list/@name', ['friends2', 'friends3']), _.exists('resource-lists/list/entry/@uri')], 'Duplicate'),
        'not unique: "resource-lists/list/@name" (try "friends2", "friends3"); "resource-lists/list/entry/@uri" (server: "Duplicate")'
      ],
      [
        '<no-parent><ancestor>http://xcap.example.com/resource-lists/users/sip:bill@example.com/index/~~/resource-lists</ancestor></no-parent>',
        _.noParent('http://xcap.example.com/resource-lists/users/sip:bill@example.com/index/~~/resource-lists'),
        'the parent to insert into does not exist; the closest ancestor that does is http://xcap.example.com/resource-lists/users/sip:bill@example.com/index/~~/resource-lists'
      ],
      ['<no-parent phrase="no such list"/>', _.noParent(undefined, 'no such list'), 'the parent to insert into does not exist (server: "no such list")'],
      ['<cannot-insert/>', _.cannotInsert(), 'the PUT cannot be done: a GET afterwards would not give back what was put'],
      ['<cannot-delete phrase="would select another element"/>', _.cannotDelete('would select another element'), 'the DELETE cannot be done: it would not be idempotent (server: "would select another element")'],
      [
        '<extension><quota xmlns="urn:example:quota" used="11" limit="10"/></extension>',
        _.extension([Xml.element({ ns: 'urn:example:quota', local: 'quota' }, { used: '11', limit: '10' })]),
        'an error of an XCAP extension: <{urn:example:quota}quota>'
      ],
      ['<extension/>', _.extension(), 'an error of an XCAP extension']
    ]
    for (const [body, condition, explained] of cases) {
      it(`${condition._tag}: ${body.slice(0, 60)}`, () => {
        const text = doc(body)
        const v = decode(text)
        assert.deepStrictEqual(
          { ...v, error: v.error._tag === 'Extension' ? { ...v.error, condition: { other: v.error.condition.other.map(Xml.stripHints) } } : v.error },
          _.xcapError(condition)
        )
        assert.deepStrictEqual(_.document.canonical(_.document.encode(_.xcapError(condition))), _.document.canonical(text))
        assert.ok(_.document.is(_.xcapError(condition)))
        assert.strictEqual(_.explain(v), explained)
        assert.strictEqual(_.explain(condition), explained)
      })
    }
    it('the ancestor URI is kept as written, and may be relative', () => {
      const v = decode(doc('<no-parent><ancestor>\n  resource-lists/list%5b@name=%22friends%22%5d\n</ancestor></no-parent>'))
      assert.deepStrictEqual(v.error, { _tag: 'NoParent', condition: { ancestor: '\n  resource-lists/list%5b@name=%22friends%22%5d\n' } })
      assert.strictEqual(_.explain(v), 'the parent to insert into does not exist; the closest ancestor that does is resource-lists/list%5b@name=%22friends%22%5d')
    })
    it('an extension keeps elements of any namespace, its own and none included', () => {
      const v = decode(
        `<e:xcap-error xmlns:e="${NS}"><e:extension><e:not-utf-8/><plain xmlns="">text</plain><v:x xmlns:v="urn:v" v:a="1"><v:y/></v:x></e:extension></e:xcap-error>`
      )
      assert.ok(v.error._tag === 'Extension')
      assert.deepStrictEqual(
        v.error.condition.other.map((e) => Xml.key(e.name)),
        [`{${NS}}not-utf-8`, 'plain', '{urn:v}x']
      )
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
    })
    it('a phrase with line breaks is explained on one line', () => {
      assert.strictEqual(_.explain(_.constraintFailure('line one\nline two\t\u0007 end')), 'the document would break a constraint of its application usage (server: "line one line two end")')
      assert.strictEqual(_.explain(_.cannotInsert('  ')), 'the PUT cannot be done: a GET afterwards would not give back what was put')
    })
    it('explain is total', () => {
      assert.strictEqual(_.explain(null as never), 'a conflict the server did not explain')
      assert.strictEqual(_.explain({ _tag: 'Unknown' } as never), 'a conflict the server did not explain')
      assert.strictEqual(_.explain({ error: { _tag: 'UniquenessFailure', condition: 5 } } as never), 'a value is not unique')
    })
  })

  describe('errors', () => {
    it('no condition, two conditions, a foreign element instead of one', () => {
      const conditions = [
        'not-well-formed',
        'not-utf-8',
        'not-xml-frag',
        'not-xml-att-value',
        'schema-validation-error',
        'constraint-failure',
        'uniqueness-failure',
        'no-parent',
        'cannot-insert',
        'cannot-delete',
        'extension'
      ]
        .map((l) => `<{${NS}}${l}>`)
        .join(' | ')
      assert.deepStrictEqual(errors(doc('')), [`/xcap-error: expected at least 1 ${conditions}, got 0`])
      assert.deepStrictEqual(errors(doc('<not-utf-8/><cannot-delete/>')), [`/xcap-error: expected at most 1 ${conditions}, got 2`])
      assert.deepStrictEqual(errors(doc('<x:conflict xmlns:x="urn:x"/>')), [
        '/xcap-error/conflict[1]: expected no element <{urn:x}conflict> here, got one',
        `/xcap-error: expected at least 1 ${conditions}, got 0`
      ])
    })
    it('a uniqueness failure without <exists>, an <exists> without field, a phrase on <extension> (the schema has none)', () => {
      assert.deepStrictEqual(errors(doc('<uniqueness-failure/>')), [`/xcap-error/uniqueness-failure[1]: expected at least 1 <{${NS}}exists>, got 0`])
      assert.deepStrictEqual(errors(doc('<uniqueness-failure><exists><alt-value>a</alt-value></exists></uniqueness-failure>')), [
        '/xcap-error/uniqueness-failure[1]/exists[1]: expected attribute field, got nothing'
      ])
      assert.deepStrictEqual(errors(doc('<extension phrase="x"/>')), ['/xcap-error/extension[1]/@phrase: expected no attribute phrase here, got "x"'])
    })
    it('content in a condition that has none', () => {
      assert.deepStrictEqual(errors(doc('<not-well-formed>oops</not-well-formed>')), ['/xcap-error/not-well-formed[1]: expected element-only content, got text "oops"'])
    })
  })

  describe('codec', () => {
    it('its content type and id', () => {
      assert.strictEqual(_.document.contentType, 'application/xcap-error+xml')
      assert.strictEqual(_.document.id, 'xcap-error')
    })
    it('schema location hints are kept on the root; other attributes are refused', () => {
      const xsi = 'http://www.w3.org/2001/XMLSchema-instance'
      const v = decode(`<xcap-error xmlns="${NS}" xmlns:xsi="${xsi}" xsi:schemaLocation="${NS} xcap-error.xsd"><not-utf-8/></xcap-error>`)
      assert.deepStrictEqual(v.otherAttrs, { [`{${xsi}}schemaLocation`]: `${NS} xcap-error.xsd` })
      assert.deepStrictEqual(errors(`<xcap-error xmlns="${NS}" code="409"><not-utf-8/></xcap-error>`), ['/xcap-error/@code: expected no attribute code here, got "409"'])
    })
  })

  describe('constructors', () => {
    it('wrong input is read as far as it makes sense', () => {
      assert.deepStrictEqual(_.notWellFormed(3 as never), { _tag: 'NotWellFormed', condition: {} })
      assert.deepStrictEqual(_.exists(null as never, [1, 'a'] as never), { field: '', altValues: ['a'] })
      assert.deepStrictEqual(_.uniquenessFailure('x' as never), { _tag: 'UniquenessFailure', condition: { exists: [] } })
      assert.deepStrictEqual(_.extension([{}] as never), { _tag: 'Extension', condition: { other: [] } })
      assert.deepStrictEqual(_.xcapError(undefined as never), { error: { _tag: 'NotWellFormed', condition: {} } })
    })
  })

  describe('optics', () => {
    it('phrase: get, set, remove; none for an extension', () => {
      const v = _.xcapError(_.cannotDelete('busy'))
      assert.deepStrictEqual(_.phrase.getOption(v), O.some('busy'))
      assert.deepStrictEqual(_.phrase.set('idle')(v).error, { _tag: 'CannotDelete', condition: { phrase: 'idle' } })
      assert.deepStrictEqual(_.phrase.set(undefined)(v).error, { _tag: 'CannotDelete', condition: {} })
      assert.strictEqual(_.phrase.set('busy')(v), v)
      const x = _.xcapError(_.extension())
      assert.deepStrictEqual(_.phrase.getOption(x), O.none)
      assert.strictEqual(_.phrase.set('p')(x), x)
    })
    it('uniqueness, existsByField, everyAltValue', () => {
      const v = decode(RFC4825_11_1)
      assert.deepStrictEqual(O.map((u: _.UniquenessFailure) => u.exists.length)(_.uniqueness.getOption(v)), O.some(1))
      assert.deepStrictEqual(_.existsByField('rls-services/service/@uri').getOption(v), O.some({ field: 'rls-services/service/@uri', altValues: ['sip:mybuddies@example.com'] }))
      const w = _.existsByField('rls-services/service/@uri').set({ field: 'other', altValues: [] })(v)
      assert.deepStrictEqual(_.uniqueness.getOption(w), O.some({ exists: [{ field: 'rls-services/service/@uri', altValues: [] }] }))
      assert.deepStrictEqual(T.getAll(v)(_.everyAltValue), ['sip:mybuddies@example.com'])
      assert.deepStrictEqual(T.getAll(_.xcapError(_.notUtf8()))(_.everyAltValue), [])
    })
  })
})
