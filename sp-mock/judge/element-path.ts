/**
 * Where an element is in its document, as a path of qualified names from the root, with a position where
 * siblings share a name: `/samlp:Response/saml:Assertion/saml:Subject/saml:NameID`,
 * `/samlp:Response/saml:Assertion[2]`. Verdicts name the elements a failing rule is about this way, so
 * that what shows a response (check-response's annotation, a report) marks them without judging again.
 */
export function elementPath(element: Element): string {
  const steps: string[] = [];
  for (let node: Element | null = element; node !== null; node = parentElement(node)) {
    const same = siblingsNamed(node);
    steps.unshift(same.length > 1 ? `${node.tagName}[${same.indexOf(node) + 1}]` : node.tagName);
  }
  return `/${steps.join('/')}`;
}

function parentElement(element: Element): Element | null {
  const parent = element.parentNode;
  return parent !== null && parent.nodeType === 1 ? (parent as Element) : null;
}

function siblingsNamed(element: Element): Element[] {
  const parent = element.parentNode;
  if (parent === null) return [element];
  const same: Element[] = [];
  for (let node = parent.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).tagName === element.tagName) same.push(node as Element);
  }
  return same;
}
