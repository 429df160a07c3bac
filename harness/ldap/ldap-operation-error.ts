import { HarnessError } from '../errors.ts';

/** A write the directory refused or could not take (it was stopped, it answered with an LDAP result code). */
export class LdapOperationError extends HarnessError {
  constructor(
    message: string,
    fix: string,
    /** The LDAP result code the tool exited with (32 no such object, 49 invalid credentials, 68 already exists), or -1 for no answer. */
    readonly resultCode: number,
  ) {
    super('LDAP_OPERATION_FAILED', message, fix);
  }
}

/** The error for a failed `ldapadd`/`ldapdelete`, from its exit status and what it printed. */
export function ldapOperationFailed(operation: string, exitCode: number, output: string): LdapOperationError {
  const resultCode = exitCode === 255 ? -1 : exitCode;
  const said = output.trim().split('\n').slice(-3).join(' / ');
  const fix =
    resultCode === -1
      ? 'The directory does not answer: it was stopped or has died; its log says why.'
      : 'Read the LDAP result in the message; the entry or the directory is not in the state the caller expected.';
  return new LdapOperationError(`${operation} failed (LDAP result ${resultCode}): ${said}`, fix, resultCode);
}
