/**
 * Arbitraries of AG Projects' address book in resource lists (`urn:ag-projects:xml:ns:addressbook`): contacts, groups
 * and policies with shared settings, and the fields the address book adds to lists and entries.
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as _ from '../../src/formats/AddressBook.js'
import * as A from '../Arbitrary.js'

/**
 * A shared setting: a text value, or nil.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Attribute: fc.Arbitrary<_.Attribute> = fc.oneof(
  A.record({ name: A.xmlText(8), value: A.xmlText(10) }, []),
  A.xmlText(8).map((name) => _.attribute(name, null))
)

/**
 * An `<attributes>` element's settings.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Attributes: fc.Arbitrary<_.Attributes> = fc.array(Attribute, { maxLength: 3 })

/**
 * An event handling.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const EventHandling: fc.Arbitrary<_.EventHandling> = A.record(
  { policy: A.literal(_.policyValue), subscribe: fc.boolean() },
  []
)

/**
 * A URI of a contact.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const ContactUri: fc.Arbitrary<_.ContactUri> = A.record(
  {
    id: A.xmlId,
    uri: A.anyURI,
    type: fc.constantFrom('SIP', 'XMPP', 'tel', 'Work'),
    attributes: Attributes,
    other: A.foreignElements(1)
  },
  ['type', 'attributes']
)

/**
 * A contact.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Contact: fc.Arbitrary<_.Contact> = A.record(
  {
    id: A.xmlId,
    name: A.xmlText(12),
    uris: A.record({ default: A.xmlId, items: fc.array(ContactUri, { maxLength: 2 }) }, ['default']),
    dialog: EventHandling,
    presence: EventHandling,
    attributes: Attributes,
    other: A.foreignElements(1)
  },
  ['attributes']
)

/**
 * A group.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Group: fc.Arbitrary<_.Group> = A.record(
  {
    id: A.xmlId,
    name: A.xmlText(12),
    contacts: fc.array(A.xmlId, { maxLength: 3 }),
    attributes: Attributes,
    other: A.foreignElements(1)
  },
  ['attributes']
)

/**
 * A policy.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Policy: fc.Arbitrary<_.Policy> = A.record(
  {
    id: A.xmlId,
    uri: A.anyURI,
    name: A.xmlText(12),
    dialog: EventHandling,
    presence: EventHandling,
    attributes: Attributes,
    other: A.foreignElements(1)
  },
  ['attributes']
)

/**
 * The address book fields of a list: mostly none, as in most lists of a document.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const list: fc.Arbitrary<_.ListExt> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<_.ListExt>({ contacts: [], groups: [], policies: [] }) },
  {
    weight: 1,
    arbitrary: A.record(
      {
        contacts: fc.array(Contact, { maxLength: 2 }),
        groups: fc.array(Group, { maxLength: 2 }),
        policies: fc.array(Policy, { maxLength: 1 })
      },
      []
    )
  }
)

/**
 * The AG Projects fields of an entry.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const entry: fc.Arbitrary<_.EntryExt> = A.record({ attributes: Attributes }, ['attributes'])
