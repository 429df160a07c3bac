/** Settings the environment may give, beside the flags that override them. */
import { HarnessError } from './errors.ts';

/** A choice from the environment: `undefined` when unset, an error naming the choices when misspelt. */
export function choiceFromEnvironment<T extends string>(variable: string, choices: readonly T[]): T | undefined {
  const value = process.env[variable]?.trim();
  if (!value) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new HarnessError(
    'USAGE',
    `${variable}=${value} is not one of ${choices.join(', ')}`,
    `Set ${variable} to one of ${choices.join(', ')}, or unset it.`,
  );
}
