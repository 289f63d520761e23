// The ws2_32 backend: the real Winsock DLL through koffi (Windows; tested on Linux under Wine).
// Every call is the real one; WSAGetLastError is read right after it. The worker keeps each socket
// non-blocking underneath (FIONBIO 1) and waits itself, so its event loop never blocks; after each
// application call the error it produced is put back with WSASetLastError, so the user's
// WSAGetLastError answers that call and not the worker's own bookkeeping.
import koffi from 'koffi';
import type { AddressFamily, ProtocolProviderView, SandboxCall, ShutdownHow, SocketHandle, SocketType } from '../../core/protocol/sandbox';
import { XP1 } from '../../core/sandbox/providers';
import { wsaErrorValue } from '../../core/sandbox/wsaErrors';
import type { Backend, NativeOutcome, SockRec } from '../backend';
import { socketPorts } from '../backend';
import { parseAddress } from '../address';
import { openTcpTable, type TcpTableReader } from '../tcpTable';

const AF_INET = 2;
const AF_INET6 = 23;
const SOCK_STREAM = 1;
const SOCK_DGRAM = 2;
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
const SOL_SOCKET = 0xffff;
const SO_LINGER = 0x0080;
const SO_DONTLINGER = ~SO_LINGER;
const SO_RCVTIMEO = 0x1006;
const SO_ERROR = 0x1007;
const SO_TYPE = 0x1008;
const SO_PROTOCOL_INFOW = 0x2005;
const FIONBIO = 0x8004667e;
const WSA_FLAG_OVERLAPPED = 0x01;
const TF_REUSE_SOCKET = 0x02;
const SIO_GET_EXTENSION_FUNCTION_POINTER = 0xc8000006;
/** WSAID_DISCONNECTEX {7fda2e11-8630-436f-a031-f536a6eec157} in memory order. */
const WSAID_DISCONNECTEX = (() => {
  const b = Buffer.alloc(16);
  b.writeUInt32LE(0x7fda2e11, 0);
  b.writeUInt16LE(0x8630, 4);
  b.writeUInt16LE(0x436f, 6);
  Buffer.from([0xa0, 0x31, 0xf5, 0x36, 0xa6, 0xee, 0xc1, 0x57]).copy(b, 8);
  return b;
})();
const WSADATA_SIZE = 408;
const PROTOCOL_INFOW_SIZE = 628;
const WSAEWOULDBLOCK = wsaErrorValue('WSAEWOULDBLOCK');

/** Reads one WSAPROTOCOL_INFOW (x64 layout, 628 bytes) at offset. */
export function parseProtocolInfoW(b: Buffer, at: number): ProtocolProviderView {
  const serviceFlags1 = b.readUInt32LE(at);
  const nameBytes = b.subarray(at + 116, at + 628);
  let end = 0;
  while (end + 1 < nameBytes.length && (nameBytes[end] !== 0 || nameBytes[end + 1] !== 0)) end += 2;
  return {
    name: nameBytes.subarray(0, end).toString('utf16le'),
    addressFamily: b.readInt32LE(at + 76),
    socketType: b.readInt32LE(at + 88),
    protocol: b.readInt32LE(at + 92),
    serviceFlags1,
    disconnectData: (serviceFlags1 & XP1.DISCONNECT_DATA) !== 0,
  };
}

export class Ws2_32Backend implements Backend {
  readonly name = 'ws2_32' as const;
  readonly kernelStateSource;
  readonly emulatesStartup = true;
  /** Every handle the session's sockets ever had: only those get real calls after closesocket. */
  private readonly everOwned = new Set<SocketHandle>();
  private readonly f;
  private readonly tcpTable: TcpTableReader | undefined;
  private disconnectExProto;

