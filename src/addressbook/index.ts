/**
 * The XCAP address book with multi-device sync (`sip-simple-payloads/addressbook`): the model, its documents, the
 * projection between them, operations and their journal, the synchronisation state machine, its runner, and storage.
 *
 * @since 0.2.0
 */
export * as Documents from './Documents.js'
export * as Model from './Model.js'
export * as Operations from './Operations.js'
export * as Projection from './Projection.js'
export * as Runner from './Runner.js'
export * as Storage from './Storage.js'
export * as Sync from './Sync.js'
