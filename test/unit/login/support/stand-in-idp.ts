/**
 * A real sp-mock and a stand-in IdP that serves Keycloak's pages (its login form, its error page, the
 * POST-binding form that submits itself) under Keycloak's paths and signs with sp-mock's test key: the
 * login drivers, tested without a Keycloak.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import express from 'express';
import { startSpMock, type OrganizationView, type StartedSpMock } from '../../../../sp-mock/index.ts';
import { IDP_ENTITY_ID, keycloakResponseXml, signResponse, toBase64 } from '../../../../sp-mock/testing/keycloak-response.ts';
import { organizationInput } from '../../../../sp-mock/testing/running-sp.ts';

export const password = 'alice-Passw0rd';
const realm = '/realms/stand-in';

const loginForm = (error = '') =>
  `<html><head><title>Sign in</title></head><body>${error ? `<span id="input-error">${error}</span>` : ''}<form id="kc-form-login" action="${realm}/login-actions/authenticate" method="post"><input name="username"><input name="password" type="password"><input type="submit" id="kc-login" value="Sign In"></form></body></html>`;
const postBinding = (acsUrl: string, samlResponse: string) =>
  `<html><body onload="document.forms[0].submit()"><form method="post" action="${acsUrl}"><input type="hidden" name="SAMLResponse" value="${samlResponse}"><input type="hidden" name="RelayState" value="https://acme.atlassian.net"></form></body></html>`;

export interface StandInIdp {
  url: string;
  idpInitiatedUrl: string;
  sp: StartedSpMock;
  org: OrganizationView;
  /** What the IdP answers a good login with. */
  answer: 'signed' | 'invalid-nameid-policy';
  close(): Promise<void>;
}

export async function startStandInIdp(): Promise<StandInIdp> {
  const sp = await startSpMock();
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  let requestId: string | undefined;
  const standIn = { answer: 'signed' } as StandInIdp;
  app.get(`${realm}/protocol/saml`, (request, response) => {
    const xml = inflateRawSync(Buffer.from(String(request.query.SAMLRequest), 'base64')).toString('utf8');
    requestId = /\bID="([^"]+)"/.exec(xml)?.[1];
    // As Keycloak: a browser with an SSO session (its KEYCLOAK_IDENTITY cookie) is answered without the form.
    if (request.headers.cookie?.includes('KEYCLOAK_IDENTITY=alice')) {
      response.type('html').send(signedAnswer());
      return;
    }
    // Keycloak keeps the login in a cookie; without it the form post is "Cookie not found".
    response.cookie('AUTH_SESSION_ID', 'session-1', { httpOnly: true, path: '/' }).type('html').send(loginForm());
  });
  app.get(`${realm}/protocol/saml/clients/atlassian`, (_request, response) => {
    requestId = undefined;
    response.cookie('AUTH_SESSION_ID', 'session-1', { httpOnly: true, path: '/' }).type('html').send(loginForm());
  });
  app.post(`${realm}/login-actions/authenticate`, (request, response) => {
    if (!request.headers.cookie?.includes('AUTH_SESSION_ID=session-1')) {
      response.status(400).type('html').send('<div id="kc-error-message"><p class="instruction">Cookie not found. Please make sure cookies are enabled in your browser.</p></div>');
      return;
    }
    if (request.body.password !== password) {
      response.type('html').send(loginForm('Invalid username or password.'));
      return;
    }
    response.cookie('KEYCLOAK_IDENTITY', 'alice', { httpOnly: true, path: realm }).type('html').send(signedAnswer());
  });
  const signedAnswer = () => {
    const xml = keycloakResponseXml({
      now: new Date(),
      acsUrl: standIn.org.acsUrl,
      audience: standIn.org.spEntityId,
      nameId: 'alice@example.com',
      ...(requestId ? { inResponseTo: requestId } : {}),
      ...(standIn.answer === 'invalid-nameid-policy'
        ? { statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Requester', subStatusCode: 'urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy' }
        : {}),
    });
    return postBinding(standIn.org.acsUrl, toBase64(signResponse(xml)));
  };
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.url = url;
  standIn.idpInitiatedUrl = `${url}${realm}/protocol/saml/clients/atlassian`;
  standIn.sp = sp;
  standIn.org = await sp.createOrganization(organizationInput({ idp: { ...organizationInput().idp, entityId: IDP_ENTITY_ID, ssoUrl: `${url}${realm}/protocol/saml` } }));
  standIn.close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await sp.stop();
  };
  return standIn;
}
