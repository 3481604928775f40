/**
 * Small documents, well-formed and not, with the verdict of XML 1.0 (fifth edition) and Namespaces in XML 1.0. The
 * well-formedness test parses each and runs `xmllint --noout` on the same bytes (strings are written as UTF-8).
 *
 * `doctype` marks documents with a DOCTYPE: the parser refuses every DOCTYPE on purpose (no DTD, no entities), so
 * for those the expected verdict is our refusal, whatever xmllint says.
 */

export interface Case {
  readonly name: string
  readonly doc: string | Uint8Array
  /** Whether the document is well-formed and namespace-well-formed. */
  readonly wf: boolean
  readonly doctype?: true
}

const enc = new TextEncoder()

/** Bytes from strings (as UTF-8) and byte values. */
const bytes = (...parts: ReadonlyArray<string | ReadonlyArray<number>>): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : [...p])))

/** ISO-8859-1 bytes of a string whose characters are all below U+0100. */
const latin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0))

const utf16 = (s: string, le: boolean, bom = true): Uint8Array => {
  const units = (bom ? '\uFEFF' : '') + s
  const out = new Uint8Array(units.length * 2)
  for (let i = 0; i < units.length; i++) {
    const c = units.charCodeAt(i)
    out[2 * i + (le ? 0 : 1)] = c & 0xff
    out[2 * i + (le ? 1 : 0)] = c >> 8
  }
  return out
}

const BOM = [0xef, 0xbb, 0xbf]

const ok = (name: string, doc: string | Uint8Array): Case => ({ name, doc, wf: true })
const bad = (name: string, doc: string | Uint8Array): Case => ({ name, doc, wf: false })
const doctype = (name: string, doc: string): Case => ({ name, doc, wf: false, doctype: true })

