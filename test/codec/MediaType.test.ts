import * as assert from 'node:assert'
import * as fc from 'fast-check'
import * as E from '#fp-ts/Either'
import { describe, it } from 'vitest'
import { render } from '../../src/codec/DecodeError.js'
import * as _ from '../../src/codec/MediaType.js'
import { deepStrictEqual } from '../util.js'

const ok = (s: string): _.MediaType => {
  const r = _.parse(s)
  if (E.isLeft(r)) assert.fail(render(r.left))
  return r.right
}
const error = (u: unknown): string => {
  const r = _.parse(u as string)
  if (E.isRight(r)) assert.fail('expected an error, got ' + JSON.stringify(r.right))
  return render(r.left)
}
const rejects = (cases: ReadonlyArray<readonly [unknown, string]>): void => {
  for (const [input, rendered] of cases)
    assert.strictEqual(error(input), rendered, typeof input === 'string' ? JSON.stringify(input) : typeof input)
}
const right = (r: E.Either<{ readonly path: string; readonly message: string }, _.MediaType>): _.MediaType => {
  if (E.isLeft(r)) assert.fail(render(r.left))
  return r.right
}
const left = (r: E.Either<{ readonly path: string; readonly message: string }, _.MediaType>): string => {
  if (E.isRight(r)) assert.fail('expected an error, got ' + JSON.stringify(r.right))
  return render(r.left)
}

const RLMI =
  'multipart/related; type="application/rlmi+xml"; start="<nXKxJ@example.net>"; boundary="50UBfW7LSCVLtggUPe5z"'

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

const SYMBOLS = "!#$%&'*+-.^_`|~"
const LOWER_TCHARS = [...(SYMBOLS + '0123456789abcdefghijklmnopqrstuvwxyz')]
const UPPER = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']
const lowerToken = fc.string({ unit: fc.constantFrom(...LOWER_TCHARS), minLength: 1, maxLength: 10 })
const name = fc.oneof(lowerToken, fc.constantFrom('__proto__', 'constructor', 'tostring', 'hasownproperty', 'charset'))
const valueChar = fc.oneof(
  fc.constantFrom(...LOWER_TCHARS, ...UPPER),
  fc.constantFrom(' ', '\t', '"', '\\', ';', '=', ',', '/', '(', ')', '<', '>', '@', '[', ']', '?', '{', '}', ':'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c.codePointAt(0)! >= 0x80)
)
const value = fc.oneof(
  fc.string({ unit: fc.constantFrom(...LOWER_TCHARS, ...UPPER), minLength: 1, maxLength: 10 }),
  fc.string({ unit: valueChar, maxLength: 20 })
)
const mediaType: fc.Arbitrary<_.MediaType> = fc.record({
  type: lowerToken,
  subtype: lowerToken,
  parameters: fc.uniqueArray(fc.tuple(name, value), { selector: ([n]) => n, maxLength: 5 })
}, { noNullPrototype: true })

/**
 * A sloppy but valid rendering: random case, white space around `/`, `;` and `=`, quoted tokens, escaped characters,
 * empty parameters.
 */
const sloppy = (m: _.MediaType, g: fc.GeneratorValue): string => {
  const ws = () => g(fc.constantFrom, '', '', ' ', '\t', ' \t ')
  const upcase = (s: string) => [...s].map((c) => (g(fc.boolean) ? c.toUpperCase() : c)).join('')
  const quote = (v: string) =>
    '"' + [...v].map((c) => (c === '"' || c === '\\' || g(fc.boolean) ? '\\' + c : c)).join('') + '"'
  let out = ws() + upcase(m.type) + ws() + '/' + ws() + upcase(m.subtype)
  for (const [n, v] of m.parameters) {
    if (g(fc.boolean)) out += ws() + ';' // an empty parameter
    const tokenValue = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(v)
    out += ws() + ';' + ws() + upcase(n) + ws() + '=' + ws() + (tokenValue && g(fc.boolean) ? v : quote(v))
  }
  return out + (g(fc.boolean) ? ws() + ';' : '') + ws()
}

