import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { slapdExitedDuringStart } from '../../../harness/ldap/native/slapd-failure.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/ldap/${name}`, import.meta.url), 'utf8').split('\n');

describe('slapdExitedDuringStart', () => {
  it('a port taken by another process (log of Debian slapd 2.5.13) is PORT_IN_USE', () => {
    const error = slapdExitedDuringStart('ldap://127.0.0.1:38999', 1, fixture('slapd-2.5.13.port-in-use.stderr.txt'), '/x.log');
    expect(error.code).toBe('PORT_IN_USE');
    expect(error.message).toContain('ldap://127.0.0.1:38999');
  });

  it('any other exit is LDAP_START_FAILED with the last log lines and the log file', () => {
    const lines = ['6b0aaf8e.2d9a5d8b 0x7f1a ... unrecognized database type (mdb)', 'slapd stopped.'];
    const error = slapdExitedDuringStart('ldap://127.0.0.1:38999', 1, lines, '/x.log');
    expect(error.code).toBe('LDAP_START_FAILED');
    expect(error.message).toContain('unrecognized database type (mdb)');
    expect(error.fix).toContain('/x.log');
  });
});
