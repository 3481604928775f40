/**
 * A tiny XCAP (RFC 4825) HTTP client on node:http for the interop tests:
 * PUT / GET / DELETE a document (or a node selector below it) of an AUID
 * under users/<xui>/<file>. Bounded by a timeout; one request per connection.
 */
import { request } from 'node:http'

export interface XcapResponse {
  readonly status: number
  readonly etag: string | undefined
  readonly contentType: string | undefined
  readonly body: string
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
}

export interface XcapClientOptions {
  /** e.g. http://127.0.0.1:25080/xcap-root (trailing slash optional) */
  readonly root: string
  /** per request, ms (default 5000) */
  readonly timeoutMs?: number
}

export interface XcapRequestOptions {
  readonly contentType?: string
  readonly ifMatch?: string
  readonly ifNoneMatch?: string
  readonly timeoutMs?: number
}

/**
 * Path of a document in the users tree: `<auid>/users/<xui>/<file>` plus an
 * optional node selector (given unescaped, after `~~/`; it is percent-encoded here).
 */
export const userDocPath = (auid: string, xui: string, file = 'index', nodeSelector?: string): string => {
  const base = `${auid}/users/${xui}/${file}`
  if (nodeSelector === undefined) return base
  const sel = nodeSelector.replace(/[[\]"<>\s]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))
  return `${base}/~~/${sel}`
}

export class XcapClient {
  private readonly root: URL
  constructor(readonly opts: XcapClientOptions) {
    this.root = new URL(opts.root.endsWith('/') ? opts.root : opts.root + '/')
  }

  /** Absolute URL of a path relative to the XCAP root. */
  url(path: string): string {
    return new URL(path.replace(/^\//, ''), this.root).toString()
  }

  put(path: string, body: string, o: XcapRequestOptions = {}): Promise<XcapResponse> {
    return this.send('PUT', path, body, o)
  }

  get(path: string, o: XcapRequestOptions = {}): Promise<XcapResponse> {
    return this.send('GET', path, undefined, o)
  }

  delete(path: string, o: XcapRequestOptions = {}): Promise<XcapResponse> {
    return this.send('DELETE', path, undefined, o)
  }

  private send(method: string, path: string, body: string | undefined, o: XcapRequestOptions): Promise<XcapResponse> {
    const target = new URL(this.url(path))
    const timeoutMs = o.timeoutMs ?? this.opts.timeoutMs ?? 5000
    const headers: Record<string, string> = { Connection: 'close' }
    if (body !== undefined) {
      headers['Content-Type'] = o.contentType ?? 'application/xml'
      headers['Content-Length'] = String(Buffer.byteLength(body, 'utf8'))
    }
    if (o.ifMatch !== undefined) headers['If-Match'] = o.ifMatch
    if (o.ifNoneMatch !== undefined) headers['If-None-Match'] = o.ifNoneMatch
    return new Promise((resolve, reject) => {
      let settled = false
      const fail = (e: Error): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        reject(e)
      }
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          method,
          // keep the path as given: XCAP node selectors are sensitive to re-encoding
          path: target.pathname + target.search,
          headers,
          agent: false
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('error', fail)
          res.on('end', () => {
            if (settled) return
            settled = true
            clearTimeout(timer)
            const etag = res.headers.etag
            resolve({
              status: res.statusCode ?? 0,
              etag: Array.isArray(etag) ? etag[0] : etag,
              contentType: res.headers['content-type'],
              body: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers
            })
          })
        }
      )
      const timer = setTimeout(() => {
        req.destroy()
        fail(new Error(`XCAP ${method} ${target.toString()}: timeout after ${timeoutMs} ms`))
      }, timeoutMs)
      req.on('error', (e) => fail(new Error(`XCAP ${method} ${target.toString()}: ${e.message}`)))
      req.end(body)
    })
  }
}
