/**
 * A minimal SIP user agent over UDP (node:dgram) for the interop tests.
 *
 * Enough of RFC 3261 / 3265 / 3903 to PUBLISH an event state and to SUBSCRIBE
 * and collect the NOTIFY requests a presence server sends back. Not a general
 * SIP stack: no authentication, no TCP, no DNS, no forking, no Record-Route.
 *
 * Every wait is bounded by a timeout and every socket is closed by `close()`.
 */
import { createSocket, type Socket } from 'node:dgram'
import { randomBytes } from 'node:crypto'

export interface SipMessage {
  /** 'request' or 'response' */
  readonly kind: 'request' | 'response'
  /** request method (requests only) */
  readonly method?: string
  /** request URI (requests only) */
  readonly uri?: string
  /** status code (responses only) */
  readonly status?: number
  readonly reason?: string
  /** headers in order, names as received */
  readonly headers: ReadonlyArray<readonly [string, string]>
  readonly body: string
  /** the raw datagram */
  readonly raw: string
}

export interface Notify {
  readonly message: SipMessage
  readonly cseq: number
  /** Subscription-State value without parameters: active | pending | terminated */
  readonly state: string
  /** Subscription-State parameters, e.g. expires, reason */
  readonly stateParams: Readonly<Record<string, string>>
  /** Content-Type (lower case, parameters kept) or undefined when there is no body */
  readonly contentType: string | undefined
  readonly body: string
  /** ms since the SUBSCRIBE was sent */
  readonly atMs: number
}

export interface UaOptions {
  /** user part of our AOR: sip:<user>@<domain> */
  readonly user: string
  /** server address */
  readonly serverHost: string
  readonly serverPort: number
  /** SIP domain of the AORs; default example.com */
  readonly domain?: string
  /** local address to bind (default 127.0.0.1) and port (default 0 = any free port) */
  readonly localHost?: string
  readonly localPort?: number
  /** default timeout for one transaction, ms (default 5000) */
  readonly timeoutMs?: number
}

export interface PublishOptions {
  readonly event: string
  readonly contentType?: string
  /** omit for a refresh/removal (with sipIfMatch) */
  readonly body?: string
  readonly expires?: number
  readonly sipIfMatch?: string
  readonly timeoutMs?: number
}

export interface SubscribeOptions {
  /** user part of the resource: sip:<target>@<domain> */
  readonly target: string
  readonly event: string
  readonly accept?: string
  readonly expires?: number
  /** extra header lines, e.g. [['Supported', 'eventlist']] */
  readonly extraHeaders?: ReadonlyArray<readonly [string, string]>
  readonly timeoutMs?: number
}

const COMPACT: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  o: 'event',
  k: 'supported',
  e: 'content-encoding',
  s: 'subject',
  u: 'allow-events'
}

const canon = (name: string): string => {
  const n = name.trim().toLowerCase()
  return COMPACT[n] ?? n
}

/** All values of a header (compact forms understood), in order. */
export const headerValues = (msg: SipMessage, name: string): string[] => {
  const want = canon(name)
  return msg.headers.filter(([n]) => canon(n) === want).map(([, v]) => v)
}

/** First value of a header, or undefined. */
export const header = (msg: SipMessage, name: string): string | undefined => headerValues(msg, name)[0]

/** Parses one SIP datagram. Throws on garbage. */
export const parseSipMessage = (raw: string): SipMessage => {
  const sep = raw.indexOf('\r\n\r\n')
  const head = sep < 0 ? raw : raw.slice(0, sep)
  let rest = sep < 0 ? '' : raw.slice(sep + 4)
  // unfold continuation lines (RFC 3261 7.3.1)
  const lines = head.split('\r\n').reduce<string[]>((acc, line) => {
    if (/^[ \t]/.test(line) && acc.length > 0) acc[acc.length - 1] += ' ' + line.trim()
    else acc.push(line)
    return acc
  }, [])
  const start = lines.shift() ?? ''
  const headers: Array<readonly [string, string]> = []
  for (const line of lines) {
    const i = line.indexOf(':')
    if (i <= 0) continue
    headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()])
  }
  const clen = headers.find(([n]) => canon(n) === 'content-length')
  if (clen !== undefined) {
    const n = Number.parseInt(clen[1], 10)
    if (Number.isFinite(n) && n >= 0) rest = Buffer.from(rest, 'utf8').subarray(0, n).toString('utf8')
  }
  const resp = /^SIP\/2\.0\s+(\d{3})\s*(.*)$/.exec(start)
  if (resp !== null) {
    return { kind: 'response', status: Number(resp[1]), reason: resp[2] ?? '', headers, body: rest, raw }
  }
  const req = /^([A-Za-z]+)\s+(\S+)\s+SIP\/2\.0$/.exec(start)
  if (req !== null) {
    return { kind: 'request', method: req[1]!.toUpperCase(), uri: req[2]!, headers, body: rest, raw }
  }
  throw new Error(`not a SIP message: ${JSON.stringify(start.slice(0, 80))}`)
}

