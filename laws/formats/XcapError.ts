/**
 * Arbitraries and the law registration of XCAP error documents (RFC 4825 §11).
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import type { ReadonlyNonEmptyArray } from '#fp-ts/ReadonlyNonEmptyArray'
import * as Xml from '../../src/xml/Ast.js'
import * as _ from '../../src/formats/XcapError.js'
import * as A from '../Arbitrary.js'
import { optional, traversal } from '../Optic.js'
import type { FormatLaws } from '../Registration.js'
import { locationHint } from './XcapDirectory.js'

/**
 * A phrase: text for humans.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Phrase: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('Conflict', 'The list name already exists', 'Document would not validate'),
  A.xmlText(20)
)

/**
 * A condition with nothing but its optional phrase.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Phrased: fc.Arbitrary<_.Phrased> = A.record({ phrase: Phrase }, ['phrase'])

/**
 * The `field` of an `<exists>`: a node selector relative to the document, or any text (the type is `xs:string`).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Field: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'rls-services/service/@uri',
    'resource-lists/list/@name',
    'resource-lists/list%5b@name=%22friends%22%5d/entry/@uri',
    'ruleset/rule/@id'
  ),
  A.xmlText(20)
)

/**
 * An `<exists>`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Exists: fc.Arbitrary<_.Exists> = fc.record({
  field: Field,
  altValues: fc.array(fc.oneof(A.anyURI, A.xmlText(12)), { maxLength: 3 })
})

/**
 * A `<uniqueness-failure>`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const UniquenessFailure: fc.Arbitrary<_.UniquenessFailure> = A.record(
  { phrase: Phrase, exists: fc.array(Exists, { minLength: 1, maxLength: 3 }).map((xs) => xs as unknown as ReadonlyNonEmptyArray<_.Exists>) },
  ['phrase']
)

/**
 * An `<ancestor>`: an absolute or relative HTTP URI, sometimes with white space around (kept as written).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Ancestor: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'http://xcap.example.com/resource-lists/users/sip:bill@example.com/index/~~/resource-lists',
    'resource-lists/list%5b@name=%22friends%22%5d',
    '\n  http://xcap.example.com/rls-services/users/sip:bill@example.com/index\n'
  ),
  A.anyURI
)

/**
 * A `<no-parent>`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const NoParent: fc.Arbitrary<_.NoParent> = A.record({ phrase: Phrase, ancestor: Ancestor }, ['phrase', 'ancestor'])

/**
 * An `<extension>`: elements of foreign namespaces and of no namespace (which say so, with `xmlns=""`).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Extension: fc.Arbitrary<_.Extension> = fc.record({
  other: fc.array(fc.oneof(A.foreignElement(), A.element({ namespaces: [''], maxDepth: 2, maxChildren: 2 }).map(Xml.detach)), { maxLength: 3 })
})

/**
 * An error condition, every member alike.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ErrorCondition: fc.Arbitrary<_.ErrorCondition> = fc.oneof(
  Phrased.map((condition): _.ErrorCondition => ({ _tag: 'NotWellFormed', condition })),
  Phrased.map((condition): _.ErrorCondition => ({ _tag: 'NotUtf8', condition })),
  Phrased.map((condition): _.ErrorCondition => ({ _tag: 'NotXmlFrag', condition })),
  Phrased.map((condition): _.ErrorCondition => ({ _tag: 'NotXmlAttValue', condition })),
  Phrased.map((condition): _.ErrorCondition => ({ _tag: 'SchemaValidationError', condition })),
  Phrased.map((condition): _.ErrorCondition => ({ _tag: 'ConstraintFailure', condition })),
  UniquenessFailure.map((condition): _.ErrorCondition => ({ _tag: 'UniquenessFailure', condition })),
  NoParent.map((condition): _.ErrorCondition => ({ _tag: 'NoParent', condition })),
  Phrased.map((condition): _.ErrorCondition => ({ _tag: 'CannotInsert', condition })),
  Phrased.map((condition): _.ErrorCondition => ({ _tag: 'CannotDelete', condition })),
  Extension.map((condition): _.ErrorCondition => ({ _tag: 'Extension', condition }))
)

/**
 * An XCAP error document.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const XcapError: fc.Arbitrary<_.XcapError> = A.record(
  { otherAttrs: locationHint(_.NS, 'xcap-error.xsd'), error: ErrorCondition },
  ['otherAttrs']
)

const el = Xml.qname(_.NS)

/**
 * The registration with every law suite.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.XcapError> = {
  format: 'xcap-error',
  spec: 'RFC 4825',
  codec: _.document,
  arbitrary: XcapError,
  schemas: ['extra/xcap-error.xsd'],
  constructors: {
    notWellFormed: _.notWellFormed,
    notUtf8: _.notUtf8,
    notXmlFrag: _.notXmlFrag,
    notXmlAttValue: _.notXmlAttValue,
    schemaValidationError: _.schemaValidationError,
    constraintFailure: _.constraintFailure,
    cannotInsert: _.cannotInsert,
    cannotDelete: _.cannotDelete,
    exists: _.exists,
    uniquenessFailure: _.uniquenessFailure,
    noParent: _.noParent,
    extension: _.extension,
    xcapError: _.xcapError,
    explain: _.explain
  },
  scale: (n) =>
    _.xcapError(
      _.uniquenessFailure(
        Array.from({ length: Math.max(1, n) }, (_x, i) =>
          _.exists(`resource-lists/list%5b@name=%22l${i}%22%5d/entry/@uri`, [`sip:alt${i}@example.com`])
        ) as unknown as ReadonlyNonEmptyArray<_.Exists>,
        'some entries already exist'
      )
    ),
  namespaces: [_.NS],
  names: [
    el('xcap-error'),
    el('not-well-formed'),
    el('not-utf-8'),
    el('not-xml-frag'),
    el('not-xml-att-value'),
    el('schema-validation-error'),
    el('constraint-failure'),
    el('uniqueness-failure'),
    el('exists'),
    el('alt-value'),
    el('no-parent'),
    el('ancestor'),
    el('cannot-insert'),
    el('cannot-delete'),
    el('extension')
  ],
  optics: [
    optional('phrase', () => _.phrase, {
      keys: () => [null],
      absent: fc.constant(null),
      focus: () => fc.option(Phrase, { nil: undefined })
    }),
    optional('uniqueness', () => _.uniqueness, {
      keys: () => [null],
      absent: fc.constant(null),
      focus: () => UniquenessFailure
    }),
    optional('existsByField', _.existsByField, {
      keys: (s) => (s.error._tag === 'UniquenessFailure' ? s.error.condition.exists.map((e) => e.field) : []),
      absent: Field,
      focus: (field) => Exists.map((e) => ({ ...e, field }))
    }),
    traversal('everyAltValue', _.everyAltValue, fc.oneof(A.anyURI, A.xmlText(12)))
  ]
}
