/**
 * The `slapd.conf` of one test directory. The old single-file format (not cn=config) on purpose: one
 * generated file, no system configuration read, nothing to convert; slapd 2.5 and 2.6 still accept it.
 */

export interface SlapdConfigInput {
  suffix: string;
  rootDn: string;
  /** An `{SSHA}` hash: the admin's password never sits in the file in clear. */
  rootPasswordHash: string;
  /** Where `core.schema`, `cosine.schema`, `inetorgperson.schema` and `nis.schema` are. */
  schemaDirectory: string;
  /** Where `back_mdb` is, when slapd loads it as a module (Debian); `undefined` when it is built in. */
  modulePath: string | undefined;
  /** The database files. */
  dataDirectory: string;
  /** The pid and args files (by default slapd writes them to /var/run, which a user may not write). */
  runDirectory: string;
  /** mdb maps its file up to this size; small, as the directory holds a few dozen people. */
  maxSizeBytes?: number;
}

/** Schemas in dependency order: cosine needs core, inetorgperson needs cosine, nis needs cosine. */
export const schemas = ['core', 'cosine', 'inetorgperson', 'nis'] as const;

export function slapdConfig(input: SlapdConfigInput): string {
  const lines = [
    '# One saml-harness test directory; generated, and removed with it when it stops.',
    // Operations are logged to stderr (slapd -d stats, into the log file); keep them out of syslog.
    'loglevel none',
    ...schemas.map((schema) => `include ${quote(`${input.schemaDirectory}/${schema}.schema`)}`),
    `pidfile ${quote(`${input.runDirectory}/slapd.pid`)}`,
    `argsfile ${quote(`${input.runDirectory}/slapd.args`)}`,
    ...(input.modulePath ? [`modulepath ${quote(input.modulePath)}`, 'moduleload back_mdb'] : []),
    '',
    'database mdb',
    `maxsize ${input.maxSizeBytes ?? 16 * 1024 * 1024}`,
    `suffix ${quote(input.suffix)}`,
    `rootdn ${quote(input.rootDn)}`,
    `rootpw ${quote(input.rootPasswordHash)}`,
    `directory ${quote(input.dataDirectory)}`,
    // A test directory: losing it in a crash costs nothing, syncing every write costs time.
    'dbnosync',
    'index objectClass,uid,mail eq',
    // As Debian's default: a password can be used to log in and changed by its owner, never read.
    'access to attrs=userPassword by self write by anonymous auth by * none',
    'access to * by * read',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * A slapd.conf argument: in double quotes, with `\` and `"` escaped, since slapd's tokenizer drops a
 * backslash and keeps the character after it (a DN's `\,` must be written `\\,`).
 */
export function quote(value: string): string {
  if (/[\n\r]/.test(value)) throw new TypeError(`a slapd.conf value cannot hold a line break: ${JSON.stringify(value)}`);
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}
