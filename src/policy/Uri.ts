/**
 * Identities as policy compares them: URI equivalence for the `id` of `<one>` and `<except>` (RFC 4745 §7.2, RFC 5025
 * §3.1.1.2) and for the service URIs and device IDs of pres-rules' transformations (RFC 5025 §3.3.1), and domain
 * equality for `<many domain>` and `<except domain>` (RFC 4745 §7.1.3).
 *
 * - URIs of different schemes are never equivalent (RFC 5025 §3.1.1.2); schemes compare case-insensitively.
 * - `sip`, `sips`, `pres` and `im` URIs compare as RFC 3261 §19.1.4 says for their user and host parts: the user part
 *   exactly (after percent-decoding), the host case-insensitively; the rest (port, parameters, headers) must be equal
 *   as written.
 * - `tel` URIs compare without their visual separators (RFC 3966 §4: `-`, `.`, `(`, `)`), case-insensitively.
 * - Every other URI compares exactly, but for the case of its scheme.
 * - Domains: percent-encoding translated, then IDNA ToASCII (RFC 3490), then ASCII equality label by label,
 *   case-insensitively; a domain that does not convert equals nothing.
 *
 * @example
 * import * as Uri from 'sip-simple-payloads/policy/Uri'
 * Uri.sameUri('sip:bob@EXAMPLE.com', 'SIP:bob@example.com') // true
 * Uri.sameDomain('bücher.example', 'xn--bcher-kva.example') // true
 *
 * @since 0.2.0
 */

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const decode = (s: string): string | undefined => {
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}

/**
 * The scheme of a URI, lower-cased, or `undefined` when it has none.
 *
 * @category constructors
 * @since 0.2.0
 */
export const schemeOf = (uri: string): string | undefined => {
  if (typeof uri !== 'string') return undefined
  const m = /^\s*([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)
  return m === null ? undefined : m[1].toLowerCase()
}

const USER_HOST = new Set(['sip', 'sips', 'pres', 'im'])

interface UserHost {
  readonly user: string | undefined
  readonly host: string
  readonly rest: string
}

const userHostOf = (body: string): UserHost | undefined => {
  const at = body.lastIndexOf('@', (body + ';').search(/[;?]/))
  const user = at < 0 ? undefined : decode(body.slice(0, at))
  if (at >= 0 && user === undefined) return undefined
  const tail = at < 0 ? body : body.slice(at + 1)
  const end = tail.search(/[:;?]/)
  const host = end < 0 ? tail : tail.slice(0, end)
  return { user, host: host.toLowerCase(), rest: end < 0 ? '' : tail.slice(end) }
}

/**
 * The domain of an identity URI: the host of a `sip`, `sips`, `pres` or `im` URI, the domain of a `mailto` address;
 * `undefined` for URIs without one (such as `tel`).
 *
 * @category constructors
 * @since 0.2.0
 */
export const domainOf = (uri: string): string | undefined => {
  const scheme = schemeOf(uri)
  if (scheme === undefined) return undefined
  const body = uri.trim().slice(scheme.length + 1)
  if (USER_HOST.has(scheme) || scheme === 'mailto') {
    const uh = userHostOf(body)
    return uh === undefined || uh.host === '' ? undefined : uh.host
  }
  return undefined
}

/**
 * Whether two URIs identify the same entity (see the module doc). Never throws; anything but two strings is unequal.
 *
 * @category constructors
 * @since 0.2.0
 */
export const sameUri = (a: string, b: string): boolean => {
  if (typeof a !== 'string' || typeof b !== 'string') return false
  const sa = schemeOf(a)
  const sb = schemeOf(b)
  if (sa === undefined || sb === undefined) return sa === sb && a.trim() === b.trim()
  if (sa !== sb) return false
  const ba = a.trim().slice(sa.length + 1)
  const bb = b.trim().slice(sb.length + 1)
  if (USER_HOST.has(sa)) {
    const x = userHostOf(ba)
    const y = userHostOf(bb)
    return x !== undefined && y !== undefined && x.user === y.user && x.host === y.host && x.rest === y.rest
  }
  if (sa === 'tel') {
    const strip = (s: string): string => s.replace(/[-.()]/g, '').toLowerCase()
    return strip(ba) === strip(bb)
  }
  return ba === bb
}

const MAX_DOMAIN = 253

/**
 * A domain in the form RFC 4745 §7.1.3 compares: percent-decoded, converted with IDNA ToASCII, lower-cased; `undefined`
 * when it does not convert.
 *
 * @category constructors
 * @since 0.2.0
 */
export const asciiDomain = (domain: string): string | undefined => {
  if (typeof domain !== 'string') return undefined
  const d = decode(domain.trim())
  if (d === undefined || d === '' || d.length > MAX_DOMAIN * 4 || /[\s/?#@:[\]\\%]/.test(d)) return undefined
  try {
    const host = new URL(`http://${d}/`).hostname
    return host === '' ? undefined : host.replace(/\.$/, '')
  } catch {
    return undefined
  }
}

/**
 * Whether two domains are equal as RFC 4745 §7.1.3 compares them (see the module doc).
 *
 * @category constructors
 * @since 0.2.0
 */
export const sameDomain = (a: string, b: string): boolean => {
  const x = asciiDomain(a)
  return x !== undefined && x === asciiDomain(b)
}