export const corpus: ReadonlyArray<Case> = [
  // ---- well-formed: structure, declaration, names ----
  ok('empty element', '<a/>'),
  ok('start and end tag', '<a></a>'),
  ok('white space in tags', '<a\n  b = "1"\n\tc=\'2\'  ></a >'),
  ok('declaration, version only', '<?xml version="1.0"?><a/>'),
  ok('declaration with encoding', '<?xml version="1.0" encoding="UTF-8"?>\n<a/>'),
  ok('declaration with all three', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a/>'),
  ok('declaration, single quotes', "<?xml version='1.0' standalone='no'?><a/>"),
  ok('declaration, spaces around =', '<?xml version = "1.0" encoding= "utf-8" ?><a/>'),
  ok('declaration, tab and line feed', '<?xml\tversion="1.0"\n?><a/>'),
  ok('declaration, version 1.1 read as 1.0', '<?xml version="1.1"?><a/>'),
  ok('declaration, version 1.10', '<?xml version="1.10"?><a/>'),
  ok('non-ASCII names', '<é·-.0 ü="1"><_x.y-z/></é·-.0>'),
  ok('names starting with xml', '<xmlfoo xml-bar="1"><xml.baz/></xmlfoo>'),
  ok('nested elements', '<a><b><c/></b><b/></a>'),
  ok('mixed content', '<p>Hello <b>big</b> <i>world</i>!</p>'),
  ok('greater-than in text and attributes', '<a b=">">x > y</a>'),
  ok('"]]" without ">" in text', '<a>]] ]</a>'),
  ok('"]]>" escaped in text', '<a>]]&gt; ]]&#62;</a>'),
  ok('"]]>" in an attribute value', '<a b="]]>"/>'),
  ok('referenced "<" in an attribute value', '<a b="&lt;" c="&#60;&#x3C;"/>'),
  ok('tab and line feed in an attribute value', '<a b="x\ty\nz"/>'),
  ok('no-break space in text', '<a>\u00A0</a>'),
  ok('C1 and line separator characters', '<a>\u0085\u2028</a>'),
  ok('non-character U+FDD0', '<a>\uFDD0</a>'),
  ok('non-BMP text', '<a b="😀">😀</a>'),
  ok('trailing white space and comments', '<a/>\n<!-- after -->\n'),
  ok('leading white space', '\n \t<a/>'),
  ok('xml:space with another value (a warning only)', '<a xml:space="foo"/>'),
  ok('empty xml:lang', '<a xml:lang=""/>'),

  // ---- well-formed: references ----
  ok('predefined entities', '<a>&lt;&gt;&amp;&quot;&apos;</a>'),
  ok('character references', '<a>&#65;&#x42;&#x1F600;&#x10FFFF;&#xFFFD;</a>'),
  ok('character references with leading zeros', '<a>&#0000065;&#x00041;</a>'),
  ok('references in attribute values', '<a b="&amp;&#9;&#x20;&quot;"/>'),

  // ---- well-formed: CDATA, comments, processing instructions ----
  ok('CDATA', '<a><![CDATA[<&>]]></a>'),
  ok('empty CDATA', '<a><![CDATA[]]></a>'),
  ok('CDATA ending in "]"', '<a><![CDATA[x]]]></a>'),
  ok('CDATA of "]]"', '<a><![CDATA[]]]]></a>'),
  ok('CDATA with markup inside', '<a><![CDATA[<!-- <?pi?> <b> ]]></a>'),
  ok('comments around the root', '<!-- c --><a/><!-- d -->'),
  ok('empty comment', '<a><!----></a>'),
  ok('comment with single hyphens', '<a><!-- - a-b -></a> --></a>'),
  ok('comment of "->"', '<a><!--->--></a>'),
  ok('comment with markup inside', '<a><!-- <b> </a> ]]> < c --></a>'),
  ok('processing instruction without data', '<?pi?><a/>'),
  ok('processing instruction with data', '<a/><?pi some data?>'),
  ok('processing instruction data starting with "?"', '<?pi ?x?><a/>'),
  ok('processing instruction data of "?"', '<?pi ??><a/>'),
  ok('processing instruction data of "??"', '<?pi ???><a/>'),
  ok('processing instruction data with "?"', '<?pi a?b?><a/>'),
  ok('processing instruction data with markup', '<a><?pi <b> & ]]> < c?></a>'),
  ok('processing instruction target xml-stylesheet', '<?xml-stylesheet href="a.css"?><a/>'),
  ok('processing instruction target starting with xml', '<a/><?xmlfoo bar?>'),
  ok('processing instructions between text', '<a>x<?pi?>y<?q r?>z</a>'),

  // ---- well-formed: namespaces ----
  ok('default namespace', '<a xmlns="urn:a"><b/></a>'),
  ok('prefixed names', '<p:a xmlns:p="urn:p"><p:b p:c="1"/></p:a>'),
  ok('prefix rebound in a subtree', '<a xmlns:p="urn:1"><p:b xmlns:p="urn:2"/><p:c/></a>'),
  ok('prefix bound differently in two subtrees', '<r><a xmlns:p="urn:1"><p:x/></a><b xmlns:p="urn:2"><p:x/></b></r>'),
  ok('default namespace undeclared', '<a xmlns="urn:a"><b xmlns=""/></a>'),
  ok('redundant declarations', '<a xmlns="urn:a" xmlns:p="urn:p"><b xmlns="urn:a" xmlns:p="urn:p"/></a>'),
  ok('two prefixes for one namespace, distinct locals', '<a xmlns:p="u" xmlns:q="u" p:x="1" q:y="2"/>'),
  ok('same local name with and without a prefix', '<a xmlns:p="urn:p" p:b="1" b="2"/>'),
  ok('unprefixed attribute next to the default namespace one', '<a xmlns="urn:u" xmlns:p="urn:u" b="1" p:b="2"/>'),
  ok('xml prefix without declaration', '<a xml:lang="en" xml:space="preserve"/>'),
  ok('xml prefix declared', '<a xmlns:xml="http://www.w3.org/XML/1998/namespace" xml:lang="en"/>'),
  ok('element in the xml namespace', '<xml:a/>'),
  ok('attribute with local name xmlns', '<a xmlns:a="urn:a" a:xmlns="x"/>'),
  ok('relative namespace name (a warning only)', '<a xmlns:p="rel"><p:b/></a>'),
  ok(
    'attributes named like Object.prototype properties',
    '<a hasOwnProperty="1" constructor="2" __proto__="3" toString="4" valueOf="5"/>'
  ),
  ok(
    'prefixed attributes named like Object.prototype properties',
    '<a xmlns:p="urn:p" p:hasOwnProperty="1" p:__proto__="2" hasOwnProperty="3"/>'
  ),

  // ---- well-formed: encodings (bytes) ----
  ok('UTF-8 with a byte order mark', bytes(BOM, '<a>é</a>')),
  ok('UTF-8 with a byte order mark and a declaration', bytes(BOM, '<?xml version="1.0" encoding="UTF-8"?><a>é</a>')),
  ok('encoding name in lower case', bytes('<?xml version="1.0" encoding="utf-8"?><a>é</a>')),
  ok('ISO-8859-1', latin1('<?xml version="1.0" encoding="ISO-8859-1"?><a b="\xe9">caf\xe9 \x80\x85\x9f\xff</a>')),
  ok('ISO-8859-1 in lower case', latin1('<?xml version="1.0" encoding="iso-8859-1"?><a>\xe9</a>')),
  ok('latin1', latin1('<?xml version="1.0" encoding="latin1"?><a>\xe9</a>')),
  ok('US-ASCII', latin1('<?xml version="1.0" encoding="US-ASCII"?><a>x</a>')),
  ok('ASCII', latin1('<?xml version="1.0" encoding="ASCII"?><a>x</a>')),
  ok('UTF-16LE with a byte order mark', utf16('<a>é😀</a>', true)),
  ok('UTF-16BE with a byte order mark', utf16('<a>é😀</a>', false)),
  ok('UTF-16 with a BOM and a declaration', utf16('<?xml version="1.0" encoding="UTF-16"?><a>é</a>', true)),
  ok('UTF-16 without a byte order mark, declared', utf16('<?xml version="1.0" encoding="UTF-16"?><a/>', true, false)),

  // ---- malformed: white space after "<" ----
  bad('space after "<"', '< presence/>'),
  bad('space after "<" in content', '<a>< b/></a>'),
  bad('tab after "<"', '<a><\tb/></a>'),
  bad('line feed after "<"', '<a><\nb/></a>'),
  bad('space after "</"', '<a></ a>'),
  bad('line feed after "</"', '<a></\na>'),
  bad('space before "?"', '< ?pi?><a/>'),
  bad('space before "!"', '<a>< !-- c --></a>'),
  bad('"<" in text', '<a>x < y</a>'),

  // ---- malformed: "<" in attribute values ----
  bad('"<" as an attribute value', '<a b="<"/>'),
  bad('"<" inside an attribute value', '<a b="x<y"/>'),
  bad('"<" in a single-quoted value', "<a b='<<'/>"),
  bad('"<" after a reference', '<a b="&lt;<"/>'),
  bad('a tag in an attribute value', '<a b="<c/>"/>'),

  // ---- malformed: "]]>" in character data ----
  bad('"]]>" alone', '<a>]]></a>'),
  bad('"]]>" inside text', '<a>x]]>y</a>'),
  bad('"]]]>"', '<a>]]]></a>'),
  bad('"]]>" after an element', '<a><b/>]]></a>'),
  bad('"]]>" after a reference', '<a>&amp;]]></a>'),
  bad('"]]>" after a CDATA section', '<a><![CDATA[x]]>]]></a>'),

  // ---- malformed: markup declarations and other "<!" ----
  bad('<!FOO>', '<!FOO><a/>'),
  bad('<!FOO> in content', '<a><!FOO></a>'),
  bad('<!ELEMENT> before the root', '<!ELEMENT a ANY><a/>'),
  bad('<!ELEMENT> in content', '<a><!ELEMENT a ANY></a>'),
  bad('<!ATTLIST>', '<!ATTLIST a b CDATA #IMPLIED><a/>'),
  bad('<!ENTITY>', '<!ENTITY x "y"><a/>'),
  bad('<!>', '<!><a/>'),
  bad('<!- with one hyphen', '<a><!-x></a>'),
  bad('CDATA in lower case', '<a><![cdata[x]]></a>'),
  bad('CDATA with a space', '<a><![ CDATA[x]]></a>'),
  bad('CDATA without "["', '<a><![CDATA x]]></a>'),

  // ---- malformed: the XML declaration ----
  bad('declaration of garbage', '<?xml garbage?><a/>'),
  bad('declaration without version', '<?xml?><a/>'),
  bad('declaration with encoding only', '<?xml encoding="UTF-8"?><a/>'),
  bad('version 2.0', '<?xml version="2.0"?><a/>'),
  bad('version 1.0a', '<?xml version="1.0a"?><a/>'),
  bad('version 01.0', '<?xml version="01.0"?><a/>'),
  bad('version unquoted', '<?xml version=1.0?><a/>'),
  bad('version with mixed quotes', '<?xml version="1.0\'?><a/>'),
  bad('version twice', '<?xml version="1.0" encoding="UTF-8" version="1.0"?><a/>'),
  bad('encoding before version', '<?xml encoding="UTF-8" version="1.0"?><a/>'),
  bad('standalone before encoding', '<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>'),
  bad('standalone maybe', '<?xml version="1.0" standalone="maybe"?><a/>'),
  bad('unknown pseudo-attribute', '<?xml version="1.0" foo="bar"?><a/>'),
  bad('no space between pseudo-attributes', '<?xml version="1.0"encoding="UTF-8"?><a/>'),
  bad('empty encoding name', '<?xml version="1.0" encoding=""?><a/>'),
  bad('encoding name starting with a digit', '<?xml version="1.0" encoding="1foo"?><a/>'),
  bad('encoding name with a space', '<?xml version="1.0" encoding="a b"?><a/>'),
  bad('declaration in upper case', '<?XML version="1.0"?><a/>'),
  bad('declaration after white space', ' <?xml version="1.0"?><a/>'),
  bad('declaration after a line feed', '\n<?xml version="1.0"?><a/>'),
  bad('declaration after a comment', '<!--c--><?xml version="1.0"?><a/>'),
  bad('two declarations', '<?xml version="1.0"?><?xml version="1.0"?><a/>'),
  bad('declaration after the root', '<a/><?xml version="1.0"?>'),
  bad('declaration in content', '<a><?xml version="1.0"?></a>'),

  // ---- malformed: processing instructions ----
  bad('reserved target Xml', '<a/><?Xml foo?>'),
  bad('reserved target XmL in content', '<a><?XmL?></a>'),
  bad('no target', '<? ?><a/>'),
  bad('no target, "??>"', '<??><a/>'),
  bad('no target, "<?>"', '<?><a/>'),
  bad('target followed by "?x"', '<?pi?x?><a/>'),
  bad('target followed by "??>"', '<?pi??><a/>'),
  bad('target starting with a digit', '<?1a x?><a/>'),
  bad('target starting with "-"', '<?-a?><a/>'),
  bad('target with a colon', '<?a:b x?><a/>'),
  bad('unclosed processing instruction', '<a><?pi x</a>'),

  // ---- malformed: qualified names and namespace declarations ----
  bad('xmlns: with an empty prefix', '<a xmlns:="urn:x"/>'),
  bad('xmlns:a:b', '<a xmlns:a:b="urn:x"/>'),
  bad('xmlns:1', '<a xmlns:1="urn:x"/>'),
  bad('xmlns:-a', '<a xmlns:-a="urn:x"/>'),
  bad('local part starting with a digit', '<x:1e xmlns:x="urn:x"/>'),
  bad('local part starting with "-"', '<x:-e xmlns:x="urn:x"/>'),
  bad('local part starting with "."', '<x:.e xmlns:x="urn:x"/>'),
  bad('attribute local part starting with a digit', '<a xmlns:x="urn:x" x:1="1"/>'),
  bad('element name starting with a colon', '<:a/>'),
  bad('element name ending with a colon', '<a: xmlns:a="urn:a"/>'),
  bad('element name with two colons', '<a:b:c xmlns:a="urn:a"/>'),
  bad('attribute name starting with a colon', '<a :b="1"/>'),
  bad('attribute name ending with a colon', '<a b:="1"/>'),
  bad('undeclared element prefix', '<p:a/>'),
  bad('undeclared attribute prefix', '<a p:b="1"/>'),
  bad('prefix out of scope', '<a><b xmlns:p="urn:p"/><p:c/></a>'),
  bad('element prefix xmlns', '<xmlns:a/>'),
  bad('prefix undeclared with an empty name', '<a xmlns:p=""/>'),
  bad('xml prefix bound elsewhere', '<a xmlns:xml="urn:x"/>'),
  bad('xmlns prefix declared', '<a xmlns:xmlns="urn:x"/>'),
  bad('prefix bound to the xml namespace', '<a xmlns:p="http://www.w3.org/XML/1998/namespace"/>'),
  bad('default namespace is the xml namespace', '<a xmlns="http://www.w3.org/XML/1998/namespace"/>'),
  bad('prefix bound to the xmlns namespace', '<a xmlns:p="http://www.w3.org/2000/xmlns/"/>'),
  bad('default namespace is the xmlns namespace', '<a xmlns="http://www.w3.org/2000/xmlns/"/>'),

  // ---- malformed: attributes ----
  bad('unquoted attribute value', '<a b=1/>'),
  bad('unquoted attribute value, no slash', '<a b=c>'),
  bad('attribute without value', '<a b>'),
  bad('attribute without value before ">"', '<a b ></a>'),
  bad('attribute with "=" and no value', '<a b=/>'),
  bad('no white space between attributes', '<a b="1"c="2"/>'),
  bad('duplicate attribute', '<a b="1" b="2"/>'),
  bad('duplicate attribute, same value', '<a b="1" b="1"/>'),
  bad('duplicate by expanded name through two prefixes', '<a xmlns:p="urn:x" xmlns:q="urn:x" p:b="1" q:b="2"/>'),
  bad('duplicate prefixed attribute', '<a xmlns:p="urn:x" p:b="1" p:b="2"/>'),
  bad('duplicate default namespace declaration', '<a xmlns="urn:1" xmlns="urn:1"/>'),
  bad('duplicate prefix declaration', '<a xmlns:p="urn:1" xmlns:p="urn:2"/>'),
  bad('duplicate Object.prototype-named attribute', '<a hasOwnProperty="1" hasOwnProperty="2"/>'),

  // ---- malformed: tags ----
  bad('unclosed element', '<a>'),
  bad('unclosed child', '<a><b></a>'),
  bad('unterminated start tag', '<a'),
  bad('unterminated attribute value', '<a b="1'),
  bad('unterminated end tag', '<a></a'),
  bad('mismatched end tag', '<a></b>'),
  bad('crossed tags', '<a><b></a></b>'),
  bad('end tag in another case', '<a></A>'),
  bad('end tag with another prefix', '<p:a xmlns:p="urn:p" xmlns:q="urn:p"></q:a>'),
  bad('extra end tag', '<a/></a>'),
  bad('empty end tag', '<a></>'),
  bad('empty tag', '<>'),
  bad('slash then space', '<a/ >'),
  bad('slash then name', '<a/x>'),
  bad('space around the final slash', '<a b="1" / >'),
  bad('slash then space in content', '<a><b/ ></a>'),
  bad('name starting with a digit', '<1a/>'),
  bad('name starting with "-"', '<-a/>'),
  bad('no-break space in a tag', '<a\u00A0b="1"/>'),
  bad('attribute in an end tag', '<a></a b="1">'),

  // ---- malformed: references ----
  bad('undefined entity', '<a>&foo;</a>'),
  bad('HTML entity', '<a>&nbsp;</a>'),
  bad('entity in another case', '<a>&AMP;</a>'),
  bad('reference without ";"', '<a>&amp</a>'),
  bad('bare ampersand', '<a>fish & chips</a>'),
  bad('empty reference', '<a>&;</a>'),
  bad('empty character reference', '<a>&#;</a>'),
  bad('empty hex character reference', '<a>&#x;</a>'),
  bad('upper-case X in a character reference', '<a>&#X41;</a>'),
  bad('letters in a decimal reference', '<a>&#12a;</a>'),
  bad('negative character reference', '<a>&#-1;</a>'),
  bad('reference to U+0000', '<a>&#0;</a>'),
  bad('reference to U+0001', '<a>&#1;</a>'),
  bad('reference to a surrogate', '<a>&#xD800;</a>'),
  bad('reference to U+FFFE', '<a>&#xFFFE;</a>'),
  bad('reference beyond U+10FFFF', '<a>&#x110000;</a>'),
  bad('reference to U+0000 in an attribute', '<a b="&#0;"/>'),
  bad('undefined entity in an attribute', '<a b="&foo;"/>'),
  bad('bare ampersand in an attribute', '<a b="&"/>'),

  // ---- malformed: document structure ----
  bad('empty document', ''),
  bad('white space only', '  \n '),
  bad('comment only', '<!-- c -->'),
  bad('processing instruction only', '<?pi?>'),
  bad('second root element', '<a/><b/>'),
  bad('text after the root', '<a/>x'),
  bad('reference after the root', '<a/>&amp;'),
  bad('CDATA after the root', '<a/><![CDATA[x]]>'),
  bad('empty CDATA after the root', '<a/><![CDATA[]]>'),
  bad('text before the root', 'x<a/>'),
  bad('reference before the root', '&amp;<a/>'),
  bad('CDATA before the root', '<![CDATA[x]]><a/>'),
  bad('no-break space before the root', '\u00A0<a/>'),
  bad('text after a comment before the root', '<!--c-->x<a/>'),

  // ---- malformed: comments ----
  bad('"--" inside a comment', '<a><!-- a -- b --></a>'),
  bad('comment ending in "--->"', '<a><!-- a ---></a>'),
  bad('comment "<!--->"', '<a><!---></a>'),
  bad('comment "<!-->"', '<a><!--></a>'),
  bad('"--" in a comment before the root', '<!-- -- --><a/>'),
  bad('unclosed comment', '<a><!-- x</a>'),

  // ---- malformed: characters and byte order marks ----
  bad('U+0001 in text', '<a>\u0001</a>'),
  bad('U+0000 in text', '<a>\u0000</a>'),
  bad('U+001F in text', '<a>\u001F</a>'),
  bad('U+0008 in an attribute', '<a b="\u0008"/>'),
  bad('U+FFFE in text', '<a>\uFFFE</a>'),
  bad('U+FFFF in text', '<a>\uFFFF</a>'),
  bad('two UTF-8 byte order marks', bytes(BOM, BOM, '<a/>')),
  bad('UTF-16 byte order mark twice', utf16('\uFEFF<a/>', true)),

  // ---- malformed: encodings (bytes) ----
  bad('invalid UTF-8 byte', bytes('<a>', [0xff], '</a>')),
  bad('overlong UTF-8', bytes('<a>', [0xc0, 0xaf], '</a>')),
  bad('UTF-8 encoded surrogate', bytes('<a>', [0xed, 0xa0, 0x80], '</a>')),
  bad('truncated UTF-8 sequence', bytes('<a>', [0xe2, 0x82], '</a>')),
  bad('UTF-8 beyond U+10FFFF', bytes('<a>', [0xf5, 0x80, 0x80, 0x80], '</a>')),
  bad('ISO-8859-1 bytes without a declaration', latin1('<a>caf\xe9</a>')),
  bad('UTF-16 declared on UTF-8 bytes', bytes('<?xml version="1.0" encoding="UTF-16"?><a/>')),
  bad('UTF-16BE declared on UTF-8 bytes', bytes('<?xml version="1.0" encoding="UTF-16BE"?><a/>')),
  bad('UTF-16 declared after a UTF-8 byte order mark', bytes(BOM, '<?xml version="1.0" encoding="UTF-16"?><a/>')),
  bad('ISO-8859-1 declared in UTF-16', utf16('<?xml version="1.0" encoding="ISO-8859-1"?><a/>', true)),
  bad('UTF-32 declared', bytes('<?xml version="1.0" encoding="UTF-32"?><a/>')),
  bad('unknown encoding', bytes('<?xml version="1.0" encoding="foo"?><a/>')),
  bad('byte above 0x7F in US-ASCII', latin1('<?xml version="1.0" encoding="US-ASCII"?><a>\xe9</a>')),
  bad('U+0000 in ISO-8859-1', latin1('<?xml version="1.0" encoding="ISO-8859-1"?><a>\x00</a>')),
  bad('U+0001 in ISO-8859-1', latin1('<?xml version="1.0" encoding="ISO-8859-1"?><a>\x01</a>')),
  bad('lone surrogate in UTF-16', new Uint8Array([...utf16('<a>', true), 0x00, 0xd8, ...utf16('</a>', true, false)])),

  // ---- DOCTYPE: refused on purpose ----
  doctype('DOCTYPE without a subset', '<!DOCTYPE a><a/>'),
  doctype('DOCTYPE with a system id', '<!DOCTYPE a SYSTEM "a.dtd"><a/>'),
  doctype('DOCTYPE with a public id', '<!DOCTYPE a PUBLIC "-//X//DTD Y//EN" "a.dtd"><a/>'),
  doctype('DOCTYPE with an element declaration', '<!DOCTYPE a [<!ELEMENT a ANY>]><a/>'),
  doctype('DOCTYPE with an internal entity', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'),
  doctype('DOCTYPE with an attribute default', '<!DOCTYPE a [<!ATTLIST a b CDATA "1">]><a/>'),
  doctype('DOCTYPE after a declaration', '<?xml version="1.0"?>\n<!DOCTYPE a>\n<a/>'),
  doctype('DOCTYPE after a comment', '<!-- c --><!DOCTYPE a><a/>'),
  doctype(
    'nested entities (billion laughs, small)',
    '<!DOCTYPE a [<!ENTITY l "lol"><!ENTITY l2 "&l;&l;&l;"><!ENTITY l3 "&l2;&l2;&l2;">]><a>&l3;</a>'
  ),
  doctype('DOCTYPE in lower case', '<!doctype a><a/>'),
  doctype('DOCTYPE after the root', '<a/><!DOCTYPE a>'),
  doctype('two DOCTYPEs', '<!DOCTYPE a><!DOCTYPE a><a/>')
]
