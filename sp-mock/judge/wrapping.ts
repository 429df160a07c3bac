/**
 * Where signatures may sit and what they may reference: the structural half of the defence against
 * signature wrapping, checked before any signature is verified (cheap, and it names what is wrong).
 */
import { attribute, childElement, childElements, NS } from './xml-names.ts';

const ID_ATTRIBUTES = new Set(['ID', 'Id', 'id']);

function describeElement(element: Element): string {
  return element.tagName;
}

function allElements(document: Document): Element[] {
  return Array.from(document.getElementsByTagName('*'));
}

/**
 * Returns why the document's signatures do not cover what would be read, or undefined when they can:
 * signatures only on the Response or its one Assertion, each with one Reference to its own parent's
 * ID, IDs unique, and no other Response or Assertion anywhere (a hidden, signed original).
 */
export function findWrapping(document: Document, response: Element, assertion: Element): string | undefined {
  const seen = new Map<string, Element>();
  for (const element of allElements(document)) {
    for (const attr of Array.from(element.attributes)) {
      if (!ID_ATTRIBUTES.has(attr.localName ?? attr.name)) continue;
      const first = seen.get(attr.value);
      if (first !== undefined) {
        return `Two elements carry the ID "${attr.value}" (${describeElement(first)} and ${describeElement(element)}).`;
      }
      seen.set(attr.value, element);
    }
  }
  const responses = document.getElementsByTagNameNS(NS.protocol, 'Response').length;
  if (responses > 1) return `The document holds ${responses} Response elements; one is hidden inside the other.`;
  const assertions = document.getElementsByTagNameNS(NS.assertion, 'Assertion').length;
  if (assertions > 1) {
    return `The document holds ${assertions} Assertion elements; all but the one read are hidden elsewhere.`;
  }
  const signatures = Array.from(document.getElementsByTagNameNS(NS.dsig, 'Signature'));
  for (const signature of signatures) {
    const parent = signature.parentNode as Element | null;
    if (parent !== response && parent !== assertion) {
      return `A signature sits inside ${parent === null ? 'nothing' : describeElement(parent)}, not on the Response or its Assertion.`;
    }
    if (childElements(parent, NS.dsig, 'Signature').length > 1) {
      return `${describeElement(parent)} carries more than one signature.`;
    }
    const signedInfo = childElement(signature, NS.dsig, 'SignedInfo');
    const references = signedInfo ? childElements(signedInfo, NS.dsig, 'Reference') : [];
    if (references.length !== 1) {
      return `The signature on ${describeElement(parent)} has ${references.length} references; exactly one is expected.`;
    }
    const uri = attribute(references[0] as Element, 'URI');
    const parentId = attribute(parent, 'ID');
    if (parentId === undefined || uri !== `#${parentId}`) {
      return `The signature on ${describeElement(parent)} (ID "${parentId ?? ''}") references "${uri ?? ''}", not its own element.`;
    }
  }
  return undefined;
}