/** `tag` parameter of a From/To header value. */
export const tagOf = (nameAddr: string | undefined): string | undefined => {
  if (nameAddr === undefined) return undefined
  const afterUri = nameAddr.includes('>') ? nameAddr.slice(nameAddr.lastIndexOf('>') + 1) : nameAddr
  return /;\s*tag=([^;\s]+)/i.exec(afterUri)?.[1]
}

/** `<uri>` of a name-addr (Contact, From, To), or the bare URI. */
export const uriOf = (nameAddr: string): string => {
  const m = /<([^>]*)>/.exec(nameAddr)
  return (m?.[1] ?? nameAddr.split(';')[0] ?? '').trim()
}

const parseParams = (s: string): { value: string; params: Record<string, string> } => {
  const [value = '', ...ps] = s.split(';').map((x) => x.trim())
  const params: Record<string, string> = {}
  for (const p of ps) {
    if (p === '') continue
    const i = p.indexOf('=')
    if (i < 0) params[p.toLowerCase()] = ''
    else params[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim().replace(/^"(.*)"$/, '$1')
  }
  return { value: value.toLowerCase(), params }
}

const token = (bytes = 8): string => randomBytes(bytes).toString('hex')

interface PendingTx {
  readonly resolve: (m: SipMessage) => void
  readonly reject: (e: Error) => void
  readonly method: string
}

/** Dialog state of one subscription (internal to the UA, exported for typing). */
export class Dialog {
  readonly notifies: Notify[] = []
  /** Event/Accept/extra headers of the initial SUBSCRIBE, reused on refresh */
  requestHeaders: ReadonlyArray<readonly [string, string]> = []
  private readonly seenCseq = new Set<number>()
  private readonly waiters = new Set<() => void>()
  remoteTag: string | undefined
  remoteTarget: string | undefined
  localCseq = 1
  constructor(
    readonly callId: string,
    readonly localTag: string,
    readonly fromUri: string,
    readonly toUri: string,
    readonly event: string,
    readonly startedAt: number
  ) {}

  onNotify(msg: SipMessage): void {
    const cseq = Number.parseInt(header(msg, 'cseq') ?? '0', 10)
    if (this.seenCseq.has(cseq)) return // retransmission: answered again, recorded once
    this.seenCseq.add(cseq)
    this.remoteTag ??= tagOf(header(msg, 'from'))
    const contact = header(msg, 'contact')
    if (contact !== undefined) this.remoteTarget ??= uriOf(contact)
    const ss = parseParams(header(msg, 'subscription-state') ?? '')
    const body = msg.body
    const ct = header(msg, 'content-type')
    this.notifies.push({
      message: msg,
      cseq,
      state: ss.value,
      stateParams: ss.params,
      contentType: body.length > 0 || ct !== undefined ? ct?.toLowerCase() : undefined,
      body,
      atMs: Date.now() - this.startedAt
    })
    for (const w of [...this.waiters]) w()
  }

  onChange(f: () => void): () => void {
    this.waiters.add(f)
    return () => this.waiters.delete(f)
  }
}

/** A subscription created by {@link SipUa.subscribe}. */
export class Subscription {
  constructor(
    private readonly ua: SipUa,
    private readonly dialog: Dialog,
    /** the final response to the initial SUBSCRIBE */
    readonly response: SipMessage
  ) {}

  /** NOTIFYs received so far, in arrival order (retransmissions removed). */
  get notifies(): readonly Notify[] {
    return this.dialog.notifies
  }

  /**
   * Resolves with the first NOTIFY (already received or arriving later) that
   * satisfies `pred`; rejects after `timeoutMs` with a description of what came.
   */
  waitFor(pred: (n: Notify) => boolean, timeoutMs = 5000, what = 'matching NOTIFY'): Promise<Notify> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const hit = this.dialog.notifies.find(pred)
        if (hit !== undefined) {
          done()
          resolve(hit)
          return true
        }
        return false
      }
      const timer = setTimeout(() => {
        done()
        const got = this.dialog.notifies
          .map((n) => `#${n.cseq} ${n.state} ${n.contentType ?? '(no body)'} ${n.body.length}B`)
          .join('; ')
        reject(new Error(`timeout after ${timeoutMs} ms waiting for ${what} (${this.dialog.event} ${this.dialog.toUri}); received: ${got || 'none'}`))
      }, timeoutMs)
      const off = this.dialog.onChange(() => void check())
      const done = (): void => {
        clearTimeout(timer)
        off()
      }
      check()
    })
  }

  /** Ends the subscription (SUBSCRIBE Expires: 0 in the dialog); resolves with the final response. */
  unsubscribe(timeoutMs?: number): Promise<SipMessage> {
    return this.ua.refresh(this.dialog, 0, timeoutMs)
  }
}

