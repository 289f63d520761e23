// What the session asks of a native backend. Every method makes one attempt and never blocks the
// event loop: sockets are non-blocking underneath, and the session turns `wouldBlock` into a wait
// (when the user's socket is blocking) or into WSAEWOULDBLOCK (when the user set FIONBIO).
import type {
  AddressFamily,
  BackendName,
  KernelStateSource,
  ProtocolProviderView,
  SandboxCall,
  ShutdownHow,
  SocketHandle,
  SocketType,
} from '../core/protocol/sandbox';
import type { SocketState } from '../core/model/types';

/** The result of one native attempt. `error` is a WSA error number (0 for none). */
export interface NativeOutcome {
  /** The C return value (0, -1 for SOCKET_ERROR, a byte count, TRUE = 1 / FALSE = 0). */
  readonly ret: number;
  readonly error: number;
  /** The call would have blocked: the session waits and tries again (or reports WSAEWOULDBLOCK). */
  readonly wouldBlock?: boolean;
  /** The posix backend produced this result itself rather than from a native call. */
  readonly emulated?: boolean;
  readonly note?: string;
}

/** A socket the session owns, with what Winsock semantics need to know about it. */
export interface SockRec {
  readonly handle: SocketHandle;
  readonly name: string;
  readonly af: AddressFamily;
  readonly type: SocketType;
  state: SocketState;
  sendShut: boolean;
  recvShut: boolean;
  /** The user's FIONBIO setting. */
  nonBlocking: boolean;
  /** The user's SO_RCVTIMEO in ms (0: none). */
  rcvTimeoMs: number;
  /** The user's SO_LINGER. */
  linger: { onoff: number; linger: number };
  localPort?: number;
  remotePort?: number;
  /** connect has started and is waiting for completion. */
  connecting?: boolean;
}

export interface Backend {
  readonly name: BackendName;
  readonly kernelStateSource: KernelStateSource;
  /** The posix backend counts WSAStartup itself (WSANOTINITIALISED is emulated); ws2_32 asks the DLL. */
  readonly emulatesStartup: boolean;

  startup(): NativeOutcome;
  cleanup(): NativeOutcome;
  lastError(): NativeOutcome;
  /** Called after every application call with the WSA error it produced, so WSAGetLastError answers it. */
  afterCall(error: number): void;
  enumProtocols(): NativeOutcome & { providers?: readonly ProtocolProviderView[] };
  socket(af: AddressFamily, type: SocketType, wsa: boolean): NativeOutcome & { handle?: SocketHandle };
  bind(s: SockRec, address: string, port: number): NativeOutcome;
  listen(s: SockRec, backlog: number): NativeOutcome;
  accept(s: SockRec): NativeOutcome & { handle?: SocketHandle };
  /** Starts a connect; `wouldBlock` while it is in progress. */
  connect(s: SockRec, address: string, port: number, wsa: boolean): NativeOutcome;
  /** Polls a connect in progress: wouldBlock while pending, else its outcome. */
  connectProgress(s: SockRec): NativeOutcome;
  send(s: SockRec, data: Uint8Array, wsa: boolean): NativeOutcome;
  recv(s: SockRec, maxBytes: number, wsa: boolean): NativeOutcome & { data?: Uint8Array };
  shutdown(s: SockRec, how: ShutdownHow): NativeOutcome;
  sendDisconnect(s: SockRec, data: Uint8Array | null): NativeOutcome;
  recvDisconnect(s: SockRec, wantData: boolean): NativeOutcome & { data?: Uint8Array };
  /** May wait (SO_LINGER with a time): resolves when the close is done, off the event loop. */
  close(s: SockRec): Promise<NativeOutcome>;
  disconnectEx(s: SockRec, reuse: boolean): NativeOutcome;
  setLinger(s: SockRec, onoff: number, linger: number): NativeOutcome;
  setDontLinger(s: SockRec, value: boolean): NativeOutcome;
  setRcvTimeo(s: SockRec, ms: number): NativeOutcome;
  getLinger(s: SockRec): NativeOutcome & { onoff?: number; linger?: number };
  getDontLinger(s: SockRec): NativeOutcome & { value?: boolean };
  getRcvTimeo(s: SockRec): NativeOutcome & { ms?: number };
  getProtocolInfo(s: SockRec): NativeOutcome & { provider?: ProtocolProviderView };
  /** ioctlsocket(FIONBIO) as the user asked; the backend keeps the socket non-blocking underneath. */
  setNonBlocking(s: SockRec, value: boolean): NativeOutcome;
  /** Local and remote ports (getsockname/getpeername), where known. */
  ports(handle: SocketHandle): { local?: number; remote?: number };
  /** Is this handle value an open socket or file of the process (not one of the session's)? */
  isLiveHandle(handle: SocketHandle): boolean;
  /** The answer for a handle the session does not own and that is dead (ws2_32: the real call; posix: WSAENOTSOCK without a call). */
  callOnDeadHandle(call: SandboxCall, handle: SocketHandle): NativeOutcome;
  /** Closes a socket quietly (reset, exit): abortive enough never to wait. */
  forceClose(handle: SocketHandle): void;
  /** The kernel's TCP state for this local/remote port pair, where the OS tells it. */
  kernelState(localPort: number | undefined, remotePort: number | undefined): string | undefined;
  /** Test-only: a bad pointer through koffi (the process dies of SIGSEGV). */
  crash(): void;
  /** A trivial native call (for the benchmark's in-process comparison). */
  trivialNativeCall(): number;
}

/**
 * The local and remote ports of a socket, read with getsockname/getpeername (the port sits at
 * bytes 2–3 of sockaddr_in and sockaddr_in6 alike); a side that has none is left out.
 */
export function socketPorts(
  f: { getsockname(s: number, addr: Buffer, len: number[]): unknown; getpeername(s: number, addr: Buffer, len: number[]): unknown },
  handle: SocketHandle,
): { local?: number; remote?: number } {
  const out: { local?: number; remote?: number } = {};
  const local = Buffer.alloc(128);
  if (f.getsockname(handle, local, [128]) === 0) out.local = local.readUInt16BE(2);
  const remote = Buffer.alloc(128);
  if (f.getpeername(handle, remote, [128]) === 0) out.remote = remote.readUInt16BE(2);
  return out;
}
