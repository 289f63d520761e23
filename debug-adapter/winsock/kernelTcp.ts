// The kernel's view of a socket for the Sockets scope, from a table of TCP rows: Linux's
// /proc/net/tcp (under Wine the socket's descriptor belongs to wineserver, so rows are matched by
// ports, not by inode), or on Windows the IP Helper API's GetTcpTable (sandbox/tcpTable.ts, the
// sandbox's own reader). The row is the one with both ports when both are known, else the one
// with the port that is known; a listening socket takes the row without a remote end.
import { readFileSync } from 'node:fs';
import { parseProcNetTcp, type ProcTcpRow } from '../../sandbox/kernelTcp';
import { openTcpTable } from '../../sandbox/tcpTable';
import type { KernelTcpLookup, KernelTcpRow } from './scope';

/** A lookup over a source of rows (null: no table on this system). */
export function tcpRowsLookup(rows: () => ProcTcpRow[] | null): KernelTcpLookup {
  const found = (r: ProcTcpRow | undefined): KernelTcpRow | undefined =>
    r ? { state: r.state, ...(r.localIp ? { local: { family: 2, ip: r.localIp, port: r.localPort } } : {}) } : undefined;
  return (local, peer, listening = false) => {
    const table = rows();
    if (table === null) return null;
    // A listening socket has the row without a remote end; any other socket never has that one.
    const candidates = table.filter((r) => (r.remotePort === 0) === listening);
    if (local?.port && peer?.port) {
      // Both ends known (the call recorder asks the socket itself): only the exact row is this
      // socket's; none means the connection is gone (reset, or its TIME_WAIT is over).
      return found(candidates.find((r) => r.localPort === local.port && r.remotePort === peer.port));
    }
    const mine = peer?.port ? candidates.filter((r) => r.remotePort === peer.port) : local?.port ? candidates.filter((r) => r.localPort === local.port) : [];
    if (mine.length === 1) return found(mine[0]);
    // Several rows share the one port known (connections of earlier runs in TIME_WAIT, or several
    // accepted from one listener): all are shown, none is chosen.
    if (mine.length > 1) return { state: mine.map((r) => `${r.state} (:${peer?.port ? r.localPort : r.remotePort})`).join(' | ') };
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
