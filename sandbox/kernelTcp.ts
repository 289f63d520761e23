// The kernel's TCP state of a connection, read from Linux's /proc/net/tcp and /proc/net/tcp6 and
// matched by local port (and remote port where the socket has one).
import { readFileSync } from 'node:fs';

const LINUX_TCP_STATES: Readonly<Record<number, string>> = {
  0x01: 'ESTABLISHED',
  0x02: 'SYN_SENT',
  0x03: 'SYN_RECV',
  0x04: 'FIN_WAIT1',
  0x05: 'FIN_WAIT2',
  0x06: 'TIME_WAIT',
  0x07: 'CLOSE',
  0x08: 'CLOSE_WAIT',
  0x09: 'LAST_ACK',
  0x0a: 'LISTEN',
  0x0b: 'CLOSING',
  0x0c: 'NEW_SYN_RECV',
};

export interface ProcTcpRow {
  readonly localPort: number;
  readonly remotePort: number;
  readonly state: string;
  /** The local IPv4 address, dotted (IPv6 rows leave it out). */
  readonly localIp?: string;
}

/** procfs writes an IPv4 address as the 32-bit value's hex in host (little-endian) order. */
function procIpv4(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]{8}$/.test(hex)) return undefined;
  const n = parseInt(hex, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.');
}

/** Parses the text of /proc/net/tcp or tcp6. */
export function parseProcNetTcp(text: string): ProcTcpRow[] {
  const rows: ProcTcpRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const [localHex, local] = f[1]?.split(':') ?? [];
    const remote = f[2]?.split(':')[1];
    if (!local || !remote || !f[3]) continue;
    const st = parseInt(f[3], 16);
    const localIp = localHex ? procIpv4(localHex) : undefined;
    rows.push({ localPort: parseInt(local, 16), remotePort: parseInt(remote, 16), state: LINUX_TCP_STATES[st] ?? `state ${st}`, ...(localIp ? { localIp } : {}) });
  }
  return rows;
}

/** Where the procfs tables are; undefined when they are absent (macOS). */
export function procTcpAvailable(): boolean {
  try {
    readFileSync('/proc/net/tcp', 'latin1');
    return true;
  } catch {
    return false;
  }
}

/**
 * The state of the connection with this local port (and remote port, when given), or undefined.
 * A listening socket matches the row whose remote port is 0.
 */
export function procTcpState(localPort: number | undefined, remotePort: number | undefined): string | undefined {
  if (!localPort) return undefined;
  // IPv4 first: most sandbox sockets are 127.0.0.1, and each read of a table costs the kernel a walk.
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let rows: ProcTcpRow[];
    try {
      rows = parseProcNetTcp(readFileSync(file, 'latin1'));
    } catch {
      continue; // table absent (no IPv6)
    }
    const mine = rows.filter((r) => r.localPort === localPort);
    const exact = mine.find((r) => r.remotePort === (remotePort ?? 0));
    const found = (exact ?? (remotePort === undefined ? mine[0] : undefined))?.state;
    if (found) return found;
  }
  return undefined;
}
