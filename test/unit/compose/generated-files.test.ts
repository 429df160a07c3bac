/** The files docker-compose.yml mounts are generated from the recommended configuration, and stay so. */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoOrganization, demoRealm, demoSpValues } from '../../../harness/compose/demo-stack.ts';
import { generatedFiles, generatedPaths, readDemoSigningKey, repositoryRoot } from '../../../harness/compose/generate.ts';
import { recommendedClient } from '../../../harness/recommended/keycloak.ts';
import { organizationInputSchema } from '../../../sp-mock/index.ts';

const key = await readDemoSigningKey();
const committed = (path: string) => readFile(join(repositoryRoot, path), 'utf8');

describe('files generated for docker-compose.yml', () => {
  for (const file of generatedFiles(key)) {
    it(`${file.path} is what harness/compose/generate.ts writes`, async () => {
      expect(await committed(file.path), 'run `npx tsx harness/compose/generate.ts` and commit the result').toBe(file.content);
    });
  }

  it('the realm holds the recommended client for the SP values sp-mock gives the organization', async () => {
    const realm = JSON.parse(await committed(generatedPaths.realm)) as ReturnType<typeof demoRealm>;
    const [organization] = JSON.parse(await committed(generatedPaths.organizations)) as unknown[];
    expect(realm.clients).toEqual([recommendedClient(demoSpValues(organizationInputSchema.parse(organization)))]);
  });

  it('the organization trusts the certificate of the key the realm signs with', async () => {
    const realm = JSON.parse(await committed(generatedPaths.realm)) as ReturnType<typeof demoRealm>;
    const [signingKey] = realm.components['org.keycloak.keys.KeyProvider'] ?? [];
    expect(signingKey?.providerId).toBe('rsa');
    expect(signingKey?.config.certificate).toEqual([demoOrganization(key).idp.certificate]);
  });

  it('the organization file is valid input for the admin API', async () => {
    const organizations = JSON.parse(await committed(generatedPaths.organizations)) as unknown[];
    expect(organizations).toHaveLength(1);
    expect(organizationInputSchema.safeParse(organizations[0]).error).toBeUndefined();
  });

  it('the demo certificate belongs to the demo private key and says it protects nothing', () => {
    const certificate = new X509Certificate(key.certificatePem);
    expect(certificate.checkPrivateKey(createPrivateKey(key.privateKeyPem))).toBe(true);
    expect(certificate.subject).toContain('protects nothing');
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });
});
