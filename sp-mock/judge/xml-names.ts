/** Namespaces and URIs the judge reads. */
export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

export const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
export const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

/** The attributes Atlassian reads from the assertion. */
export const ATLASSIAN_ATTRIBUTES = {
  givenName: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
  surname: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
  /** A stable user ID that is not the email: the SAML link. */
  name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  emailAddress: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
} as const;

/** Element children of `parent` with the given namespace and local name, in document order. */
export function childElements(parent: Element, namespace: string, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1) {
      const element = node as Element;
      if (element.namespaceURI === namespace && element.localName === localName) found.push(element);
    }
  }
  return found;
}

export function childElement(parent: Element, namespace: string, localName: string): Element | undefined {
  return childElements(parent, namespace, localName)[0];
}

/** An attribute's value, or undefined when it is absent (xmldom answers '' for absent ones). */
export function attribute(element: Element, name: string): string | undefined {
  return element.hasAttribute(name) ? element.getAttribute(name) ?? undefined : undefined;
}

/**
 * All text of an element, comments skipped: `a@b.c<!---->.evil` reads as `a@b.c.evil`, never as the
 * text before the comment (the comment-injection attack on NameID).
 */
export function textOf(element: Element): string {
  return (element.textContent ?? '').trim();
}