/** A SIP UA bound to its own UDP port on 127.0.0.1. */
export class SipUa {
  private readonly pending = new Map<string, PendingTx>()
  private readonly dialogs = new Map<string, Dialog>()
  private closed = false
  readonly aor: string
  readonly domain: string
  /** every datagram sent/received, for debugging */
  readonly trace: string[] = []

  private constructor(
    private readonly socket: Socket,
    readonly opts: UaOptions,
    readonly localHost: string,
    readonly localPort: number
  ) {
    this.domain = opts.domain ?? 'example.com'
    this.aor = `sip:${opts.user}@${this.domain}`
    socket.on('message', (buf, rinfo) => this.onDatagram(buf.toString('utf8'), rinfo.address, rinfo.port))
  }

  static open(opts: UaOptions): Promise<SipUa> {
    const localHost = opts.localHost ?? '127.0.0.1'
    const socket = createSocket('udp4')
    return new Promise((resolve, reject) => {
      const onError = (e: Error): void => {
        socket.close()
        reject(e)
      }
      socket.once('error', onError)
      socket.bind(opts.localPort ?? 0, localHost, () => {
        socket.off('error', onError)
        socket.on('error', () => undefined) // late ICMP errors etc.: transactions time out instead
        resolve(new SipUa(socket, opts, localHost, socket.address().port))
      })
    })
  }

  private get contact(): string {
    return `<sip:${this.opts.user}@${this.localHost}:${this.localPort}>`
  }

  private send(text: string): void {
    if (this.closed) throw new Error('UA closed')
    this.trace.push(`>>> ${new Date().toISOString()}\n${text}`)
    this.socket.send(Buffer.from(text, 'utf8'), this.opts.serverPort, this.opts.serverHost)
  }

  private sendTo(text: string, host: string, port: number): void {
    if (this.closed) return
    this.trace.push(`>>> ${new Date().toISOString()} to ${host}:${port}\n${text}`)
    this.socket.send(Buffer.from(text, 'utf8'), port, host)
  }

  private onDatagram(text: string, host: string, port: number): void {
    if (text.trim() === '') return // keepalive
    this.trace.push(`<<< ${new Date().toISOString()} from ${host}:${port}\n${text}`)
    let msg: SipMessage
    try {
      msg = parseSipMessage(text)
    } catch {
      return
    }
    if (msg.kind === 'response') {
      const branch = /;\s*branch=([^;,\s]+)/i.exec(header(msg, 'via') ?? '')?.[1]
      const method = (header(msg, 'cseq') ?? '').split(/\s+/)[1]?.toUpperCase()
      const tx = branch === undefined ? undefined : this.pending.get(branch)
      if (tx === undefined || tx.method !== method) return
      if ((msg.status ?? 0) < 200) return // provisional
      this.pending.delete(branch!)
      tx.resolve(msg)
      return
    }
    this.onRequest(msg, host, port)
  }

