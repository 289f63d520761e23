// The kernel's TCP table on Windows, through the IP Helper API's GetTcpTable (koffi), as rows of the
// same shape as Linux's /proc/net/tcp gives: used by the sandbox's ws2_32 backend and, on Windows,
// by the debugger's Sockets scope.
import type koffiModule from 'koffi';
import type { ProcTcpRow } from './kernelTcp';

/** MIB_TCPROW: dwState, dwLocalAddr, dwLocalPort, dwRemoteAddr, dwRemotePort (ports in network order). */
const MIB_TCPROW_SIZE = 20;
const MIB_TCP_STATES: Readonly<Record<number, string>> = {
  1: 'CLOSED', 2: 'LISTEN', 3: 'SYN_SENT', 4: 'SYN_RCVD', 5: 'ESTABLISHED', 6: 'FIN_WAIT1', 7: 'FIN_WAIT2',
  8: 'CLOSE_WAIT', 9: 'CLOSING', 10: 'LAST_ACK', 11: 'TIME_WAIT', 12: 'DELETE_TCB',
};

/** Parses a MIB_TCPTABLE (dwNumEntries, then the rows) as GetTcpTable fills it. */
export function parseMibTcpTable(buf: Uint8Array): ProcTcpRow[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 4) return [];
  const n = view.getUint32(0, true);
  const rows: ProcTcpRow[] = [];
  for (let i = 0; i < n; i++) {
    const at = 4 + i * MIB_TCPROW_SIZE;
    if (at + MIB_TCPROW_SIZE > buf.byteLength) break;
    const state = view.getUint32(at, true);
    const localIp = [4, 5, 6, 7].map((k) => buf[at + k]).join('.');
    rows.push({ state: MIB_TCP_STATES[state] ?? `state ${state}`, localPort: view.getUint16(at + 8, false), remotePort: view.getUint16(at + 16, false), localIp });
  }
  return rows;
}

/** Reads the table: undefined when the call fails. */
export type TcpTableReader = () => ProcTcpRow[] | undefined;

/**
 * Binds GetTcpTable from iphlpapi.dll with `koffi`; undefined where there is none (not Windows).
 * GetTcpTable, not GetTcpTable2: the owning-process column of GetTcpTable2 makes Wine walk every
 * process's descriptors, seconds per call on a busy machine; the states are the same.
 */
export function openTcpTable(koffi: typeof koffiModule): TcpTableReader | undefined {
  let call: (table: Buffer | null, size: number[], order: number) => number;
  try {
    const g = koffi.load('iphlpapi.dll').func('uint32_t __stdcall GetTcpTable(void *table, _Inout_ uint32_t *size, int order)');
    call = (t, s, o) => g(t, s, o) as number;
    call(null, [0], 0);
  } catch {
    return undefined;
  }
  return () => {
    const size = [0];
    call(null, size, 0);
    if (!size[0]) return [];
    // Room for a few rows more: connections may appear between the two calls.
    const buf = Buffer.alloc(size[0] + MIB_TCPROW_SIZE * 8);
    return call(buf, [buf.length], 0) === 0 ? parseMibTcpTable(buf) : undefined;
  };
}
