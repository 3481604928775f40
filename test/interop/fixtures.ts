/**
 * Documents the interop tests store on the server.
 */

/**
 * A pres-rules document (RFC 5025) that allows the listed identities and provides them everything; anybody else has
 * no rule, and so stays pending.
 */
export const presRules = (allowed: ReadonlyArray<string>): string => `<?xml version="1.0" encoding="UTF-8"?>
<cr:ruleset xmlns:pr="urn:ietf:params:xml:ns:pres-rules" xmlns:cr="urn:ietf:params:xml:ns:common-policy">
  <cr:rule id="allow-listed">
    <cr:conditions>
      <cr:identity>
${allowed.map((id) => `        <cr:one id="${id}"/>`).join('\n')}
      </cr:identity>
    </cr:conditions>
    <cr:actions>
      <pr:sub-handling>allow</pr:sub-handling>
    </cr:actions>
    <cr:transformations>
      <pr:provide-services><pr:all-services/></pr:provide-services>
      <pr:provide-persons><pr:all-persons/></pr:provide-persons>
      <pr:provide-devices><pr:all-devices/></pr:provide-devices>
    </cr:transformations>
  </cr:rule>
</cr:ruleset>
`
