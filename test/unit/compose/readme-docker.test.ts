/** The README's Docker section gives the URLs and logins the generated stack really has. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoDirectoryPeople, demoOrganization, demoSpValues, demoStack, demoUrls } from '../../../harness/compose/demo-stack.ts';
import { readDemoSigningKey, repositoryRoot } from '../../../harness/compose/generate.ts';
import { defaultKeycloakVersion } from '../../../harness/keycloak/versions.ts';
import { defaultUsers } from '../../../harness/recommended/users.ts';

const readme = await readFile(join(repositoryRoot, 'README.md'), 'utf8');
const section = /^## Docker\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
const sp = demoSpValues(demoOrganization(await readDemoSigningKey()));

describe('README → Docker', () => {
  it('prints the admin console, SP-initiated and IdP-initiated URLs of the stack', () => {
    const urls = demoUrls(sp);
    expect(section).toContain(`| ${urls.adminConsole} |`);
    expect(section).toContain(`| ${urls.spInitiatedLogin} |`);
    expect(section).toContain(`| ${urls.idpInitiatedLogin} |`);
    expect(section).toContain(`(${demoStack.admin.username} / ${demoStack.admin.password})`);
    expect(section).toContain(`**Clients** → \`${sp.spEntityId}\``);
    expect(section).toContain(`| ${demoStack.spUrl}/admin/organizations/${demoStack.organizationId}/attempts |`);
  });

  it('gives the login of everyone who can log in', () => {
    for (const user of defaultUsers) expect(section).toContain(`\`${user.username}\` / \`${user.password}\``);
    for (const person of demoDirectoryPeople) expect(section).toContain(`\`${person.uid}\` / \`${person.password}\``);
  });

  it('names the default Keycloak version', () => {
    expect(section).toContain(`# Keycloak ${defaultKeycloakVersion}, the default`);
  });
});
