// The posix backend: Winsock semantics over the host's BSD sockets, through koffi and libc.
// What it emulates rather than calls is written down call by call in docs/sandbox-backends.md;
// every emulated result carries `emulated: true` and a note.
import koffi from 'koffi';
import { constants as osConstants } from 'node:os';
import type { AddressFamily, ProtocolProviderView, SandboxCall, ShutdownHow, SocketHandle, SocketType } from '../../core/protocol/sandbox';
import { EMULATED_PROVIDERS, emulatedProviderFor } from '../../core/sandbox/providers';
import { wsaErrorValue, type SandboxWsaErrorName } from '../../core/sandbox/wsaErrors';
import type { Backend, NativeOutcome, SockRec } from '../backend';
import { socketPorts } from '../backend';
import { procTcpAvailable, procTcpState } from '../kernelTcp';
import { parseAddress } from '../address';

const darwin = process.platform === 'darwin';
const C = darwin
  ? { AF_INET6: 30, SOL_SOCKET: 0xffff, SO_LINGER: 0x80, SO_RCVTIMEO: 0x1006, SO_ERROR: 0x1007, SO_TYPE: 0x1008, SO_NOSIGPIPE: 0x1022, MSG_NOSIGNAL: 0, O_NONBLOCK: 4 }
  : { AF_INET6: 10, SOL_SOCKET: 1, SO_LINGER: 13, SO_RCVTIMEO: 20, SO_ERROR: 4, SO_TYPE: 3, SO_NOSIGPIPE: 0, MSG_NOSIGNAL: 0x4000, O_NONBLOCK: 0x800 };
const AF_INET = 2;
const SOCK_STREAM = 1;
const SOCK_DGRAM = 2;
const F_GETFD = 1;
const F_GETFL = 3;
const F_SETFL = 4;
const F_SETFD = 2;
const FD_CLOEXEC = 1;
const SOCK_NONBLOCK = 0x800; // Linux only
const SOCK_CLOEXEC = 0x80000; // Linux only

const E = osConstants.errno as Record<string, number>;
/** errno → the WSA error Winsock gives for the same condition. */
const ERRNO_TO_WSA: ReadonlyArray<[string, SandboxWsaErrorName]> = [
  ['EINTR', 'WSAEINTR'],
  ['EBADF', 'WSAENOTSOCK'],
  ['EACCES', 'WSAEACCES'],
  ['EFAULT', 'WSAEFAULT'],
  ['EINVAL', 'WSAEINVAL'],
  ['EMFILE', 'WSAEMFILE'],
  ['ENFILE', 'WSAEMFILE'],
  ['EAGAIN', 'WSAEWOULDBLOCK'],
  ['EWOULDBLOCK', 'WSAEWOULDBLOCK'],
  ['EINPROGRESS', 'WSAEWOULDBLOCK'],
  ['EALREADY', 'WSAEALREADY'],
  ['ENOTSOCK', 'WSAENOTSOCK'],
  ['EDESTADDRREQ', 'WSAEDESTADDRREQ'],
  ['EMSGSIZE', 'WSAEMSGSIZE'],
  ['EPROTOTYPE', 'WSAEPROTOTYPE'],
  ['ENOPROTOOPT', 'WSAENOPROTOOPT'],
  ['EPROTONOSUPPORT', 'WSAEPROTONOSUPPORT'],
  ['EOPNOTSUPP', 'WSAEOPNOTSUPP'],
  ['EAFNOSUPPORT', 'WSAEAFNOSUPPORT'],
  ['EADDRINUSE', 'WSAEADDRINUSE'],
  ['EADDRNOTAVAIL', 'WSAEADDRNOTAVAIL'],
  ['ENETDOWN', 'WSAENETDOWN'],
  ['ENETUNREACH', 'WSAENETUNREACH'],
  ['ECONNABORTED', 'WSAECONNABORTED'],
  ['ECONNRESET', 'WSAECONNRESET'],
  ['ENOBUFS', 'WSAENOBUFS'],
  ['EISCONN', 'WSAEISCONN'],
  ['ENOTCONN', 'WSAENOTCONN'],
  ['ESHUTDOWN', 'WSAESHUTDOWN'],
  ['ETIMEDOUT', 'WSAETIMEDOUT'],
  ['ECONNREFUSED', 'WSAECONNREFUSED'],
  ['EHOSTUNREACH', 'WSAEHOSTUNREACH'],
];
const errnoMap = new Map<number, SandboxWsaErrorName>();
for (const [en, wsa] of ERRNO_TO_WSA) if (E[en] !== undefined && !errnoMap.has(E[en])) errnoMap.set(E[en], wsa);

