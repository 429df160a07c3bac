/**
 * The recommended configuration as an admin reads it in the console of one Keycloak version: every
 * setting with its tab, section and value, derived from harness/recommended/ and console-words.ts (never
 * written twice), plus the three values to type into Atlassian.
 */
import { consoleWords, settingForField } from '../keycloak/console-words.ts';
import { idpInitiatedUrlName, recommendedClient, recommendedMappers } from '../recommended/keycloak.ts';
import type { Proof } from './proofs.ts';

export interface RecipeStep {
  /** e.g. "Clients → <client> → Keys → Signing keys config → Client signature required" */
  where: string;
  value: string;
}

export interface Recipe {
  keycloakVersion: string;
  verified: boolean;
  proof?: Proof;
  keycloak: RecipeStep[];
  atlassian: RecipeStep[];
}

const spEntityId = '<Service provider entity URL shown by Atlassian>';
const acsUrl = '<Service provider assertion consumer service URL shown by Atlassian>';

export function buildRecipe(version: string, proof: Proof | undefined): Recipe {
  const words = consoleWords(version);
  const client = recommendedClient({ spEntityId, acsUrl });
  const name = 'Atlassian client';
  const steps: RecipeStep[] = [
    { where: `${words.text('clients')} → ${words.text('createClient')} → ${words.text('clientType')}`, value: 'SAML' },
  ];
  const fields: Array<[string, string]> = [
    ['clientId', client.clientId!],
    ['redirectUris', client.redirectUris!.join(', ')],
    ['baseUrl', client.baseUrl!],
    ['adminUrl', client.adminUrl!],
    ...Object.entries(client.attributes as Record<string, string>),
  ];
  for (const [field, value] of fields) {
    const setting = settingForField(field);
    if (setting) steps.push({ where: words.path(setting, name), value: words.value(value) });
  }
  for (const mapper of recommendedMappers()) {
    steps.push({
      where: `${words.mappersPath(name)} → ${mapper.name}`,
      value: `User Property "${mapper.config!['user.attribute']}" as SAML attribute "${mapper.config!['attribute.name']}" (${mapper.config!['attribute.nameformat']})`,
    });
  }
  const realmBase = '<Keycloak base URL>/realms/<realm>';
  return {
    keycloakVersion: version,
    verified: proof !== undefined,
    ...(proof ? { proof } : {}),
    keycloak: steps,
    atlassian: [
      { where: 'Identity provider Entity ID', value: realmBase },
      { where: 'Identity provider SSO URL', value: `${realmBase}/protocol/saml` },
      {
        where: 'Public x509 certificate',
        value: `${words.text('realmSettings')} → ${words.text('keys')} → ${words.text('keysList')} → RS256 → "${words.text('certificate')}" (with BEGIN/END CERTIFICATE lines)`,
      },
      { where: 'IdP-initiated login (optional)', value: `${realmBase}/protocol/saml/clients/${idpInitiatedUrlName}` },
    ],
  };
}

export function recipeMarkdown(recipe: Recipe): string {
  const status = recipe.proof
    ? `Verified: ${recipe.proof.scenarios.join(' and ')} passed on Keycloak ${recipe.proof.version} (${recipe.proof.runtime} runtime) on ${recipe.proof.date}.`
    : `**Not verified**: no passing run of happy-path on Keycloak ${recipe.keycloakVersion} is recorded; run \`saml-harness run happy-path idp-initiated --keycloak-version ${recipe.keycloakVersion}\`.`;
  const table = (steps: RecipeStep[]) => ['| where | value |', '|---|---|', ...steps.map((s) => `| ${s.where} | ${s.value.replace(/\|/g, '\\|')} |`)].join('\n');
  return [
    `# Keycloak ${recipe.keycloakVersion} → Atlassian Cloud over SAML`,
    '',
    status,
    '',
    `## In Keycloak ${recipe.keycloakVersion}'s admin console`,
    '',
    table(recipe.keycloak),
    '',
    '## In Atlassian (Security → Identity providers → Other provider → Set up SAML single sign-on)',
    '',
    table(recipe.atlassian),
    '',
    'Then link a verified domain to the directory, and provision the users (SCIM, or create the accounts): Keycloak authenticates, it does not provision.',
    '',
  ].join('\n');
}
