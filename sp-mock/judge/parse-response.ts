/** From XML text to a DOM the checks can read, refusing what a SAML message must never be. */
import { DOMParser } from '@xmldom/xmldom';
import { checkSamlSchema } from './schema.ts';
import { NS } from './xml-names.ts';

export type ParseResult =
  | { readonly ok: true; readonly document: Document; readonly response: Element }
  | {
      readonly ok: false;
      readonly code: 'SP_XML_DOCTYPE' | 'SP_XML_MALFORMED' | 'SP_SCHEMA_INVALID';
      readonly detail: string;
    };

// Refused before any parser sees it: no DTD means no XXE and no entity expansion, whatever the parser.
const DOCTYPE_OR_ENTITY = /<!DOCTYPE|<!ENTITY/i;

export function parseSamlResponseXml(xml: string): ParseResult {
  if (DOCTYPE_OR_ENTITY.test(xml)) {
    return { ok: false, code: 'SP_XML_DOCTYPE', detail: 'The XML declares a DOCTYPE or an entity.' };
  }
  const schema = checkSamlSchema(xml);
  if (!schema.ok) {
    return { ok: false, code: schema.malformed ? 'SP_XML_MALFORMED' : 'SP_SCHEMA_INVALID', detail: schema.detail };
  }
  // libxml2 found it well-formed; xmldom (what xml-crypto reads) must agree, or the two parsers could
  // be made to see different documents.
  const problems: string[] = [];
  const document = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (message: unknown) => problems.push(String(message)),
      fatalError: (message: unknown) => problems.push(String(message)),
    },
  }).parseFromString(xml, 'text/xml');
  const response = document.documentElement;
  if (problems.length > 0 || response === null) {
    return { ok: false, code: 'SP_XML_MALFORMED', detail: problems[0] ?? 'The XML has no root element.' };
  }
  if (response.namespaceURI !== NS.protocol || response.localName !== 'Response') {
    return {
      ok: false,
      code: 'SP_SCHEMA_INVALID',
      detail: `The root element is {${response.namespaceURI ?? ''}}${response.localName ?? response.nodeName}, not a samlp:Response.`,
    };
  }
  return { ok: true, document, response };
}
