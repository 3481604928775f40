/**
 * The codec core: value codecs, element combinators, extensions, optics helpers, document codecs, media types and
 * errors.
 *
 * @since 0.1.0
 */
export * as C from './Element.js'
export * as V from './Value.js'
export * as Ext from './Extension.js'
export * as Optics from './Optics.js'
export * as Doc from './Document.js'
export * as DecodeError from './DecodeError.js'
export * as MediaType from './MediaType.js'
export * as Json from './Json.js'
export * as Versioned from './Versioned.js'
export type { XmlCodec, Field } from './Element.js'
export type { ValueCodec } from './Value.js'
export type { Extension } from './Extension.js'
export type { DocumentCodec, XmlDocumentCodec, Lenient, DecodeResult } from './Document.js'
export { decodeResult } from './Document.js'
export type { Problem, Dropped } from './DecodeError.js'
export * as KeyedMerge from './KeyedMerge.js'
