/** Option parsers and options shared by several commands. */
import { InvalidArgumentError, Option } from 'commander';

export const runtimeOption = () =>
  new Option('--runtime <runtime>', 'where Keycloak runs: a container, or the server distribution on a local JDK')
    .choices(['auto', 'container', 'distribution'])
    .default('auto');

export function list(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}

export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number above 0');
  return parsed;
}

export function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) throw new InvalidArgumentError('expected a TCP port (1-65535)');
  return parsed;
}

export function seconds(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a number of seconds');
  return parsed * 1000;
}
