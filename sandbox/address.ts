// Addresses the sandbox accepts: IPv4 and IPv6 literals (and 'localhost'); loopback unless the
// machine-scoped setting allows remote hosts.
import { isIPv4, isIPv6 } from 'node:net';
import { isLoopbackLiteral } from '../core/sandbox/loopback';

export interface ParsedAddress {
  readonly family: 'AF_INET' | 'AF_INET6';
  readonly text: string;
}

export function parseAddress(address: string): ParsedAddress | undefined {
  if (address === 'localhost') return { family: 'AF_INET', text: '127.0.0.1' };
  if (isIPv4(address)) return { family: 'AF_INET', text: address };
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv6(bare)) return { family: 'AF_INET6', text: bare };
  return undefined;
}

/** 127.0.0.0/8, ::1 and ::ffff:127.x.y.z. */
export function isLoopback(p: ParsedAddress): boolean {
  return isLoopbackLiteral(p.text);
}
