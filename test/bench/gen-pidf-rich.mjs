// Writes docs/pidf/pidf-rich.xml: a presence document of about 15 KB with 10 tuples, 3 persons and 5 devices using
// the data model, RPID, CIPID and capabilities, with notes in several languages. Run: node test/bench/gen-pidf-rich.mjs
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const langs = [
  ['en', 'Back at my desk'],
  ['de', 'Wieder am Schreibtisch'],
  ['fr', 'De retour à mon bureau'],
  ['ja', '席に戻りました'],
  ['es', 'De vuelta en mi escritorio']
]
const devices = [0, 1, 2, 3, 4].map((i) => `urn:uuid:0c4e7a2b-1d3f-4a5b-9c8d-00000000000${i}`)
const methods = ['ACK', 'BYE', 'CANCEL', 'INVITE', 'MESSAGE', 'NOTIFY', 'OPTIONS', 'SUBSCRIBE']
const out = []
const w = (s) => out.push(s)

w('<?xml version="1.0" encoding="UTF-8"?>')
w('<presence xmlns="urn:ietf:params:xml:ns:pidf"')
w('    xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"')
w('    xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid"')
w('    xmlns:c="urn:ietf:params:xml:ns:pidf:cipid"')
w('    xmlns:caps="urn:ietf:params:xml:ns:pidf:caps"')
w('    entity="sip:alice@example.com">')
for (let i = 0; i < 10; i++) {
  const [lang, text] = langs[i % langs.length]
  w(`  <tuple id="t${i}">`)
  w('    <status>')
  w(`      <basic>${i % 3 === 2 ? 'closed' : 'open'}</basic>`)
  w('    </status>')
  w(`    <dm:deviceID>${devices[i % devices.length]}</dm:deviceID>`)
  w(`    <rpid:class>${i % 2 === 0 ? 'work' : 'home'}</rpid:class>`)
  w(`    <rpid:relationship><rpid:${i === 9 ? 'assistant' : 'self'}/></rpid:relationship>`)
  w(`    <rpid:service-class><rpid:${i % 4 === 3 ? 'postal' : 'electronic'}/></rpid:service-class>`)
  w('    <caps:servcaps>')
  w(`      <caps:audio>${i % 2 === 0}</caps:audio>`)
  w(`      <caps:description xml:lang="${lang}">Service ${i}</caps:description>`)
  w('      <caps:duplex><caps:supported><caps:full/></caps:supported></caps:duplex>')
  w('      <caps:message>true</caps:message>')
  w('      <caps:methods>')
  w('        <caps:supported>')
  for (const m of methods.slice(0, 4 + (i % 5))) w(`          <caps:${m}/>`)
  w('        </caps:supported>')
  w('      </caps:methods>')
  w(`      <caps:video>${i % 3 === 0}</caps:video>`)
  w('    </caps:servcaps>')
  w(`    <contact priority="${(1 - i / 10).toFixed(1)}">sip:alice@192.0.2.${10 + i};transport=tls</contact>`)
  w(`    <note xml:lang="${lang}">${text}</note>`)
  w(`    <timestamp>2024-05-14T09:${10 + i}:${String(i * 5).padStart(2, '0')}.${i}25+02:00</timestamp>`)
  w('  </tuple>')
}
w('  <note xml:lang="en">Working from the Berlin office this week</note>')
w('  <note xml:lang="de">Diese Woche im Berliner Büro</note>')
const activities = [['on-the-phone', 'meeting'], ['busy'], ['travel', 'meal']]
const moods = [['happy'], ['calm', 'curious'], ['sleepy']]
for (let i = 0; i < 3; i++) {
  w(`  <dm:person id="p${i}">`)
  w(`    <rpid:activities from="2024-05-14T08:00:00Z" until="2024-05-14T12:00:00Z">`)
  w(`      <rpid:note xml:lang="en">Activity ${i}</rpid:note>`)
  for (const a of activities[i]) w(`      <rpid:${a}/>`)
  w('    </rpid:activities>')
  w(`    <rpid:class>${['work', 'home', 'travel'][i]}</rpid:class>`)
  w('    <rpid:mood>')
  for (const m of moods[i]) w(`      <rpid:${m}/>`)
  w('    </rpid:mood>')
  w('    <rpid:place-is>')
  w('      <rpid:audio><rpid:quiet/></rpid:audio>')
  w('      <rpid:video><rpid:dark/></rpid:video>')
  w('    </rpid:place-is>')
  w('    <rpid:place-type><rpid:other>office</rpid:other></rpid:place-type>')
  w('    <rpid:privacy><rpid:text/></rpid:privacy>')
  w(`    <rpid:sphere><rpid:${i === 1 ? 'home' : 'work'}/></rpid:sphere>`)
  w(`    <rpid:status-icon>https://example.com/icons/alice-${i}.png</rpid:status-icon>`)
  w(`    <rpid:time-offset description="Berlin">${120 - i * 60}</rpid:time-offset>`)
  w(`    <c:card>https://example.com/~alice/card-${i}.vcf</c:card>`)
  w(`    <c:display-name>Alice Example ${i}</c:display-name>`)
  w(`    <c:homepage>https://example.com/~alice</c:homepage>`)
  w(`    <c:icon>https://example.com/~alice/icon-${i}.png</c:icon>`)
  for (const [lang, text] of langs.slice(0, 3)) w(`    <dm:note xml:lang="${lang}">${text} (${i})</dm:note>`)
  w(`    <dm:timestamp>2024-05-14T09:0${i}:00Z</dm:timestamp>`)
  w('  </dm:person>')
}
for (let i = 0; i < 5; i++) {
  w(`  <dm:device id="d${i}">`)
  w(`    <rpid:user-input idle-threshold="600">${i % 2 ? 'idle' : 'active'}</rpid:user-input>`)
  w('    <caps:devcaps>')
  w(`      <caps:description xml:lang="en">Device ${i}</caps:description>`)
  w(`      <caps:mobility><caps:supported><caps:${i < 2 ? 'fixed' : 'mobile'}/></caps:supported></caps:mobility>`)
  w('    </caps:devcaps>')
  w(`    <dm:deviceID>${devices[i]}</dm:deviceID>`)
  w(`    <dm:note xml:lang="${langs[i][0]}">${langs[i][1]}</dm:note>`)
  w(`    <dm:timestamp>2024-05-14T09:0${i}:30.5Z</dm:timestamp>`)
  w('  </dm:device>')
}
w('</presence>')
writeFileSync(fileURLToPath(new URL('docs/pidf/pidf-rich.xml', import.meta.url)), out.join('\n') + '\n')
