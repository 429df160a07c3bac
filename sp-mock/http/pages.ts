/** The landing pages a browser (or a headless driver) ends on, each carrying its attempt as JSON. */
import escapeHtml from 'escape-html';
import type { LoginAttempt } from '../model/login-attempt.ts';

export const ATTEMPT_HEADER = 'X-Saml-Harness-Attempt';
export const ATTEMPT_SCRIPT_ID = 'saml-harness-attempt';


function page(title: string, body: string, attempt: LoginAttempt | undefined): string {
  // "<" escaped so that no value can close the script element.
  const json = attempt === undefined ? '' : JSON.stringify(attempt).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
${attempt === undefined ? '' : `<script type="application/json" id="${ATTEMPT_SCRIPT_ID}">${json}</script>`}
</body>
</html>
`;
}

const row = (name: string, value: string) => `<tr><th>${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`;

export function successPage(attempt: LoginAttempt): string {
  const attributes = Object.entries(attempt.attributes).map(([name, values]) => row(name, values.join(', ')));
  return page(
    'Logged in to Atlassian (mock)',
    `<p id="who">${escapeHtml(attempt.nameId ?? '')}</p>
<table>
${row('NameID', attempt.nameId ?? '')}
${row('NameID format', attempt.nameIdFormat ?? '')}
${row('RelayState', attempt.relayState ?? '')}
${row('Flow', attempt.flow)}
${row('Account', attempt.account === undefined ? '' : `${attempt.account.email}${attempt.account.createdByJit ? ' (created just in time)' : ''}`)}
${attributes.join('\n')}
</table>`,
    attempt,
  );
}

export function errorPage(attempt: LoginAttempt | undefined, error?: string, errorDescription?: string): string {
  const pageText = attempt?.atlassianError?.pageText ?? errorDescription ?? 'Something went wrong.';
  return page(
    'Could not log in to Atlassian (mock)',
    `<p id="page-text">${escapeHtml(pageText)}</p>
<table>
${row('error', error ?? '')}
${row('error_description', errorDescription ?? '')}
${row('Rule', attempt?.code ?? '')}
${row('Why', [attempt?.message, attempt?.detail].filter(Boolean).join(' '))}
${row('Fix', attempt?.fix ?? '')}
</table>`,
    attempt,
  );
}

export function messagePage(title: string, text: string): string {
  return page(title, `<p>${escapeHtml(text)}</p>`, undefined);
}
