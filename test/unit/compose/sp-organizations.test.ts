/** `saml-harness sp start --organizations <file>`, as the compose file's sp-mock service runs it. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectingOutput } from '../../../harness/commands/output.ts';
import { demoStack, type RealmFile } from '../../../harness/compose/demo-stack.ts';
import { generatedPaths, repositoryRoot } from '../../../harness/compose/generate.ts';
import { spStart } from '../../../harness/commands/sp.ts';
import { HarnessError } from '../../../harness/errors.ts';
import { SpMockClient, type OrganizationView } from '../../../sp-mock/index.ts';

const organizationsFile = join(repositoryRoot, generatedPaths.organizations);
const organizations = JSON.parse(await readFile(organizationsFile, 'utf8')) as Array<{ id: string; idp: unknown }>;
const realm = JSON.parse(await readFile(join(repositoryRoot, generatedPaths.realm), 'utf8')) as RealmFile;
const atOnce = () => Promise.resolve();

const scratch = await mkdtemp(join(tmpdir(), 'sp-organizations-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function fileWith(name: string, content: string): Promise<string> {
  const file = join(scratch, name);
  await writeFile(file, content);
  return file;
}

async function startFailure(file: string): Promise<HarnessError> {
  const error = await spStart({ port: 0, organizations: file }, collectingOutput(), atOnce).catch((caught: unknown) => caught);
  if (!(error instanceof HarnessError)) throw new Error(`expected a HarnessError, got ${String(error)}`);
  return error;
}

describe('sp start --organizations', () => {
  it('prints the SP entity ID and ACS URL the realm\'s client was generated with', async () => {
    const output = collectingOutput();
    await spStart({ port: 0, publicUrl: demoStack.spUrl, organizations: organizationsFile }, output, atOnce);
    const printed = (label: string) => output.printed.find((line) => line.trim().startsWith(label))?.split(/:\s+/).slice(1).join(': ');
    const [client] = realm.clients;
    expect(output.printed).toContain(`  organization ${demoStack.organizationId}`);
    expect(printed('SP entity ID')).toBe(client?.clientId);
    expect(printed('ACS URL')).toBe(client?.redirectUris?.[0]);
    expect(printed('login URL')).toBe(`${demoStack.spUrl}/login?org=${demoStack.organizationId}&email=<address>`);
  });

  it('creates each organization of the file, as given, before anyone logs in', async () => {
    const output = collectingOutput();
    let listed: OrganizationView[] = [];
    await spStart({ port: 0, organizations: organizationsFile }, output, async () => {
      const url = /listening at (\S+)/.exec(output.printed[0] ?? '')?.[1] ?? '';
      listed = await new SpMockClient(url).listOrganizations();
    });
    expect(listed.map((organization) => organization.id)).toEqual(organizations.map((organization) => organization.id));
    expect(listed[0]?.idp).toEqual(organizations[0]?.idp);
  });

  it('a file that is not JSON is bad input', async () => {
    expect((await startFailure(await fileWith('not-json.json', '[{'))).code).toBe('USAGE');
  });

  it('a file that holds no array is bad input', async () => {
    expect((await startFailure(await fileWith('object.json', JSON.stringify(organizations[0])))).code).toBe('USAGE');
  });

  it('an organization the admin API would refuse is bad input, named by its index and field', async () => {
    const invalid = { ...organizations[0], id: 'other', idp: { entityId: 'x', ssoUrl: 'not a url', certificate: 'x' } };
    const error = await startFailure(await fileWith('invalid.json', JSON.stringify([organizations[0], invalid])));
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain('organization [1]: idp.ssoUrl');
  });

  it('an id that could not stand in a URL is bad input', async () => {
    const error = await startFailure(await fileWith('bad-id.json', JSON.stringify([{ ...organizations[0], id: 'Acme Corp' }])));
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain('organization [0]: id');
  });

  it('two organizations with one id are bad input', async () => {
    const error = await startFailure(await fileWith('twice.json', JSON.stringify([organizations[0], organizations[0]])));
    expect(error.code).toBe('USAGE');
    expect(error.cause).toMatchObject({ status: 409, code: 'ORGANIZATION_EXISTS' });
  });
});
