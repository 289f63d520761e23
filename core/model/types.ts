// The shapes of the Winsock model. Plain data: no vscode, no Node built-ins.

/** The two documentation languages. */
export type Lang = 'en' | 'ru';

/** A text written in both documentation languages (Markdown inline syntax allowed). */
export interface Localized {
  readonly en: string;
  readonly ru: string;
}

/** The states a socket goes through, as the lint typestate, the sandbox and the debugger see them. */
export type SocketState =
  | 'created'
  | 'bound'
  | 'listening'
  | 'connecting'
  | 'connected'
  | 'send-shut'
  | 'receive-shut'
  | 'both-shut'
  | 'reusable'
  | 'closed';

/** How a function reports failure. */
export type ReturnConvention =
  | 'zero-or-socket-error' // 0 on success, SOCKET_ERROR (-1) and WSAGetLastError() on failure
  | 'count-or-socket-error' // a byte count on success, SOCKET_ERROR on failure (send, recv)
  | 'socket-or-invalid-socket' // a new SOCKET, or INVALID_SOCKET on failure
  | 'bool' // TRUE / FALSE, WSAGetLastError() (or GetLastError()) on FALSE
  | 'error-code' // returns the error code itself, 0 on success (WSAStartup)
  | 'count-or-socket-error-enum' // a count of entries, or SOCKET_ERROR (WSAEnumProtocols)
  | 'last-error' // returns the calling thread's last error (WSAGetLastError)
  | 'dword' // a DWORD value that is not an error indicator (QueueUserAPC: non-zero on success)
  | 'void';

/** What a function does to a socket, read by the lint rules and the sandbox. */
export type FunctionRole =
  | 'startup'
  | 'cleanup'
  | 'create' // returns a new socket
  | 'accept' // returns a new socket from a listening one
  | 'bind'
  | 'listen'
  | 'connect'
  | 'send'
  | 'receive'
  | 'disconnect-send' // turns off sending (WSASendDisconnect, shutdown SD_SEND/SD_BOTH)
  | 'disconnect-receive' // turns off receiving (WSARecvDisconnect, shutdown SD_RECEIVE/SD_BOTH)
  | 'disconnect' // DisconnectEx, TransmitFile with TF_DISCONNECT
  | 'close'
  | 'option' // setsockopt / getsockopt / ioctlsocket / WSAIoctl
  | 'query' // WSAGetLastError, WSAEnumProtocols ...
  | 'apc' // QueueUserAPC: its first argument runs as an APC
  | 'blocking'; // may block and wait alertably (the APC note applies)

export type ParamDirection = 'in' | 'out' | 'in-out';

export interface ParamDoc {
  readonly name: string;
  /** The C type as the SDK header spells it, e.g. `LPWSABUF`. */
  readonly type: string;
  readonly direction: ParamDirection;
  /** `_In_opt_` and friends: NULL is allowed. */
  readonly optional: boolean;
  readonly doc: Localized;
}

export interface ErrorCondition {
  /** The error's symbolic name, a key of the error table (e.g. `WSAENOPROTOOPT`). */
  readonly code: string;
  /** When this function gives that error. */
  readonly when: Localized;
}

export interface Requirements {
  readonly header: string;
  readonly library: string;
  readonly dll: string;
  readonly minClient: string;
  readonly minServer: string;
  /** The documentation's "Target Platform" row, where it has one (e.g. `Windows`). */
  readonly targetPlatform?: string;
}

/** A remark; `id` names the fact so that tests can check both languages carry it. */
export interface Remark {
  readonly id: string;
  readonly text: Localized;
  /** Shown in the hover (the full page shows all remarks). */
  readonly key?: boolean;
}

/**
 * A condition on one argument of a call. `is` is a small pattern language, read by
 * core/model/stateMachine.ts:
 * - `NULL` / `non-NULL`: the pointer is (not) NULL (0, `NULL` and `nullptr` count as NULL);
 * - `A|B|…`: the value equals one of these (constant names from the table or numbers);
 * - `&A`: every bit of A is set in the value (`&TF_DISCONNECT`);
 * - a leading `!` negates the whole pattern (`!SD_RECEIVE|SD_SEND|SD_BOTH`, `!0`, `!&TF_DISCONNECT`).
 */
export interface ArgCondition {
  readonly param: string;
  readonly is: string;
}

/**
 * One row of a function's state transitions: the first row whose `from` holds the socket's
 * state and whose `when`, `also`, `socketType` and `providerHasDisconnectData` all match
 * decides the outcome.
 */
