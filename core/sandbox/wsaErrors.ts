// The WSA errors the sandbox itself produces (the posix backend's emulation and the worker's
// checks), by name. Their numbers and names come from the model (core/model/api/errors.ts) alone.
import { lookupErrorByValue, lookupSymbol } from '../model/registry';

export const SANDBOX_WSA_ERROR_NAMES = [
  'WSAEINTR',
  'WSAEBADF',
  'WSAEACCES',
  'WSAEFAULT',
  'WSAEINVAL',
  'WSAEMFILE',
  'WSAEWOULDBLOCK',
  'WSAEINPROGRESS',
  'WSAEALREADY',
  'WSAENOTSOCK',
  'WSAEDESTADDRREQ',
  'WSAEMSGSIZE',
  'WSAEPROTOTYPE',
  'WSAENOPROTOOPT',
  'WSAEPROTONOSUPPORT',
  'WSAESOCKTNOSUPPORT',
  'WSAEOPNOTSUPP',
  'WSAEAFNOSUPPORT',
  'WSAEADDRINUSE',
  'WSAEADDRNOTAVAIL',
  'WSAENETDOWN',
  'WSAENETUNREACH',
  'WSAECONNABORTED',
  'WSAECONNRESET',
  'WSAENOBUFS',
  'WSAEISCONN',
  'WSAENOTCONN',
  'WSAESHUTDOWN',
  'WSAETIMEDOUT',
  'WSAECONNREFUSED',
  'WSAEHOSTUNREACH',
  'WSASYSNOTREADY',
  'WSAVERNOTSUPPORTED',
  'WSANOTINITIALISED',
  'WSAEDISCON',
  'WSA_IO_PENDING',
  'WSA_OPERATION_ABORTED',
] as const;

export type SandboxWsaErrorName = (typeof SANDBOX_WSA_ERROR_NAMES)[number];

/** The model's number for a WSA error name. */
export function wsaErrorValue(name: SandboxWsaErrorName): number {
  const e = lookupSymbol(name);
  if (e?.kind !== 'error') throw new Error(`the Winsock model has no error named ${name}`);
  return e.value;
}

/** The model's name for a WSA error number, `NO_ERROR` for 0, else `error <n>`. */
export function wsaErrorName(value: number): string {
  if (value === 0) return 'NO_ERROR';
  return lookupErrorByValue(value)?.name ?? `error ${value}`;
}
