// The transport providers the posix backend reports for WSAEnumProtocolsW and SO_PROTOCOL_INFOW,
// shaped like the ones a Windows machine lists for TCP and UDP over IPv4 and IPv6. Flag values
// (XP1_*) are Winsock's; the native TCP/IP provider has no XP1_DISCONNECT_DATA, which is why a
// non-NULL disconnect buffer on TCP fails with WSAENOPROTOOPT.
import type { ProtocolProviderView } from '../protocol/sandbox';

export const XP1 = {
  CONNECTIONLESS: 0x1,
  GUARANTEED_DELIVERY: 0x2,
  GUARANTEED_ORDER: 0x4,
  MESSAGE_ORIENTED: 0x8,
  GRACEFUL_CLOSE: 0x20,
  EXPEDITED_DATA: 0x40,
  CONNECT_DATA: 0x80,
  DISCONNECT_DATA: 0x100,
  SUPPORT_BROADCAST: 0x200,
  SUPPORT_MULTIPOINT: 0x400,
  IFS_HANDLES: 0x20000,
} as const;

/** Windows' numbering (not the host's): AF_INET 2, AF_INET6 23; SOCK_STREAM 1, SOCK_DGRAM 2; IPPROTO_TCP 6, IPPROTO_UDP 17. */
const TCP_FLAGS = XP1.GUARANTEED_DELIVERY | XP1.GUARANTEED_ORDER | XP1.GRACEFUL_CLOSE | XP1.EXPEDITED_DATA | XP1.IFS_HANDLES;
const UDP_FLAGS = XP1.CONNECTIONLESS | XP1.MESSAGE_ORIENTED | XP1.SUPPORT_BROADCAST | XP1.SUPPORT_MULTIPOINT | XP1.IFS_HANDLES;

function provider(name: string, addressFamily: number, socketType: number, protocol: number, flags: number): ProtocolProviderView {
  return { name, addressFamily, socketType, protocol, serviceFlags1: flags, disconnectData: (flags & XP1.DISCONNECT_DATA) !== 0 };
}

export const EMULATED_PROVIDERS: readonly ProtocolProviderView[] = [
  provider('MSAFD Tcpip [TCP/IP]', 2, 1, 6, TCP_FLAGS),
  provider('MSAFD Tcpip [UDP/IP]', 2, 2, 17, UDP_FLAGS),
  provider('MSAFD Tcpip [TCP/IPv6]', 23, 1, 6, TCP_FLAGS),
  provider('MSAFD Tcpip [UDP/IPv6]', 23, 2, 17, UDP_FLAGS),
];

/** The emulated provider for a socket of this family and type. */
export function emulatedProviderFor(af: 'AF_INET' | 'AF_INET6', type: 'SOCK_STREAM' | 'SOCK_DGRAM'): ProtocolProviderView {
  const fam = af === 'AF_INET' ? 2 : 23;
  const st = type === 'SOCK_STREAM' ? 1 : 2;
  const p = EMULATED_PROVIDERS.find((x) => x.addressFamily === fam && x.socketType === st);
  if (!p) throw new Error(`no emulated provider for ${af}/${type}`);
  return p;
}
