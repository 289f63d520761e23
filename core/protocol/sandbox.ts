// One protocol for the sandbox: every message between the extension host, the sandbox worker
// process and the webview is typed here. Plain data only (it crosses process and iframe borders):
// no vscode, no Node built-ins, no DOM.
import type { Localized, SocketState } from '../model/types';

export const SANDBOX_PROTOCOL_VERSION = 1;

/** Which native layer answered. */
export type BackendName = 'ws2_32' | 'posix';

/** What the loopback peer does with a connection it accepts. */
export type PeerBehaviour = 'echo' | 'sink' | 'send-then-close' | 'abortive-reset' | 'silent';
export const PEER_BEHAVIOURS: readonly PeerBehaviour[] = ['echo', 'sink', 'send-then-close', 'abortive-reset', 'silent'];

export type ShutdownHow = 'SD_RECEIVE' | 'SD_SEND' | 'SD_BOTH';
export type SocketType = 'SOCK_STREAM' | 'SOCK_DGRAM';
export type AddressFamily = 'AF_INET' | 'AF_INET6';

/** A sandbox socket handle: the value the backend returned (a SOCKET on Windows, an fd on POSIX). */
export type SocketHandle = number;

/** A call the user (panel, recipe, debugger) asks the sandbox to make. `address: 'peer'` means the loopback peer. */
export type SandboxCall =
  | { readonly fn: 'WSAStartup' }
  | { readonly fn: 'WSACleanup' }
  | { readonly fn: 'WSAGetLastError' }
  | { readonly fn: 'WSAEnumProtocolsW' }
  | { readonly fn: 'socket' | 'WSASocketW'; readonly af: AddressFamily; readonly type: SocketType }
  | { readonly fn: 'bind'; readonly socket: SocketHandle; readonly address: string; readonly port: number }
  | { readonly fn: 'listen'; readonly socket: SocketHandle; readonly backlog: number }
  | { readonly fn: 'accept'; readonly socket: SocketHandle }
  | { readonly fn: 'connect' | 'WSAConnect'; readonly socket: SocketHandle; readonly address: string | 'peer'; readonly port: number }
  | { readonly fn: 'send' | 'WSASend'; readonly socket: SocketHandle; readonly text: string }
  | { readonly fn: 'recv' | 'WSARecv'; readonly socket: SocketHandle; readonly maxBytes: number }
  | { readonly fn: 'shutdown'; readonly socket: SocketHandle; readonly how: ShutdownHow }
  | { readonly fn: 'WSASendDisconnect'; readonly socket: SocketHandle; readonly data: string | null }
  | { readonly fn: 'WSARecvDisconnect'; readonly socket: SocketHandle; readonly wantData: boolean }
  | { readonly fn: 'closesocket'; readonly socket: SocketHandle }
  | { readonly fn: 'DisconnectEx'; readonly socket: SocketHandle; readonly reuse: boolean }
  | { readonly fn: 'setsockopt'; readonly socket: SocketHandle; readonly option: SocketOptionValue }
  | { readonly fn: 'getsockopt'; readonly socket: SocketHandle; readonly option: SocketOptionName }
  | { readonly fn: 'ioctlsocket'; readonly socket: SocketHandle; readonly command: 'FIONBIO'; readonly value: number };

export type SandboxFunction = SandboxCall['fn'];

export type SocketOptionName = 'SO_LINGER' | 'SO_DONTLINGER' | 'SO_RCVTIMEO' | 'SO_PROTOCOL_INFOW';
export type SocketOptionValue =
  | { readonly name: 'SO_LINGER'; readonly onoff: number; readonly linger: number }
  | { readonly name: 'SO_DONTLINGER'; readonly value: boolean }
  | { readonly name: 'SO_RCVTIMEO'; readonly ms: number };

/** What the model expected before the call was made. */
export interface Prediction {
  readonly ok: boolean;
  readonly error?: string;
  readonly next?: SocketState;
  /** The model makes no firm claim (an argument or the documentation leaves it open): no divergence is reported. */
  readonly uncertain?: boolean;
  /** Why, from the model, in both languages. */
  readonly reason?: Localized;
}