describe('MediaType', () => {
  describe('parse', () => {
    it('parses the RLMI example of RFC 4662', () => {
      deepStrictEqual(ok(RLMI), {
        type: 'multipart',
        subtype: 'related',
        parameters: [
          ['type', 'application/rlmi+xml'],
          ['start', '<nXKxJ@example.net>'],
          ['boundary', '50UBfW7LSCVLtggUPe5z']
        ]
      })
    })
    it('parses the content types of SIP SIMPLE', () => {
      deepStrictEqual(ok('application/pidf+xml'), { type: 'application', subtype: 'pidf+xml', parameters: [] })
      deepStrictEqual(ok('Application/PIDF+XML;charset=UTF-8'), {
        type: 'application',
        subtype: 'pidf+xml',
        parameters: [['charset', 'UTF-8']]
      })
      const related = 'multipart/related;boundary=50UBfW7LSCVLtggUPe5z;type="application/rlmi+xml";start="<nXKxJ@example.net>"'
      deepStrictEqual(ok(related), {
        type: 'multipart',
        subtype: 'related',
        parameters: [
          ['boundary', '50UBfW7LSCVLtggUPe5z'],
          ['type', 'application/rlmi+xml'],
          ['start', '<nXKxJ@example.net>']
        ]
      })
      deepStrictEqual(ok('message/imdn+xml'), { type: 'message', subtype: 'imdn+xml', parameters: [] })
      deepStrictEqual(ok('application/auth-policy+xml'), {
        type: 'application',
        subtype: 'auth-policy+xml',
        parameters: []
      })
    })
    it('keeps ";", "=" and escaped quotes inside quoted values', () => {
      deepStrictEqual(ok('multipart/mixed; boundary="a;b=c"; x="say \\"hi\\" \\\\ bye"').parameters, [
        ['boundary', 'a;b=c'],
        ['x', 'say "hi" \\ bye']
      ])
    })
    it('unescapes any quoted pair, keeps white space and non-ASCII characters, takes an empty quoted string', () => {
      deepStrictEqual(ok('text/plain; a="\\a\\b\\ "; b=" x\ty "; c="Grüße 😀"; d=""').parameters, [
        ['a', 'ab '],
        ['b', ' x\ty '],
        ['c', 'Grüße 😀'],
        ['d', '']
      ])
    })
    it('takes white space around "/", ";" and "=" (RFC 3261 SWS), and around the whole value', () => {
      const expected: _.MediaType = { type: 'application', subtype: 'pidf+xml', parameters: [['charset', 'UTF-8']] }
      for (const s of [
        'application/pidf+xml;charset=UTF-8',
        'application/pidf+xml; charset=UTF-8',
        'application/pidf+xml ; charset = UTF-8',
        ' application / pidf+xml\t;\tcharset=\t"UTF-8" ',
        '\tapplication/pidf+xml;charset="UTF-8"\t'
      ])
        deepStrictEqual(ok(s), expected)
    })
    it('takes empty parameters and a trailing ";" (RFC 9110 §5.6.6)', () => {
      for (const s of ['text/plain;', 'text/plain; ', 'text/plain ;; ; ', 'text/plain;;'])
        deepStrictEqual(ok(s), { type: 'text', subtype: 'plain', parameters: [] })
      deepStrictEqual(ok('text/plain;;charset=x; ;').parameters, [['charset', 'x']])
    })
    it('lower-cases type, subtype and names, and keeps values as sent', () => {
      deepStrictEqual(ok('TEXT/Plain; CharSet="Utf-8"; Format=Flowed'), {
        type: 'text',
        subtype: 'plain',
        parameters: [
          ['charset', 'Utf-8'],
          ['format', 'Flowed']
        ]
      })
    })
    it('keeps names such as __proto__ as data', () => {
      const m = ok('text/plain; __proto__=x; constructor=y')
      deepStrictEqual(m.parameters, [
        ['__proto__', 'x'],
        ['constructor', 'y']
      ])
      assert.strictEqual(Object.getPrototypeOf(m), Object.prototype)
    })
    it('reports a missing or bad type and subtype', () => {
      rejects([
        ['', 'Content-Type: expected a media type, got ""'],
        ['  ', 'Content-Type: expected a media type, got "  "'],
        ['application', 'Content-Type: expected "/", got nothing'],
        ['application/', 'Content-Type: expected a subtype token, got nothing'],
        ['application/;charset=x', 'Content-Type: expected a subtype token, got ";charset=x"'],
        ['/pidf+xml', 'Content-Type: expected a type token, got "/pidf+xml"'],
        ['appli@cation/pidf+xml', 'Content-Type: expected "/", got "@cation/pidf+xml"'],
        ['tëxt/plain', 'Content-Type: expected "/", got "ëxt/plain"'],
        ['application/pidf xml', 'Content-Type: expected ";" or the end, got "xml"'],
        ['application/pidf+xml, text/plain', 'Content-Type: expected ";" or the end, got ", text/plain"'],
        ['text/plain\r\n', 'Content-Type: expected ";" or the end, got "\\r\\n"']
      ])
    })
    it('reports bad parameters, with the name in the path once it is read', () => {
      rejects([
        ['text/plain; @x=1', 'Content-Type: expected a parameter name token, got "@x=1"'],
        ['text/plain; chärset=utf-8', 'Content-Type;ch: expected "=", got "ärset=utf-8"'],
        ['text/plain; Charset', 'Content-Type;charset: expected "=", got nothing'],
        ['text/plain; charset=', 'Content-Type;charset: expected a token or a quoted string, got nothing'],
        ['text/plain; charset= ; x=1', 'Content-Type;charset: expected a token or a quoted string, got "; x=1"'],
        ['text/plain; charset=utf 8', 'Content-Type;charset: expected ";" or the end, got "8"'],
        ['text/plain; charset=a/b', 'Content-Type;charset: expected ";" or the end, got "/b"'],
        ['text/plain; x="a"b', 'Content-Type;x: expected ";" or the end, got "b"']
      ])
    })
    it('reports an unterminated quoted string and bad characters in one', () => {
      rejects([
        ['a/b; x="abc', 'Content-Type;x: expected a closing quote, got "\\"abc"'],
        ['a/b; x="abc\\', 'Content-Type;x: expected a closing quote, got "\\"abc\\\\"'],
        ['a/b; x="abc\\"', 'Content-Type;x: expected a closing quote, got "\\"abc\\\\\\""'],
        ['a/b; x="a\u0001b"', 'Content-Type;x: expected a quoted-string character, got "\\u0001b\\""'],
        ['a/b; x="a\r\n b"', 'Content-Type;x: expected a quoted-string character, got "\\r\\n b\\""'],
        ['a/b; x="a\\\u007f"', 'Content-Type;x: expected a quoted-string character, got "\\\\\u007f\\""'],
        ['a/b; x="\ud800"', 'Content-Type;x: expected a quoted-string character, got "\\ud800\\""'],
        // the noncharacters, refused as in the header fields of multipart bodies
        ['a/b; x="\ufffe"', 'Content-Type;x: expected a quoted-string character, got "\ufffe\\""'],
        ['a/b; x="a\uffff"', 'Content-Type;x: expected a quoted-string character, got "\uffff\\""']
      ])
    })
    it('reports a repeated parameter name (RFC 6838 §4.3)', () => {
      rejects([
        ['text/plain; charset=a; Charset=b', 'Content-Type;charset: expected each parameter name once, got "Charset=b"']
      ])
    })
    it('cuts long echoes to 40 characters', () => {
      const a39 = 'a'.repeat(39)
      rejects([['a/b; x="' + 'a'.repeat(100), `Content-Type;x: expected a closing quote, got "\\"${a39}…"`]])
    })
    it('reports input that is not a string, and never throws', () => {
      rejects([
        [42, 'Content-Type: expected a media type, got 42'],
        [undefined, 'Content-Type: expected a media type, got nothing'],
        [null, 'Content-Type: expected a media type, got null'],
        [{ type: 'text' }, 'Content-Type: expected a media type, got {"type":"text"}']
      ])
      const hostile = {
        toJSON: () => {
          throw new Error('no')
        },
        toString: () => {
          throw new Error('no')
        }
      }
      rejects([[hostile, 'Content-Type: expected a media type, got object']])
      fc.assert(fc.property(fc.anything(), (u) => E.isLeft(_.parse(u as string)) || typeof u === 'string'))
    })
    it('never throws on any string, and what it returns is valid and prints back to itself', () => {
      const text = fc.oneof(
        fc.string({ unit: fc.constantFrom(...'aZ9+/;=" \t\\,-x\u00e9\r'), maxLength: 30 }),
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.string({
          unit: fc.constantFrom('text', '/', 'plain', ';', ' ', '=', '"', '\\', 'Y', '\u00fc', '\ud83d'),
          maxLength: 20
        })
      )
      fc.assert(
        fc.property(text, (s) => {
          const r = _.parse(s)
          if (E.isLeft(r)) return typeof r.left.message === 'string' && r.left.path.startsWith('Content-Type')
          return _.isMediaType(r.right) && JSON.stringify(_.parse(_.format(r.right))) === JSON.stringify(r)
        })
      )
    })
    it('parses every sloppy rendering of a media type to it', () => {
      fc.assert(fc.property(mediaType, fc.gen(), (m, g) => assert.deepStrictEqual(_.parse(sloppy(m, g)), E.right(m))))
    })
    it('takes linear time', () => {
      // two million characters in each direction a parser tends to be quadratic in: far past the test's time limit for
      // a quadratic parser, well under a second for a linear one (no time is measured here; the test fails by its limit)
      const n = 2_000_000
      const inputs: ReadonlyArray<readonly [string, string, boolean]> = [
        ['many parameters', 'a/b' + Array.from({ length: n / 10 }, (_x, i) => `; P${i}=v`).join(''), true],
        ['escapes', 'a/b; x="' + '\\"'.repeat(n / 2) + '"', true],
        ['unterminated escapes', 'a/b; x="' + '\\"'.repeat(n / 2), false],
        ['white space', 'a/b' + ' '.repeat(n) + 'x', false],
        ['empty parameters', 'a/b' + '; '.repeat(n / 2), true],
        ['a long token', 'A/' + 'B'.repeat(n), true],
        ['a repeat at the end', 'a/b' + Array.from({ length: n / 10 }, (_x, i) => `;p${i}=v`).join('') + ';p0=v', false]
      ]
      for (const [what, input, parses] of inputs) assert.strictEqual(E.isRight(_.parse(input)), parses, what)
    })
  })

  describe('format', () => {
    it('prints the canonical form, quoting only values that are not tokens', () => {
      assert.strictEqual(
        _.format(ok(RLMI)),
        'multipart/related; type="application/rlmi+xml"; start="<nXKxJ@example.net>"; boundary=50UBfW7LSCVLtggUPe5z'
      )
      assert.strictEqual(_.format(ok('Application/PIDF+XML;charset="UTF-8"')), 'application/pidf+xml; charset=UTF-8')
      assert.strictEqual(_.format(ok('message/imdn+xml')), 'message/imdn+xml')
    })
    it('escapes quotes and backslashes, and quotes empty values', () => {
      assert.strictEqual(
        _.format({ type: 'text', subtype: 'plain', parameters: [['x', 'say "hi" \\ bye'], ['y', ''], ['z', 'a;b=c']] }),
        'text/plain; x="say \\"hi\\" \\\\ bye"; y=""; z="a;b=c"'
      )
    })
    it('parses back to its input (round trip)', () => {
      fc.assert(fc.property(mediaType, (m) => assert.deepStrictEqual(_.parse(_.format(m)), E.right(m))))
    })
    it('never throws, even on invalid media types', () => {
      const anyMediaType = fc.record({
        type: fc.string(),
        subtype: fc.string(),
        parameters: fc.array(fc.tuple(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' })), { maxLength: 4 })
      })
      fc.assert(
        fc.property(anyMediaType, (m) => {
          const s = _.format(m)
          if (typeof s !== 'string') return false
          return !_.isMediaType(m) || JSON.stringify(_.parse(s)) === JSON.stringify(E.right(m))
        })
      )
    })
  })

  describe('isMediaType', () => {
    it('accepts what parse returns and what the arbitraries generate', () => {
      assert.ok(_.isMediaType(ok(RLMI)))
      fc.assert(fc.property(mediaType, (m) => _.isMediaType(m)))
    })
    it('refuses what would not print back to itself', () => {
      const base = { type: 'text', subtype: 'plain', parameters: [] }
      for (const u of [
        null,
        undefined,
        'text/plain',
        { ...base, type: 'Text' },
        { ...base, type: '' },
        { ...base, subtype: 'pl ain' },
        { ...base, subtype: 1 },
        { ...base, parameters: {} },
        { ...base, parameters: [['charset']] },
        { ...base, parameters: [['charset', 'a', 'b']] },
        { ...base, parameters: [['Charset', 'a']] },
        { ...base, parameters: [['char set', 'a']] },
        { ...base, parameters: [['charset', 'a\r\nb']] },
        { ...base, parameters: [['charset', '\u007f']] },
        { ...base, parameters: [['charset', '\udc00']] },
        // found by the hostile law: a multipart part's Content-Type with charset="\ufffe" passed, and its header field did not
        { ...base, parameters: [['charset', '\ufffe']] },
        { ...base, parameters: [['charset', 'a\uffff']] },
        { ...base, parameters: [['charset', 1]] },
        { ...base, parameters: [['x', 'a'], ['x', 'b']] },
        // eslint-disable-next-line no-sparse-arrays
        { ...base, parameters: [, ['x', 'b']] }
      ])
        assert.strictEqual(_.isMediaType(u), false, JSON.stringify(u))
    })
  })

  describe('mediaType', () => {
    it('builds a media type in lower case', () => {
      deepStrictEqual(right(_.mediaType('Text', 'Plain', [['Charset', 'UTF-8']])), {
        type: 'text',
        subtype: 'plain',
        parameters: [['charset', 'UTF-8']]
      })
      deepStrictEqual(right(_.mediaType('application', 'pidf+xml')), {
        type: 'application',
        subtype: 'pidf+xml',
        parameters: []
      })
    })
    it('reports bad parts', () => {
      assert.strictEqual(left(_.mediaType('text plain', 'x')), 'Content-Type: expected a type token, got "text plain"')
      assert.strictEqual(left(_.mediaType('text', '')), 'Content-Type: expected a subtype token, got ""')
      assert.strictEqual(
        left(_.mediaType('text', 'plain', [['a=b', 'c']])),
        'Content-Type: expected a parameter name token, got "a=b"'
      )
      assert.strictEqual(
        left(_.mediaType('text', 'plain', [['x', 'a\nb']])),
        'Content-Type;x: expected a parameter value without control characters, got "a\\nb"'
      )
      assert.strictEqual(
        left(_.mediaType('text', 'plain', [['x', 'a'], ['X', 'b']])),
        'Content-Type;x: expected each parameter name once, got "X"'
      )
      assert.strictEqual(
        left(_.mediaType('text', 'plain', {} as never)),
        'Content-Type: expected a list of parameters, got {}'
      )
      assert.strictEqual(
        left(_.mediaType('text', 'plain', [['x'] as never])),
        'Content-Type: expected a [name, value] pair, got ["x"]'
      )
    })
  })

  describe('withParam', () => {
    const m = ok('multipart/related;type="application/rlmi+xml";boundary=abc')
    it('replaces a parameter where it is, whatever the case of its name', () => {
      deepStrictEqual(right(_.withParam(m, 'Type', 'application/pidf+xml')).parameters, [
        ['type', 'application/pidf+xml'],
        ['boundary', 'abc']
      ])
    })
    it('appends a new parameter', () => {
      assert.strictEqual(
        _.format(right(_.withParam(m, 'Start', '<a@b>'))),
        'multipart/related; type="application/rlmi+xml"; boundary=abc; start="<a@b>"'
      )
    })
    it('returns its input when nothing changes, and never changes its input', () => {
      assert.strictEqual(right(_.withParam(m, 'boundary', 'abc')), m)
      right(_.withParam(m, 'boundary', 'xyz'))
      assert.strictEqual(_.param(m, 'boundary'), 'abc')
    })
    it('reports a bad name or value', () => {
      assert.strictEqual(left(_.withParam(m, '', 'x')), 'Content-Type: expected a parameter name token, got ""')
      assert.strictEqual(
        left(_.withParam(m, 'Start', 'a\u0000')),
        'Content-Type;start: expected a parameter value without control characters, got "a\\u0000"'
      )
    })
    it('keeps the result valid', () => {
      fc.assert(
        fc.property(mediaType, name, value, (x, n, v) => _.isMediaType(right(_.withParam(x, n.toUpperCase(), v))))
      )
    })
  })

  describe('param', () => {
    const m = ok(RLMI)
    it('finds a parameter by name in any case', () => {
      assert.strictEqual(_.param(m, 'boundary'), '50UBfW7LSCVLtggUPe5z')
      assert.strictEqual(_.param(m, 'START'), '<nXKxJ@example.net>')
      assert.strictEqual(_.param(m, 'charset'), undefined)
    })
    it('does not see object keys or fold non-ASCII letters', () => {
      for (const n of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
        assert.strictEqual(_.param(m, n), undefined)
      assert.strictEqual(_.param(ok('text/plain; __proto__=x'), '__PROTO__'), 'x')
      assert.strictEqual(_.param(ok('text/plain; k=x'), '\u212a'), undefined) // KELVIN SIGN
    })
  })

  describe('essence', () => {
    it('is type/subtype', () => {
      assert.strictEqual(_.essence(ok(RLMI)), 'multipart/related')
      assert.strictEqual(_.essence(ok('Application/PIDF+XML;charset=UTF-8')), 'application/pidf+xml')
    })
  })

  describe('matches', () => {
    const m = ok('Application/PIDF+XML;charset=UTF-8')
    it('compares essences in any case, and takes ranges', () => {
      assert.ok(_.matches(m, 'application/pidf+xml'))
      assert.ok(_.matches(m, 'APPLICATION/Pidf+Xml'))
      assert.ok(_.matches(m, 'application/*'))
      assert.ok(_.matches(m, '*/*'))
      assert.ok(!_.matches(m, 'application/xml'))
      assert.ok(!_.matches(m, 'text/*'))
      assert.ok(!_.matches(m, 'application/pidf+xml;charset=UTF-8'))
      assert.ok(!_.matches(m, 'application'))
    })
  })
})
