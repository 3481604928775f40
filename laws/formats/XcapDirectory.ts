/**
 * Arbitraries and the law registration of the OMA XCAP directory.
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as Xml from '../../src/xml/Ast.js'
import * as _ from '../../src/formats/XcapDirectory.js'
import * as A from '../Arbitrary.js'
import { optional, traversal } from '../Optic.js'
import { selector } from '../Selector.js'
import type { FormatLaws } from '../Registration.js'
import { anyAttrs } from './PresContent.js'

/**
 * An AUID: mostly one of the usual application usages, sometimes any text (the schema's type is `xs:string`).
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Auid: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'resource-lists',
      'rls-services',
      'pres-rules',
      'org.openmobilealliance.pres-rules',
      'org.openmobilealliance.pres-content',
      'org.openmobilealliance.groups',
      'pidf-manipulation'
    )
  },
  { weight: 1, arbitrary: A.xmlText(12) }
)

/**
 * An entity tag as servers write them (Kamailio's `sr-…`, quoted or not), or any text.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Etag: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat({ max: 99999 }), fc.nat({ max: 999 })).map(([a, b, c]) => `sr-${a}-${b}-${c}`),
  A.ncname.map((s) => `"${s}"`),
  A.xmlText(10)
)

/**
 * A `schemaLocation` hint on the root, now and then.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const locationHint = (ns: string, file: string): fc.Arbitrary<Readonly<Record<string, string>> | undefined> =>
  fc.option(fc.constant({ [Xml.key({ ns: 'http://www.w3.org/2001/XMLSchema-instance', local: 'schemaLocation' })]: `${ns} ${file}` }), {
    nil: undefined,
    freq: 5
  })

/**
 * An entry.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Entry: fc.Arbitrary<_.Entry> = A.record(
  {
    uri: A.anyURI,
    etag: Etag,
    lastModified: A.dateTime,
    size: A.nonNegativeInteger,
    otherAttrs: anyAttrs('uri', 'etag', 'last-modified', 'size')
  },
  ['lastModified', 'size', 'otherAttrs']
)

/**
 * A folder: entries, or an error code.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Folder: fc.Arbitrary<_.Folder> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ auid: Auid, entries: fc.array(Entry, { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ auid: Auid, entries: fc.constant([]), errorCode: A.xmlText(10) }) }
)

/**
 * An XCAP directory document.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const XcapDirectory: fc.Arbitrary<_.XcapDirectory> = A.record(
  { otherAttrs: locationHint(_.NS, 'xcap-directory.xsd'), folders: fc.array(Folder, { maxLength: 4 }) },
  ['otherAttrs']
)

const el = Xml.qname(_.NS)

/**
 * The registration with every law suite.
 *
 * @category registration
 * @since 0.2.0
 */
export const registration: FormatLaws<_.XcapDirectory> = {
  format: 'xcap-directory',
  spec: 'OMA XDM Core (xcap-directory)',
  codec: _.document,
  arbitrary: XcapDirectory,
  schemas: ['xcap-directory.xsd'],
  constructors: { entry: _.entry, folder: _.folder, folderError: _.folderError, xcapDirectory: _.xcapDirectory },
  scale: (n) =>
    _.xcapDirectory(
      Array.from({ length: Math.ceil(n / 10) }, (_x, f) =>
        _.folder(
          `org.example.usage-${f}`,
          Array.from({ length: Math.min(10, n - f * 10) }, (_y, i) =>
            _.entry({
              uri: `http://xcap.example.com/org.example.usage-${f}/users/sip:alice@example.com/doc-${i}`,
              etag: `sr-${f}-${i}`,
              lastModified: '2026-01-02T03:04:05Z',
              size: 100 + i
            })
          )
        )
      )
    ),
  namespaces: [_.NS],
  names: [el('xcap-directory'), el('folder'), el('entry'), el('error-code')],
  selectors: [
    selector('folderSelector', {
      keys: (s) => s.folders.map((f) => f.auid),
      target: (auid, s) => _.folderSelector(s, auid),
      optic: _.folderByAuid,
      focus: _.Folder
    }),
    selector('entrySelector', {
      keys: (s) => s.folders.flatMap((f) => f.entries.map((e) => e.uri)),
      target: (uri, s) => _.entrySelector(s, uri),
      optic: _.entryByUri,
      focus: _.Entry
    })
  ],
  optics: [
    optional('folderByAuid', _.folderByAuid, {
      keys: (s) => s.folders.map((f) => f.auid),
      absent: Auid,
      focus: (auid) => Folder.map((f) => ({ ...f, auid }))
    }),
    optional('entryByUri', _.entryByUri, {
      keys: (s) => s.folders.flatMap((f) => f.entries.map((e) => e.uri)),
      absent: A.anyURI,
      focus: (uri) => Entry.map((e) => ({ ...e, uri }))
    }),
    traversal('everyEntry', _.everyEntry, Entry)
  ]
}