export interface Transition {
  readonly from: readonly SocketState[] | '*';
  /** Argument condition: the parameter named, compared with a symbolic value ('NULL', 'non-NULL', 'SD_SEND', 'TF_REUSE_SOCKET' ...). */
  readonly when?: ArgCondition;
  /** Further argument conditions, all of which must hold as well. */
  readonly also?: readonly ArgCondition[];
  /**
   * The row holds only when the socket's provider does (true) or does not (false) set
   * XP1_DISCONNECT_DATA in its WSAPROTOCOL_INFO; absent = either.
   */
  readonly providerHasDisconnectData?: boolean;
  /** The state after success; absent when the state does not change. */
  readonly to?: SocketState;
  /** When set, the call fails with this WSA error and the state does not change. */
  readonly error?: string;
  /**
   * The documentation leaves the outcome of this case open (it may fail or succeed, or the
   * providers differ); the text says why. A prediction from such a row is marked uncertain.
   */
  readonly undetermined?: Localized;
  /** Why this row holds, when the function's documented error condition is not the whole story. */
  readonly reason?: Localized;
  /** The row holds only for sockets of this kind (stream: SOCK_STREAM/SEQPACKET/RDM; datagram: SOCK_DGRAM/RAW); absent = any kind. */
  readonly socketType?: 'stream' | 'datagram';
  /**
   * The row speaks of the SOCKET in this parameter instead of the entry's `socketParam`
   * (AcceptEx's sAcceptSocket). Rows with the same `socketParam` form one first-match list;
   * the call fails when any list yields an error.
   */
  readonly socketParam?: number;
  /** The state of the new SOCKET the call returns on success (socket, WSASocket: created; accept: connected). */
  readonly newSocket?: SocketState;
}

export interface FunctionEntry {
  readonly kind: 'function';
  readonly name: string;
  /** The C prototype, as a code block would show it. */
  readonly signature: string;
  readonly summary: Localized;
  readonly params: readonly ParamDoc[];
  readonly returns: { readonly convention: ReturnConvention; readonly doc: Localized };
  readonly errors: readonly ErrorCondition[];
  readonly remarks: readonly Remark[];
  readonly requirements: Requirements;
  readonly related: readonly string[];
  readonly roles: readonly FunctionRole[];
  /** Index of the SOCKET parameter the call acts on, if any. */
  readonly socketParam?: number;
  readonly transitions?: readonly Transition[];
  /**
   * The id of the one remark that matters most for this function: the hover shows it (and only
   * it); without one, the hover shows the first `key` remark.
   */
  readonly leadRemark?: string;
  /** SDK deprecation (`_WINSOCK_DEPRECATED_BY`), with the replacement it names. */
  readonly deprecated?: { readonly replacement: string; readonly note: Localized };
  /** Obtained at run time (WSAIoctl SIO_GET_EXTENSION_FUNCTION_POINTER) rather than linked. */
  readonly extension?: { readonly guid: string };
  /** The documentation page the facts of this entry come from (for attribution and "open the docs"). */
  readonly source?: string;
  /** See-also pages that are not symbols of the table (e.g. the Winsock functions overview). */
  readonly seeAlsoPages?: readonly { readonly title: Localized; readonly url: string }[];
}

export interface ConstantEntry {
  readonly kind: 'constant';
  readonly name: string;
  /** The definition as C text, e.g. `0x0100` or `(SOCKET)(~0)`. */
  readonly value: string;
  /** The numeric value where there is one. */
  readonly numeric?: number;
  readonly header: string;
  readonly summary: Localized;
  readonly remarks: readonly Remark[];
  readonly related: readonly string[];
}

export interface TypeEntry {
  readonly kind: 'type';
  readonly name: string;
  /** Other names of the same type (`LPWSABUF` for `WSABUF`). */
  readonly aliases: readonly string[];
  /** The C definition, as a code block would show it. */
  readonly definition: string;
  readonly header: string;
  readonly summary: Localized;
  readonly fields: readonly { readonly name: string; readonly type: string; readonly doc: Localized }[];
  readonly remarks: readonly Remark[];
  readonly related: readonly string[];
}

export interface ErrorEntry {
  readonly kind: 'error';
  readonly name: string;
  readonly value: number;
  /** Other names of the same number (`ERROR_IO_PENDING` for `WSA_IO_PENDING`). */
  readonly aliases: readonly string[];
  /** What the error means, in general. */
  readonly summary: Localized;
  readonly related: readonly string[];
  /** A side note (another spelling seen in the documentation, a platform quirk). */
  readonly note?: Localized;
}

export type ApiEntry = FunctionEntry | ConstantEntry | TypeEntry | ErrorEntry;
