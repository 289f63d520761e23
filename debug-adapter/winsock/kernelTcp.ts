// The kernel's view of a socket for the Sockets scope, from a table of TCP rows: Linux's
// /proc/net/tcp (under Wine the socket's descriptor belongs to wineserver, so rows are matched by
// ports, not by inode), or on Windows the IP Helper API's GetTcpTable (sandbox/tcpTable.ts, the
// sandbox's own reader). The row is the one with the local port when known, else the one whose
// remote port is the peer's.
import { readFileSync } from 'node:fs';
import { parseProcNetTcp, type ProcTcpRow } from '../../sandbox/kernelTcp';
import { openTcpTable } from '../../sandbox/tcpTable';
import type { KernelTcpLookup, KernelTcpRow } from './scope';

/** A lookup over a source of rows (null: no table on this system). */
export function tcpRowsLookup(rows: () => ProcTcpRow[] | null): KernelTcpLookup {
  const found = (r: ProcTcpRow | undefined): KernelTcpRow | undefined =>
    r ? { state: r.state, ...(r.localIp ? { local: { family: 2, ip: r.localIp, port: r.localPort } } : {}) } : undefined;
  return (local, peer) => {
    const table = rows();
    if (table === null) return null;
    if (local?.port && peer?.port) {
      const exact = table.find((r) => r.localPort === local.port && r.remotePort === peer.port);
      if (exact) return found(exact);
    }
    if (peer?.port) {
      // The program's side of the connection is the row whose remote port is the peer's.
      const mine = table.filter((r) => r.remotePort === peer.port && (!local?.port || r.localPort === local.port));
      if (mine.length === 1) return found(mine[0]);
      if (mine.length > 1) return { state: mine.map((r) => `${r.state} (:${r.localPort})`).join(' | ') };
    }
    if (local?.port) return found(table.find((r) => r.localPort === local.port && r.remotePort === 0) ?? table.find((r) => r.localPort === local.port));
    return undefined;
  };
}

/** /proc/net/tcp and tcp6 through `read` (the file system by default; tests pass literal tables). */
export function procNetTcpLookup(read: (file: string) => string = (f) => readFileSync(f, 'latin1')): KernelTcpLookup {
  return tcpRowsLookup(() => {
    const out: ProcTcpRow[] = [];
    let any = false;
    for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
      try {
        out.push(...parseProcNetTcp(read(file)));
        any = true;
      } catch {
        /* table absent */
      }
    }
    return any ? out : null;
  });
}

/** Windows: GetTcpTable through koffi (loaded only here, on first use); null where it cannot be bound. */
export async function tcpTableLookup(): Promise<KernelTcpLookup> {
  let reader: (() => ProcTcpRow[] | undefined) | undefined;
  try {
    reader = openTcpTable((await import('koffi')).default);
  } catch {
    reader = undefined;
  }
  return tcpRowsLookup(() => reader?.() ?? null);
}

/** The lookup for the platform the adapter runs on. */
export function kernelTcpLookupFor(platform: NodeJS.Platform): Promise<KernelTcpLookup> {
  return platform === 'win32' ? tcpTableLookup() : Promise.resolve(procNetTcpLookup());
}
