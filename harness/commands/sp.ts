/** `saml-harness sp start`: the mock Atlassian SP on its own, for any IdP to be pointed at. */
import { readFile } from 'node:fs/promises';
import type { Output } from './output.ts';
import { HarnessError } from '../errors.ts';
import { defaultLimits, SpMockRequestError, startSpMock, type OrganizationInput, type OrganizationView, type SpMockLimits, type StartedSpMock } from '../../sp-mock/index.ts';


export interface SpStartOptions {
  port?: number;
  host?: string;
  publicUrl?: string;
  /** A JSON file holding an array of organizations to create at start, each as the admin API takes it. */
  organizations?: string;
  /** `name=value` pairs of sp-mock's limits (sp-mock/state/limits.ts). */
  limit?: string[];
}

/** `maxRelayStateBytes=256` → `{ maxRelayStateBytes: 256 }`; a name sp-mock has no limit of, or a value that is no count, is a USAGE error. */
export function parseLimits(pairs: readonly string[]): Partial<SpMockLimits> {
  const limits: Record<string, number> = {};
  for (const pair of pairs) {
    const [name = '', value = ''] = pair.split('=', 2);
    if (!(name in defaultLimits)) {
      throw new HarnessError('USAGE', `sp-mock has no limit "${name}"`, `Use one of ${Object.keys(defaultLimits).join(', ')} (sp-mock/README.md → Limits).`);
    }
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new HarnessError('USAGE', `--limit ${pair}: the value is not a whole number above 0`, `Write --limit ${name}=<number>.`);
    limits[name] = Number(value);
  }
  return limits as Partial<SpMockLimits>;
}

export async function spStart(options: SpStartOptions, output: Output, until: () => Promise<unknown>): Promise<void> {
  const inputs = options.organizations === undefined ? [] : await readOrganizationsFile(options.organizations);
  const sp = await startSpMock({
    ...(options.port ? { port: options.port } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.limit?.length ? { limits: parseLimits(options.limit) } : {}),
  });
  try {
    const organizations = await createOrganizations(sp, inputs, options.organizations ?? '');
    output.print(`sp-mock (mock Atlassian Cloud SP) listening at ${sp.url}`);
    output.print(`  console: ${sp.url}/console`);
    for (const organization of organizations) {
      output.print(`  organization ${organization.id}`);
      output.print(`    SP entity ID: ${organization.spEntityId}`);
      output.print(`    ACS URL:      ${organization.acsUrl}`);
      output.print(`    login URL:    ${organization.loginUrl}&email=<address>`);
    }
    output.print(`  create an organization: curl -X POST ${sp.url}/admin/organizations -H 'content-type: application/json' -d @org.json`);
    output.print('  the admin API and SCIM are described in sp-mock/README.md');
    output.note('Press Ctrl-C to stop it.');
    await until();
  } finally {
    await sp.stop();
    output.note('Stopped.');
  }
}

async function readOrganizationsFile(file: string): Promise<unknown[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw organizationsFileError(file, error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (!Array.isArray(parsed)) throw organizationsFileError(file, 'it holds no array: the file is a JSON array of organizations');
  return parsed;
}

/** Through the admin API, so that each organization is checked exactly as a POST would check it. */
async function createOrganizations(sp: StartedSpMock, inputs: readonly unknown[], file: string): Promise<OrganizationView[]> {
  const organizations: OrganizationView[] = [];
  for (const [index, input] of inputs.entries()) {
    try {
      organizations.push(await sp.createOrganization(input as OrganizationInput));
    } catch (error) {
      if (!(error instanceof SpMockRequestError)) throw error;
      throw organizationsFileError(file, `organization [${index}]: ${error.message}`, { cause: error });
    }
  }
  return organizations;
}

function organizationsFileError(file: string, problem: string, options?: { cause?: unknown }): HarnessError {
  return new HarnessError(
    'USAGE',
    `${file}: ${problem}`,
    'Give --organizations a JSON array of organizations as POST /admin/organizations takes them (sp-mock/README.md → Organizations).',
    options,
  );
}
