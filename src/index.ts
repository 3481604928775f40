/**
 * sip-simple-payloads: typed, lossless, namespace-correct codecs for SIP SIMPLE payloads.
 *
 * @since 0.1.0
 */
export * as Xml from './xml/index.js'
export * from './codec/index.js'
export { formats, byId, byContentType } from './formats/index.js'
export * as IsComposing from './formats/IsComposing.js'
export * as Watcherinfo from './formats/Watcherinfo.js'
export * as MessageSummary from './formats/MessageSummary.js'
export * as Pidf from './formats/Pidf.js'
export * as DataModel from './formats/DataModel.js'
export * as Presence from './formats/Presence.js'
export * as Rpid from './formats/Rpid.js'
export * as Cipid from './formats/Cipid.js'
export * as Caps from './formats/Caps.js'
export * as AgpPidf from './formats/AgpPidf.js'
