/**
 * `saml-harness up`: one scenario's whole stack, up until Ctrl-C, with the links a person needs; and
 * `saml-harness verify`: that scenario's login again, against it, as often as a person changes something.
 */
import { HarnessError } from '../errors.ts';
import type { LoginRun } from '../login/outcome.ts';
import { stopRequested } from '../process/shutdown.ts';
import { selectScenarios } from './run.ts';
import { startUp, type UpOptions, type UpSession } from '../up/start-up.ts';
import { newestLiveStack } from '../up/live-stack.ts';
import { stackFingerprint, verifyLogin } from '../up/verify.ts';
import type { Output } from './output.ts';

export interface UpCommandOptions extends Omit<UpOptions, 'scenario' | 'progress'> {
  scenarioId?: string;
  scenarioFile?: string;
}

export async function up(options: UpCommandOptions, output: Output, until: () => Promise<unknown>): Promise<void> {
  const session = await startUpFor(options, output);
  output.note('Press Ctrl-C to take it all down.');
  try {
    await until();
  } finally {
    output.note('Taking the stack down…');
    await session.stop();
    output.note('Stopped: the realm, the organization and the servers are gone.');
  }
}

export async function startUpFor(options: UpCommandOptions, output: Output): Promise<UpSession> {
  if (!options.scenarioId && !options.scenarioFile) {
    throw new HarnessError('USAGE', 'Name one scenario to bring up', 'Pass a scenario id (npx saml-harness up nameid-username) or --scenario-file my-case.yaml.');
  }
  const [scenario, ...others] = selectScenarios(options.scenarioId ? [options.scenarioId] : [], options.scenarioFile ? [options.scenarioFile] : []);
  if (!scenario || others.length) throw new HarnessError('USAGE', 'Name one scenario to bring up, not several', 'Pass either a scenario id or --scenario-file.');
  const { scenarioId: _id, scenarioFile: _file, ...rest } = options;
  const session = await startUp({ ...rest, scenario, progress: (line) => output.note(line) });
  output.print(`Scenario ${scenario.id} is up: ${scenario.title}`);
  const width = Math.max(...session.links.map(([label]) => label.length));
  for (const [label, value] of session.links) output.print(`  ${label.padEnd(width)}  ${value}`);
  output.print('In another terminal: npx saml-harness verify (--watch to verify again at each change of the client or the user)');
  return session;
}

function printVerdict(run: LoginRun, output: Output): void {
  const o = run.outcome;
  if (o.result === 'success') {
    output.print(`✓ the login succeeds: ${o.attempt?.nameId ?? ''} is logged in to Atlassian`);
    return;
  }
  output.print(`✗ ${o.where} stops the login: ${o.code}: ${o.message}`);
  if (o.seen) output.print(`  seen: ${o.seen}`);
  for (const line of run.trace.keycloakEvents ?? []) output.print(`  keycloak log: ${line}`);
  if (o.fix) output.print(`  fix: ${o.fix}`);
}

export interface VerifyOptions {
  watch?: boolean;
  /** How often --watch reads the client and the user (default 1 s). */
  pollMs?: number;
  /** Ends --watch (default: Ctrl-C). */
  until?: Promise<unknown>;
}

/** One verdict (exit 1 when the login fails), or with --watch one per change until stopped. */
export async function verify(options: VerifyOptions, output: Output): Promise<LoginRun> {
  const stack = await newestLiveStack();
  output.note(`Verifying ${stack.scenario} (realm ${stack.realm}, Keycloak ${stack.version})`);
  // Read before the first login: a change made while it runs is then a change.
  let seen = options.watch ? await stackFingerprint(stack) : '';
  let run = await verifyLogin(stack);
  printVerdict(run, output);
  if (options.watch) {
    const stopped = (options.until ?? stopRequested()).then(() => true);
    output.note('Watching the client and the user for changes (Ctrl-C ends)…');
    for (;;) {
      const ended = await Promise.race([stopped, new Promise<false>((resolve) => setTimeout(() => resolve(false), options.pollMs ?? 1000))]);
      if (ended) break;
      const now = await stackFingerprint(stack);
      if (now === seen) continue;
      seen = now;
      output.note('Changed: verifying again');
      run = await verifyLogin(stack);
      printVerdict(run, output);
    }
    return run;
  }
  if (run.outcome.result !== 'success') {
    throw new HarnessError('LOGIN_FAILED', `The login of ${stack.scenario} fails: ${run.outcome.code}`, run.outcome.fix ?? 'Read the verdict above.');
  }
  return run;
}
