/**
 * Arbitraries and the law registration of OMA presence content (the status icon).
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as Xml from '../../src/xml/Ast.js'
import * as _ from '../../src/formats/PresContent.js'
import * as A from '../Arbitrary.js'
import { lens, optional } from '../Optic.js'
import type { FormatLaws } from '../Registration.js'

/**
 * Attributes for a lax `xs:anyAttribute` of any namespace: absent, or a non-empty record of foreign-namespace and
 * unqualified attributes (never the names an element declares: those are given to the caller to leave out).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const anyAttrs = (...declared: ReadonlyArray<string>): fc.Arbitrary<Readonly<Record<string, string>> | undefined> =>
  fc.option(
    fc
      .array(
        fc.tuple(
          fc.constantFrom('', ...A.foreignNamespaces),
          A.ncname.filter((n) => !n.toLowerCase().startsWith('xml')),
          A.xmlText(8)
        ),
        { minLength: 1, maxLength: 2 }
      )
      .map((as) => {
        const out: Record<string, string> = {}
        for (const [ns, local, v] of as) {
          const k = Xml.key({ ns, local })
          if (!declared.includes(k)) out[k] = v
        }
        return out
      })
      .filter((r) => Object.keys(r).length > 0),
    { nil: undefined, freq: 3 }
  )

/**
 * Text of an element with attributes (`<mime-type>`, `<encoding>`, `<data>`).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const annotated = (value: fc.Arbitrary<string>): fc.Arbitrary<{ readonly otherAttrs?: Readonly<Record<string, string>>; readonly value: string }> =>
  A.record({ otherAttrs: anyAttrs(), value }, ['otherAttrs'])

/**
 * A MIME type: mostly an image type, sometimes any text.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const MimeType: fc.Arbitrary<_.MimeType> = annotated(
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom('image/png', 'image/jpeg', 'image/gif', 'image/svg+xml') }, { weight: 1, arbitrary: A.xmlText(12) })
)

/**
 * A description.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Description: fc.Arbitrary<_.Description> = A.record(
  { lang: A.language, otherAttrs: anyAttrs(Xml.key({ ns: Xml.XML_NS, local: 'lang' })), value: A.xmlText(24) },
  ['lang', 'otherAttrs']
)

/**
 * Base64 text of some bytes as documents carry it: on one line, wrapped every 76 characters (MIME style, RFC 2045
 * §6.8), or with white space around.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const base64Text: fc.Arbitrary<string> = fc
  .tuple(fc.uint8Array({ maxLength: 120 }), fc.constantFrom('line', 'wrapped', 'spaced'))
  .map(([bytes, layout]) => {
    const s = _.toBase64(bytes)
    if (layout === 'line') return s
    if (layout === 'spaced') return `\n  ${s}\n`
    return s.replace(/.{76}/g, (m) => m + '\n')
  })

/**
 * A presence content document: base64 data with a `base64` encoding (as it is written: any case, white space around),
 * or any text with another encoding or none.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Content: fc.Arbitrary<_.Content> = fc
  .oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        encoding: annotated(fc.constantFrom('base64', 'BASE64', ' base64\n')).map((e) => e as _.Encoding | undefined),
        data: annotated(base64Text)
      })
    },
    {
      weight: 1,
      arbitrary: fc.record({
        encoding: fc.option(annotated(fc.oneof(fc.constantFrom('quoted-printable', '7bit'), A.xmlText(8))), { nil: undefined }),
        data: annotated(A.xmlText(40))
      })
    }
  )
  .chain(({ encoding, data }) =>
    A.record(
      {
        otherAttrs: anyAttrs(),
        mimeType: MimeType,
        encoding: fc.constant(encoding),
        descriptions: fc.array(Description, { maxLength: 3 }),
        data: fc.constant(data),
        other: A.foreignElements()
      },
      ['otherAttrs', 'mimeType', 'encoding']
    )
  )

const el = Xml.qname(_.NS)

/**
 * The registration with every law suite.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.Content> = {
  format: 'pres-content',
  spec: 'OMA Presence Content XDM 1.0',
  codec: _.document,
  arbitrary: Content,
  schemas: ['oma-pres-content.xsd'],
  constructors: {
    content: _.content,
    description: _.description,
    decodeData: _.decodeData,
    toBase64: _.toBase64,
    fromBase64: _.fromBase64
  },
  scale: (n) =>
    _.content(
      Uint8Array.from({ length: 48 * n }, (_x, i) => (i * 31) & 0xff),
      'image/png',
      { descriptions: Array.from({ length: n }, (_x, i) => _.description(`status icon, part ${i}`, i % 2 === 0 ? 'en' : 'de')) }
    ),
  namespaces: [_.NS],
  names: [el('content'), el('mime-type'), el('encoding'), el('description'), el('data')],
  optics: [
    lens('mimeType', _.mimeType, fc.option(fc.oneof(fc.constant('image/png'), A.xmlText(12)), { nil: undefined })),
    optional('bytes', () => _.bytes, {
      keys: () => [null],
      absent: fc.constant(null),
      focus: () => fc.uint8Array({ maxLength: 64 })
    }),
    optional('descriptionByLang', _.descriptionByLang, {
      keys: (s) => s.descriptions.flatMap((d) => (d.lang === undefined ? [] : [d.lang])),
      absent: A.language,
      focus: (lang) => Description.map((d) => ({ ...d, lang }))
    })
  ]
}
