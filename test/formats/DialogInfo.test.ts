import * as assert from 'node:assert'
import * as E from '#fp-ts/Either'
import * as O from '#fp-ts/Option'
import * as fc from 'fast-check'
import * as T from '#monocle-ts/Traversal'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'vitest'
import * as _ from '../../src/formats/DialogInfo.js'
import * as SharedAppearance from '../../src/formats/SharedAppearance.js'
import * as Versioned from '../../src/codec/Versioned.js'
import * as Xml from '../../src/xml/Ast.js'
import { report, reportDropped } from '../../src/codec/DecodeError.js'
import * as A from '../../laws/Arbitrary.js'
import * as DA from '../../laws/formats/DialogInfo.js'
import { corpus } from '../../laws/Node.js'
import { decodeErrors, decodeOk, requireOrSkip } from '../util.js'

const NS = _.NS
const SA = SharedAppearance.NS
const decode = decodeOk(_.document)
const errors = decodeErrors(_.document)
const step = Versioned.apply(_.merge)
const applied = (o: Versioned.Outcome<_.DialogInfo>): Versioned.Versioned<_.DialogInfo> => {
  if (o._tag !== 'Applied') assert.fail(`expected Applied, got ${fc.stringify(o)}`)
  return o.state
}
const head = (attrs: string): string => `<?xml version="1.0"?>\n<dialog-info xmlns="${NS}" ${attrs} entity="sip:alice@example.com">`
const noSa: SharedAppearance.DialogExt = { joinedDialogs: [], replacedDialogs: [] }

// RFC 4235 §6.1: a UAC's INVITE forks; the second early dialog is answered, the first cancelled.
const RFC4235_6_1 = [
  `${head('version="0" state="full"')}
  <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" direction="initiator">
    <state>trying</state>
  </dialog>
</dialog-info>`,
  `${head('version="1" state="full"')}
  <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" remote-tag="456887766" direction="initiator">
    <state>early</state>
  </dialog>
</dialog-info>`,
  // as printed: both early dialogs carry the id as7d900as8, which §4.1.1 says must be unique (an erratum)
  `${head('version="2" state="full"')}
  <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" remote-tag="456887766" direction="initiator">
    <state>early</state>
  </dialog>
  <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" remote-tag="hh76a" direction="initiator">
    <state>early</state>
  </dialog>
</dialog-info>`,
  `${head('version="3" state="partial"')}
  <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" remote-tag="hh76a" direction="initiator">
    <state>confirmed</state>
  </dialog>
</dialog-info>`,
  `${head('version="4" state="partial"')}
  <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" remote-tag="hh76a" direction="initiator">
    <state event="cancelled">terminated</state>
  </dialog>
</dialog-info>`
]

// RFC 4235 §6.2: a phone emulating a shared line. Versions 4 to 8 are printed with errata (`reason` for `event`,
// `receiver` for `recipient`, a <param> outside <target>, a <target/> closed twice): given here corrected.
const RFC4235_6_2 = [
  `${head('version="0" state="full"')}\n</dialog-info>`,
  `${head('version="1" state="partial"')}
  <dialog id="as7d900as8">
    <state>trying</state>
  </dialog>
</dialog-info>`,
  `${head('version="2" state="partial"')}
  <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" direction="initiator">
    <state>trying</state>
    <local>
      <identity display="Alice Smith">
         sip:alice@example.com
      </identity>
      <target uri="sip:alice@pc33.example.com"/>
    </local>
    <remote>
      <identity>sip:bob@example.net</identity>
    </remote>
  </dialog>
</dialog-info>`,
  `${head('version="3" state="partial"')}
  <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" remote-tag="07346y131" direction="initiator">
    <state code="180">early</state>
    <remote>
      <target uri="sip:bobster@host2.example.net"/>
    </remote>
  </dialog>
</dialog-info>`,
  `${head('version="4" state="partial"')}
  <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" remote-tag="07346y131" direction="initiator">
    <state event="cancelled">terminated</state>
  </dialog>
  <dialog id="zxcvbnm3" call-id="a84b4c76e66710" local-tag="1928301774" remote-tag="8736347" direction="initiator">
    <state code="200">confirmed</state>
    <remote>
      <target uri="sip:bob-is-not-here@vm.example.net">
        <param pname="actor" pval="msg-taker"/>
        <param pname="automaton" pval="true"/>
        <param pname="+sip.byeless" pval="true"/>
      </target>
    </remote>
  </dialog>
</dialog-info>`,
  `${head('version="5" state="partial"')}
  <dialog id="zxcvbnm3" call-id="a84b4c76e66710" local-tag="1928301774" remote-tag="8736347" direction="initiator">
    <state event="replaced">terminated</state>
  </dialog>
  <dialog id="sfhjsjk12" call-id="o34oii1" local-tag="8903j4" remote-tag="78cjkus" direction="recipient">
    <state>confirmed</state>
    <replaces call-id="a84b4c76e66710" local-tag="1928301774" remote-tag="8736347"/>
    <referred-by>
      sip:bob-is-not-here@vm.example.net
    </referred-by>
    <local>
      <target uri="sip:alice@pc33.example.com">
        <param pname="+sip.rendering" pval="yes"/>
      </target>
    </local>
    <remote>
      <identity display="Cathy Jones">
         sip:cjones@example.net
      </identity>
      <target uri="sip:line3@host3.example.net">
        <param pname="actor" pval="attendant"/>
        <param pname="automaton" pval="false"/>
      </target>
    </remote>
  </dialog>
</dialog-info>`,
  `${head('version="6" state="partial"')}
  <dialog id="sfhjsjk12" call-id="o34oii1" local-tag="8903j4" remote-tag="78cjkus" direction="recipient">
    <state>confirmed</state>
    <remote>
      <target uri="sip:confid-34579@host3.example.net">
        <param pname="isfocus" pval="true"/>
      </target>
    </remote>
  </dialog>
</dialog-info>`,
  `${head('version="7" state="partial"')}
  <dialog id="sfhjsjk12" call-id="o34oii1" local-tag="8903j4" remote-tag="78cjkus" direction="recipient">
    <state>confirmed</state>
    <local>
      <target uri="sip:alice@pc33.example.com">
        <param pname="+sip.rendering" pval="no"/>
      </target>
    </local>
  </dialog>
</dialog-info>`,
  `${head('version="8" state="partial"')}
  <dialog id="sfhjsjk12" call-id="o34oii1" local-tag="8903j4" remote-tag="78cjkus" direction="recipient">
    <state event="remote-bye">terminated</state>
  </dialog>
  <dialog id="08hjh1345">
    <state>trying</state>
  </dialog>
</dialog-info>`,
  `${head('version="9" state="full"')}\n</dialog-info>`
]