/** One row of the journal: a call the application side made, or an observation of the peer. */
export interface JournalEntry {
  readonly seq: number;
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly side: 'app' | 'peer';
  /** The call as C text (`WSASendDisconnect(s1, NULL)`), or the peer's observation in words. */
  readonly text: string;
  readonly call?: SandboxCall;
  readonly socket?: SocketHandle;
  /** The C return value as text (`0`, `SOCKET_ERROR`, `INVALID_SOCKET`, `5`, `TRUE`). */
  readonly returnValue?: string;
  /** The WSA error number (0 for none) and its name from the model. */
  readonly wsaError?: number;
  readonly wsaErrorName?: string;
  readonly stateBefore?: SocketState;
  readonly stateAfter?: SocketState;
  /** The kernel's TCP state of the socket, where the OS tells it (`FIN_WAIT2`). */
  readonly kernelState?: string;
  readonly bytesIn?: number;
  readonly bytesOut?: number;
  /** Data received or sent, as text (for display). */
  readonly data?: string;
  readonly prediction?: Prediction;
  /** Set when the real result differs from the prediction: what differed. */
  readonly divergence?: string;
  /** True when the posix backend emulated Winsock behaviour rather than calling it. */
  readonly emulated?: boolean;
  /** Peer observations: what the peer saw. */
  readonly peerEvent?: 'accepted' | 'received' | 'fin' | 'reset' | 'sent' | 'closed';
  /** How long the call took, in milliseconds. */
  readonly durationMs?: number;
  /** Which backend made the call (app entries). */
  readonly backend?: BackendName;
  /** The sandbox's name for the socket in C text (`s1`). */
  readonly socketName?: string;
  /** The SOCKET a successful socket/WSASocketW/accept returned, and its name. */
  readonly newSocket?: SocketHandle;
  readonly newSocketName?: string;
  /** Set when the call did not complete: it ran past callTimeoutMs, or the host cancelled it. */
  readonly outcome?: 'timeout' | 'cancelled';
  /** WSAEnumProtocolsW (and getsockopt SO_PROTOCOL_INFOW): the providers the call returned. */
  readonly providers?: readonly ProtocolProviderView[];
  /** getsockopt: the option's value as read back. */
  readonly optionValue?: SocketOptionReadback;
  /** What the posix backend emulated, in words (shown next to `emulated`). */
  readonly emulationNote?: string;
}

/** One transport provider as WSAEnumProtocolsW describes it. */
export interface ProtocolProviderView {
  readonly name: string;
  readonly addressFamily: number;
  readonly socketType: number;
  readonly protocol: number;
  /** dwServiceFlags1. */
  readonly serviceFlags1: number;
  /** (serviceFlags1 & XP1_DISCONNECT_DATA) !== 0. */
  readonly disconnectData: boolean;
}

export type SocketOptionReadback =
  | { readonly name: 'SO_LINGER'; readonly onoff: number; readonly linger: number }
  | { readonly name: 'SO_DONTLINGER'; readonly value: boolean }
  | { readonly name: 'SO_RCVTIMEO'; readonly ms: number }
  | { readonly name: 'SO_PROTOCOL_INFOW'; readonly provider: ProtocolProviderView };

/** A socket as the sandbox tracks it. */
export interface SocketView {
  readonly handle: SocketHandle;
  readonly type: SocketType;
  readonly state: SocketState;
  readonly kernelState?: string;
  readonly localPort?: number;
  /** The sandbox's name for it in C text (`s1`). */
  readonly name?: string;
  readonly remotePort?: number;
  /** The user's FIONBIO setting (the worker itself never blocks). */
  readonly nonBlocking?: boolean;
}

export interface SandboxLimits {
  readonly allowRemoteHosts: boolean;
  readonly callTimeoutMs: number;
  readonly maxSockets: number;
}

// ---- extension host → worker -------------------------------------------------------------

export type WorkerRequest =
  | { readonly kind: 'request'; readonly id: number; readonly method: 'configure'; readonly params: SandboxLimits }
  | { readonly kind: 'request'; readonly id: number; readonly method: 'call'; readonly params: SandboxCall }
  | { readonly kind: 'request'; readonly id: number; readonly method: 'startPeer'; readonly params: { readonly behaviour: PeerBehaviour } }
  | { readonly kind: 'request'; readonly id: number; readonly method: 'reset'; readonly params: Record<string, never> }
  | { readonly kind: 'request'; readonly id: number; readonly method: 'snapshot'; readonly params: Record<string, never> }
  | { readonly kind: 'request'; readonly id: number; readonly method: 'stopPeer'; readonly params: Record<string, never> }
  /** Test-only: makes the worker die of SIGSEGV inside koffi. Refused unless the worker was started with WINSOCK_LENS_SANDBOX_TEST_HOOKS=1. */
  | { readonly kind: 'request'; readonly id: number; readonly method: 'crashForTest'; readonly params: Record<string, never> }
  /** Test-only (same switch): the worker's count of open file descriptors (Linux: /proc/self/fd). */
  | { readonly kind: 'request'; readonly id: number; readonly method: 'fdCountForTest'; readonly params: Record<string, never> };

export type WorkerMethod = WorkerRequest['method'];

export interface WorkerCancel {
  readonly kind: 'cancel';
  readonly id: number;
}

