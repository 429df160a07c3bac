import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Processes whose command line contains `marker` (a folder only one test uses). */
export function processesMatching(marker: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', marker], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() && !line.includes('pgrep'));
  } catch {
    return [];
  }
}

/** The processes descended from `pid` (children, their children, …), by pid, read from /proc. */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // It ended while being read.
    }
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of parents) if (ppid === parent && !found.includes(child)) (found.push(child), visit(child));
  };
  visit(pid);
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The addresses `pids` listen on over TCP ("127.0.0.1:40995", "0.0.0.0:8080", "[::]:9000"), read from
 * /proc: each process's socket inodes matched against the kernel's tables of listening sockets.
 */
export function listeningAddresses(pids: readonly number[]): string[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const target = (() => {
          try {
            return readlinkSync(`/proc/${pid}/fd/${fd}`);
          } catch {
            return '';
          }
        })();
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode) inodes.add(inode);
      }
    } catch {
      // It ended while being read.
    }
  }
  const addresses: string[] = [];
  for (const table of ['tcp', 'tcp6']) {
    for (const line of readFileSync(`/proc/net/${table}`, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local address, state (0A: LISTEN), inode
      if (fields.length < 10 || fields[3] !== '0A' || !inodes.has(fields[9]!)) continue;
      const [hex, port] = fields[1]!.split(':');
      addresses.push(`${table === 'tcp' ? ipv4(hex!) : ipv6(hex!)}:${parseInt(port!, 16)}`);
    }
  }
  return addresses;
}

/** /proc/net/tcp writes an IPv4 address as one little-endian hex word. */
function ipv4(hex: string): string {
  return [3, 2, 1, 0].map((byte) => parseInt(hex.slice(byte * 2, byte * 2 + 2), 16)).join('.');
}

/** /proc/net/tcp6 writes four such words; an IPv4-mapped address (::ffff:a.b.c.d) is given as IPv4. */
function ipv6(hex: string): string {
  const words = [0, 1, 2, 3].map((word) => hex.slice(word * 8, word * 8 + 8));
  if (words[0] === '00000000' && words[1] === '00000000' && words[2] === 'FFFF0000') return ipv4(words[3]!);
  if (hex === '0'.repeat(32)) return '[::]';
  return `[${words.join(':')}]`;
}
