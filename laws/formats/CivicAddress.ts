/**
 * Arbitraries of RFC 5139 civic addresses: every element present or not, values as tokens written with or without
 * white space around and between their words (the schema collapses it), languages, attributes of other namespaces and
 * foreign elements.
 *
 * @since 0.2.0
 */
import * as fc from 'fast-check'
import * as _ from '../../src/formats/CivicAddress.js'
import * as A from '../Arbitrary.js'

const word = fc.string({ unit: fc.constantFrom(..."abcXYZ09-&<>é'😀".split(/(?:)/u)), minLength: 1, maxLength: 8 })

/** A token as it may be written: words separated by single or several blanks, sometimes with white space around. */
const writtenToken: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(word, { minLength: 1, maxLength: 3 }),
    fc.constantFrom(' ', ' ', '  \n  '),
    fc.constantFrom('', '', ' ', '\n   ')
  )
  .map(([ws, sep, pad]) => pad + ws.join(sep) + pad)

/**
 * One address element: a written token, with a language or none.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const Part: fc.Arbitrary<_.Part> = A.record({ lang: A.language, value: writtenToken }, ['lang'])

/** A country code, sometimes written with white space around. */
const Country: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('AU', 'US', 'DE', 'JP', 'CA'), fc.constantFrom('', '', ' ', '\n  '))
  .map(([c, pad]) => pad + c + pad)

const parts = (): Record<_.Label, fc.Arbitrary<unknown>> => {
  const out: Partial<Record<_.Label, fc.Arbitrary<unknown>>> = {}
  for (const l of _.LABELS) out[l] = l === 'PLC' ? writtenToken : Part
  return out as Record<_.Label, fc.Arbitrary<unknown>>
}

/**
 * A `<civicAddress>`.
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const CivicAddress: fc.Arbitrary<_.CivicAddress> = A.record(
  { lang: A.language, otherAttrs: A.foreignAttrs, country: Country, ...parts(), other: A.foreignElements() },
  ['lang', 'otherAttrs', 'country', ..._.LABELS]
) as unknown as fc.Arbitrary<_.CivicAddress>
