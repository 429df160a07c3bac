import { HarnessError } from '../../errors.ts';

/** Why slapd ended during its start, read from the last lines of its log. */
export function slapdExitedDuringStart(url: string, exit: number | string, lastLines: readonly string[], logFile: string): HarnessError {
  const text = lastLines.join('\n');
  const bind = /daemon: bind\(\d+\) failed errno=98 \(Address already in use\)/.exec(text);
  if (bind) {
    return new HarnessError(
      'PORT_IN_USE',
      `slapd could not listen on ${url}: another process took the port (${bind[0]})`,
      'Run again (a free port is chosen anew), or stop what listens on that port.',
    );
  }
  return new HarnessError(
    'LDAP_START_FAILED',
    `slapd exited during start (exit ${exit}); last log lines:\n${text}`,
    `Read the log (${logFile}) for the cause; a slapd built without back_mdb is a common one.`,
  );
}
