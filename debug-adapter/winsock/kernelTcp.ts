// The kernel's view of a socket for the Sockets scope. On Linux (Wine) the socket's descriptor
// belongs to wineserver, so the row of /proc/net/tcp is found by ports, not by inode: the local
// port when known, else the remote port of the connection. On Windows this would be
// GetExtendedTcpTable (not built yet: returns null, "not available").
import { readFileSync } from 'node:fs';
import { parseProcNetTcp, type ProcTcpRow } from '../../sandbox/kernelTcp';
import type { KernelTcpLookup } from './scope';

function rows(read: (file: string) => string): ProcTcpRow[] | null {
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
}

/** A lookup over the given reader (the file system by default; tests pass literal tables). */
export function procNetTcpLookup(read: (file: string) => string = (f) => readFileSync(f, 'latin1')): KernelTcpLookup {
  return (local, peer) => {
    const table = rows(read);
    if (table === null) return null;
    if (local?.port && peer?.port) {
      const exact = table.find((r) => r.localPort === local.port && r.remotePort === peer.port);
      if (exact) return exact.state;
    }
    if (peer?.port) {
      // The program's side of the connection is the row whose remote port is the peer's.
      const mine = table.filter((r) => r.remotePort === peer.port && (!local?.port || r.localPort === local.port));
      if (mine.length === 1) return mine[0]?.state;
      if (mine.length > 1) return mine.map((r) => `${r.state} (:${r.localPort})`).join(' | ');
    }
    if (local?.port) return table.find((r) => r.localPort === local.port && r.remotePort === 0)?.state ?? table.find((r) => r.localPort === local.port)?.state;
    return undefined;
  };
}
