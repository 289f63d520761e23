// The C text of a sandbox call, as the journal shows it and as "Export as C" writes it:
// `WSASendDisconnect(s1, NULL)`, `send(s1, "hello", 5, 0)`. Sockets are named by the caller
// (s1, s2 … in creation order).
import type { SandboxCall, SocketHandle } from '../protocol/sandbox';

/** A C string literal for text (escapes quotes, backslashes and control characters). */
export function cString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0') + '""';
    else out += ch;
  }
  return out + '"';
}

/** UTF-8 length of text (the byte count a C program would pass). */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

function addr(address: string): string {
  return address === 'peer' ? 'peer' : cString(address);
}

/**
 * The call as one line of C. `name` gives a socket's name; `result` names the variable that
 * receives a new socket (for socket/WSASocketW/accept), when known.
 */
export function callText(call: SandboxCall, name: (s: SocketHandle) => string, result?: string): string {
  const lhs = result ? `${result} = ` : '';
  switch (call.fn) {
    case 'WSAStartup':
      return 'WSAStartup(MAKEWORD(2, 2), &wsaData)';
    case 'WSACleanup':
    case 'WSAGetLastError':
      return `${call.fn}()`;
    case 'WSAEnumProtocolsW':
      return 'WSAEnumProtocolsW(NULL, protocolInfo, &bufferLength)';
    case 'socket': {
      const proto = call.type === 'SOCK_STREAM' ? 'IPPROTO_TCP' : 'IPPROTO_UDP';
      return `${lhs}socket(${call.af}, ${call.type}, ${proto})`;
    }
    case 'WSASocketW': {
      const proto = call.type === 'SOCK_STREAM' ? 'IPPROTO_TCP' : 'IPPROTO_UDP';
      return `${lhs}WSASocketW(${call.af}, ${call.type}, ${proto}, NULL, 0, WSA_FLAG_OVERLAPPED)`;
    }
    case 'bind':
      return `bind(${name(call.socket)}, /* ${addr(call.address)}:${call.port} */ (SOCKADDR *)&addr, sizeof addr)`;
    case 'listen':
      return `listen(${name(call.socket)}, ${call.backlog})`;
    case 'accept':
      return `${lhs}accept(${name(call.socket)}, NULL, NULL)`;
    case 'connect':
    case 'WSAConnect': {
      const where = call.address === 'peer' ? 'the loopback peer' : `${addr(call.address)}:${call.port}`;
      const tail = call.fn === 'WSAConnect' ? ', NULL, NULL, NULL, NULL' : '';
      return `${call.fn}(${name(call.socket)}, /* ${where} */ (SOCKADDR *)&addr, sizeof addr${tail})`;
    }
    case 'send':
      return `send(${name(call.socket)}, ${cString(call.text)}, ${utf8Length(call.text)}, 0)`;
    case 'WSASend':
      return `WSASend(${name(call.socket)}, &buf /* ${cString(call.text)}, ${utf8Length(call.text)} bytes */, 1, &sent, 0, NULL, NULL)`;
    case 'recv':
      return `recv(${name(call.socket)}, buffer, ${call.maxBytes}, 0)`;
    case 'WSARecv':
      return `WSARecv(${name(call.socket)}, &buf /* ${call.maxBytes} bytes */, 1, &received, &flags, NULL, NULL)`;
    case 'shutdown':
      return `shutdown(${name(call.socket)}, ${call.how})`;
    case 'WSASendDisconnect':
      return call.data === null
        ? `WSASendDisconnect(${name(call.socket)}, NULL)`
        : `WSASendDisconnect(${name(call.socket)}, &buf /* ${cString(call.data)}, ${utf8Length(call.data)} bytes */)`;
    case 'WSARecvDisconnect':
      return call.wantData ? `WSARecvDisconnect(${name(call.socket)}, &buf)` : `WSARecvDisconnect(${name(call.socket)}, NULL)`;
    case 'closesocket':
      return `closesocket(${name(call.socket)})`;
    case 'DisconnectEx':
      return `DisconnectEx(${name(call.socket)}, NULL, ${call.reuse ? 'TF_REUSE_SOCKET' : '0'}, 0)`;
    case 'setsockopt': {
      const o = call.option;
      const s = name(call.socket);
      if (o.name === 'SO_LINGER') return `setsockopt(${s}, SOL_SOCKET, SO_LINGER, /* {${o.onoff}, ${o.linger}} */ (char *)&lingerValue, sizeof lingerValue)`;
      if (o.name === 'SO_DONTLINGER') return `setsockopt(${s}, SOL_SOCKET, SO_DONTLINGER, /* ${o.value ? 'TRUE' : 'FALSE'} */ (char *)&flag, sizeof flag)`;
      return `setsockopt(${s}, SOL_SOCKET, SO_RCVTIMEO, /* ${o.ms} ms */ (char *)&timeout, sizeof timeout)`;
    }
    case 'getsockopt':
      return `getsockopt(${name(call.socket)}, SOL_SOCKET, ${call.option}, (char *)&value, &valueLength)`;
    case 'ioctlsocket':
      return `ioctlsocket(${name(call.socket)}, FIONBIO, /* ${call.value} */ &mode)`;
  }
}
