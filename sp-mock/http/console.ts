/**
 * sp-mock's console: per organization, the page an Atlassian admin works on ("SAML single sign-on": the
 * SP values to copy, the three IdP fields to edit; domains, managed accounts, SCIM users, JIT and the
 * policy) and the login attempts, newest first, each with Atlassian's words, every rule and the decoded
 * response with its failing parts marked. Server-rendered HTML over the state the admin API serves;
 * every value escaped. Its forms only accept posts from its own pages (the Origin or Referer is this
 * server), and it has no login: it is for this machine, and says so when it listens elsewhere.
 */
import escapeHtml from 'escape-html';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { markedXmlHtml } from '../judge/annotate.ts';
import type { LoginAttempt } from '../model/login-attempt.ts';
import { organizationPatchSchema, type OrganizationView } from '../model/organization.ts';
import type { Organization } from '../state/organization.ts';
import type { SpMockState } from '../state/sp-state.ts';

const style = `body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#172b4d;background:#f7f8f9}
header{background:#0c66e4;color:#fff;padding:10px 24px}header a{color:#fff}main{max-width:72em;margin:0 auto;padding:8px 24px}
section{background:#fff;border:1px solid #dcdfe4;border-radius:6px;padding:12px 16px;margin:16px 0}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #dcdfe4;padding:4px 8px;text-align:left;vertical-align:top}
label{display:block;margin:8px 0 2px;font-weight:600}input[type=text],input[type=email],textarea{width:100%;box-sizing:border-box;font:13px ui-monospace,monospace}
textarea{height:9em}code,.value{font:13px ui-monospace,monospace;overflow-wrap:anywhere}button{margin:6px 6px 0 0}
pre{background:#f4f5f7;padding:8px;font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere}pre .mark{color:#ae2e24;font-weight:600}
.attempt.success{border-left:4px solid #22a06b}.attempt.failure{border-left:4px solid #c9372c}li.fail{color:#ae2e24}li.skip{color:#626f86}
.notice{background:#fff7d6;border-color:#f5cd47}`;

function layout(title: string, body: string, notice: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${style}</style></head>
<body><header><a href="/console">sp-mock console</a> · ${escapeHtml(title)}</header>
<main>${notice}${body}</main>
<script>
// Progressive enhancement: copy buttons. Everything else works without script.
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', () => navigator.clipboard?.writeText(document.getElementById(button.dataset.copy).textContent));
}
</script>
</body></html>`;
}

const e = (value: unknown) => escapeHtml(String(value ?? ''));
const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const checked = (value: boolean) => (value ? ' checked' : '');

function copyable(id: string, label: string, value: string): string {
  return `<tr><th>${e(label)}</th><td><code class="value" id="${e(id)}">${e(value)}</code> <button type="button" data-copy="${e(id)}">Copy</button></td></tr>`;
}

function organizationPage(view: OrganizationView, organization: Organization, attempts: readonly LoginAttempt[]): string {
  const scimUsers = organization.directory.listUsers(undefined);
  const firstEmail = view.accounts[0]?.email ?? '';
  return `<h1>${e(view.id)}</h1>