/** The WSA error number for an errno value (unknown errno values are passed through as they are). */
export function wsaFromErrno(errno: number): number {
  const name = errnoMap.get(errno);
  return name ? wsaErrorValue(name) : errno;
}

function ok(ret = 0): NativeOutcome {
  return { ret, error: 0 };
}
function emulatedError(name: SandboxWsaErrorName, note: string, ret = -1): NativeOutcome {
  return { ret, error: wsaErrorValue(name), emulated: true, note };
}

export class PosixBackend implements Backend {
  readonly name = 'posix' as const;
  readonly kernelStateSource = procTcpAvailable() ? ('procfs' as const) : ('unavailable' as const);
  readonly emulatesStartup = true;

  private lastWsaError = 0;
  private readonly f;

  constructor() {
    const libc = koffi.load(darwin ? 'libc.dylib' : 'libc.so.6');
    this.f = {
      socket: libc.func('int socket(int domain, int type, int protocol)'),
      bind: libc.func('int bind(int fd, const void *addr, uint32_t len)'),
      listen: libc.func('int listen(int fd, int backlog)'),
      accept: darwin ? null : libc.func('int accept4(int fd, void *addr, void *len, int flags)'),
      acceptPlain: libc.func('int accept(int fd, void *addr, void *len)'),
      connect: libc.func('int connect(int fd, const void *addr, uint32_t len)'),
      send: libc.func('intptr_t send(int fd, const void *buf, size_t len, int flags)'),
      recv: libc.func('intptr_t recv(int fd, void *buf, size_t len, int flags)'),
      shutdown: libc.func('int shutdown(int fd, int how)'),
      close: libc.func('int close(int fd)'),
      dup2: libc.func('int dup2(int oldfd, int newfd)'),
      fcntl: libc.func('int fcntl(int fd, int cmd, ...)'),
      setsockopt: libc.func('int setsockopt(int fd, int level, int name, const void *value, uint32_t len)'),
      getsockopt: libc.func('int getsockopt(int fd, int level, int name, void *value, _Inout_ uint32_t *len)'),
      getsockname: libc.func('int getsockname(int fd, void *addr, _Inout_ uint32_t *len)'),
      getpeername: libc.func('int getpeername(int fd, void *addr, _Inout_ uint32_t *len)'),
      inet_pton: libc.func('int inet_pton(int af, const char *src, void *dst)'),
      getpid: libc.func('int getpid()'),
      memcpy: libc.func('uintptr_t memcpy(uintptr_t dst, uintptr_t src, size_t n)'),
    };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private fail(ret = -1): NativeOutcome {
    const errno = koffi.errno();
    return { ret, error: wsaFromErrno(errno), wouldBlock: errno === E['EAGAIN'] || errno === E['EWOULDBLOCK'] || errno === E['EINPROGRESS'] };
  }

  private sockaddr(address: string, port: number): Buffer | undefined {
    const parsed = parseAddress(address);
    if (!parsed) return undefined;
    const v6 = parsed.family === 'AF_INET6';
    const buf = Buffer.alloc(v6 ? 28 : 16);
    if (darwin) {
      buf[0] = buf.length;
      buf[1] = v6 ? C.AF_INET6 : AF_INET;
    } else buf.writeUInt16LE(v6 ? C.AF_INET6 : AF_INET, 0);
    buf.writeUInt16BE(port, 2);
    const dst = Buffer.alloc(16);
    if (this.f.inet_pton(v6 ? C.AF_INET6 : AF_INET, parsed.text, dst) !== 1) return undefined;
    dst.copy(buf, v6 ? 8 : 4, 0, v6 ? 16 : 4);
    return buf;
  }

  private makeNonBlocking(fd: number): void {
    const fl = this.f.fcntl(fd, F_GETFL, 'int', 0) as number;
    this.f.fcntl(fd, F_SETFL, 'int', fl | C.O_NONBLOCK);
    this.f.fcntl(fd, F_SETFD, 'int', FD_CLOEXEC);
    if (darwin) {
      const one = Buffer.alloc(4);
      one.writeInt32LE(1);
      this.f.setsockopt(fd, C.SOL_SOCKET, C.SO_NOSIGPIPE, one, 4);
    }
  }

  private connectedTcp(s: SockRec): boolean {
    return ['connected', 'send-shut', 'receive-shut', 'both-shut'].includes(s.state);
  }

  // ---- calls ---------------------------------------------------------------------------------

  startup(): NativeOutcome {
    return { ret: 0, error: 0, emulated: true, note: 'posix: WSAStartup only counts the session as started (no native call).' };
  }
  cleanup(): NativeOutcome {
    return { ret: 0, error: 0, emulated: true, note: 'posix: WSACleanup only decrements the session\'s start count.' };
  }
  lastError(): NativeOutcome {
    return { ret: this.lastWsaError, error: 0, emulated: true, note: 'posix: the last WSA error the sandbox reported on this session.' };
  }
  afterCall(error: number): void {
    if (error !== 0) this.lastWsaError = error;
  }
  enumProtocols(): NativeOutcome & { providers: readonly ProtocolProviderView[] } {
    return { ret: EMULATED_PROVIDERS.length, error: 0, emulated: true, note: 'posix: the TCP and UDP providers Windows lists, with Windows\' flags (none has XP1_DISCONNECT_DATA).', providers: EMULATED_PROVIDERS };
  }

  socket(af: AddressFamily, type: SocketType, _wsa: boolean): NativeOutcome & { handle?: SocketHandle } {
    const domain = af === 'AF_INET' ? AF_INET : C.AF_INET6;
    const t = type === 'SOCK_STREAM' ? SOCK_STREAM : SOCK_DGRAM;
    const fd = this.f.socket(domain, darwin ? t : t | SOCK_NONBLOCK | SOCK_CLOEXEC, 0) as number;
    if (fd < 0) return this.fail();
    if (darwin) this.makeNonBlocking(fd);
    return { ret: fd, error: 0, handle: fd };
  }

  bind(s: SockRec, address: string, port: number): NativeOutcome {
    const sa = this.sockaddr(address, port);
    if (!sa) return emulatedError('WSAEFAULT', `posix: "${address}" is not an IPv4 or IPv6 address.`);
    return this.f.bind(s.handle, sa, sa.length) === 0 ? ok() : this.fail();
  }

  listen(s: SockRec, backlog: number): NativeOutcome {
    if (s.type !== 'SOCK_STREAM') return emulatedError('WSAEOPNOTSUPP', 'posix: listen on a datagram socket is WSAEOPNOTSUPP on Windows.');
    if (s.state === 'created') return emulatedError('WSAEINVAL', 'posix: Windows refuses listen on an unbound socket with WSAEINVAL (Linux would bind it to an ephemeral port).');
    return this.f.listen(s.handle, backlog) === 0 ? ok() : this.fail();
  }

  accept(s: SockRec): NativeOutcome & { handle?: SocketHandle } {
    if (s.state !== 'listening') return emulatedError('WSAEINVAL', 'posix: accept on a socket that is not listening is WSAEINVAL on Windows.');
    const fd = (this.f.accept ? this.f.accept(s.handle, null, null, SOCK_NONBLOCK | SOCK_CLOEXEC) : this.f.acceptPlain(s.handle, null, null)) as number;
    if (fd < 0) return this.fail();
    if (!this.f.accept) this.makeNonBlocking(fd);
    return { ret: fd, error: 0, handle: fd };
  }

  connect(s: SockRec, address: string, port: number, _wsa: boolean): NativeOutcome {
    if (s.state === 'listening') return emulatedError('WSAEINVAL', 'posix: connect on a listening socket is WSAEINVAL on Windows.');
    const sa = this.sockaddr(address, port);
    if (!sa) return emulatedError('WSAEFAULT', `posix: "${address}" is not an IPv4 or IPv6 address.`);
    if (this.f.connect(s.handle, sa, sa.length) === 0) return ok();
    const o = this.fail();
    if (o.wouldBlock) s.connecting = true;
    return o;
  }

  connectProgress(s: SockRec): NativeOutcome {
    // A second connect on Linux tells the outcome: EALREADY while pending, EISCONN once connected,
    // the error (ECONNREFUSED ...) once if it failed.
    const err = Buffer.alloc(4);
    const len = [4];
    if (this.f.getsockopt(s.handle, C.SOL_SOCKET, C.SO_ERROR, err, len) !== 0) return this.fail();
    const soError = err.readInt32LE(0);
    if (soError !== 0) {
      s.connecting = false;
      return { ret: -1, error: wsaFromErrno(soError) };
    }
    const peer = Buffer.alloc(128);
    if (this.f.getpeername(s.handle, peer, [128]) === 0) {
      s.connecting = false;
      return ok();
    }
    return { ret: -1, error: wsaErrorValue('WSAEWOULDBLOCK'), wouldBlock: true };
  }

  send(s: SockRec, data: Uint8Array, _wsa: boolean): NativeOutcome {
    if (s.type === 'SOCK_STREAM' && !this.connectedTcp(s)) {
      return emulatedError('WSAENOTCONN', 'posix: send on an unconnected TCP socket is WSAENOTCONN on Windows (Linux says EPIPE).');
    }
    if (s.sendShut && s.type === 'SOCK_DGRAM') {
      return emulatedError('WSAESHUTDOWN', 'posix: the UDP socket was marked send-shut by the sandbox; Windows reports WSAESHUTDOWN.');
    }
    const n = Number(this.f.send(s.handle, data, data.length, C.MSG_NOSIGNAL));
    if (n >= 0) return ok(n);
    const errno = koffi.errno();
    if (errno === E['EPIPE']) {
      return s.sendShut
        ? { ret: -1, error: wsaErrorValue('WSAESHUTDOWN'), note: 'EPIPE after shutdown → WSAESHUTDOWN' }
        : { ret: -1, error: wsaErrorValue('WSAECONNRESET'), note: 'EPIPE: the connection is gone → WSAECONNRESET' };
    }
    return { ret: -1, error: wsaFromErrno(errno), wouldBlock: errno === E['EAGAIN'] || errno === E['EWOULDBLOCK'] };
  }

  recv(s: SockRec, maxBytes: number, _wsa: boolean): NativeOutcome & { data?: Uint8Array } {
    if (s.type === 'SOCK_STREAM' && !this.connectedTcp(s)) {
      return emulatedError('WSAENOTCONN', 'posix: recv on an unconnected TCP socket is WSAENOTCONN on Windows.');
    }
    if (s.recvShut) return emulatedError('WSAESHUTDOWN', 'posix: the socket is shut down for receiving; Windows reports WSAESHUTDOWN (Linux returns 0).');
    const buf = Buffer.alloc(maxBytes);
    const n = Number(this.f.recv(s.handle, buf, maxBytes, 0));
    if (n >= 0) return { ret: n, error: 0, data: buf.subarray(0, n) };
    return this.fail();
  }

  shutdown(s: SockRec, how: ShutdownHow): NativeOutcome {
    if (s.type === 'SOCK_DGRAM') {
      return { ret: 0, error: 0, emulated: true, note: 'posix: shutdown on a UDP socket succeeds on Windows; Linux would say ENOTCONN, so no native call is made.' };
    }
    if (!this.connectedTcp(s)) {
      return emulatedError('WSAENOTCONN', 'posix: Windows refuses shutdown on an unconnected TCP socket with WSAENOTCONN and does not mark it shut (Linux would), so no native call is made.');
    }
    const h = how === 'SD_RECEIVE' ? 0 : how === 'SD_SEND' ? 1 : 2;
    return this.f.shutdown(s.handle, h) === 0 ? ok() : this.fail();
  }

  sendDisconnect(s: SockRec, data: Uint8Array | null): NativeOutcome {
    if (data !== null) {
      return emulatedError('WSAENOPROTOOPT', 'posix: disconnect data needs a provider with XP1_DISCONNECT_DATA; the TCP/IP provider has none, so Windows answers WSAENOPROTOOPT.');
    }
    if (s.type === 'SOCK_STREAM' && !this.connectedTcp(s)) {
      return emulatedError('WSAENOTCONN', 'posix: WSASendDisconnect on an unconnected TCP socket is WSAENOTCONN.');
    }
    if (s.type === 'SOCK_DGRAM') return { ret: 0, error: 0, emulated: true, note: 'posix: on UDP only the sandbox marks the socket send-shut.' };
    const r = this.f.shutdown(s.handle, 1) === 0 ? ok() : this.fail();
    return { ...r, emulated: true, note: 'posix: WSASendDisconnect(s, NULL) is shutdown(SHUT_WR) after Winsock\'s checks.' };
  }

  recvDisconnect(s: SockRec, wantData: boolean): NativeOutcome & { data?: Uint8Array } {
    if (s.type === 'SOCK_STREAM' && !this.connectedTcp(s)) {
      return emulatedError('WSAENOTCONN', 'posix: WSARecvDisconnect on an unconnected TCP socket is WSAENOTCONN.');
    }
    if (s.type === 'SOCK_DGRAM') return { ret: 0, error: 0, emulated: true, note: 'posix: on UDP only the sandbox marks the socket receive-shut.' };
    const r = this.f.shutdown(s.handle, 0) === 0 ? ok() : this.fail();
    const note = wantData
      ? 'posix: WSARecvDisconnect is shutdown(SHUT_RD); TCP carries no disconnect data, so the buffer comes back with 0 bytes.'
      : 'posix: WSARecvDisconnect is shutdown(SHUT_RD).';
    return { ...r, emulated: true, note, ...(wantData && r.error === 0 ? { data: new Uint8Array(0) } : {}) };
  }

  close(s: SockRec): Promise<NativeOutcome> {
    if (s.linger.onoff !== 0 && s.linger.linger > 0 && !s.nonBlocking) {
      // A lingering close waits in the kernel for up to l_linger seconds: do it on libuv's pool.
      return new Promise((resolve) => {
        this.f.close.async(s.handle, (err: unknown, r: number) => {
          const errno = koffi.errno();
          if (err) resolve({ ret: -1, error: wsaErrorValue('WSAEFAULT'), note: String(err) });
          else resolve(r === 0 ? ok() : { ret: -1, error: wsaFromErrno(errno) });
        });
      });
    }
    if (s.linger.onoff !== 0 && s.linger.linger > 0 && s.nonBlocking) {
      return Promise.resolve(emulatedError('WSAEWOULDBLOCK', 'posix: closesocket on a non-blocking socket with a lingering SO_LINGER gives WSAEWOULDBLOCK on Windows; the socket stays open.'));
    }
    return Promise.resolve(this.f.close(s.handle) === 0 ? ok() : this.fail());
  }

  disconnectEx(s: SockRec, reuse: boolean): NativeOutcome {
    if (s.type !== 'SOCK_STREAM') return emulatedError('WSAEINVAL', 'posix: DisconnectEx is for stream sockets only.', 0);
    if (!this.connectedTcp(s)) return emulatedError('WSAENOTCONN', 'posix: DisconnectEx on a socket that is not connected is WSAENOTCONN.', 0);
    if (this.f.shutdown(s.handle, 1) !== 0) return { ...this.fail(0), emulated: true };
    if (reuse) {
      // A fresh socket takes the old descriptor's number: the handle is reusable, the old connection
      // closes gracefully as the descriptor is replaced.
      const domain = s.af === 'AF_INET' ? AF_INET : C.AF_INET6;
      const fresh = this.f.socket(domain, darwin ? SOCK_STREAM : SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0) as number;
      if (fresh < 0) return { ...this.fail(0), emulated: true };
      if (darwin) this.makeNonBlocking(fresh);
      const r = this.f.dup2(fresh, s.handle) as number;
      this.f.close(fresh);
      if (r < 0) return { ...this.fail(0), emulated: true };
      return { ret: 1, error: 0, emulated: true, note: 'posix: DisconnectEx(TF_REUSE_SOCKET) is shutdown(SHUT_WR), then a fresh socket put on the same descriptor (dup2).' };
    }
    return { ret: 1, error: 0, emulated: true, note: 'posix: DisconnectEx(0) is shutdown(SHUT_WR) after Winsock\'s checks.' };
  }

  setLinger(s: SockRec, onoff: number, linger: number): NativeOutcome {
    const b = Buffer.alloc(8);
    b.writeInt32LE(onoff, 0);
    b.writeInt32LE(linger, 4);
    return this.f.setsockopt(s.handle, C.SOL_SOCKET, C.SO_LINGER, b, 8) === 0 ? ok() : this.fail();
  }

  setDontLinger(s: SockRec, value: boolean): NativeOutcome {
    const cur = this.getLinger(s);
    if (cur.error !== 0) return cur;
    const r = this.setLinger(s, value ? 0 : 1, cur.linger ?? 0);
    return { ...r, emulated: true, note: 'posix: POSIX has no SO_DONTLINGER; it sets SO_LINGER\'s l_onoff to 0 (TRUE) or 1 (FALSE), keeping l_linger.' };
  }

  setRcvTimeo(s: SockRec, ms: number): NativeOutcome {
    const tv = Buffer.alloc(16);
    tv.writeBigInt64LE(BigInt(Math.floor(ms / 1000)), 0);
    tv.writeBigInt64LE(BigInt((ms % 1000) * 1000), 8);
    const r = this.f.setsockopt(s.handle, C.SOL_SOCKET, C.SO_RCVTIMEO, tv, 16) === 0 ? ok() : this.fail();
    return { ...r, emulated: true, note: 'posix: a DWORD of milliseconds becomes a struct timeval; the sandbox itself times out a waiting recv.' };
  }

  getLinger(s: SockRec): NativeOutcome & { onoff?: number; linger?: number } {
    const b = Buffer.alloc(8);
    if (this.f.getsockopt(s.handle, C.SOL_SOCKET, C.SO_LINGER, b, [8]) !== 0) return this.fail();
    return { ret: 0, error: 0, onoff: b.readInt32LE(0), linger: b.readInt32LE(4) };
  }

  getDontLinger(s: SockRec): NativeOutcome & { value?: boolean } {
    const l = this.getLinger(s);
    if (l.error !== 0) return l;
    return { ret: 0, error: 0, value: l.onoff === 0, emulated: true, note: 'posix: SO_DONTLINGER read as !l_onoff of SO_LINGER.' };
  }

  getRcvTimeo(s: SockRec): NativeOutcome & { ms?: number } {
    const tv = Buffer.alloc(16);
    if (this.f.getsockopt(s.handle, C.SOL_SOCKET, C.SO_RCVTIMEO, tv, [16]) !== 0) return this.fail();
    const ms = Number(tv.readBigInt64LE(0)) * 1000 + Math.floor(Number(tv.readBigInt64LE(8)) / 1000);
    return { ret: 0, error: 0, ms, emulated: true, note: 'posix: struct timeval read back as milliseconds.' };
  }

  getProtocolInfo(s: SockRec): NativeOutcome & { provider?: ProtocolProviderView } {
    return { ret: 0, error: 0, provider: emulatedProviderFor(s.af, s.type), emulated: true, note: 'posix: the Windows provider for this family and type.' };
  }

  setNonBlocking(_s: SockRec, _value: boolean): NativeOutcome {
    return { ret: 0, error: 0, emulated: true, note: 'posix: the descriptor is always O_NONBLOCK underneath; the sandbox keeps the user\'s FIONBIO and waits (or not) itself.' };
  }

  ports(handle: SocketHandle): { local?: number; remote?: number } {
    return socketPorts(this.f, handle);
  }

  isLiveHandle(handle: SocketHandle): boolean {
    if (handle > 0x7fffffff) return false;
    return (this.f.fcntl(handle, F_GETFD, 'int', 0) as number) >= 0;
  }

  callOnDeadHandle(call: SandboxCall, handle: SocketHandle): NativeOutcome {
    // No native call on a descriptor the session does not hold: POSIX hands the lowest free number
    // to the next open(), socket() or accept() of the process (the peer's sockets and libuv's files
    // live here too), so a closed descriptor may be another socket by the time of the call, and
    // whether a real call gave EBADF or reached someone else's socket would depend on timing. The
    // answer is always Windows' answer for a closed SOCKET.
    return emulatedError(
      'WSAENOTSOCK',
      `posix: ${handle} is not a socket of this session; a closed descriptor number is reused by the next one opened, so ${call.fn} is not made on it (Windows answers WSAENOTSOCK).`,
    );
  }

  forceClose(handle: SocketHandle): void {
    // l_onoff=1, l_linger=0: close at once (RST), never wait.
    const b = Buffer.alloc(8);
    b.writeInt32LE(1, 0);
    this.f.setsockopt(handle, C.SOL_SOCKET, C.SO_LINGER, b, 8);
    this.f.close(handle);
  }

  kernelState(localPort: number | undefined, remotePort: number | undefined): string | undefined {
    return this.kernelStateSource === 'procfs' ? procTcpState(localPort, remotePort) : undefined;
  }

  crash(): void {
    this.f.memcpy(8, 16, 64);
  }

  trivialNativeCall(): number {
    return this.f.getpid() as number;
  }

  socketTypeOf(handle: SocketHandle): number | undefined {
    const b = Buffer.alloc(4);
    return this.f.getsockopt(handle, C.SOL_SOCKET, C.SO_TYPE, b, [4]) === 0 ? b.readInt32LE(0) : undefined;
  }
}