  private onRequest(msg: SipMessage, host: string, port: number): void {
    const method = msg.method ?? ''
    if (method === 'ACK') return
    // responses go to the top Via's sent-by, or to the source when it has rport/received
    const topVia = header(msg, 'via') ?? ''
    const sentBy = /^SIP\/2\.0\/UDP\s+([^;\s]+)/i.exec(topVia)?.[1] ?? `${host}:${port}`
    let [rHost, rPortS] = sentBy.split(':')
    let rPort = Number(rPortS ?? '5060')
    if (/;\s*rport/i.test(topVia) || /;\s*received=/i.test(topVia)) {
      rHost = host
      rPort = port
    }
    const dialog = this.dialogs.get(header(msg, 'call-id') ?? '')
    let status = 200
    let reason = 'OK'
    if (method === 'NOTIFY') {
      if (dialog === undefined || tagOf(header(msg, 'to')) !== dialog.localTag) {
        status = 481
        reason = 'Subscription does not exist'
      }
    } else {
      status = 405
      reason = 'Method Not Allowed'
    }
    const lines = [`SIP/2.0 ${status} ${reason}`]
    for (const v of headerValues(msg, 'via')) lines.push(`Via: ${v}`)
    lines.push(`From: ${header(msg, 'from') ?? ''}`)
    lines.push(`To: ${header(msg, 'to') ?? ''}`)
    lines.push(`Call-ID: ${header(msg, 'call-id') ?? ''}`)
    lines.push(`CSeq: ${header(msg, 'cseq') ?? ''}`)
    if (status === 405) lines.push('Allow: NOTIFY')
    lines.push('Content-Length: 0', '', '')
    this.sendTo(lines.join('\r\n'), rHost ?? host, Number.isFinite(rPort) ? rPort : port)
    if (status === 200 && dialog !== undefined) dialog.onNotify(msg)
  }

  /**
   * Sends a non-INVITE request and resolves with its final response. UDP
   * retransmission per RFC 3261 17.1.2 (T1 = 500 ms, capped at T2 = 4 s);
   * rejects after `timeoutMs`.
   */
  private transaction(method: string, build: (branch: string) => string, timeoutMs: number): Promise<SipMessage> {
    const branch = `z9hG4bK${token(10)}`
    const text = build(branch)
    return new Promise((resolve, reject) => {
      let interval = 500
      let retrans: NodeJS.Timeout | undefined
      const finish = (): void => {
        clearTimeout(timer)
        if (retrans !== undefined) clearTimeout(retrans)
        this.pending.delete(branch)
      }
      const timer = setTimeout(() => {
        finish()
        reject(new Error(`timeout after ${timeoutMs} ms: no final response to ${method} ${this.aor}`))
      }, timeoutMs)
      const again = (): void => {
        retrans = setTimeout(() => {
          if (this.closed || !this.pending.has(branch)) return
          this.send(text)
          interval = Math.min(interval * 2, 4000)
          again()
        }, interval)
      }
      this.pending.set(branch, {
        method,
        resolve: (m) => {
          finish()
          resolve(m)
        },
        reject: (e) => {
          finish()
          reject(e)
        }
      })
      try {
        this.send(text)
      } catch (e) {
        finish()
        reject(e as Error)
        return
      }
      again()
    })
  }

  private buildRequest(p: {
    method: string
    ruri: string
    branch: string
    from: string
    to: string
    callId: string
    cseq: number
    headers: ReadonlyArray<readonly [string, string]>
    body?: string | undefined
  }): string {
    const body = p.body ?? ''
    const lines = [
      `${p.method} ${p.ruri} SIP/2.0`,
      `Via: SIP/2.0/UDP ${this.localHost}:${this.localPort};rport;branch=${p.branch}`,
      'Max-Forwards: 70',
      `From: ${p.from}`,
      `To: ${p.to}`,
      `Call-ID: ${p.callId}`,
      `CSeq: ${p.cseq} ${p.method}`,
      `Contact: ${this.contact}`,
      'User-Agent: sip-simple-payloads-interop',
      ...p.headers.map(([n, v]) => `${n}: ${v}`),
      `Content-Length: ${Buffer.byteLength(body, 'utf8')}`,
      '',
      body
    ]
    return lines.join('\r\n')
  }

