/** The captured responses in test/fixtures/responses (see its README), read for the offline tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JudgedOrganization, SpRuleCode } from '../../../sp-mock/index.ts';
import { parseOrganizationFile } from '../../../harness/response/organization-file.ts';

export const fixturesRoot = fileURLToPath(new URL('../../fixtures/responses/', import.meta.url));

export interface ResponseFixture {
  readonly name: string;
  readonly outcome: 'accepted' | 'rejected';
  readonly folder: string;
  readonly responseFile: string;
  readonly orgFile: string;
  readonly samlResponse: string;
  readonly org: JudgedOrganization;
  readonly capture: {
    readonly scenario: string;
    readonly keycloakVersion: string;
    readonly capturedAt: string;
    readonly flow: 'sp-initiated' | 'idp-initiated';
    readonly requestId?: string;
    readonly liveVerdict: SpRuleCode;
  };
}

export function responseFixtures(): ResponseFixture[] {
  return (['accepted', 'rejected'] as const).flatMap((outcome) =>
    readdirSync(join(fixturesRoot, outcome))
      .sort()
      .map((name) => {
        const folder = join(fixturesRoot, outcome, name);
        const orgFile = join(folder, 'org.yaml');
        return {
          name,
          outcome,
          folder,
          responseFile: join(folder, 'SAMLResponse.b64'),
          orgFile,
          samlResponse: readFileSync(join(folder, 'SAMLResponse.b64'), 'utf8').trim(),
          org: parseOrganizationFile(readFileSync(orgFile, 'utf8'), orgFile),
          capture: JSON.parse(readFileSync(join(folder, 'capture.json'), 'utf8')) as ResponseFixture['capture'],
        };
      }),
  );
}

export function responseFixture(name: string): ResponseFixture {
  const fixture = responseFixtures().find((candidate) => candidate.name === name);
  if (fixture === undefined) throw new TypeError(`no response fixture ${name} in ${fixturesRoot}`);
  return fixture;
}

/** The options a captured fixture is judged with: its own request ID and Keycloak version. */
export function capturedOptions(fixture: ResponseFixture) {
  return {
    keycloakVersion: fixture.capture.keycloakVersion,
    ...(fixture.capture.requestId === undefined ? {} : { requestId: fixture.capture.requestId }),
  };
}
