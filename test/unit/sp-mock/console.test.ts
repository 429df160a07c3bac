/** sp-mock's console, read with an HTML parser as a browser would get it, and its forms posted as one would. */
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSpMock, type StartedSpMock } from '../../../sp-mock/index.ts';
import { keycloakResponseFor, organizationInput, postToAcs } from '../../../sp-mock/testing/running-sp.ts';

let sp: StartedSpMock;
beforeAll(async () => {
  sp = await startSpMock();
});
afterAll(() => sp.stop());

const page = async (path: string) => cheerio.load(await (await fetch(`${sp.url}${path}`)).text());
const post = (path: string, form: Record<string, string>, headers: Record<string, string> = { origin: sp.url }) =>
  fetch(`${sp.url}${path}`, { method: 'POST', body: new URLSearchParams(form), headers, redirect: 'manual' });

describe("sp-mock's console", () => {
  it("shows Atlassian's SAML page for an organization: the SP values to copy and the IdP fields as held", async () => {
    const org = await sp.createOrganization(organizationInput());
    const $ = await page(`/console/orgs/${org.id}`);
    expect($('#sp-entity-id').text()).toBe(org.spEntityId);
    expect($('#acs-url').text()).toBe(org.acsUrl);
    expect($('#entityId').val()).toBe(org.idp.entityId);
    expect($('#certificate').text()).toBe(org.idp.certificate);
    expect($('button[data-copy="acs-url"]')).toHaveLength(1);
    expect((await page('/console'))(`a[href="/console/orgs/${org.id}"]`)).toHaveLength(1);
  });

  it('lists the login attempts newest first, with the rule, Atlassian\'s words and the marked response', async () => {
    const org = await sp.createOrganization(organizationInput());
    await postToAcs(org, keycloakResponseFor(org));
    await postToAcs(org, keycloakResponseFor(org, { nameId: 'alice' }));
    const $ = await page(`/console/orgs/${org.id}`);
    const attempts = $('section.attempt');
    expect(attempts.map((_, a) => $(a).find('.code').text()).get()).toEqual(['SP_NAMEID_NOT_EMAIL', 'SUCCESS']);
    expect(attempts.first().find('q.atlassian-words').text()).toBe("Whoops! The email address you entered can't be used to log in here.");
    expect(attempts.first().find('pre.marked .mark').text()).toContain('SP_NAMEID_NOT_EMAIL');
  });

  it('saves the IdP fields posted from its own page, and refuses a post from anywhere else', async () => {
    const org = await sp.createOrganization(organizationInput());
    const saved = await post(`/console/orgs/${org.id}/idp`, { entityId: 'https://idp.example/realms/new', ssoUrl: org.idp.ssoUrl, certificate: org.idp.certificate });
    expect(saved.status).toBe(303);
    expect((await sp.getOrganization(org.id)).idp.entityId).toBe('https://idp.example/realms/new');
    for (const headers of [{}, { origin: 'https://elsewhere.example' }] as Array<Record<string, string>>) {
      const refused = await post(`/console/orgs/${org.id}/idp`, { entityId: 'https://attacker.example' }, headers);
      expect(refused.status).toBe(403);
    }
    expect((await sp.getOrganization(org.id)).idp.entityId).toBe('https://idp.example/realms/new');
  });

  it('says what is wrong with a value the admin API would refuse too, and changes nothing', async () => {
    const org = await sp.createOrganization(organizationInput());
    const answer = await post(`/console/orgs/${org.id}/idp`, { ssoUrl: 'not a url' });
    expect(answer.status).toBe(400);
    expect(cheerio.load(await answer.text())('main').text()).toMatch(/Not saved: idp\.ssoUrl/);
    expect((await sp.getOrganization(org.id)).idp.ssoUrl).toBe(org.idp.ssoUrl);
  });

  it('escapes everything it shows', async () => {
    const org = await sp.createOrganization(organizationInput());
    await sp.updateOrganization(org.id, { idp: { entityId: '"><script>alert(1)</script>' } });
    const html = await (await fetch(`${sp.url}/console/orgs/${org.id}`)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(cheerio.load(html)('#entityId').val()).toBe('"><script>alert(1)</script>');
  });

  it('toggles JIT and the policy', async () => {
    const org = await sp.createOrganization(organizationInput());
    await post(`/console/orgs/${org.id}/settings`, { jit: 'on' });
    const view = await sp.getOrganization(org.id);
    expect([view.jit.enabled, view.defaultPolicyEnforcesSso]).toEqual([true, false]);
  });
});
