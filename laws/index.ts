/**
 * `sip-simple-payloads/laws`: arbitraries, law suites and the format registry, for property-testing SIP systems with
 * the same generators and laws the library is tested with. (The Node-only corpus reader and schema validator live in
 * `sip-simple-payloads/laws/node`.)
 *
 * @since 0.1.0
 */
export * as Arbitrary from './Arbitrary.js'
export * as Laws from './Law.js'
export * as Optic from './Optic.js'
export * as Suites from './Suites.js'
export * as Hostile from './Hostile.js'
export { registry } from './registry.js'
export type { FormatLaws, AnyFormatLaws, ExtensionLaws } from './Registration.js'
export * as IsComposing from './formats/IsComposing.js'
export * as Watcherinfo from './formats/Watcherinfo.js'
export * as MessageSummary from './formats/MessageSummary.js'
export * as Pidf from './formats/Pidf.js'
export * as DataModel from './formats/DataModel.js'
export * as Rpid from './formats/Rpid.js'
export * as Cipid from './formats/Cipid.js'
export * as Caps from './formats/Caps.js'
export * as AgpPidf from './formats/AgpPidf.js'
export * as XcapDiff from './formats/XcapDiff.js'
export * as PresContent from './formats/PresContent.js'
export * as XcapDirectory from './formats/XcapDirectory.js'
export * as XcapCaps from './formats/XcapCaps.js'
export * as XcapError from './formats/XcapError.js'
export * as CommonPolicy from './formats/CommonPolicy.js'
export * as PresRules from './formats/PresRules.js'
export * as OmaCommonPolicy from './formats/OmaCommonPolicy.js'
export * as DialogRules from './formats/DialogRules.js'
export * as DialogInfo from './formats/DialogInfo.js'
export * as Imdn from './formats/Imdn.js'
export * as ConferenceInfo from './formats/ConferenceInfo.js'
export * as ResourceLists from './formats/ResourceLists.js'
export * as AddressBook from './formats/AddressBook.js'
export * as RlsServices from './formats/RlsServices.js'
