/**
 * XCAP application usages (RFC 4825 §5): what an XCAP server and client agree on for one kind of document: the
 * application unique ID (AUID), the default document namespace (which unprefixed names in node selectors mean), the
 * MIME type, whether documents live in the users tree (one per user, by XUI) or the global tree, and the document name
 * clients use by convention. `documentUri` builds the URI of a document (RFC 4825 §6).
 *
 * @since 0.2.0
 */

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * An application usage.
 *
 * @category model
 * @since 0.2.0
 */
export interface ApplicationUsage {
  /** The application unique ID, e.g. `resource-lists`, `org.openmobilealliance.pres-rules`. */
  readonly auid: string
  /** The default document namespace (RFC 4825 §5.1.4, §6.3). */
  readonly namespace: string
  /** The MIME type of whole documents. */
  readonly mimeType: string
  /** Where documents live: one per user (`users/<xui>/...`), or one for everyone (`global/...`). */
  readonly tree: 'users' | 'global'
  /** The document path clients use by convention (`index`, `oma_status-icon/index`). */
  readonly document: string
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * An application usage (documents in the users tree, named `index`, unless said otherwise).
 *
 * @category constructors
 * @since 0.2.0
 */
export const applicationUsage = (u: {
  readonly auid: string
  readonly namespace: string
  readonly mimeType: string
  readonly tree?: 'users' | 'global'
  readonly document?: string
}): ApplicationUsage => ({
  auid: u.auid,
  namespace: u.namespace,
  mimeType: u.mimeType,
  tree: u.tree ?? 'users',
  document: u.document ?? 'index'
})

// -------------------------------------------------------------------------------------
// URIs
// -------------------------------------------------------------------------------------

const HEX = '0123456789ABCDEF'

/**
 * Percent-encodes a string for one path segment of a URI (RFC 3986 §3.3: `pchar` is unreserved, sub-delims, `:` and
 * `@`; everything else, `/` included, is encoded as UTF-8 octets). A SIP URI used as an XUI keeps its `:` and `@`.
 *
 * @category URIs
 * @since 0.2.0
 */
export const encodeSegment = (s: string): string => {
  let out = ''
  for (const ch of s) {
    if (/^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/.test(ch)) {
      out += ch
      continue
    }
    for (const b of new TextEncoder().encode(ch)) out += '%' + HEX[b >> 4] + HEX[b & 15]
  }
  return out
}

/**
 * The URI of a document (RFC 4825 §6.2): `<xcap-root>/<auid>/users/<xui>/<document>` for the users tree,
 * `<xcap-root>/<auid>/global/<document>` for the global tree. The XUI and each segment of the document path are
 * percent-encoded as path segments (a `/` inside the XUI is escaped; the path's own `/` separate its segments); a
 * trailing `/` on the root is dropped.
 *
 * @example
 * import { documentUri, applicationUsage } from 'sip-simple-payloads/xcap/ApplicationUsage'
 * const rl = applicationUsage({ auid: 'resource-lists', namespace: 'urn:ietf:params:xml:ns:resource-lists', mimeType: 'application/resource-lists+xml' })
 * documentUri('https://xcap.example.com/xcap-root/', rl, 'sip:alice@example.com')
 * // 'https://xcap.example.com/xcap-root/resource-lists/users/sip:alice@example.com/index'
 *
 * @category URIs
 * @since 0.2.0
 */
export const documentUri = (root: string, usage: ApplicationUsage, xui?: string, document: string = usage.document): string => {
  const base = root.endsWith('/') ? root.slice(0, -1) : root
  const path = document.split('/').map(encodeSegment).join('/')
  return usage.tree === 'global' || xui === undefined
    ? `${base}/${encodeSegment(usage.auid)}/global/${path}`
    : `${base}/${encodeSegment(usage.auid)}/users/${encodeSegment(xui)}/${path}`
}