// RFC 4235 §6.3: minimal information, for privacy
const RFC4235_6_3 = [
  `${head('version="0" state="full"')}\n</dialog-info>`,
  `${head('version="1" state="full"')}\n  <dialog id="1">\n    <state>confirmed</state>\n  </dialog>\n</dialog-info>`,
  `${head('version="2" state="full"')}\n</dialog-info>`
]

// RFC 4235 §4.2, with the entity the printed example lacks
const RFC4235_4_2 = `<?xml version="1.0" encoding="UTF-8"?>
<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="urn:ietf:params:xml:ns:dialog-info"
  version="1" state="full" entity="sip:alice@example.com">
  <dialog id="123456">
     <state>confirmed</state>
     <duration>274</duration>
     <local>
       <identity display="Alice">sip:alice@example.com</identity>
       <target uri="sip:alice@pc33.example.com">
         <param pname="isfocus" pval="true"/>
         <param pname="class" pval="personal"/>
       </target>
     </local>
     <remote>
       <identity display="Bob">sip:bob@example.org</identity>
       <target uri="sip:bobster@phone21.example.org"/>
     </remote>
  </dialog>
</dialog-info>`

// RFC 7463 §11.10, as printed: the shared-appearance elements come before <state>, which the schema's sequence forbids
const RFC7463_11_10 = `<?xml version="1.0"?>
<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info"
             xmlns:sa="urn:ietf:params:xml:ns:sa-dialog-info"
             version="10"
             state="full"
             entity="sip:HelpDesk@example.com:5060">
   <dialog id="id3d4f9c83"
       call-id="dc95da63-60db1abd-d5a74b48"
       local-tag="605AD957-1F6305C2" >
         <sa:appearance>1</sa:appearance>
         <sa:exclusive>false</sa:exclusive>
         <sa:joined-dialog
           call-id="14-1541707345"
           from-tag="44BAD75D-E3128D42"
           to-tag="d3b06488-1dd1-11b2-88c5-b03162323164+d3e48f4c" />
         <state>trying</state>
         <local>
           <target uri="sip:alice@ua1.example.com">
           </target>
         </local>
         <remote>
             <target uri="sip:bob@example.com" />
         </remote>
    </dialog>
</dialog-info>`

const statesOf = (s: Versioned.Versioned<_.DialogInfo>): ReadonlyArray<readonly [string, string]> =>
  s.value.dialogs.map((d) => [d.id, d.state.value] as const)

