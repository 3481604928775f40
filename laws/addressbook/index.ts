/**
 * The address book's arbitraries and laws: projection, operations and journal, and the synchronisation machine
 * against a simulated XCAP server.
 *
 * @since 0.2.0
 */
export * as Arbitrary from './Arbitrary.js'
export * as Operations from './Operations.js'
export * as Projection from './Projection.js'
export * as Sync from './Sync.js'
