/** Provisions users into the organization through its SCIM API, as an identity governance tool would. */
import { HarnessError } from '../errors.ts';
import type { OrganizationView } from '../../sp-mock/index.ts';
import type { ScenarioUser } from '../recommended/users.ts';

export async function provisionWithScim(org: OrganizationView, user: ScenarioUser): Promise<void> {
  if (!user.email) throw new TypeError(`user ${user.username} has no email to provision`);
  const response = await fetch(`${org.scim.baseUrl}/Users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${org.scim.token}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: user.email,
      externalId: user.username,
      emails: [{ value: user.email, primary: true, type: 'work' }],
      name: { ...(user.firstName ? { givenName: user.firstName } : {}), ...(user.lastName ? { familyName: user.lastName } : {}) },
      active: true,
    }),
  });
  if (response.status !== 201) {
    throw new HarnessError(
      'SCENARIO_INVALID',
      `SCIM refused to provision ${user.email}: HTTP ${response.status} ${await response.text()}`,
      'Provision only users whose email is on a verified domain of the organization.',
    );
  }
}
