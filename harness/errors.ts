/**
 * Errors a user can meet. Each carries a stable `code` (tests and reports match on it, never on the
 * text), a plain sentence, and the fix. Misuse of the API is a `TypeError`, not one of these.
 */

/** Every code, with the process exit code the CLI maps it to. */
export const errorCodes = {
  // The user's input: flags, files, scenarios.
  USAGE: 2,
  SCENARIO_INVALID: 2,
  SCENARIO_NOT_FOUND: 2,
  CATALOGUE_INVALID: 2,
  HAR_UNREADABLE: 2,
  HAR_NO_SAML: 2,
  SCIM_TOKEN_MISSING: 2,
  UP_NOT_RUNNING: 2,
  // The machine: Java, downloads, ports, Docker.
  KC_VERSION_UNSUPPORTED: 3,
  KC_VERSION_NOT_SERVED: 3,
  KC_NO_JDK: 3,
  KC_DOWNLOAD_FAILED: 3,
  KC_CHECKSUM_MISMATCH: 3,
  KC_ARCHIVE_INVALID: 3,
  PORT_IN_USE: 3,
  NO_CONTAINER_RUNTIME: 3,
  KC_IMAGE_UNAVAILABLE: 3,
  LDAP_IMAGE_UNAVAILABLE: 3,
  LDAP_UNAVAILABLE: 3,
  LDAP_DOWNLOAD_FAILED: 3,
  LDAP_CHECKSUM_MISMATCH: 3,
  BROWSER_NOT_FOUND: 3,
  // A server we started misbehaved.
  KC_EXITED_DURING_START: 4,
  KC_READY_TIMEOUT: 4,
  KC_ADMIN_FAILED: 4,
  KC_DATA_BACKUP_FAILED: 4,
  KC_IMAGE_VERSION_MISMATCH: 4,
  KC_NOT_RUNNING: 4,
  LDAP_START_FAILED: 4,
  LDAP_OPERATION_FAILED: 4,
  DIRECTORY_UNREACHABLE: 4,
  // Atlassian's SCIM API (the user's own, or sp-mock's).
  SCIM_UNREACHABLE: 4,
  SCIM_UNAUTHORIZED: 4,
  SP_START_FAILED: 4,
  BROWSER_START_FAILED: 4,
  // Stopped from outside (Ctrl-C, SIGTERM): 128 + SIGINT, as a shell reports it.
  INTERRUPTED: 130,
  // The main job ran and some outcome differed from the expected one.
  OUTCOMES_DIFFER: 1,
  LOGIN_FAILED: 1,
  RESPONSE_REJECTED: 1,
  LOGIN_REFUSED: 1,
  AUDIT_FINDINGS: 1,
  SCIM_SYNC_INCOMPLETE: 1,
  RECIPE_NOT_VERIFIED: 1,
} as const;

export type HarnessErrorCode = keyof typeof errorCodes;

export class HarnessError extends Error {
  override readonly name = 'HarnessError';

  constructor(
    readonly code: HarnessErrorCode,
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get exitCode(): number {
    return errorCodes[this.code];
  }

  static is(error: unknown, code?: HarnessErrorCode): error is HarnessError {
    return error instanceof HarnessError && (code === undefined || error.code === code);
  }
}

/** "<message>\n  fix: <fix>", the shape the CLI prints. */
export function describeError(error: unknown): string {
  if (error instanceof HarnessError) return `${error.code}: ${error.message}\n  fix: ${error.fix}`;
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
