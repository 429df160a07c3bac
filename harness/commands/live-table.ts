/**
 * The run's live table: one row per scenario and one column per Keycloak version, redrawn in place on a
 * terminal; elsewhere (CI logs, pipes) one line per finished scenario.
 */
import type { ScenarioResult } from '../scenario/run-scenario.ts';
import type { RunObserver } from '../scenario/run-catalogue.ts';
import type { Scenario } from '../scenario/schema.ts';

type Cell = 'queued' | 'starting' | 'running' | { result: ScenarioResult };

export class LiveTable implements RunObserver {
  private readonly cells = new Map<string, Cell>();
  private readonly versionState = new Map<string, string>();
  private drawnLines = 0;
  private readonly interactive: boolean;

  constructor(
    private readonly scenarios: readonly Scenario[],
    private readonly versions: readonly string[],
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.interactive = Boolean(stream.isTTY) && scenarios.length + 4 < (stream.rows ?? 24);
    for (const version of versions) this.versionState.set(version, 'queued');
    this.draw();
  }

  versionStarting(version: string): void {
    this.versionState.set(version, 'starting Keycloak…');
    if (!this.interactive) this.stream.write(`Keycloak ${version}: starting\n`);
    this.draw();
  }

  versionReady(version: string, baseUrl: string, readyMs: number): void {
    this.versionState.set(version, `ready in ${(readyMs / 1000).toFixed(1)} s`);
    if (!this.interactive) this.stream.write(`Keycloak ${version}: ready at ${baseUrl} in ${(readyMs / 1000).toFixed(1)} s\n`);
    this.draw();
  }

  scenarioStarting(version: string, scenario: Scenario): void {
    this.cells.set(`${version} ${scenario.id}`, 'running');
    this.draw();
  }

  scenarioDone(version: string, result: ScenarioResult): void {
    this.cells.set(`${version} ${result.id}`, { result });
    if (!this.interactive) {
      const seconds = ((result.ms.setup + result.ms.login) / 1000).toFixed(1);
      const directory = result.directory ? `, directory: ${result.directory}` : '';
      this.stream.write(
        `${result.passed ? '✓' : '✗'} ${version} ${result.id} → ${result.outcome.code} (${seconds} s${directory})${result.passed ? '' : `: ${result.differences.join('; ')}`}\n`,
      );
    }
    this.draw();
  }

  private draw(): void {
    if (!this.interactive) return;
    const width = Math.max(8, ...this.scenarios.map((s) => s.id.length));
    const lines = [
      `${'scenario'.padEnd(width)}  ${this.versions.map((v) => v.padEnd(32)).join(' ')}`,
      `${''.padEnd(width)}  ${this.versions.map((v) => (this.versionState.get(v) ?? '').padEnd(32)).join(' ')}`,
      ...this.scenarios.map((scenario) => {
        const cells = this.versions.map((version) => render(this.cells.get(`${version} ${scenario.id}`) ?? 'queued').padEnd(32));
        return `${scenario.id.padEnd(width)}  ${cells.join(' ')}`;
      }),
    ];
    const up = this.drawnLines ? `\u001b[${this.drawnLines}F` : '';
    this.stream.write(`${up}${lines.map((line) => `\u001b[2K${line}`).join('\n')}\n`);
    this.drawnLines = lines.length;
  }
}

function render(cell: Cell): string {
  if (cell === 'queued') return '·';
  if (cell === 'starting' || cell === 'running') return '… running';
  const { result } = cell;
  return `${result.passed ? '✓' : '✗'} ${result.outcome.code}`.slice(0, 32);
}
