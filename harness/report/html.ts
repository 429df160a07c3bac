/**
 * One self-contained HTML file (no scripts, no network) with a matrix of scenarios by Keycloak version
 * and, per run, the outcome, the fix, every hop and every SAML message.
 */
import escape from 'escape-html';
import { markedXmlHtml } from '../../sp-mock/index.ts';
import { hopDiagram } from './hop-diagram.ts';
import type { ScenarioResult } from '../scenario/run-scenario.ts';
import type { RunReport } from '../scenario/run-report.ts';
import { allPassed, countResults, scenarioMatrix } from '../scenario/run-report.ts';


const anchor = (version: string, id: string) => `run-${version.replace(/\./g, '-')}-${id}`;

function expectedText(result: ScenarioResult): string {
  const e = result.expected;
  return e.outcome === 'success' ? 'success' : `${e.code} at ${e.where}`;
}

function matrix(report: RunReport): string {
  const header = `<tr><th>scenario</th>${report.versions.map((run) => `<th>Keycloak ${escape(run.version)}</th>`).join('')}</tr>`;
  const rows = scenarioMatrix(report.versions).map(({ id, results, differs }) => {
    const cells = report.versions.map((run, index) => {
      if (run.error) return `<td class="error">did not start</td>`;
      const result = results[index];
      if (!result) return '<td>—</td>';
      return `<td class="${result.passed ? 'pass' : 'fail'}"><a href="#${anchor(run.version, id)}">${result.passed ? '✓' : '✗'} ${escape(result.outcome.code)}</a></td>`;
    });
    const marker = differs ? ' <span class="differs" title="the outcome differs between versions">≠</span>' : '';
    return `<tr><th>${escape(id)}${marker}</th>${cells.join('')}</tr>`;
  });
  return `<table class="matrix">${header}${rows.join('')}</table>`;
}

function runSection(version: string, result: ScenarioResult): string {
  const o = result.outcome;
  const hops = result.trace.hops
    .map((hop) => `<tr><td>${hop.method}</td><td class="url">${escape(hop.url)}</td><td>${hop.status}</td><td>${escape(hop.step)}</td><td>${hop.ms} ms</td></tr>`)
    .join('');
  const messages = result.trace.messages
    .map(
      (m) =>
        `<h4>${m.kind} (${m.binding}) → ${escape(m.to)}${m.relayState ? `, RelayState ${escape(m.relayState)}` : ''}</h4>` +
        (m.kind === 'Response' && o.attempt ? markedXmlHtml(m.xml, o.attempt.rules) : `<pre>${escape(m.xml)}</pre>`),
    )
    .join('');
  const id = anchor(version, result.id);
  const screenshot = result.screenshot
    ? `<figure><img class="screenshot" src="data:image/jpeg;base64,${result.screenshot}" alt="The page the browser ended on" width="500"><figcaption>Where the browser ended (${escape(result.trace.steps.at(-1)?.landedAt ?? '')})</figcaption></figure>`
    : '';
  const rules = o.attempt?.rules.map((r) => `<li class="${r.status}">${escape(r.code)}: ${r.status}${r.detail ? ` — ${escape(r.detail)}` : ''}</li>`).join('') ?? '';
  return `<section id="${id}" class="${result.passed ? 'pass' : 'fail'}">
<h3>${result.passed ? '✓' : '✗'} ${escape(result.id)} on Keycloak ${escape(version)}</h3>
<p>${escape(result.title)}</p>
<dl>
<dt>expected</dt><dd>${escape(expectedText(result))}${result.expectedBecause ? ` (${escape(result.expectedBecause)})` : ''}</dd>
<dt>outcome</dt><dd>${escape(`${o.result} at ${o.where}: ${o.code}`)} — ${escape(o.message)}</dd>
${o.seen ? `<dt>what the user saw</dt><dd>${escape(o.seen)}</dd>` : ''}
${result.trace.keycloakEvents?.length ? `<dt>Keycloak's log</dt><dd><pre class="keycloak-events">${result.trace.keycloakEvents.map(escape).join('\n')}</pre></dd>` : ''}
${o.fix ? `<dt>fix</dt><dd>${escape(o.fix)}</dd>` : ''}
${result.differences.length ? `<dt>differences</dt><dd>${result.differences.map(escape).join('<br>')}</dd>` : ''}
<dt>realm</dt><dd>${escape(result.realm)}; setup ${result.ms.setup} ms, login ${result.ms.login} ms</dd>
${result.directory ? `<dt>directory</dt><dd>${escape(result.directory)} runtime</dd>` : ''}
</dl>
${screenshot}
${result.trace.hops.length ? `<details open><summary>The login, hop by hop (${result.trace.driver ?? 'http'} driver)</summary>${hopDiagram(result.trace.hops, result.trace.messages, id)}</details>` : ''}
<details><summary>${result.trace.hops.length} hops</summary><table class="hops"><tr><th>method</th><th>URL</th><th>status</th><th>step</th><th>time</th></tr>${hops}</table></details>
${rules ? `<details><summary>Atlassian's checks</summary><ul class="rules">${rules}</ul></details>` : ''}
<details><summary>${result.trace.messages.length} SAML messages</summary>${messages}</details>
</section>`;
}

export function htmlReport(report: RunReport): string {
  const counts = countResults(report);
  const sections = report.versions.flatMap((run) =>
    run.error
      ? [`<section class="fail"><h3>Keycloak ${escape(run.version)} did not start</h3><p>${escape(run.error.code)}: ${escape(run.error.message)}</p><p>fix: ${escape(run.error.fix)}</p></section>`]
      : run.results.map((result) => runSection(run.version, result)),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>saml-harness report</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#172b4d}
table{border-collapse:collapse}td,th{border:1px solid #dfe1e6;padding:4px 8px;text-align:left;vertical-align:top}
.matrix td.pass{background:#e3fcef}.matrix td.fail,.matrix td.error{background:#ffebe6}
section{border-left:4px solid #dfe1e6;padding-left:1em;margin:1.5em 0}section.pass{border-color:#36b37e}section.fail{border-color:#de350b}
pre{background:#f4f5f7;padding:8px;font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere}td.url{word-break:break-all;max-width:60em}
dd,figcaption,h4{overflow-wrap:anywhere}pre .mark{color:#de350b;font-weight:600}img.screenshot{border:1px solid #dfe1e6;max-width:100%;height:auto}
svg.hops-diagram{max-width:100%;height:auto;font-size:11px}svg .party{font-weight:700;font-size:13px}svg .lifeline{stroke:#c1c7d0;stroke-dasharray:4 3}
svg .request,svg .answer{stroke:#172b4d}svg .answer{stroke-dasharray:5 3}svg .answer.error{stroke:#de350b}
dt{font-weight:600}li.fail{color:#de350b}li.skipped{color:#6b778c}.differs{color:#de350b;font-weight:700}
</style></head><body>
<h1>saml-harness: ${allPassed(report) ? 'every outcome as expected' : `${counts.failed} outcome(s) differ`}</h1>
<p>${counts.passed} of ${counts.total} scenario runs as expected; started ${escape(report.startedAt)}, finished ${escape(report.finishedAt)}.</p>
<h2>Scenarios by Keycloak version</h2>
${matrix(report)}
<h2>Runs</h2>
${sections.join('\n')}
</body></html>
`;
}
