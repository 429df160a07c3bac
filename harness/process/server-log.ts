/** Where a server we started writes its log, and its last lines for error messages. */
export interface ServerLog {
  /** The log file, when it is a file on this machine. */
  readonly file: string | undefined;
  lastLines(count?: number): Promise<string[]>;
}
