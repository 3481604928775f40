/**
 * Arbitraries and the law registration of isComposing (RFC 3994).
 *
 * @since 0.1.0
 */
import * as fc from 'fast-check'
import * as Xml from '../../src/xml/Ast.js'
import * as _ from '../../src/formats/IsComposing.js'
import * as A from '../Arbitrary.js'
import { lens } from '../Optic.js'
import type { FormatLaws } from '../Registration.js'

/**
 * A state: mostly `active` or `idle`, sometimes another string (which receivers treat as idle).
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const State: fc.Arbitrary<_.State> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<_.State>('active', 'idle') },
  { weight: 1, arbitrary: A.xmlText(10) }
)

/**
 * An isComposing document.
 *
 * @category arbitraries
 * @since 0.1.0
 */
export const IsComposing: fc.Arbitrary<_.IsComposing> = A.record(
  {
    state: State,
    lastactive: A.dateTime,
    contenttype: A.xmlText(20),
    refresh: A.positiveInteger,
    other: A.foreignElements()
  },
  ['lastactive', 'contenttype', 'refresh']
)
// No foreign attributes: the schema of <isComposing> has no attribute wildcard (the codec still keeps them).

/**
 * The registration with every law suite.
 *
 * @category registration
 * @since 0.1.0
 */
export const registration: FormatLaws<_.IsComposing> = {
  format: 'iscomposing',
  spec: 'RFC 3994',
  codec: _.document,
  arbitrary: IsComposing,
  schemas: ['im-iscomposing.xsd'],
  constructors: { active: _.active, idle: _.idle, effectiveState: _.effectiveState },
  scale: (n) => ({
    ..._.active({ refresh: 90 }),
    other: Array.from({ length: n }, (_x, i) => Xml.element({ ns: 'urn:example:vendor', local: 'hint' }, { n: String(i) }, [Xml.text('typing')]))
  }),
  namespaces: [_.NS],
  optics: [
    lens('state', _.state, State),
    lens('refresh', _.refresh, fc.option(A.positiveInteger, { nil: undefined })),
    lens('lastactive', _.lastactive, fc.option(A.dateTime, { nil: undefined })),
    lens('contenttype', _.contenttype, fc.option(A.xmlText(12), { nil: undefined }))
  ]
}
