/**
 * The shapes of the URLs Atlassian shows an admin on "SAML single sign-on": the SP entity URL and the ACS
 * URL carry the same connection id (saml-doc.okta.com "How to Configure SAML 2.0 for Atlassian Cloud"; the
 * Microsoft Entra tutorial for Atlassian Cloud).
 */
export const atlassianOrigin = 'https://auth.atlassian.com';

/** "Service provider entity URL". */
export function atlassianSpEntityId(connectionId: string): string {
  return `${atlassianOrigin}/saml/${connectionId}`;
}

/** "Service provider assertion consumer service URL", at Atlassian or at an SP standing in for it. */
export function atlassianAcsUrl(connectionId: string, origin: string = atlassianOrigin): string {
  return `${origin}/login/callback?connection=saml-${connectionId}`;
}

const SP_ENTITY_ID = /^https:\/\/auth\.atlassian\.com\/saml\/([A-Za-z0-9-]+)$/;

/** The connection id of an SP entity URL of Atlassian's shape, exactly; undefined for any other URL. */
export function connectionIdOfSpEntityId(spEntityId: string): string | undefined {
  return SP_ENTITY_ID.exec(spEntityId)?.[1];
}

/** The connection id an ACS URL or SP entity URL names (the ACS URL first), when it is a valid id. */
export function connectionIdOf(acsUrl: string, spEntityId: string): string | undefined {
  const fromAcs = /[?&]connection=saml-([a-z0-9-]+)/i.exec(acsUrl)?.[1];
  const fromEntity = /\/saml\/([a-z0-9-]+)\/?$/i.exec(spEntityId)?.[1];
  const id = (fromAcs ?? fromEntity)?.toLowerCase();
  return id && /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/.test(id) ? id : undefined;
}