export type HostToWorker = WorkerRequest | WorkerCancel;

// ---- worker → extension host -------------------------------------------------------------

export interface SandboxSnapshot {
  readonly backend: BackendName;
  readonly platform: string;
  readonly initialized: boolean;
  readonly sockets: readonly SocketView[];
  readonly peer?: { readonly port: number; readonly behaviour: PeerBehaviour };
  /** Where kernel TCP states come from: Linux procfs, Windows GetTcpTable (iphlpapi), or nowhere. */
  readonly kernelStateSource?: KernelStateSource;
  readonly limits?: SandboxLimits;
}

export type KernelStateSource = 'procfs' | 'GetTcpTable' | 'GetTcpTable2' | 'unavailable';

export type WorkerResponse =
  | { readonly kind: 'response'; readonly id: number; readonly ok: true; readonly result: JournalEntry | SandboxSnapshot | number | null }
  | { readonly kind: 'response'; readonly id: number; readonly ok: false; readonly error: SandboxError };

export interface SandboxError {
  /** A stable code: 'timeout', 'cancelled', 'limit', 'refused-address', 'bad-request', 'internal', and (from the host-side client) 'crashed' when the worker died with the request pending or 'disposed'. */
  readonly code: 'timeout' | 'cancelled' | 'limit' | 'refused-address' | 'bad-request' | 'internal' | 'crashed' | 'disposed';
  readonly message: string;
}

export type WorkerEvent =
  | { readonly kind: 'event'; readonly event: 'ready'; readonly backend: BackendName; readonly platform: string; readonly version: number; readonly kernelStateSource?: KernelStateSource }
  | { readonly kind: 'event'; readonly event: 'journal'; readonly entry: JournalEntry }
  | { readonly kind: 'event'; readonly event: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string };

export type WorkerToHost = WorkerResponse | WorkerEvent;

// ---- host-side client → its users (sandbox/client.ts) -------------------------------------

/** What the host-side client tells the panel beyond the worker's own events. */
export type ClientEvent =
  | WorkerEvent
  /** The worker process ended without being asked to: `signal` is e.g. 'SIGSEGV'. Pending requests were rejected with code 'crashed'. */
  | {
      readonly kind: 'event';
      readonly event: 'crashed';
      readonly code: number | null;
      readonly signal: string | null;
      readonly willRestart: boolean;
      readonly message: string;
      /** True when the client ended the worker itself: it left a request unanswered past the host's deadline (stopped or stuck). */
      readonly unresponsive?: boolean;
    }
  /** A new worker replaced a crashed one; its limits were re-applied, sockets and peer are gone. */
  | { readonly kind: 'event'; readonly event: 'restarted'; readonly restarts: number };

// ---- webview ↔ extension host ------------------------------------------------------------

export type RecipeId = 'graceful-close' | 'send-after-disconnect' | 'reuse-after-disconnect' | 'disconnect-data-on-tcp' | 'close-without-shutdown';
export const RECIPES: readonly RecipeId[] = ['graceful-close', 'send-after-disconnect', 'reuse-after-disconnect', 'disconnect-data-on-tcp', 'close-without-shutdown'];

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'call'; readonly call: SandboxCall }
  | { readonly type: 'recipe'; readonly recipe: RecipeId }
  | { readonly type: 'peer'; readonly behaviour: PeerBehaviour }
  | { readonly type: 'clear' }
  | { readonly type: 'restart' }
  | { readonly type: 'exportC' };

/** What the panel shows; sent whole on every change (small). */
export interface PanelState {
  readonly backend?: BackendName;
  readonly platform?: string;
  readonly status: 'starting' | 'ready' | 'crashed' | 'disabled';
  readonly statusMessage?: string;
  readonly sockets: readonly SocketView[];
  readonly peer?: { readonly port: number; readonly behaviour: PeerBehaviour };
  readonly journal: readonly JournalEntry[];
  /** Explanations of the WSA errors in the journal, from the model, in the UI language. */
  readonly errorHelp: Readonly<Record<string, string>>;
  /** UI strings, localised by the host. */
  readonly strings: Readonly<Record<string, string>>;
  /** The socket state machine as a graph, from the model (the panel draws it). */
  readonly diagram?: StateDiagram;
}

/** States and transitions of the model's socket state machine, with localised labels. */
export interface StateDiagram {
  readonly states: readonly { readonly id: SocketState; readonly label: string }[];
  /** One edge per (from, to) pair; `calls` names the functions that take it. */
  readonly edges: readonly { readonly from: SocketState; readonly to: SocketState; readonly calls: readonly string[] }[];
}

export type HostToWebview =
  | { readonly type: 'state'; readonly state: PanelState }
  | { readonly type: 'error'; readonly message: string };