  /** PUBLISH to our own AOR; resolves with the final response (SIP-ETag in `header(r, 'sip-etag')`). */
  publish(o: PublishOptions): Promise<SipMessage> {
    const callId = `${token()}@${this.localHost}`
    const headers: Array<readonly [string, string]> = [
      ['Event', o.event],
      ['Expires', String(o.expires ?? 3600)]
    ]
    if (o.sipIfMatch !== undefined) headers.push(['SIP-If-Match', o.sipIfMatch])
    if (o.body !== undefined) headers.push(['Content-Type', o.contentType ?? 'application/pidf+xml'])
    return this.transaction(
      'PUBLISH',
      (branch) =>
        this.buildRequest({
          method: 'PUBLISH',
          ruri: this.aor,
          branch,
          from: `<${this.aor}>;tag=${token(6)}`,
          to: `<${this.aor}>`,
          callId,
          cseq: 1,
          headers,
          body: o.body
        }),
      o.timeoutMs ?? this.opts.timeoutMs ?? 5000
    )
  }

  /**
   * SUBSCRIBE from our AOR to sip:<target>@<domain>. NOTIFYs are answered with
   * 200 OK and collected from the moment the request is sent (a NOTIFY may
   * overtake the 2xx). Rejects on a non-2xx final response or on timeout.
   */
  async subscribe(o: SubscribeOptions): Promise<Subscription> {
    const callId = `${token()}@${this.localHost}`
    const localTag = token(6)
    const toUri = `sip:${o.target}@${this.domain}`
    const dialog = new Dialog(callId, localTag, this.aor, toUri, o.event, Date.now())
    this.dialogs.set(callId, dialog)
    const headers: Array<readonly [string, string]> = [['Event', o.event]]
    if (o.accept !== undefined) headers.push(['Accept', o.accept])
    headers.push(...(o.extraHeaders ?? []), ['Expires', String(o.expires ?? 600)])
    dialog.requestHeaders = headers
    const r = await this.transaction(
      'SUBSCRIBE',
      (branch) =>
        this.buildRequest({
          method: 'SUBSCRIBE',
          ruri: toUri,
          branch,
          from: `<${this.aor}>;tag=${localTag}`,
          to: `<${toUri}>`,
          callId,
          cseq: dialog.localCseq,
          headers
        }),
      o.timeoutMs ?? this.opts.timeoutMs ?? 5000
    )
    if ((r.status ?? 0) >= 300) {
      this.dialogs.delete(callId)
      throw new Error(`SUBSCRIBE ${toUri} (${o.event}) from ${this.aor} failed: ${r.status} ${r.reason}`)
    }
    dialog.remoteTag = tagOf(header(r, 'to')) ?? dialog.remoteTag
    const contact = header(r, 'contact')
    if (contact !== undefined) dialog.remoteTarget = uriOf(contact)
    return new Subscription(this, dialog, r)
  }

  /** In-dialog SUBSCRIBE refresh (expires 0 = unsubscribe). */
  refresh(dialog: Dialog, expires: number, timeoutMs?: number): Promise<SipMessage> {
    dialog.localCseq += 1
    const extra = dialog.requestHeaders.filter(([n]) => canon(n) !== 'expires')
    return this.transaction(
      'SUBSCRIBE',
      (branch) =>
        this.buildRequest({
          method: 'SUBSCRIBE',
          ruri: dialog.remoteTarget ?? dialog.toUri,
          branch,
          from: `<${dialog.fromUri}>;tag=${dialog.localTag}`,
          to: `<${dialog.toUri}>` + (dialog.remoteTag !== undefined ? `;tag=${dialog.remoteTag}` : ''),
          callId: dialog.callId,
          cseq: dialog.localCseq,
          headers: [...extra, ['Expires', String(expires)]]
        }),
      timeoutMs ?? this.opts.timeoutMs ?? 5000
    )
  }

  /** Closes the socket; pending transactions are rejected. Idempotent. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve()
    this.closed = true
    for (const [b, tx] of this.pending) {
      this.pending.delete(b)
      tx.reject(new Error(`UA ${this.aor} closed`))
    }
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve())
      } catch {
        resolve()
      }
    })
  }
}
