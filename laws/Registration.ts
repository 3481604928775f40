/**
 * What a format registers so that every shared law suite runs on it: its document codec, arbitrary, optics, schema
 * files and corpus folder. Each `laws/formats/<Spec>.ts` exports one `registration`; `laws/registry.ts` lists them.
 *
 * @since 0.1.0
 */
import type * as fc from 'fast-check'
import type { XmlCodec } from '../src/codec/Element.js'
import type { DocumentCodec } from '../src/codec/Document.js'
import type { Extension } from '../src/codec/Extension.js'
import type * as Xml from '../src/xml/Ast.js'
import type { OpticLaws } from './Optic.js'
import type { SelectorLaws } from './Selector.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The extension monoid laws of one extension point: the host codec built from an extension, at least one extension
 * for the point, and host elements to decode (typically encoded generated documents' elements).
 *
 * @category model
 * @since 0.1.0
 */
export interface ExtensionLaws {
  readonly name: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly host: (ext: Extension<any, any>) => XmlCodec<unknown>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly extensions: ReadonlyArray<Extension<any, any>>
  readonly elements: fc.Arbitrary<Xml.Element>
}

/**
 * A format's registration with the law suites.
 *
 * @category model
 * @since 0.1.0
 */
export interface FormatLaws<A> {
  /** The format id (corpus folder and CLI id). */
  readonly format: string
  /** The defining spec, e.g. `RFC 3994`. */
  readonly spec: string
  readonly codec: DocumentCodec<A>
  readonly arbitrary: fc.Arbitrary<A>
  readonly optics: ReadonlyArray<OpticLaws<A>>
  /** Schema files (names in the shared schemas folder) whose namespaces generated documents are validated against. */
  readonly schemas: ReadonlyArray<string>
  /** The corpus folder, when not the format id. */
  readonly corpus?: string
  /**
   * Which files of the corpus folder this codec reads (a folder may hold documents of several wire forms, such as
   * RLMI documents and multipart bodies); by default, those with the codec's file extension.
   */
  readonly corpusFiles?: (file: string) => boolean
  /** The format's namespaces and element names, for arbitrary trees in the totality suite (XML formats). */
  readonly namespaces?: ReadonlyArray<string>
  readonly names?: ReadonlyArray<Xml.QName>
  readonly extensions?: ReadonlyArray<ExtensionLaws>
  /** Extra near-valid texts for the totality suite (text formats). */
  readonly texts?: fc.Arbitrary<string>
  /** A valid value with about `n` repeated parts (tuples, watchers, entries...), for the linearity sweeps of the bench. */
  readonly scale?: (n: number) => A
  /**
   * For XCAP formats: the node selectors of keyed optics' foci (the laws evaluate them on encoded documents, with the
   * application usage's default namespace for names without prefix).
   */
  readonly selectors?: ReadonlyArray<SelectorLaws<A>>
  /** The format's constructors, for the law that they never throw whatever JavaScript gives them. */
  readonly constructors?: Readonly<Record<string, (...args: never) => unknown>>
}

/**
 * Erases a registration's value type, for the registry's list.
 *
 * @category model
 * @since 0.1.0
 */
export type AnyFormatLaws = FormatLaws<any> // eslint-disable-line @typescript-eslint/no-explicit-any
