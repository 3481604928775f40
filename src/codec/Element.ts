/**
 * The element combinators, in one namespace (`C` in `sip-simple-payloads/codec`): element codecs are built from
 * fields ({@link Field}), records of fields ({@link Struct}), leaves ({@link Leaf}) and choices ({@link Choice}); the
 * model and the decode session are in {@link Codec}, lenient mode in {@link Lenient}.
 *
 * @since 0.1.0
 */
export * from './Codec.js'
export * from './Field.js'
export * from './Leaf.js'
export * from './Struct.js'
export * from './Choice.js'
export { validateDocument, type Decoded } from './Lenient.js'
export { field as extension } from './Extension.js'
