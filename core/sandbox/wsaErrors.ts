// The WSA error numbers the sandbox itself produces (the posix backend's emulation and the worker's
// checks). The model (core/model/api/errors.ts) is the reference: a unit test checks that every
// number here equals the model's wherever the model defines the name. Names for numbers that a
// real ws2_32.dll returns are always looked up in the model first (see `wsaErrorName`).
import { lookupErrorByValue, lookupSymbol } from '../model/registry';

export const SANDBOX_WSA_ERRORS = {
  WSAEINTR: 10004,
  WSAEBADF: 10009,
  WSAEACCES: 10013,
  WSAEFAULT: 10014,
  WSAEINVAL: 10022,
  WSAEMFILE: 10024,
  WSAEWOULDBLOCK: 10035,
  WSAEINPROGRESS: 10036,
  WSAEALREADY: 10037,
  WSAENOTSOCK: 10038,
  WSAEDESTADDRREQ: 10039,
  WSAEMSGSIZE: 10040,
  WSAEPROTOTYPE: 10041,
  WSAENOPROTOOPT: 10042,
  WSAEPROTONOSUPPORT: 10043,
  WSAESOCKTNOSUPPORT: 10044,
  WSAEOPNOTSUPP: 10045,
  WSAEAFNOSUPPORT: 10047,
  WSAEADDRINUSE: 10048,
  WSAEADDRNOTAVAIL: 10049,
  WSAENETDOWN: 10050,
  WSAENETUNREACH: 10051,
  WSAECONNABORTED: 10053,
  WSAECONNRESET: 10054,
  WSAENOBUFS: 10055,
  WSAEISCONN: 10056,
  WSAENOTCONN: 10057,
  WSAESHUTDOWN: 10058,
  WSAETIMEDOUT: 10060,
  WSAECONNREFUSED: 10061,
  WSAEHOSTUNREACH: 10065,
  WSASYSNOTREADY: 10091,
  WSAVERNOTSUPPORTED: 10092,
  WSANOTINITIALISED: 10093,
  WSAEDISCON: 10101,
  WSA_IO_PENDING: 997,
  WSA_OPERATION_ABORTED: 995,
} as const;

export type SandboxWsaErrorName = keyof typeof SANDBOX_WSA_ERRORS;

/** The number of a WSA error name: the model's value, else the sandbox's table. */
export function wsaErrorValue(name: SandboxWsaErrorName): number {
  const e = lookupSymbol(name);
  return e?.kind === 'error' ? e.value : SANDBOX_WSA_ERRORS[name];
}

/** The name of a WSA error number: the model's, else the sandbox's table, else `error <n>`. */
export function wsaErrorName(value: number): string {
  if (value === 0) return 'NO_ERROR';
  const e = lookupErrorByValue(value);
  if (e) return e.name;
  for (const [name, v] of Object.entries(SANDBOX_WSA_ERRORS)) if (v === value) return name;
  return `error ${value}`;
}
