/**
 * A sequence diagram of a login's hops, as inline SVG: the browser, the SP (sp-mock standing in for
 * Atlassian) and Keycloak as lifelines, one arrow per request and one back per answer, labelled with the
 * method, the path, the status and the SAML message the hop carried. Drawn from the trace, so both
 * drivers get one.
 */
import escape from 'escape-html';
import type { Hop } from '../login/http-session.ts';
import type { SamlMessage } from '../login/saml-messages.ts';

const lane = { browser: 90, sp: 330, keycloak: 570 } as const;
const rowHeight = 34;
const top = 46;

type Party = 'sp' | 'keycloak';

/** Which party a URL belongs to: Keycloak's `/realms/` paths, the SP otherwise. */
function partyOf(url: string): Party {
  return new URL(url).pathname.includes('/realms/') ? 'keycloak' : 'sp';
}

function shortPath(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/realms\/([^/]+)\//, '/realms/…/');
  const shown = path.length > 38 ? `${path.slice(0, 37)}…` : path;
  return parsed.search ? `${shown}?…` : shown;
}

function carried(hop: Hop, messages: readonly SamlMessage[]): string | undefined {
  if (hop.method === 'POST' && messages.some((message) => message.kind === 'Response' && message.to === hop.url.split('#')[0])) return 'SAMLResponse';
  if (hop.location && new URL(hop.location).searchParams.has('SAMLRequest')) return 'AuthnRequest →';
  if (new URL(hop.url).searchParams.has('SAMLRequest')) return 'AuthnRequest';
  return undefined;
}

/** `id` must be unique in the page: it names the diagram's arrow head. */
export function hopDiagram(hops: readonly Hop[], messages: readonly SamlMessage[], id: string): string {
  const height = top + hops.length * 2 * rowHeight + 20;
  const parts: string[] = [];
  for (const [name, x] of [['browser', lane.browser], ['SP (sp-mock)', lane.sp], ['Keycloak', lane.keycloak]] as const) {
    parts.push(`<text x="${x}" y="20" text-anchor="middle" class="party">${name}</text>`);
    parts.push(`<line x1="${x}" y1="28" x2="${x}" y2="${height - 10}" class="lifeline"/>`);
  }
  hops.forEach((hop, index) => {
    const to = lane[partyOf(hop.url)];
    const y = top + index * 2 * rowHeight;
    const message = carried(hop, messages);
    const label = `${hop.method} ${shortPath(hop.url)}${message ? ` · ${message}` : ''}`;
    parts.push(
      `<g class="hop"><title>${escape(`${hop.method} ${hop.url} → ${hop.status} (${hop.step})`)}</title>` +
        `<line x1="${lane.browser}" y1="${y}" x2="${to}" y2="${y}" class="request" marker-end="url(#${id}-arrow)"/>` +
        `<text x="${(lane.browser + to) / 2}" y="${y - 5}" text-anchor="middle">${escape(label)}</text>` +
        `<line x1="${to}" y1="${y + rowHeight}" x2="${lane.browser}" y2="${y + rowHeight}" class="answer ${hop.status >= 400 ? 'error' : ''}" marker-end="url(#${id}-arrow)"/>` +
        `<text x="${(lane.browser + to) / 2}" y="${y + rowHeight - 5}" text-anchor="middle">${hop.status}${hop.location ? ` → ${escape(shortPath(hop.location))}` : ''}</text></g>`,
    );
  });
  return (
    `<svg class="hops-diagram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 660 ${height}" width="660" height="${height}" role="img" aria-label="${hops.length} hops">` +
    `<defs><marker id="${id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>` +
    `${parts.join('')}</svg>`
  );
}
