// The facts the gdb-side tracer needs about each Winsock function, read from core/model (the same
// entries the lint and the sandbox use): its return convention, how many arguments it takes, and
// which argument carries a sockaddr in or out.
import { allEntries } from '../../core/model/registry';
import type { FunctionEntry } from '../../core/model/types';

export interface TracedFunction {
  readonly conv: FunctionEntry['returns']['convention'];
  readonly nparams: number;
  readonly addrIn?: number;
  readonly addrOut?: number;
  /** The argument that is the socket (absent: none, or the socket is the return value). */
  readonly socketArg?: number;
  /**
   * The call binds, listens, connects or accepts: after it succeeds the recorder reads the
   * socket's own addresses (getsockname, getpeername), which the kernel row is matched by.
   */
  readonly addresses?: boolean;
  /** Exported by its DLL (the recorder can wrap it); false for extension functions reached only through WSAIoctl. */
  readonly exported: boolean;
}

/** Functions the tracer can follow: those of ws2_32.dll and mswsock.dll in the model. */
export function tracedFunctionTable(): Record<string, TracedFunction> {
  const table: Record<string, TracedFunction> = {};
  for (const e of allEntries()) {
    if (e.kind !== 'function') continue;
    const dll = e.requirements.dll.toLowerCase();
    if (!dll.includes('ws2_32') && !dll.includes('mswsock')) continue;
    // WSAGetLastError/WSASetLastError touch no socket; the journal reads the last error itself.
    if (e.returns.convention === 'last-error' || e.returns.convention === 'void') continue;
    const addrIn = e.params.findIndex((p) => /sockaddr/i.test(p.type) && p.direction === 'in');
    const addrOut = e.params.findIndex((p) => /sockaddr/i.test(p.type) && p.direction !== 'in');
    table[e.name] = {
      conv: e.returns.convention,
      nparams: e.params.length,
      exported: !/service provider/i.test(e.requirements.dll),
      ...(e.socketParam !== undefined ? { socketArg: e.socketParam } : {}),
      ...(e.roles.some((r) => r === 'bind' || r === 'listen' || r === 'connect' || r === 'accept') ? { addresses: true } : {}),
      ...(addrIn >= 0 ? { addrIn } : {}),
      ...(addrOut >= 0 ? { addrOut } : {}),
    };
  }
  return table;
}
