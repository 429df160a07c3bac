/** `saml-harness recipe`: the recommended configuration in one version's console words, with its proof. */
import type { Output } from './output.ts';
import { HarnessError } from '../errors.ts';
import { defaultKeycloakVersion, versionRules } from '../keycloak/versions.ts';
import { proofFor } from '../recipe/proofs.ts';
import { buildRecipe, recipeMarkdown, type Recipe } from '../recipe/recipe.ts';

export function recipe(options: { keycloakVersion?: string; format?: 'md' | 'json' }, output: Output): Recipe {
  const version = options.keycloakVersion ?? defaultKeycloakVersion;
  versionRules(version);
  const built = buildRecipe(version, proofFor(version));
  output.print(options.format === 'json' ? JSON.stringify(built, null, 2) : recipeMarkdown(built));
  if (!built.verified) {
    throw new HarnessError(
      'RECIPE_NOT_VERIFIED',
      `The recipe for Keycloak ${version} is not backed by a passing run`,
      `Run \`saml-harness run happy-path idp-initiated --keycloak-version ${version}\`; a passing run is recorded and the recipe is then marked verified.`,
    );
  }
  return built;
}