  constructor() {
    const ws = koffi.load('ws2_32.dll');
    const WSABUF = koffi.struct('WSABUF', { len: 'uint32_t', buf: 'void *' });
    this.disconnectExProto = koffi.proto('int __stdcall DisconnectExFn(intptr_t s, void *overlapped, uint32_t flags, uint32_t reserved)');
    const fn = (d: string) => ws.func(d);
    this.f = {
      WSAStartup: fn('int __stdcall WSAStartup(uint16_t version, void *data)'),
      WSACleanup: fn('int __stdcall WSACleanup()'),
      WSAGetLastError: fn('int __stdcall WSAGetLastError()'),
      WSASetLastError: fn('void __stdcall WSASetLastError(int error)'),
      socket: fn('intptr_t __stdcall socket(int af, int type, int protocol)'),
      WSASocketW: fn('intptr_t __stdcall WSASocketW(int af, int type, int protocol, void *info, uint32_t g, uint32_t flags)'),
      bind: fn('int __stdcall bind(intptr_t s, const void *name, int namelen)'),
      listen: fn('int __stdcall listen(intptr_t s, int backlog)'),
      accept: fn('intptr_t __stdcall accept(intptr_t s, void *addr, void *addrlen)'),
      connect: fn('int __stdcall connect(intptr_t s, const void *name, int namelen)'),
      WSAConnect: fn('int __stdcall WSAConnect(intptr_t s, const void *name, int namelen, void *callerData, void *calleeData, void *sqos, void *gqos)'),
      send: fn('int __stdcall send(intptr_t s, const void *buf, int len, int flags)'),
      WSASend: ws.func('WSASend', 'int', ['intptr_t', koffi.pointer(WSABUF), 'uint32_t', koffi.out(koffi.pointer('uint32_t')), 'uint32_t', 'void *', 'void *']),
      recv: fn('int __stdcall recv(intptr_t s, void *buf, int len, int flags)'),
      WSARecv: ws.func('WSARecv', 'int', ['intptr_t', koffi.pointer(WSABUF), 'uint32_t', koffi.out(koffi.pointer('uint32_t')), koffi.inout(koffi.pointer('uint32_t')), 'void *', 'void *']),
      shutdown: fn('int __stdcall shutdown(intptr_t s, int how)'),
      WSASendDisconnect: ws.func('WSASendDisconnect', 'int', ['intptr_t', koffi.pointer(WSABUF)]),
      WSARecvDisconnect: ws.func('WSARecvDisconnect', 'int', ['intptr_t', koffi.inout(koffi.pointer(WSABUF))]),
      closesocket: fn('int __stdcall closesocket(intptr_t s)'),
      setsockopt: fn('int __stdcall setsockopt(intptr_t s, int level, int name, const void *value, int len)'),
      getsockopt: fn('int __stdcall getsockopt(intptr_t s, int level, int name, void *value, _Inout_ int *len)'),
      ioctlsocket: fn('int __stdcall ioctlsocket(intptr_t s, uint32_t cmd, _Inout_ uint32_t *arg)'),
      WSAEnumProtocolsW: fn('int __stdcall WSAEnumProtocolsW(void *protocols, void *buffer, _Inout_ uint32_t *length)'),
      WSAIoctl: fn('int __stdcall WSAIoctl(intptr_t s, uint32_t code, const void *inBuf, uint32_t inLen, void *outBuf, uint32_t outLen, _Out_ uint32_t *returned, void *overlapped, void *completion)'),
      getsockname: fn('int __stdcall getsockname(intptr_t s, void *name, _Inout_ int *len)'),
      getpeername: fn('int __stdcall getpeername(intptr_t s, void *name, _Inout_ int *len)'),
      inet_pton: fn('int __stdcall inet_pton(int af, const char *src, void *dst)'),
    };
    this.tcpTable = openTcpTable(koffi);
    this.kernelStateSource = this.tcpTable ? ('GetTcpTable' as const) : ('unavailable' as const);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private err(ret = -1): NativeOutcome {
    const error = this.f.WSAGetLastError() as number;
    return { ret, error, ...(error === WSAEWOULDBLOCK ? { wouldBlock: true } : {}) };
  }
  private zero(r: number): NativeOutcome {
    return r === 0 ? { ret: 0, error: 0 } : this.err();
  }

  private sockaddr(address: string, port: number): Buffer | undefined {
    const p = parseAddress(address);
    if (!p) return undefined;
    const v6 = p.family === 'AF_INET6';
    const buf = Buffer.alloc(v6 ? 28 : 16);
    buf.writeUInt16LE(v6 ? AF_INET6 : AF_INET, 0);
    buf.writeUInt16BE(port, 2);
    const dst = Buffer.alloc(16);
    if (this.f.inet_pton(v6 ? AF_INET6 : AF_INET, p.text, dst) !== 1) return undefined;
    dst.copy(buf, v6 ? 8 : 4, 0, v6 ? 16 : 4);
    return buf;
  }

  private nonBlockingUnderneath(h: SocketHandle): void {
    this.f.ioctlsocket(h, FIONBIO, [1]);
  }

  // ---- calls ---------------------------------------------------------------------------------

  startup(): NativeOutcome {
    const r = this.f.WSAStartup(0x0202, Buffer.alloc(WSADATA_SIZE)) as number;
    return { ret: r, error: r };
  }
  cleanup(): NativeOutcome {
    return this.zero(this.f.WSACleanup() as number);
  }
  lastError(): NativeOutcome {
    return { ret: this.f.WSAGetLastError() as number, error: 0 };
  }
  afterCall(error: number): void {
    this.f.WSASetLastError(error);
  }

  enumProtocols(): NativeOutcome & { providers?: readonly ProtocolProviderView[] } {
    const len = [0];
    this.f.WSAEnumProtocolsW(null, null, len);
    const size = Math.max(len[0] ?? 0, PROTOCOL_INFOW_SIZE);
    const buf = Buffer.alloc(size);
    const n = this.f.WSAEnumProtocolsW(null, buf, [size]) as number;
    if (n < 0) return this.err();
    const providers: ProtocolProviderView[] = [];
    for (let i = 0; i < n; i++) providers.push(parseProtocolInfoW(buf, i * PROTOCOL_INFOW_SIZE));
    return { ret: n, error: 0, providers };
  }

  socket(af: AddressFamily, type: SocketType, wsa: boolean): NativeOutcome & { handle?: SocketHandle } {
    const a = af === 'AF_INET' ? AF_INET : AF_INET6;
    const t = type === 'SOCK_STREAM' ? SOCK_STREAM : SOCK_DGRAM;
    const p = type === 'SOCK_STREAM' ? IPPROTO_TCP : IPPROTO_UDP;
    const h = Number(wsa ? this.f.WSASocketW(a, t, p, null, 0, WSA_FLAG_OVERLAPPED) : this.f.socket(a, t, p));
    if (h === -1) return this.err();
    this.nonBlockingUnderneath(h);
    this.everOwned.add(h);
    return { ret: h, error: 0, handle: h };
  }

  bind(s: SockRec, address: string, port: number): NativeOutcome {
    const sa = this.sockaddr(address, port);
    if (!sa) return { ret: -1, error: wsaErrorValue('WSAEFAULT'), emulated: true, note: `"${address}" is not an address.` };
    return this.zero(this.f.bind(s.handle, sa, sa.length) as number);
  }

  listen(s: SockRec, backlog: number): NativeOutcome {
    return this.zero(this.f.listen(s.handle, backlog) as number);
  }

  accept(s: SockRec): NativeOutcome & { handle?: SocketHandle } {
    const h = Number(this.f.accept(s.handle, null, null));
    if (h === -1) return this.err();
    this.nonBlockingUnderneath(h);
    this.everOwned.add(h);
    return { ret: h, error: 0, handle: h };
  }

  connect(s: SockRec, address: string, port: number, wsa: boolean): NativeOutcome {
    const sa = this.sockaddr(address, port);
    if (!sa) return { ret: -1, error: wsaErrorValue('WSAEFAULT'), emulated: true, note: `"${address}" is not an address.` };
    const r = (wsa ? this.f.WSAConnect(s.handle, sa, sa.length, null, null, null, null) : this.f.connect(s.handle, sa, sa.length)) as number;
    if (r === 0) return { ret: 0, error: 0 };
    const o = this.err();
    if (o.wouldBlock) s.connecting = true;
    return o;
  }

  connectProgress(s: SockRec): NativeOutcome {
    const e = Buffer.alloc(4);
    if (this.f.getsockopt(s.handle, SOL_SOCKET, SO_ERROR, e, [4]) !== 0) return this.err();
    const soError = e.readInt32LE(0);
    if (soError !== 0) {
      s.connecting = false;
      return { ret: -1, error: soError };
    }
    if (this.f.getpeername(s.handle, Buffer.alloc(128), [128]) === 0) {
      s.connecting = false;
      return { ret: 0, error: 0 };
    }
    return { ret: -1, error: WSAEWOULDBLOCK, wouldBlock: true };
  }

  send(s: SockRec, data: Uint8Array, wsa: boolean): NativeOutcome {
    const buf = Buffer.from(data);
    if (wsa) {
      const sent = [0];
      const r = this.f.WSASend(s.handle, [{ len: buf.length, buf }], 1, sent, 0, null, null) as number;
      return r === 0 ? { ret: sent[0] ?? 0, error: 0 } : this.err();
    }
    const n = this.f.send(s.handle, buf, buf.length, 0) as number;
    return n >= 0 ? { ret: n, error: 0 } : this.err();
  }

  recv(s: SockRec, maxBytes: number, wsa: boolean): NativeOutcome & { data?: Uint8Array } {
    const buf = Buffer.alloc(maxBytes);
    if (wsa) {
      const got = [0];
      const r = this.f.WSARecv(s.handle, [{ len: maxBytes, buf }], 1, got, [0], null, null) as number;
      if (r !== 0) return this.err();
      return { ret: got[0] ?? 0, error: 0, data: buf.subarray(0, got[0] ?? 0) };
    }
    const n = this.f.recv(s.handle, buf, maxBytes, 0) as number;
    return n >= 0 ? { ret: n, error: 0, data: buf.subarray(0, n) } : this.err();
  }

  shutdown(s: SockRec, how: ShutdownHow): NativeOutcome {
    return this.zero(this.f.shutdown(s.handle, how === 'SD_RECEIVE' ? 0 : how === 'SD_SEND' ? 1 : 2) as number);
  }

  sendDisconnect(s: SockRec, data: Uint8Array | null): NativeOutcome {
    // WSABUF is { ULONG len; CHAR *buf; }: length first.
    const arg = data === null ? null : [{ len: data.length, buf: Buffer.from(data) }];
    return this.zero(this.f.WSASendDisconnect(s.handle, arg) as number);
  }

  recvDisconnect(s: SockRec, wantData: boolean): NativeOutcome & { data?: Uint8Array } {
    if (!wantData) return this.zero(this.f.WSARecvDisconnect(s.handle, null) as number);
    const buf = Buffer.alloc(256);
    const wb = { len: buf.length, buf };
    const r = this.f.WSARecvDisconnect(s.handle, wb) as number;
    if (r !== 0) return this.err();
    const n = Math.min(wb.len, buf.length);
    return { ret: 0, error: 0, data: buf.subarray(0, n) };
  }

  async close(s: SockRec): Promise<NativeOutcome> {
    const lingering = s.linger.onoff !== 0 && s.linger.linger > 0 && !s.nonBlocking;
    const start = Date.now();
    for (;;) {
      const r = this.f.closesocket(s.handle) as number;
      if (r === 0) return { ret: 0, error: 0 };
      const o = this.err();
      // A lingering close on a non-blocking socket says WSAEWOULDBLOCK and keeps the handle: a
      // blocking socket (as the user sees it) waits for it, so the worker calls again.
      if (!(lingering && o.error === WSAEWOULDBLOCK) || Date.now() - start > s.linger.linger * 1000) return o;
      await new Promise((r2) => setTimeout(r2, 10));
    }
  }

  private disconnectExPtr: unknown;
  disconnectEx(s: SockRec, reuse: boolean): NativeOutcome {
    if (!this.disconnectExPtr) {
      const out = Buffer.alloc(8);
      const r = this.f.WSAIoctl(s.handle, SIO_GET_EXTENSION_FUNCTION_POINTER, WSAID_DISCONNECTEX, 16, out, 8, [0], null, null) as number;
      if (r !== 0) return { ...this.err(0), note: 'WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER, WSAID_DISCONNECTEX) failed.' };
      this.disconnectExPtr = koffi.decode(out, 'void *');
    }
    const ok = koffi.call(this.disconnectExPtr, this.disconnectExProto, s.handle, null, reuse ? TF_REUSE_SOCKET : 0, 0) as number;
    return ok ? { ret: 1, error: 0 } : this.err(0);
  }

  setLinger(s: SockRec, onoff: number, linger: number): NativeOutcome {
    const b = Buffer.alloc(4);
    b.writeUInt16LE(onoff, 0);
    b.writeUInt16LE(linger, 2);
    return this.zero(this.f.setsockopt(s.handle, SOL_SOCKET, SO_LINGER, b, 4) as number);
  }
  setDontLinger(s: SockRec, value: boolean): NativeOutcome {
    const b = Buffer.alloc(4);
    b.writeInt32LE(value ? 1 : 0);
    return this.zero(this.f.setsockopt(s.handle, SOL_SOCKET, SO_DONTLINGER, b, 4) as number);
  }
  setRcvTimeo(s: SockRec, ms: number): NativeOutcome {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(ms);
    const r = this.zero(this.f.setsockopt(s.handle, SOL_SOCKET, SO_RCVTIMEO, b, 4) as number);
    return { ...r, note: 'The worker waits itself (the socket is non-blocking underneath) and applies this timeout.' };
  }
  getLinger(s: SockRec): NativeOutcome & { onoff?: number; linger?: number } {
    const b = Buffer.alloc(4);
    if (this.f.getsockopt(s.handle, SOL_SOCKET, SO_LINGER, b, [4]) !== 0) return this.err();
    return { ret: 0, error: 0, onoff: b.readUInt16LE(0), linger: b.readUInt16LE(2) };
  }
  getDontLinger(s: SockRec): NativeOutcome & { value?: boolean } {
    const b = Buffer.alloc(4);
    if (this.f.getsockopt(s.handle, SOL_SOCKET, SO_DONTLINGER, b, [4]) !== 0) return this.err();
    return { ret: 0, error: 0, value: b.readInt32LE(0) !== 0 };
  }
  getRcvTimeo(s: SockRec): NativeOutcome & { ms?: number } {
    const b = Buffer.alloc(4);
    if (this.f.getsockopt(s.handle, SOL_SOCKET, SO_RCVTIMEO, b, [4]) !== 0) return this.err();
    return { ret: 0, error: 0, ms: b.readUInt32LE(0) };
  }
  getProtocolInfo(s: SockRec): NativeOutcome & { provider?: ProtocolProviderView } {
    const b = Buffer.alloc(PROTOCOL_INFOW_SIZE);
    if (this.f.getsockopt(s.handle, SOL_SOCKET, SO_PROTOCOL_INFOW, b, [PROTOCOL_INFOW_SIZE]) !== 0) return this.err();
    return { ret: 0, error: 0, provider: parseProtocolInfoW(b, 0) };
  }

  setNonBlocking(s: SockRec, value: boolean): NativeOutcome {
    const r = this.zero(this.f.ioctlsocket(s.handle, FIONBIO, [value ? 1 : 0]) as number);
    if (!value) this.nonBlockingUnderneath(s.handle);
    return value ? r : { ...r, note: 'The real ioctlsocket(FIONBIO, 0) was made; the worker then set the socket back to non-blocking underneath and waits itself.' };
  }

  ports(handle: SocketHandle): { local?: number; remote?: number } {
    return socketPorts(this.f, handle);
  }

  isLiveHandle(handle: SocketHandle): boolean {
    const b = Buffer.alloc(4);
    return this.f.getsockopt(handle, SOL_SOCKET, SO_TYPE, b, [4]) === 0;
  }

  callOnDeadHandle(call: SandboxCall, handle: SocketHandle): NativeOutcome {
    if (!this.everOwned.has(handle)) {
      return { ret: -1, error: wsaErrorValue('WSAENOTSOCK'), emulated: true, note: `${handle} was never a socket of this session, so no call was made on it.` };
    }
    switch (call.fn) {
      case 'closesocket':
        return this.zero(this.f.closesocket(handle) as number);
      case 'send':
        return this.f.send(handle, Buffer.alloc(1), 1, 0) >= 0 ? { ret: 1, error: 0 } : this.err();
      case 'recv':
        return this.f.recv(handle, Buffer.alloc(1), 1, 0) >= 0 ? { ret: 0, error: 0 } : this.err();
      case 'shutdown':
        return this.zero(this.f.shutdown(handle, call.how === 'SD_RECEIVE' ? 0 : call.how === 'SD_SEND' ? 1 : 2) as number);
      case 'WSASendDisconnect':
        return this.zero(this.f.WSASendDisconnect(handle, call.data === null ? null : [{ len: call.data.length, buf: Buffer.from(call.data) }]) as number);
      case 'WSARecvDisconnect':
        return this.zero(this.f.WSARecvDisconnect(handle, null) as number);
      case 'listen':
        return this.zero(this.f.listen(handle, call.backlog) as number);
      case 'ioctlsocket':
        return this.zero(this.f.ioctlsocket(handle, FIONBIO, [call.value]) as number);
      default: {
        // Other calls: getsockopt(SO_TYPE) on the dead handle gives the same WSAENOTSOCK.
        const r = this.f.getsockopt(handle, SOL_SOCKET, SO_TYPE, Buffer.alloc(4), [4]) as number;
        const o = r === 0 ? { ret: -1, error: wsaErrorValue('WSAENOTSOCK') } : this.err();
        return { ...o, emulated: true, note: `${call.fn} was not made on the closed handle; getsockopt on it answered instead.` };
      }
    }
  }

  forceClose(handle: SocketHandle): void {
    this.setLinger({ handle } as SockRec, 1, 0);
    this.f.closesocket(handle);
  }

  kernelState(localPort: number | undefined, remotePort: number | undefined): string | undefined {
    const rows = localPort ? this.tcpTable?.() : undefined;
    if (!rows) return undefined;
    let fallback: string | undefined;
    for (const r of rows) {
      if (r.localPort !== localPort) continue;
      if (r.remotePort === (remotePort ?? 0)) return r.state;
      fallback ??= r.state;
    }
    return remotePort === undefined ? fallback : undefined;
  }

  crash(): void {
    const msvcrt = koffi.load('msvcrt.dll');
    const memcpy = msvcrt.func('uintptr_t memcpy(uintptr_t dst, uintptr_t src, size_t n)');
    memcpy(8, 16, 64);
  }

  trivialNativeCall(): number {
    return this.f.WSAGetLastError() as number;
  }
}
