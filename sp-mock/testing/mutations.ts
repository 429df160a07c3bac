/**
 * Random changes to a signed SAML response, as fast-check arbitraries: to its elements (moved,
 * duplicated, deleted, wrapped, their attributes and text changed) and to its encoding. Each one changes
 * what the signature covers, so none of them may log anyone in. Not covered, and so left alone: the
 * ds:Signature element itself (the enveloped-signature transform takes it out of the digest) and its
 * ds:KeyInfo (outside SignedInfo; the harness verifies with the certificate Atlassian holds, not the one
 * sent), where deleting the KeyInfo rightly changes nothing.
 */
import { deflateRawSync } from 'node:zlib';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import fc from 'fast-check';

export interface Mutation {
  readonly name: string;
  /** The SAMLResponse field's value for this signed XML. */
  apply(xml: string): string;
}

const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

/** xmldom's node lists are not iterable: read them by index. */
function listOf<T>(list: { readonly length: number; item(index: number): T | null }): T[] {
  return Array.from({ length: list.length }, (_, index) => list.item(index)!);
}

const elements = (document: Document): Element[] => listOf(document.getElementsByTagName('*'));

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';

/** The ds:Signature elements and whatever sits in a ds:KeyInfo: what the signature does not cover. */
function uncovered(element: Element): boolean {
  if (element.namespaceURI === DSIG && element.localName === 'Signature') return true;
  for (let current: Node | null = element; current; current = current.parentNode) {
    if ((current as Element).namespaceURI === DSIG && (current as Element).localName === 'KeyInfo') return true;
  }
  return false;
}

/**
 * Edits the parsed document, given the elements the signature covers; throws NoChange when the edit
 * would change nothing (fast-check then tries another).
 */
function onDocument(name: string, edit: (document: Document, all: Element[]) => void): Mutation {
  return {
    name,
    apply(xml) {
      const document = new DOMParser().parseFromString(xml, 'text/xml');
      edit(document, elements(document).filter((element) => !uncovered(element)));
      const changed = new XMLSerializer().serializeToString(document);
      if (changed === xml) throw new NoChange(name);
      return b64(changed);
    },
  };
}

export class NoChange extends Error {}

const pick = <T>(list: readonly T[], index: number): T => list[index % list.length]!;
const text = fc.string({ minLength: 1, maxLength: 40 });

const elementMutation = fc.oneof(
  fc.nat().map((i) => onDocument(`delete element ${i}`, (_d, all) => {
    const element = pick(all, i);
    if (!element.parentNode || element === all[0]) throw new NoChange('root');
    element.parentNode.removeChild(element);
  })),
  fc.nat().map((i) => onDocument(`duplicate element ${i}`, (_d, all) => {
    const element = pick(all, i);
    if (!element.parentNode || element === all[0]) throw new NoChange('root');
    element.parentNode.insertBefore(element.cloneNode(true), element.nextSibling);
  })),
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => onDocument(`move element ${i} under ${j}`, (_d, all) => {
    const element = pick(all, i);
    const target = pick(all, j);
    if (element === all[0] || target === element.parentNode || isInside(target, element)) throw new NoChange('move');
    target.appendChild(element);
  })),
  fc.tuple(fc.nat(), text).map(([i, value]) => onDocument(`change an attribute of element ${i}`, (_d, all) => {
    const element = pick(all, i);
    const attribute = element.attributes[0];
    if (!attribute || attribute.value === value || attribute.name.startsWith('xmlns')) throw new NoChange('attribute');
    attribute.value = value;
  })),
  fc.tuple(fc.nat(), fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,10}$/), text).map(([i, name, value]) => onDocument(`add attribute ${name} to element ${i}`, (_d, all) => {
    const element = pick(all, i);
    if (element.hasAttribute(name)) throw new NoChange('exists');
    element.setAttribute(name, value);
  })),
  fc.nat().map((i) => onDocument(`remove an attribute of element ${i}`, (_d, all) => {
    const element = pick(all, i);
    const attribute = listOf(element.attributes).find((a) => !a.name.startsWith('xmlns'));
    if (!attribute) throw new NoChange('no attribute');
    element.removeAttribute(attribute.name);
  })),
  fc.tuple(fc.nat(), text).map(([i, value]) => onDocument(`change the text of element ${i}`, (_d, all) => {
    const element = pick(all, i);
    const node = listOf(element.childNodes).find((child) => child.nodeType === 3 && child.nodeValue?.trim());
    if (!node || node.nodeValue === value) throw new NoChange('text');
    node.nodeValue = value;
  })),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(([i, depth]) => onDocument(`wrap element ${i} in ${depth} elements`, (document, all) => {
    const element = pick(all, i);
    if (!element.parentNode || element === all[0]) throw new NoChange('root');
    let outer: Element = element;
    const parent = element.parentNode;
    const marker = document.createElementNS(element.namespaceURI, element.tagName);
    parent.replaceChild(marker, element);
    for (let level = 0; level < depth; level++) {
      const wrapper = document.createElementNS(element.namespaceURI, element.tagName);
      wrapper.appendChild(outer);
      outer = wrapper;
    }
    parent.replaceChild(outer, marker);
  })),
);

function isInside(node: Node | null, ancestor: Node): boolean {
  for (let current = node; current; current = current.parentNode) if (current === ancestor) return true;
  return false;
}

const encodingMutation = fc.oneof(
  fc.constant<Mutation>({ name: 'deflated, as the Redirect binding sends', apply: (xml) => b64(deflateRawSync(Buffer.from(xml))) }),
  fc.constant<Mutation>({ name: 'base64-encoded twice', apply: (xml) => b64(b64(xml)) }),
  fc.nat().map((cutAt): Mutation => ({ name: `base64 cut at ${cutAt}`, apply: (xml) => b64(xml).slice(0, cutAt % b64(xml).length) })),
  fc.uint8Array({ minLength: 1, maxLength: 2000 }).map((bytes): Mutation => ({ name: 'random bytes', apply: () => b64(Buffer.from(bytes)) })),
  fc.integer({ min: 100, max: 1800 }).map((depth): Mutation => ({
    name: `the response nested ${depth} deep`,
    apply: (xml) => b64(`${'<x>'.repeat(depth)}${xml.replace(/^<\?xml[^>]*>/, '')}${'</x>'.repeat(depth)}`),
  })),
  fc.constant<Mutation>({ name: 'an XML declaration with another encoding', apply: (xml) => b64(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="UTF-16"?>'), Buffer.from(xml)])) }),
);

/** Any of the changes above, elements more often than encodings. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof({ arbitrary: elementMutation, weight: 4 }, { arbitrary: encodingMutation, weight: 1 });
