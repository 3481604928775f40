/**
 * Every registered format's laws, keyed by format id. The record is typed by the one list of formats
 * (`src/formats/index.ts`): a format without laws, or laws for an id that is no format, does not compile, and a test
 * checks the same at run time. Adding a format is one line here; the suites never change.
 *
 * @since 0.1.0
 */
import type * as fc from 'fast-check'
import { byId, type FormatId, type ValueOf } from '../src/formats/index.js'
import { registration as rlmi } from './formats/Rlmi.js'
import { registrationWith as multipartWith } from './formats/Multipart.js'
import type { AnyFormatLaws, FormatLaws } from './Registration.js'
import { registration as pidf } from './formats/Pidf.js'
import { registration as isComposing } from './formats/IsComposing.js'
import { registration as watcherinfo } from './formats/Watcherinfo.js'
import { registration as messageSummary } from './formats/MessageSummary.js'
import { registration as xcapDiff } from './formats/XcapDiff.js'
import { registration as presContent } from './formats/PresContent.js'
import { registration as xcapDirectory } from './formats/XcapDirectory.js'
import { registration as xcapCaps } from './formats/XcapCaps.js'
import { registration as xcapError } from './formats/XcapError.js'
import { registration as presRules } from './formats/PresRules.js'
import { registration as dialogRules } from './formats/DialogRules.js'
import { registration as commonPolicy } from './formats/CommonPolicy.js'
import { registration as dialogInfo } from './formats/DialogInfo.js'
import { registration as imdn } from './formats/Imdn.js'
import { registration as conferenceInfo } from './formats/ConferenceInfo.js'
import { registration as resourceLists } from './formats/ResourceLists.js'
import { registration as rlsServices } from './formats/RlsServices.js'

/**
 * The laws of each format, by format id.
 *
 * @category registry
 * @since 0.2.0
 */
export const registrations: { readonly [K in FormatId]: FormatLaws<ValueOf<K>> } = {
  iscomposing: isComposing,
  watcherinfo,
  'message-summary': messageSummary,
  pidf,
  'xcap-diff': xcapDiff,
  'pres-content': presContent,
  'xcap-directory': xcapDirectory,
  'xcap-caps': xcapCaps,
  'xcap-error': xcapError,
  'pres-rules': presRules,
  'dialog-rules': dialogRules,
  'common-policy': commonPolicy,
  'dialog-info': dialogInfo,
  imdn,
  'conference-info': conferenceInfo,
  'resource-lists': resourceLists,
  'rls-services': rlsServices,
  rlmi,
  'multipart-related': multipartWith(byId('multipart-related'))
}

/**
 * The registrations, in the order the suites run them.
 *
 * @category registry
 * @since 0.1.0
 */
export const registry: ReadonlyArray<AnyFormatLaws> = Object.values(registrations)

/**
 * An arbitrary of each registered format's documents, by format id (`arbitraries.pidf`, `arbitraries.iscomposing`,
 * …, the ids of `formats` and the command line): every value it generates passes the format's `document.is`, so
 * `document.encode` gives a valid document and `document.decode` reads it back. Property-test your own SIP system with
 * them: generate, encode, send, and check what comes back.
 *
 * @category registry
 * @since 0.2.0
 */
export const arbitraries: { readonly [K in FormatId]: fc.Arbitrary<ValueOf<K>> } = Object.fromEntries(
  Object.entries(registrations).map(([id, reg]) => [id, reg.arbitrary])
) as { readonly [K in FormatId]: fc.Arbitrary<ValueOf<K>> }