describe('DialogInfo', () => {
  describe('RFC examples', () => {
    it('RFC 4235 §4.2: a confirmed dialog with both participants (the printed example lacks the entity)', () => {
      assert.deepStrictEqual(errors(RFC4235_4_2.replace(' entity="sip:alice@example.com"', '')), ['/dialog-info: expected attribute entity, got nothing'])
      assert.deepStrictEqual(decode(RFC4235_4_2), {
        otherAttrs: { '{http://www.w3.org/2001/XMLSchema-instance}schemaLocation': 'urn:ietf:params:xml:ns:dialog-info' },
        version: 1,
        state: 'full',
        entity: 'sip:alice@example.com',
        dialogs: [
          {
            id: '123456',
            state: { value: 'confirmed' },
            duration: 274,
            local: {
              identity: { display: 'Alice', uri: 'sip:alice@example.com' },
              target: {
                uri: 'sip:alice@pc33.example.com',
                params: [
                  { pname: 'isfocus', pval: 'true' },
                  { pname: 'class', pval: 'personal' }
                ]
              },
              other: []
            },
            remote: {
              identity: { display: 'Bob', uri: 'sip:bob@example.org' },
              target: { uri: 'sip:bobster@phone21.example.org', params: [] },
              other: []
            },
            ext: noSa,
            other: []
          }
        ],
        other: []
      })
    })
    it('RFC 4235 §6.1: every dialog of a document is kept, even two with the same id', () => {
      const v = decode(RFC4235_6_1[2])
      assert.deepStrictEqual(
        v.dialogs.map((d) => [d.id, d.remoteTag, d.state.value]),
        [
          ['as7d900as8', '456887766', 'early'],
          ['as7d900as8', 'hh76a', 'early']
        ]
      )
      assert.deepStrictEqual(decode(RFC4235_6_1[4]).dialogs[0].state, { event: 'cancelled', value: 'terminated' })
    })
    it('RFC 4235 §6.2: identities are kept as written, white space included', () => {
      const d = decode(RFC4235_6_2[2]).dialogs[0]
      assert.deepStrictEqual(d.local?.identity, { display: 'Alice Smith', uri: '\n         sip:alice@example.com\n      ' })
      assert.deepStrictEqual(d.remote?.identity, { uri: 'sip:bob@example.net' })
      const v = decode(RFC4235_6_2[5]).dialogs[1]
      assert.deepStrictEqual(v.replaces, { callId: 'a84b4c76e66710', localTag: '1928301774', remoteTag: '8736347' })
      assert.deepStrictEqual(v.referredBy, { uri: '\n      sip:bob-is-not-here@vm.example.net\n    ' })
      assert.strictEqual(v.direction, 'recipient')
    })
    it('encodes every example to a document that decodes to the same value', () => {
      for (const text of [...RFC4235_6_1, ...RFC4235_6_2, ...RFC4235_6_3, RFC4235_4_2]) {
        const v = decode(text)
        assert.deepStrictEqual(decode(_.document.encode(v)), v)
        assert.deepStrictEqual(decode(_.document.encode(v, { pretty: true })), v)
      }
    })
    it('the printed errata are refused, each with its reason', () => {
      assert.deepStrictEqual(errors(RFC4235_6_2[4].replace('event="cancelled"', 'reason="cancelled"')), [
        '/dialog-info/dialog[1]/state/@reason: expected no attribute reason here, got "cancelled"'
      ])
      assert.deepStrictEqual(errors(RFC4235_6_2[6].replace('"recipient"', '"receiver"')), [
        '/dialog-info/dialog[1]/@direction: expected "initiator" | "recipient", got "receiver"'
      ])
      assert.deepStrictEqual(
        errors(
          `${head('version="7" state="partial"')}<dialog id="s"><state>confirmed</state><local>` +
            `<target uri="sip:alice@pc33.example.com"/><param pname="+sip.rendering" pval="no"/></local></dialog></dialog-info>`
        ),
        [`/dialog-info/dialog[1]/local/param[1]: expected no element <{${NS}}param> here, got one`]
      )
      assert.deepStrictEqual(errors(`${head('version="0" notify-state="full"')}</dialog-info>`), [
        '/dialog-info/@notify-state: expected no attribute notify-state here, got "full"',
        '/dialog-info: expected attribute state, got nothing'
      ])
    })
  })

  describe('codec', () => {
    const full = `<di:dialog-info xmlns:di="${NS}" xmlns:x="urn:example:x" version="3" state="partial" entity="sip:alice@example.com">` +
      `<di:dialog id="d1" call-id="c1" local-tag="l1" remote-tag="r1" direction="recipient">` +
      `<di:state event="rejected" code="486">terminated</di:state><di:duration>12</di:duration>` +
      `<di:replaces call-id="c0" local-tag="l0" remote-tag="r0"/><di:referred-by display="Bob">sip:bob@example.com</di:referred-by>` +
      `<di:route-set><di:hop>sip:p1.example.com;lr</di:hop><di:hop>sip:p2.example.com;lr</di:hop></di:route-set>` +
      `<di:local><di:identity display-name="Alice">sip:alice@example.com</di:identity>` +
      `<di:session-description type="application/sdp">v=0</di:session-description><di:cseq>2</di:cseq><x:l/></di:local>` +
      `<di:remote><di:target uri="sip:carol@192.0.2.3"><di:param pname="isfocus" pval="true"/></di:target><x:r/></di:remote>` +
      `<x:d/></di:dialog><di:dialog id="d2"><di:state>trying</di:state></di:dialog><x:top/></di:dialog-info>`
    it('reads every element and attribute of the schema, and the foreign elements where the schema has a wildcard', () => {
      const v = decode(full)
      assert.deepStrictEqual(v.dialogs.map((d) => d.id), ['d1', 'd2'])
      const { xmlns: _x, ...d1 } = v.dialogs[0]
      assert.deepStrictEqual(Xml.stripHints(v.other[0]).name, { ns: 'urn:example:x', local: 'top' })
      assert.deepStrictEqual(
        { ...d1, local: { ...d1.local, other: d1.local?.other.map((e) => e.name) }, remote: { ...d1.remote, other: d1.remote?.other.map((e) => e.name) }, other: d1.other.map((e) => e.name) },
        {
          id: 'd1',
          callId: 'c1',
          localTag: 'l1',
          remoteTag: 'r1',
          direction: 'recipient',
          state: { event: 'rejected', code: 486, value: 'terminated' },
          duration: 12,
          replaces: { callId: 'c0', localTag: 'l0', remoteTag: 'r0' },
          referredBy: { display: 'Bob', uri: 'sip:bob@example.com' },
          routeSet: ['sip:p1.example.com;lr', 'sip:p2.example.com;lr'],
          local: {
            identity: { displayName: 'Alice', uri: 'sip:alice@example.com' },
            sessionDescription: { type: 'application/sdp', value: 'v=0' },
            cseq: 2,
            other: [{ ns: 'urn:example:x', local: 'l' }]
          },
          remote: { target: { uri: 'sip:carol@192.0.2.3', params: [{ pname: 'isfocus', pval: 'true' }] }, other: [{ ns: 'urn:example:x', local: 'r' }] },
          ext: noSa,
          other: [{ ns: 'urn:example:x', local: 'd' }]
        }
      )
      assert.deepStrictEqual(decode(_.document.encode(v)), v)
      assert.ok(E.isRight(_.document.canonical(_.document.encode(v))))
      assert.strictEqual(E.getOrElse(() => '')(_.document.canonical(_.document.encode(v))), E.getOrElse(() => 'x')(_.document.canonical(full)))
    })
    it('renders errors with paths', () => {
      assert.deepStrictEqual(
        errors(
          `${head('version="-1" state="complete"')}<dialog><state code="99">ringing</state><duration>x</duration>` +
            `<route-set/><local><identity>sip:a@example.com</identity><identity>sip:b@example.com</identity></local></dialog></dialog-info>`
        ),
        [
          '/dialog-info/@version: expected an xs:nonNegativeInteger, got "-1"',
          '/dialog-info/@state: expected "full" | "partial", got "complete"',
          '/dialog-info/dialog[1]: expected attribute id, got nothing',
          '/dialog-info/dialog[1]/state/@code: expected a response code (100 to 699), got "99"',
          '/dialog-info/dialog[1]/state: expected "trying" | "proceeding" | "early" | "confirmed" | "terminated", got "ringing"',
          '/dialog-info/dialog[1]/duration: expected an xs:nonNegativeInteger, got "x"',
          `/dialog-info/dialog[1]/route-set: expected at least 1 <{${NS}}hop>, got 0`,
          `/dialog-info/dialog[1]/local/identity[2]: expected at most one <{${NS}}identity>, got another`
        ]
      )
      assert.deepStrictEqual(errors(`${head('version="0" state="full"')}<dialog id="x"/></dialog-info>`), [
        `/dialog-info/dialog[1]: expected a child <{${NS}}state>, got nothing`
      ])
    })
    it('lenient mode drops a broken dialog and keeps the others', () => {
      const r = _.document.decodeLenient(
        `${head('version="1" state="full"')}<dialog id="a" direction="receiver"><state>confirmed</state></dialog>` +
          `<dialog id="b"><state>early</state></dialog></dialog-info>`
      )
      assert.ok(E.isRight(r))
      assert.deepStrictEqual(r.right.value.dialogs.map((d) => d.id), ['b'])
      assert.deepStrictEqual(reportDropped(r.right.dropped), [
        '/dialog-info/dialog[1]: dropped: @direction: expected "initiator" | "recipient", got "receiver"'
      ])
    })
    it('its canonical form leaves out the indentation of empty element-only elements, and keeps text', () => {
      const c = (s: string): string => E.getOrElse(() => 'failed')(_.document.canonical(s))
      assert.strictEqual(c(RFC4235_6_3[0]), c(RFC4235_6_3[0].replace('\n</dialog-info>', '</dialog-info>')))
      assert.strictEqual(
        c(`${head('version="0" state="full"')}<dialog id="a"><state>early</state><local><target uri="u">\n </target></local></dialog></dialog-info>`),
        c(`${head('version="0" state="full"')}<dialog id="a"><state>early</state><local><target uri="u"/></local></dialog></dialog-info>`)
      )
      assert.notStrictEqual(
        c(`${head('version="0" state="full"')}<dialog id="a"><state>early</state><route-set><hop> </hop></route-set></dialog></dialog-info>`),
        c(`${head('version="0" state="full"')}<dialog id="a"><state>early</state><route-set><hop/></route-set></dialog></dialog-info>`)
      )
      assert.ok(E.isLeft(_.document.canonical('<dialog-info')))
    })
    it('element codecs for parts of a document', () => {
      const hops = Xml.element({ ns: NS, local: 'route-set' }, {}, [Xml.element({ ns: NS, local: 'hop' }, {}, [Xml.text('sip:p1.example.com;lr')])])
      assert.deepStrictEqual(_.RouteSet.decode(hops), E.right(['sip:p1.example.com;lr']))
      assert.ok(!_.RouteSet.is([]))
      assert.deepStrictEqual(_.Remote.encode(_.participant('sip:bob@example.com')).name, { ns: NS, local: 'remote' })
      assert.deepStrictEqual(_.ReferredBy.encode({ display: 'Bob', uri: 'sip:bob@example.com' }).attrs, { display: 'Bob' })
      assert.ok(_.responseCode.is(486) && !_.responseCode.is(99) && !_.responseCode.is(700))
      const ref = Xml.element({ ns: SA, local: 'replaced-dialog' }, { 'call-id': 'c', 'from-tag': 'f', 'to-tag': 't' }, [])
      assert.deepStrictEqual(SharedAppearance.ReplacedDialog.decode(ref), E.right({ callId: 'c', fromTag: 'f', toTag: 't' }))
      assert.ok(E.isLeft(SharedAppearance.JoinedDialog.decode(ref)))
      assert.ok(SharedAppearance.JoinedDialog.is(SharedAppearance.dialogRef('c', 'l', 'r')))
    })
    it('generated dialogs and shared-appearance fields are what the codecs accept', () => {
      fc.assert(
        fc.property(DA.DialogId, DA.SaDialog, DA.Dialog, (id, ext, d) => {
          assert.ok(_.Dialog.is({ ...d, id, ext }))
        })
      )
    })
    it('is found by its media type (dialogInfoWith builds other compositions)', () => {
      assert.strictEqual(_.document.contentType, 'application/dialog-info+xml')
      assert.strictEqual(_.document.id, 'dialog-info')
      const plain = _.documentWith(_.dialogInfoWith({ _tag: 'Extension', point: 'dialog-info:dialog', name: 'nothing', fields: {}, owns: [], defaults: {} }))
      const r = plain.decode(`${head('version="0" state="full"')}<dialog id="a"><state>early</state><appearance xmlns="${SA}">1</appearance></dialog></dialog-info>`)
      assert.ok(E.isRight(r))
      assert.deepStrictEqual(r.right.dialogs[0].ext, {})
      assert.deepStrictEqual(r.right.dialogs[0].other.map((e) => e.name), [{ ns: SA, local: 'appearance' }])
    })
  })

  describe('shared appearances (RFC 7463)', () => {
    it('as printed, with the elements before <state>: refused in strict mode, accepted with warnings in lenient mode', () => {
      assert.deepStrictEqual(errors(RFC7463_11_10), [
        `/dialog-info/dialog[1]/state[1]: expected <{${NS}}state> before <{${SA}}appearance>, got it after`,
        `/dialog-info/dialog[1]/local[1]: expected <{${NS}}local> before <{${SA}}appearance>, got it after`,
        `/dialog-info/dialog[1]/remote[1]: expected <{${NS}}remote> before <{${SA}}appearance>, got it after`
      ])
      const r = _.document.decodeLenient(RFC7463_11_10)
      assert.ok(E.isRight(r))
      assert.deepStrictEqual(report(r.right.warnings), [
        `/dialog-info/dialog[1]/state[1]: out of schema order: <{${NS}}state> after <{${SA}}appearance> (kept in place)`,
        `/dialog-info/dialog[1]/local[1]: out of schema order: <{${NS}}local> after <{${SA}}appearance> (kept in place)`,
        `/dialog-info/dialog[1]/remote[1]: out of schema order: <{${NS}}remote> after <{${SA}}appearance> (kept in place)`
      ])
      const d = r.right.value.dialogs[0]
      assert.deepStrictEqual(d.ext, {
        appearance: 1,
        exclusive: false,
        joinedDialogs: [{ callId: '14-1541707345', fromTag: '44BAD75D-E3128D42', toTag: 'd3b06488-1dd1-11b2-88c5-b03162323164+d3e48f4c' }],
        replacedDialogs: []
      })
      assert.strictEqual(SharedAppearance.appearanceOf(d), 1)
      assert.strictEqual(SharedAppearance.isExclusive(d), false)
      // the order is kept where it was: re-encoding gives the document back, and the value is not a valid one
      assert.deepStrictEqual(_.document.canonical(_.document.encode(r.right.value)), _.document.canonical(RFC7463_11_10))
      assert.ok(!_.document.is(r.right.value))
    })
    it('the RFC 7463 examples of the corpus: strict mode refuses them all, lenient mode keeps ten as printed', (ctx) => {
      const docs = corpus(fileURLToPath(new URL('../../../shared/corpus', import.meta.url)))?.('dialog-info')
      if (docs === undefined) return requireOrSkip(ctx, 'the shared corpus is not available')
      const tally = docs
        .filter((d) => d.file.includes('rfc7463') && d.file !== 'dialog-info/rfc7463-sec11.1.xml')
        .map((d) => {
          const strict = _.document.decode(d.bytes)
          const l = _.document.decodeLenient(d.bytes)
          if (E.isLeft(l)) return [d.file, 'refused in lenient mode too']
          const kept = E.isRight(_.document.canonical(d.bytes)) && _.document.canonical(_.document.encode(l.right.value))
          const same = kept !== false && E.isRight(kept) && kept.right === E.getOrElse(() => '')(_.document.canonical(d.bytes))
          return [d.file, E.isLeft(strict) ? 'strict: refused' : 'strict: decoded', l.right.dropped.length === 0 && same ? 'lenient: kept as printed' : `lenient: ${reportDropped(l.right.dropped)[0]}`]
        })
      assert.deepStrictEqual(tally.filter((t) => t[1] !== 'strict: refused'), [])
      assert.deepStrictEqual(
        tally.filter((t) => t[2] !== 'lenient: kept as printed').map((t) => `${t[0]} ${t[2]}`),
        [
          'dialog-info/rfc7463-sec11.2-2.xml lenient: /dialog-info/dialog[1]: dropped: local/target: expected element-only content, got text "sip:bob@ua2.example.com"',
          'dialog-info/rfc7463-sec11.4-2.xml lenient: /dialog-info/dialog[1]/remote/identity/@uri: dropped: expected no attribute uri here, got "sip:carol@example.com"',
          'dialog-info/rfc7463-sec11.7-1.xml lenient: /dialog-info/dialog[1]: dropped: state: expected "trying" | "proceeding" | "early" | "confirmed" | "terminated", got "active"',
          'dialog-info/rfc7463-sec11.8.xml lenient: /dialog-info/dialog[2]: dropped: @direction: expected "initiator" | "recipient", got "responder"'
        ]
      )
      assert.strictEqual(tally.filter((t) => t[2] === 'lenient: kept as printed').length, 10)
    })
    it('in schema order, the elements decode into the extension fields and round-trip', () => {
      const text =
        `${head('version="0" state="full"')}<dialog id="a"><state>confirmed</state>` +
        `<sa:exclusive xmlns:sa="${SA}">true</sa:exclusive><sa:appearance xmlns:sa="${SA}">3</sa:appearance>` +
        `<sa:replaced-dialog xmlns:sa="${SA}" call-id="c" local-tag="l" remote-tag="r"/><x xmlns="urn:example:x"/></dialog></dialog-info>`
      const v = decode(text)
      const d = v.dialogs[0]
      assert.deepStrictEqual(d.ext, { appearance: 3, exclusive: true, joinedDialogs: [], replacedDialogs: [SharedAppearance.dialogRef('c', 'l', 'r')] })
      assert.ok(SharedAppearance.isExclusive(d))
      assert.deepStrictEqual(d.order, [`{${NS}}state`, `{${SA}}exclusive`, `{${SA}}appearance`, `{${SA}}replaced-dialog`, '{urn:example:x}x'])
      assert.ok(_.document.is(v))
      assert.deepStrictEqual(_.document.canonical(_.document.encode(v)), _.document.canonical(text))
    })
    it('a dialog reference needs both tags of one spelling; an unknown element of the namespace is an error', () => {
      assert.deepStrictEqual(
        errors(`${head('version="0" state="full"')}<dialog id="a"><state>early</state><joined-dialog xmlns="${SA}" call-id="c" from-tag="f" remote-tag="r"/></dialog></dialog-info>`),
        ['/dialog-info/dialog[1]/joined-dialog[1]: expected local-tag and remote-tag (RFC 7463 §6), or from-tag and to-tag (RFC 7463 §11), got attributes remote-tag, from-tag']
      )
      assert.deepStrictEqual(errors(`${head('version="0" state="full"')}<dialog id="a"><state>early</state><line xmlns="${SA}"/></dialog></dialog-info>`), [
        `/dialog-info/dialog[1]/line[1]: expected no element <{${SA}}line> here, got one`
      ])
      assert.deepStrictEqual(errors(`${head('version="0" state="full"')}<dialog id="a"><state>early</state><appearance xmlns="${SA}">one</appearance></dialog></dialog-info>`), [
        '/dialog-info/dialog[1]/appearance: expected an xs:integer, got "one"'
      ])
    })
  })

  describe('merge (RFC 4235 §4.3)', () => {
    it('RFC 4235 §6.1: forked early dialogs, one answered, the other cancelled', () => {
      const r = Versioned.applyAll(_.merge)(undefined, RFC4235_6_1.map(decode))
      assert.deepStrictEqual(r.outcomes.map((o) => o._tag), ['Applied', 'Applied', 'Applied', 'Applied', 'Applied'])
      // the two early dialogs share an id (the erratum): one row, the later dialog's; then it is confirmed, then gone
      const s2 = applied(step(undefined, decode(RFC4235_6_1[2])))
      assert.deepStrictEqual(s2.value.dialogs.map((d) => d.remoteTag), ['hh76a'])
      assert.deepStrictEqual(r.state?.value.dialogs, [])
      assert.strictEqual(r.state?.version, 4)
    })
    it('RFC 4235 §6.2: a partial update keeps the identities, targets and session descriptions it leaves out', () => {
      const docs = RFC4235_6_2.map(decode)
      const states: Array<Versioned.Versioned<_.DialogInfo>> = []
      let s: Versioned.Versioned<_.DialogInfo> | undefined
      for (const d of docs) {
        s = applied(step(s, d))
        states.push(s)
      }
      assert.deepStrictEqual(states.map(statesOf), [
        [],
        [['as7d900as8', 'trying']],
        [['as7d900as8', 'trying']],
        [['as7d900as8', 'early']],
        [['zxcvbnm3', 'confirmed']],
        [['sfhjsjk12', 'confirmed']],
        [['sfhjsjk12', 'confirmed']],
        [['sfhjsjk12', 'confirmed']],
        [['08hjh1345', 'trying']],
        []
      ])
      // ringing: the remote identity of "dialing" stays, the remote target is the new one; the local side stays whole
      const ringing = states[3].value.dialogs[0]
      assert.deepStrictEqual(ringing.remote, { identity: { uri: 'sip:bob@example.net' }, target: { uri: 'sip:bobster@host2.example.net', params: [] }, other: [] })
      assert.deepStrictEqual(ringing.local?.identity, { display: 'Alice Smith', uri: '\n         sip:alice@example.com\n      ' })
      assert.deepStrictEqual(ringing.state, { code: 180, value: 'early' })
      // in the conference: the remote target and its parameters are replaced as a whole, Cathy's identity stays
      const conf = states[6].value.dialogs[0]
      assert.deepStrictEqual(conf.remote?.target, { uri: 'sip:confid-34579@host3.example.net', params: [{ pname: 'isfocus', pval: 'true' }] })
      assert.strictEqual(conf.remote?.identity?.display, 'Cathy Jones')
      assert.deepStrictEqual(states[7].value.dialogs[0].local?.target?.params, [{ pname: '+sip.rendering', pval: 'no' }])
      // every state is a full-state document the codec encodes and decodes back
      for (const st of states) {
        assert.strictEqual(st.value.state, 'full')
        assert.ok(_.document.is(st.value))
        assert.deepStrictEqual(decode(_.document.encode(st.value)), st.value)
      }
    })
    it('terminated dialogs of a full document are not in the view', () => {
      const doc = _.dialogInfo({ entity: 'sip:a@example.com', version: 3, dialogs: [_.terminated({ id: 'x', event: 'local-bye' }), _.confirmed({ id: 'y' })] })
      assert.deepStrictEqual(_.merge.fromFull(doc).dialogs.map((d) => d.id), ['y'])
    })
    it('an update that adds a participant drops a source order that no longer lists every child', () => {
      const s = applied(step(undefined, _.dialogInfo({ entity: 'sip:a@example.com', dialogs: [_.ringing({ id: 'd', remote: 'sip:bob@example.com' })] })))
      const upd = decode(
        `${head('version="1" state="partial"')}<dialog id="d"><state>confirmed</state>` +
          `<appearance xmlns="${SA}">1</appearance><x xmlns="urn:example:x"/><exclusive xmlns="${SA}">true</exclusive></dialog></dialog-info>`
      )
      assert.ok(upd.dialogs[0].order !== undefined)
      const d = applied(step(s, upd)).value.dialogs[0]
      assert.strictEqual(d.order, undefined)
      assert.deepStrictEqual(d.remote?.identity, { uri: 'sip:bob@example.com' })
      assert.ok(_.Dialog.is(d))
    })

    // laws, with an independent model of the table: a Map by id (first insertion order; delete then set appends)
    const ids = ['d1', 'd2', 'd3', 'd4']
    const change = fc.tuple(DA.Dialog, fc.constantFrom(...ids)).map(([d, id]) => ({ ...d, id }))
    const batch = fc.array(change, { maxLength: 4 })
    type Model = Map<string, _.Dialog>
    const carried = (before: _.Participant | undefined, update: _.Participant | undefined): _.Participant | undefined => {
      if (before === undefined) return update
      const r: Record<string, unknown> = { ...(update ?? { other: [] }) }
      for (const k of ['identity', 'target', 'sessionDescription'] as const) if (r[k] === undefined && before[k] !== undefined) r[k] = before[k]
      if (update === undefined && r.identity === undefined && r.target === undefined && r.sessionDescription === undefined) return undefined
      return r as unknown as _.Participant
    }
    const applyChanges = (m: Model, cs: ReadonlyArray<_.Dialog>): void => {
      for (const c of cs) {
        if (c.state.value === 'terminated') {
          m.delete(c.id)
          continue
        }
        const before = m.get(c.id)
        if (before === undefined) {
          m.set(c.id, c)
          continue
        }
        const { local: _l, remote: _r, ...rest } = c
        const local = carried(before.local, c.local)
        const remote = carried(before.remote, c.remote)
        m.set(c.id, { ...rest, ...(local === undefined ? {} : { local }), ...(remote === undefined ? {} : { remote }) })
      }
    }
    const ENTITY = 'sip:alice@example.com'
    const docOf = (version: number, state: _.DocumentState, cs: ReadonlyArray<_.Dialog>, other: ReadonlyArray<Xml.Element> = []): _.DialogInfo => ({
      ..._.dialogInfo({ entity: ENTITY, version, state, dialogs: cs }),
      other
    })

    it('a full document replaces the state, whatever the jump', () => {
      fc.assert(
        fc.property(DA.DialogInfo, DA.DialogInfo, fc.integer({ min: 1, max: 1000 }), (a, b, jump) => {
          const s = applied(step(undefined, { ...a, state: 'full' }))
          const doc: _.DialogInfo = { ...b, state: 'full', version: Versioned.successor(BigInt(s.version) + BigInt(jump - 1)) }
          const o = step(s, doc)
          assert.deepStrictEqual(o, { _tag: 'Applied', state: { version: doc.version, value: _.merge.fromFull(doc) } })
          assert.deepStrictEqual(o, step(undefined, doc))
        })
      )
    })

    it('a chain of partial documents in order gives the state of the full document describing the end result', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 31 }), batch, fc.array(fc.tuple(batch, A.foreignElements(1)), { maxLength: 6 }), (v0, initial, partials) => {
          const m: Model = new Map()
          applyChanges(m, initial)
          const docs = [docOf(v0, 'full', [...m.values()]), ...partials.map(([cs, o], i) => docOf(v0 + i + 1, 'partial', cs, o))]
          for (const [cs] of partials) applyChanges(m, cs)
          const end = docOf(v0 + partials.length, 'full', [...m.values()], partials.length === 0 ? [] : partials[partials.length - 1][1])
          const r = Versioned.applyAll(_.merge)(undefined, docs)
          assert.ok(r.outcomes.every((o) => o._tag === 'Applied'))
          const direct = applied(step(undefined, end))
          assert.deepStrictEqual(r.state, direct)
          assert.deepStrictEqual(direct.value, end)
          // the state is a valid document, and the busy-lamp field is the same whichever way it was reached
          assert.ok(_.document.is(r.state!.value))
          assert.deepStrictEqual(_.blf(r.state!), _.blf(end))
        })
      )
    })

    it('stale (old or repeated) and gapped versions are never applied', () => {
      fc.assert(
        fc.property(DA.DialogInfo, DA.DialogInfo, fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 2, max: 1000 }), (a, b, v, back, ahead) => {
          const s = applied(step(undefined, { ...a, state: 'full', version: v }))
          const stale = { ...b, version: Math.max(0, v - back) }
          const o1 = step(s, stale)
          assert.deepStrictEqual(o1, { _tag: 'Stale', current: v, got: stale.version })
          assert.strictEqual(Versioned.stateAfter(s, o1), s)
          const gapped: _.DialogInfo = { ...b, state: 'partial', version: v + ahead }
          const o2 = step(s, gapped)
          assert.deepStrictEqual(o2, { _tag: 'Gap', expected: v + 1, got: v + ahead })
          assert.ok(Versioned.needsFullState(o2))
          assert.strictEqual(Versioned.stateAfter(s, o2), s)
        })
      )
    })

    it('a first document that is partial is never applied, and a retransmission is stale', () => {
      fc.assert(
        fc.property(DA.DialogInfo, DA.DialogInfo, (a, b) => {
          assert.deepStrictEqual(step(undefined, { ...a, state: 'partial' }), { _tag: 'NotFullState', got: a.version })
          const s = applied(step(undefined, { ...a, state: 'full' }))
          const next = { ...b, version: Versioned.successor(a.version) }
          const s1 = applied(step(s, next))
          assert.strictEqual(step(s1, next)._tag, 'Stale')
        })
      )
    })
  })

  describe('blf', () => {
    const lamps = (texts: ReadonlyArray<string>): ReadonlyArray<_.Blf> => {
      let s: Versioned.Versioned<_.DialogInfo> | undefined
      return texts.map((t) => {
        s = applied(step(s, decode(t)))
        return _.blf(s)
      })
    }
    const alice = 'sip:alice@example.com'
    it('RFC 4235 §6.1: trying, ringing, answered, and the cancelled fork leaves the answered call', () => {
      assert.deepStrictEqual(lamps(RFC4235_6_1), [
        { entity: alice, status: 'early', dialogState: 'trying', direction: 'initiator', dialogId: 'as7d900as8' },
        { entity: alice, status: 'early', dialogState: 'early', direction: 'initiator', dialogId: 'as7d900as8' },
        { entity: alice, status: 'early', dialogState: 'early', direction: 'initiator', dialogId: 'as7d900as8' },
        { entity: alice, status: 'confirmed', dialogState: 'confirmed', direction: 'initiator', dialogId: 'as7d900as8' },
        { entity: alice, status: 'idle' }
      ])
      // the forked early dialogs as two rows (distinct ids, as §4.1.1 asks): the answered one decides
      const forked = _.dialogInfo({
        entity: alice,
        dialogs: [_.ringing({ id: 'a', direction: 'initiator', remote: 'sip:bob@example.com' }), _.confirmed({ id: 'b', direction: 'initiator', remote: 'sip:jack@example.com' })]
      })
      assert.deepStrictEqual(_.blf(forked), { entity: alice, status: 'confirmed', dialogState: 'confirmed', direction: 'initiator', remote: { uri: 'sip:jack@example.com' }, dialogId: 'b' })
    })
    it('RFC 4235 §6.2: idle, seized, dialing, ringing, voicemail, Cathy, conference, hold, seized again, idle', () => {
      const bob = { uri: 'sip:bob@example.net' }
      const cathy = { uri: 'sip:cjones@example.net', display: 'Cathy Jones' }
      assert.deepStrictEqual(
        lamps(RFC4235_6_2).map((b) => [b.status, b.dialogState, b.direction, b.remote]),
        [
          ['idle', undefined, undefined, undefined],
          ['early', 'trying', undefined, undefined],
          ['early', 'trying', 'initiator', bob],
          ['early', 'early', 'initiator', bob],
          ['confirmed', 'confirmed', 'initiator', { uri: 'sip:bob-is-not-here@vm.example.net' }],
          ['confirmed', 'confirmed', 'recipient', cathy],
          ['confirmed', 'confirmed', 'recipient', cathy],
          ['confirmed', 'confirmed', 'recipient', cathy],
          ['early', 'trying', undefined, undefined],
          ['idle', undefined, undefined, undefined]
        ]
      )
    })
    it('RFC 4235 §6.3: minimal information, for privacy', () => {
      assert.deepStrictEqual(lamps(RFC4235_6_3), [
        { entity: alice, status: 'idle' },
        { entity: alice, status: 'confirmed', dialogState: 'confirmed', dialogId: '1' },
        { entity: alice, status: 'idle' }
      ])
    })
    it('prefers early over proceeding over trying, and the first of a kind', () => {
      const doc = _.dialogInfo({
        entity: alice,
        dialogs: [_.trying({ id: 't' }), _.dialog('proceeding', { id: 'p' }), _.ringing({ id: 'r1', direction: 'recipient' }), _.ringing({ id: 'r2' }), _.terminated({ id: 'x' })]
      })
      assert.deepStrictEqual(_.blf(doc), { entity: alice, status: 'early', dialogState: 'early', direction: 'recipient', dialogId: 'r1' })
      assert.deepStrictEqual(_.blf(_.dialogInfo({ entity: alice, dialogs: [_.terminated({ id: 'x' })] })), { entity: alice, status: 'idle' })
    })
    it('the remote party is the remote identity (white space removed), else the remote target', () => {
      const d = (remote: _.Participant): _.DialogInfo => _.dialogInfo({ entity: alice, dialogs: [_.confirmed({ id: 'c', remote })] })
      assert.deepStrictEqual(_.blf(d({ identity: { displayName: 'Bob', uri: ' sip:bob@example.com\n' }, other: [] })).remote, { uri: 'sip:bob@example.com', display: 'Bob' })
      assert.deepStrictEqual(_.blf(d(_.participant(undefined, { target: 'sip:bob@192.0.2.1' }))).remote, { uri: 'sip:bob@192.0.2.1' })
      assert.deepStrictEqual(_.blf(d({ identity: { uri: '' }, other: [] })).remote, undefined)
    })
    it('blfByEntity: one lamp per observed user, the dialogs of every document of a user together', () => {
      const a = _.dialogInfo({ entity: 'sip:a@example.com', dialogs: [_.ringing({ id: '1', direction: 'recipient' })] })
      const b = _.dialogInfo({ entity: 'sip:b@example.com', dialogs: [] })
      const a2 = _.dialogInfo({ entity: 'sip:a@example.com', dialogs: [_.confirmed({ id: '2', direction: 'initiator' })] })
      assert.deepStrictEqual(
        _.blfByEntity([a, b, applied(step(undefined, a2))]).map((l) => [l.entity, l.status, l.dialogId]),
        [
          ['sip:a@example.com', 'confirmed', '2'],
          ['sip:b@example.com', 'idle', undefined]
        ]
      )
    })
    it('never throws, whatever it is given', () => {
      for (const u of [undefined, null, 1, 'x', [], { dialogs: 'x' }, { value: null }, { dialogs: [{ state: null }, null] }])
        assert.strictEqual(_.blf(u as never).status, 'idle')
      assert.deepStrictEqual(_.blfByEntity(null as never), [])
    })
  })

  describe('optics', () => {
    const v = decode(RFC4235_6_2[5])
    it('dialogById finds a dialog and keeps its id on set', () => {
      assert.deepStrictEqual(O.map((d: _.Dialog) => d.direction)(_.dialogById('sfhjsjk12').getOption(v)), O.some('recipient'))
      assert.deepStrictEqual(_.dialogById('nope').getOption(v), O.none)
      const w = _.dialogById('zxcvbnm3').set(_.confirmed({ id: 'other' }))(v)
      assert.deepStrictEqual(w.dialogs.map((d) => [d.id, d.state.value]), [
        ['zxcvbnm3', 'confirmed'],
        ['sfhjsjk12', 'confirmed']
      ])
      assert.strictEqual(_.dialogById('nope').set(_.confirmed({ id: 'nope' }))(v), v)
    })
    it('dialogStateById and dialogState change the state only (event and code stay)', () => {
      const w = _.dialogStateById('zxcvbnm3').set('confirmed')(v)
      assert.deepStrictEqual(w.dialogs[0].state, { event: 'replaced', value: 'confirmed' })
      assert.deepStrictEqual(_.dialogStateById('sfhjsjk12').getOption(w), O.some('confirmed'))
      assert.strictEqual(_.dialogStateById('sfhjsjk12').set('confirmed')(w), w)
      assert.strictEqual(_.dialogState.set('early')(w.dialogs[1]).state.value, 'early')
    })
    it('everyDialog', () => {
      assert.deepStrictEqual(T.getAll(v)(_.everyDialog).map((d) => d.id), ['zxcvbnm3', 'sfhjsjk12'])
      const hung = T.composeLens(_.dialogState)(_.everyDialog)
      assert.deepStrictEqual(T.getAll(T.set<_.DialogState>('terminated')(hung)(v))(hung), ['terminated', 'terminated'])
    })
  })

  describe('constructors', () => {
    it('ringing, confirmed and terminated dialogs in a document that encodes and decodes back', () => {
      const doc = _.dialogInfo({
        entity: 'sip:alice@example.com',
        version: 3,
        state: 'partial',
        dialogs: [
          _.ringing({ id: 'r', direction: 'recipient', callId: 'c1', localTag: 'l1', remoteTag: 'r1', remote: _.participant('sip:bob@example.com', { display: 'Bob' }), code: 180 }),
          _.confirmed({ direction: 'initiator', local: 'sip:alice@example.com', duration: 30, ext: { appearance: 2 } }),
          _.terminated({ id: 't', event: 'rejected', code: 486 })
        ]
      })
      assert.deepStrictEqual(doc.dialogs[0], {
        id: 'r',
        callId: 'c1',
        localTag: 'l1',
        remoteTag: 'r1',
        direction: 'recipient',
        state: { value: 'early', code: 180 },
        remote: { identity: { display: 'Bob', uri: 'sip:bob@example.com' }, other: [] },
        ext: noSa,
        other: []
      })
      assert.match(doc.dialogs[1].id, /^d[0-9a-z]+$/)
      assert.deepStrictEqual(doc.dialogs[1].ext, { joinedDialogs: [], replacedDialogs: [], appearance: 2 })
      assert.deepStrictEqual(doc.dialogs[2].state, { event: 'rejected', value: 'terminated', code: 486 })
      assert.ok(_.document.is(doc))
      assert.deepStrictEqual(decode(_.document.encode(doc)), doc)
      assert.notStrictEqual(_.freshId(), _.freshId())
    })
    it('participant: identity, display, target and parameters', () => {
      assert.deepStrictEqual(_.participant('sip:bob@example.com', { display: 'Bob', target: 'sip:bob@192.0.2.7', params: [{ pname: 'isfocus', pval: 'true' }] }), {
        identity: { display: 'Bob', uri: 'sip:bob@example.com' },
        target: { uri: 'sip:bob@192.0.2.7', params: [{ pname: 'isfocus', pval: 'true' }] },
        other: []
      })
      assert.deepStrictEqual(_.participant(), { other: [] })
    })
    it('the benchmark document has 50 distinct dialogs, and is the same each time', () => {
      const d = DA.dialogInfo50()
      assert.strictEqual(d.dialogs.length, 50)
      assert.strictEqual(new Set(d.dialogs.map((x) => x.id)).size, 50)
      assert.strictEqual(_.document.encode(d), _.document.encode(DA.dialogInfo50()))
      assert.ok(_.document.is(d))
      assert.deepStrictEqual(decode(_.document.encode(d)), d)
    })
  })
})
