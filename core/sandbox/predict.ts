// The model's expectation for a sandbox call: the call's arguments as C text, handed to the
// socket state machine (core/model/stateMachine.ts). No facts live here.
import type { SocketState } from '../model/types';
import { argsByPosition, predictCall } from '../model/stateMachine';
import type { Prediction, SandboxCall, SocketType } from '../protocol/sandbox';

/** The call's arguments by position, as C text (numbers stay numbers, NULL is null). */
export function positionalArgs(call: SandboxCall): (string | number | null)[] {
  const s = 's';
  switch (call.fn) {
    case 'WSAStartup':
      return ['MAKEWORD(2, 2)', '&wsaData'];
    case 'WSACleanup':
    case 'WSAGetLastError':
      return [];
    case 'WSAEnumProtocolsW':
      return [null, '&protocolInfo', '&bufferLength'];
    case 'socket':
      return [call.af, call.type, call.type === 'SOCK_STREAM' ? 'IPPROTO_TCP' : 'IPPROTO_UDP'];
    case 'WSASocketW':
      return [call.af, call.type, call.type === 'SOCK_STREAM' ? 'IPPROTO_TCP' : 'IPPROTO_UDP', null, 0, 'WSA_FLAG_OVERLAPPED'];
    case 'bind':
    case 'connect':
      return [s, '&addr', 16];
    case 'WSAConnect':
      return [s, '&addr', 16, null, null, null, null];
    case 'listen':
      return [s, call.backlog];
    case 'accept':
      return [s, null, null];
    case 'send':
      return [s, '"text"', call.text.length, 0];
    case 'WSASend':
      return [s, '&buf', 1, '&sent', 0, null, null];
    case 'recv':
      return [s, '&buffer', call.maxBytes, 0];
    case 'WSARecv':
      return [s, '&buf', 1, '&received', '&flags', null, null];
    case 'shutdown':
      return [s, call.how];
    case 'WSASendDisconnect':
      return [s, call.data === null ? null : '&buf'];
    case 'WSARecvDisconnect':
      return [s, call.wantData ? '&buf' : null];
    case 'closesocket':
      return [s];
    case 'DisconnectEx':
      return [s, null, call.reuse ? 'TF_REUSE_SOCKET' : 0, 0];
    case 'setsockopt':
      return [s, 'SOL_SOCKET', call.option.name, '&value', 4];
    case 'getsockopt':
      return [s, 'SOL_SOCKET', call.option, '&value', '&valueLength'];
    case 'ioctlsocket':
      return [s, 'FIONBIO', '&mode'];
  }
}

/**
 * What the model expects of this call on a socket in `state` (undefined: no socket, or unknown).
 * Undefined when the model has nothing to say about the function.
 */
export function predictSandboxCall(call: SandboxCall, state: SocketState | undefined, socketType: SocketType | undefined, initialized: boolean): Prediction | undefined {
  const p = predictCall(call.fn, state, argsByPosition(call.fn, positionalArgs(call)), {
    initialized,
    socketType: socketType === 'SOCK_STREAM' ? 'stream' : socketType === 'SOCK_DGRAM' ? 'dgram' : 'unknown',
    providerHasDisconnectData: false,
  });
  if (!p) return undefined;
  return {
    ok: p.ok,
    ...(p.error !== undefined ? { error: p.error } : {}),
    ...(p.next !== undefined ? { next: p.next } : {}),
    ...(p.uncertain ? { uncertain: true } : {}),
    reason: p.reason,
  };
}
