/**
 * Every registered format. Adding a format is one line here; the suites never change.
 *
 * @since 0.1.0
 */
import type { AnyFormatLaws } from './Registration.js'
import { registration as pidf } from './formats/Pidf.js'
import { registration as isComposing } from './formats/IsComposing.js'
import { registration as watcherinfo } from './formats/Watcherinfo.js'
import { registration as messageSummary } from './formats/MessageSummary.js'

/**
 * The registrations, in the order the suites run them.
 *
 * @category registry
 * @since 0.1.0
 */
export const registry: ReadonlyArray<AnyFormatLaws> = [isComposing, watcherinfo, messageSummary, pidf]
