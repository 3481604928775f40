/**
 * Every format's document codec, found by format id or MIME content type. Importing this module brings in every
 * format; import a format's own module (e.g. `sip-simple-payloads/IsComposing`) to bundle only that one.
 *
 * @since 0.1.0
 */
import type { DocumentCodec } from '../codec/Document.js'
import { document as isComposing } from './IsComposing.js'
import { document as watcherinfo } from './Watcherinfo.js'
import { document as messageSummary } from './MessageSummary.js'
import { document as pidf } from './Presence.js'

/**
 * The document codecs of every format, in the order `sip-payloads formats` lists them.
 *
 * @category registry
 * @since 0.1.0
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const formats: ReadonlyArray<DocumentCodec<any>> = [isComposing, watcherinfo, messageSummary, pidf]

/**
 * The document codec of a format id (the corpus folder name).
 *
 * @category registry
 * @since 0.1.0
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const byId = (id: string): DocumentCodec<any> | undefined => formats.find((f) => f.id === id)

/**
 * The document codec of a MIME content type (parameters such as `;charset=UTF-8` and case are ignored).
 *
 * @category registry
 * @since 0.1.0
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const byContentType = (contentType: string): DocumentCodec<any> | undefined => {
  const ct = contentType.split(';')[0].trim().toLowerCase()
  return formats.find((f) => f.contentType === ct)
}