<section id="sso"><h2>SAML single sign-on</h2>
<table>
${copyable('sp-entity-id', 'Service provider entity URL', view.spEntityId)}
${copyable('acs-url', 'Service provider assertion consumer service URL', view.acsUrl)}
</table>
<form method="post" action="/console/orgs/${e(view.id)}/idp" id="idp-form">
<label for="entityId">Identity provider Entity ID</label><input type="text" id="entityId" name="entityId" value="${e(view.idp.entityId)}">
<label for="ssoUrl">Identity provider SSO URL</label><input type="text" id="ssoUrl" name="ssoUrl" value="${e(view.idp.ssoUrl)}">
<label for="certificate">Public x509 certificate</label><textarea id="certificate" name="certificate">${e(view.idp.certificate)}</textarea>
<button type="submit">Save SAML configuration</button>
</form></section>
<section id="login"><h2>Try a login</h2>
<form method="get" action="${e(view.loginUrl.split('?')[0])}" id="login-form">
${[...new URL(view.loginUrl).searchParams].map(([name, value]) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`).join('')}
<label for="email">Email address</label><input type="email" id="email" name="email" value="${e(firstEmail)}">
<button type="submit">Continue</button></form></section>
<section id="settings"><h2>User provisioning and policy</h2>
<form method="post" action="/console/orgs/${e(view.id)}/settings">
<label><input type="checkbox" name="jit" value="on"${checked(view.jit.enabled)}> Just-in-time provisioning</label>
<label><input type="checkbox" name="defaultPolicyEnforcesSso" value="on"${checked(view.defaultPolicyEnforcesSso)}> The default authentication policy enforces single sign-on</label>
<button type="submit">Save</button></form>
<p>SCIM directory base URL: <code class="value">${e(view.scim.baseUrl)}</code> (the API key is shown by the admin API, not here)</p></section>
<section id="domains"><h2>Domains</h2><table><tr><th>domain</th><th>verified</th><th>linked to this identity provider</th></tr>
${view.domains.map((d) => `<tr><td>${e(d.name)}</td><td>${yesNo(d.verified)}</td><td>${yesNo(d.linked)}</td></tr>`).join('\n')}</table></section>
<section id="accounts"><h2>Managed accounts</h2><table><tr><th>email</th><th>name</th><th>active</th><th>SSO enforced</th><th>made by</th></tr>
${view.accounts.map((a) => `<tr><td>${e(a.email)}</td><td>${e([a.givenName, a.familyName].filter(Boolean).join(' '))}</td><td>${yesNo(a.active)}</td><td>${yesNo(a.ssoEnforced)}</td><td>${e(a.source)}</td></tr>`).join('\n')}</table></section>
<section id="scim-users"><h2>SCIM-provisioned users</h2><table><tr><th>userName</th><th>externalId</th><th>active</th></tr>
${scimUsers.map((u) => `<tr><td>${e(u.userName)}</td><td>${e(u.externalId)}</td><td>${yesNo(u.active)}</td></tr>`).join('\n')}</table></section>
<section id="attempts"><h2>Login attempts (${attempts.length})</h2>
${attempts.length ? [...attempts].reverse().map(attemptSection).join('\n') : '<p>None yet.</p>'}</section>`;
}

function attemptSection(attempt: LoginAttempt): string {
  const words = attempt.atlassianError?.pageText ?? attempt.atlassianError?.errorDescription ?? '';
  const rules = attempt.rules.map((rule) => `<li class="${e(rule.status)}">${e(rule.code)}: ${e(rule.status)}${rule.detail ? ` — ${e(rule.detail)}` : ''}</li>`).join('');
  return `<section class="attempt ${e(attempt.outcome)}" id="attempt-${e(attempt.id)}">
<h3><span class="code">${e(attempt.code)}</span> · ${e(attempt.at)} · ${e(attempt.nameId ?? '')}</h3>
<p class="message">${e(attempt.message)}</p>
${words ? `<p>What Atlassian shows: <q class="atlassian-words">${e(words)}</q></p>` : ''}
${attempt.fix ? `<p>Fix: ${e(attempt.fix)}</p>` : ''}
<details><summary>Every rule</summary><ul class="rules">${rules}</ul></details>
${attempt.saml.responseXml ? `<details open><summary>The response</summary>${markedXmlHtml(attempt.saml.responseXml, attempt.rules)}</details>` : ''}
${attempt.saml.authnRequestXml ? `<details><summary>The request it answered</summary><pre>${e(attempt.saml.authnRequestXml)}</pre></details>` : ''}
</section>`;
}

/** A post from another site (a page the user happens to visit) must not change the organization. */
function fromThisConsole(req: Request): boolean {
  const host = req.get('host');
  const source = req.get('origin') ?? req.get('referer');
  if (!host || !source) return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}

export function consoleRouter(state: SpMockState, options: { loopbackOnly: boolean }): Router {
  const router = express.Router();
  const notice = options.loopbackOnly
    ? ''
    : '<section class="notice"><strong>This console has no login</strong> and listens beyond this machine: anyone who reaches it can change these organizations.</section>';
  router.use('/console', express.urlencoded({ extended: false, limit: '64kb' }));
  router.use('/console', (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'POST' && !fromThisConsole(req)) {
      res.status(403).type('text/plain').send('Refused: a change must come from this console\'s own page (its Origin or Referer).');
      return;
    }
    next();
  });

  const organizationOf = (req: Request, res: Response): Organization | undefined => {
    const organization = state.organization(String(req.params.id));
    if (organization === undefined) res.status(404).type('html').send(layout('Not found', `<p>No organization ${e(req.params.id)}.</p>`, notice));
    return organization;
  };

  router.get('/console', (_req, res) => {
    const organizations = state.list();
    res.type('html').send(
      layout(
        'Organizations',
        `<h1>Organizations</h1><ul>${organizations.map((o) => `<li><a href="/console/orgs/${e(o.id)}">${e(o.id)}</a></li>`).join('')}</ul>${organizations.length ? '' : '<p>None yet: create one with the admin API or `saml-harness up`.</p>'}`,
        notice,
      ),
    );
  });
  router.get('/console/orgs/:id', (req, res) => {
    const organization = organizationOf(req, res);
    if (!organization) return;
    res.type('html').send(layout(`Organization ${organization.id}`, organizationPage(organization.view(state.publicUrl), organization, state.attemptsOf(organization)), notice));
  });
  /** A change as the admin API takes it (the same schema), or a page naming what is wrong. */
  const change = (req: Request, res: Response, organization: Organization, patch: unknown, anchor: string) => {
    const parsed = organizationPatchSchema.safeParse(patch);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      res.status(400).type('html').send(layout('Not saved', `<p>Not saved: ${e(issue?.path.join('.'))}: ${e(issue?.message)}</p><p><a href="/console/orgs/${e(organization.id)}">Back</a></p>`, notice));
      return;
    }
    state.updateOrganization(organization, parsed.data);
    res.redirect(303, `/console/orgs/${encodeURIComponent(organization.id)}#${anchor}`);
  };
  router.post('/console/orgs/:id/idp', (req, res) => {
    const organization = organizationOf(req, res);
    if (!organization) return;
    const body = req.body as Record<string, string | undefined>;
    const idp = {
      ...(body.entityId !== undefined ? { entityId: body.entityId.trim() } : {}),
      ...(body.ssoUrl !== undefined ? { ssoUrl: body.ssoUrl.trim() } : {}),
      // As pasted (line ends aside): a mangled certificate is a case worth reproducing.
      ...(body.certificate !== undefined ? { certificate: body.certificate.replace(/\r\n/g, '\n') } : {}),
    };
    change(req, res, organization, { idp }, 'sso');
  });
  router.post('/console/orgs/:id/settings', (req, res) => {
    const organization = organizationOf(req, res);
    if (!organization) return;
    const body = req.body as Record<string, string | undefined>;
    change(req, res, organization, { jit: { enabled: body.jit === 'on' }, defaultPolicyEnforcesSso: body.defaultPolicyEnforcesSso === 'on' }, 'settings');
  });
  return router;
}
