// "Export as C": the application-side calls of a sandbox journal as a Windows C program that makes
// the same calls in the same order and prints each result (return value, WSAGetLastError() and its
// name). The sandbox's loopback peer has no C counterpart, so the program plays it itself, in the
// same thread: a listening socket on 127.0.0.1, an accept after each connect to it, and after every
// call a short poll that does what the chosen peer behaviour does (echo, sink, send-then-close,
// abortive reset, silent). recv and accept wait for data at most 5 s (the sandbox's default call
// timeout) instead of blocking forever. Compiles with MinGW-w64 (-Wall -Wextra -Werror) and MSVC.
import type { JournalEntry, PeerBehaviour, SandboxCall, SocketHandle } from '../protocol/sandbox';
import { callText, cString, utf8Length } from './callText';
import { SANDBOX_WSA_ERROR_NAMES, wsaErrorValue } from './wsaErrors';

export interface ExportOptions {
  /** The peer's behaviour the program imitates (default: the journal's last, else 'sink'). */
  readonly peerBehaviour?: PeerBehaviour;
  /** For the header comment: which backend recorded the journal, and when. */
  readonly backend?: string;
  readonly date?: Date;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]{0,30}$/;
const RESERVED = new Set(['buffer', 'step', 'report', 'peer', 'main', 'int', 'char', 'return', 'if', 'else', 'for', 'while', 'do', 'static', 'void']);

/** The calls the program will make: app-side journal entries that carry a call, in journal order. */
export function exportedCalls(entries: readonly JournalEntry[]): JournalEntry[] {
  return [...entries].filter((e) => e.side === 'app' && e.call !== undefined).sort((a, b) => a.seq - b.seq);
}

function peerFromJournal(entries: readonly JournalEntry[]): PeerBehaviour | undefined {
  for (let i = entries.length - 1; i >= 0; i--) {
    const m = /^peer \(([a-z-]+)\) accepted/.exec(entries[i]?.text ?? '');
    if (m) return m[1] as PeerBehaviour;
  }
  return undefined;
}

/** Turns a text block into C comment lines (no comment terminator can slip through). */
function comment(text: string, indent = ''): string {
  return text
    .split('\n')
    .map((l) => `${indent}/* ${l.replace(/\*\//g, '* /').replace(/\/\*/g, '/ *')} */`)
    .join('\n');
}

export function exportC(entries: readonly JournalEntry[], options: ExportOptions = {}): string {
  const calls = exportedCalls(entries);
  const behaviour = options.peerBehaviour ?? peerFromJournal(entries) ?? 'sink';
  const variables = new Set<string>();
  const nameOf = (e: JournalEntry, h: SocketHandle): string => {
    const n = e.socketName;
    if (n && IDENT.test(n) && !RESERVED.has(n)) {
      variables.add(n);
      return n;
    }
    return `(SOCKET)${h}`;
  };
  const used = new Set<string>();
  const body: string[] = [];
  calls.forEach((e, i) => {
    const call = e.call as SandboxCall;
    const name = (h: SocketHandle) => nameOf(e, h);
    let result: string | undefined;
    if ((call.fn === 'socket' || call.fn === 'WSASocketW' || call.fn === 'accept') && e.newSocketName && IDENT.test(e.newSocketName) && !RESERVED.has(e.newSocketName)) {
      result = e.newSocketName;
      variables.add(result);
    }
    const label = callText(call, name, result);
    const recorded = e.outcome
      ? `sandbox: ${e.outcome}`
      : `sandbox: ${e.returnValue ?? '?'}${e.wsaError ? `, ${e.wsaErrorName ?? ''} (${e.wsaError})` : ''}${e.emulated ? ', emulated' : ''}`;
    body.push('', comment(`${i + 1}. ${label}  (${recorded})`, '    '));
    body.push(...statement(call, name, result, cString(label), used).map((l) => `    ${l}`));
    body.push('    peer_poll(20);');
  });

  const socketVars = [...variables].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const errorCases = SANDBOX_WSA_ERROR_NAMES.map((n) => [n, wsaErrorValue(n)] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([n, v]) => `    case ${v}: return "${n}";`);
  const date = (options.date ?? new Date()).toISOString().slice(0, 19).replace('T', ' ');
  const out: string[] = [];
  out.push(
    comment(
      [
        `Winsock Lens sandbox export: ${calls.length} call${calls.length === 1 ? '' : 's'}, recorded ${date} UTC${options.backend ? ` with the ${options.backend} backend` : ''}.`,
        'The same calls in the same order as the journal; each prints its result and, on failure, WSAGetLastError().',
        `The sandbox's loopback peer is played in-process with the "${behaviour}" behaviour.`,
        'Build: x86_64-w64-mingw32-gcc -Wall -Wextra -o sandbox.exe sandbox.c -lws2_32 -lmswsock',
        '   or: cl /W4 sandbox.c ws2_32.lib mswsock.lib',
      ].join('\n'),
    ),
    '#ifndef _WIN32_WINNT',
    '#define _WIN32_WINNT 0x0601',
    '#endif',
    '#define WIN32_LEAN_AND_MEAN',
    '#include <winsock2.h>',
    '#include <ws2tcpip.h>',
    '#include <mswsock.h>',
    '#include <windows.h>',
    '#include <stdio.h>',
    '#include <string.h>',
    '',
    '#ifdef _MSC_VER',
    '#pragma comment(lib, "ws2_32.lib")',
    '#pragma comment(lib, "mswsock.lib")',
    '#endif',
    '',
    '#define PEER_ECHO 1',
    '#define PEER_SINK 2',
    '#define PEER_SEND_THEN_CLOSE 3',
    '#define PEER_ABORTIVE_RESET 4',
    '#define PEER_SILENT 5',
    `#define PEER_BEHAVIOUR PEER_${behaviour.toUpperCase().replace(/-/g, '_')}`,
    '#define PEER_MAX 64',
    '',
    'static char buffer[65536];',
    'static int step;',
    'static SOCKET peer_listener = INVALID_SOCKET;',
    'static SOCKET peer_conns[PEER_MAX];',
    'static int peer_count;',
    'static int peer_started;',
    ...socketVars.map((v) => `static SOCKET ${v} = INVALID_SOCKET;`),
    '',
    'static const char *error_name(int err)',
    '{',
    '    switch (err) {',
    '    case 0: return "NO_ERROR";',
    ...errorCases,
    '    default: return "?";',
    '    }',
    '}',
    '',
    comment('One call\'s outcome: its return value and, when it failed, the WSA error.'),
    'static void report(const char *call, long long result, int err)',
    '{',
    '    step++;',
    '    if (err != 0)',
    '        printf("%2d. %s -> %lld, error %d (%s)\\n", step, call, result, err, error_name(err));',
    '    else',
    '        printf("%2d. %s -> %lld\\n", step, call, result);',
    '}',
    '',
    comment('Waits until s is readable, at most ms milliseconds. 0 on timeout; 1 when readable or when\nselect itself fails (the call then runs and reports its own error).'),
    'static int wait_readable(SOCKET s, int ms)',
    '{',
    '    fd_set set;',
    '    struct timeval tv;',
    '    FD_ZERO(&set);',
    '    FD_SET(s, &set);',
    '    tv.tv_sec = ms / 1000;',
    '    tv.tv_usec = (ms % 1000) * 1000;',
    '    return select(0, &set, NULL, NULL, &tv) != 0;',
    '}',
    '',
    comment('The loopback peer: a listening socket on 127.0.0.1 with an ephemeral port (its own WSAStartup).'),
    'static int peer_start(void)',
    '{',
    '    WSADATA data;',
    '    struct sockaddr_in a;',
    '    int len = (int)sizeof a;',
    '    if (peer_started)',
    '        return 1;',
    '    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)',
    '        return 0;',
    '    peer_started = 1;',
    '    peer_listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);',
    '    memset(&a, 0, sizeof a);',
    '    a.sin_family = AF_INET;',
    '    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);',
    '    a.sin_port = 0;',
    '    if (peer_listener == INVALID_SOCKET || bind(peer_listener, (struct sockaddr *)&a, len) == SOCKET_ERROR ||',
    '        listen(peer_listener, 16) == SOCKET_ERROR || getsockname(peer_listener, (struct sockaddr *)&a, &len) == SOCKET_ERROR) {',
    '        printf("    peer: could not listen on 127.0.0.1 (error %d)\\n", WSAGetLastError());',
    '        return 0;',
    '    }',
    '    printf("    peer: listening on 127.0.0.1:%u\\n", (unsigned)ntohs(a.sin_port));',
    '    return 1;',
    '}',
    '',
    comment('What the peer does with a connection it has just accepted.'),
    'static void peer_accepted(SOCKET c)',
    '{',
    '    printf("    peer: accepted a connection\\n");',
    '#if PEER_BEHAVIOUR == PEER_SEND_THEN_CLOSE',
    '    send(c, "hello from the peer\\n", 20, 0);',
    '    shutdown(c, SD_SEND);',
    '    printf("    peer: sent 20 bytes and shut its sending side (FIN)\\n");',
    '#elif PEER_BEHAVIOUR == PEER_ABORTIVE_RESET',
    '    {',
    '        struct linger l;',
    '        l.l_onoff = 1;',
    '        l.l_linger = 0;',
    '        setsockopt(c, SOL_SOCKET, SO_LINGER, (const char *)&l, (int)sizeof l);',
    '        closesocket(c);',
    '        printf("    peer: closed abortively (RST)\\n");',
    '        return;',
    '    }',
    '#endif',
    '    if (peer_count < PEER_MAX)',
    '        peer_conns[peer_count++] = c;',
    '    else',
    '        closesocket(c);',
    '}',
    '',
    comment('connect (or WSAConnect) to the peer, then the peer accepts the connection.'),
    'static int connect_to_peer(SOCKET s, int use_wsaconnect)',
    '{',
    '    struct sockaddr_in a;',
    '    int len = (int)sizeof a;',
    '    int r;',
    '    memset(&a, 0, sizeof a);',
    '    if (peer_start())',
    '        getsockname(peer_listener, (struct sockaddr *)&a, &len);',
    '    a.sin_family = AF_INET;',
    '    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);',
    '    if (use_wsaconnect)',
    '        r = WSAConnect(s, (struct sockaddr *)&a, (int)sizeof a, NULL, NULL, NULL, NULL);',
    '    else',
    '        r = connect(s, (struct sockaddr *)&a, (int)sizeof a);',
    '    if (r == 0 && peer_listener != INVALID_SOCKET && wait_readable(peer_listener, 1000)) {',
    '        SOCKET c = accept(peer_listener, NULL, NULL);',
    '        if (c != INVALID_SOCKET)',
    '            peer_accepted(c);',
    '    }',
    '    return r;',
    '}',
    '',
    comment('After each call: the peer reads what arrived (unless silent), echoes it (echo), and answers a\nFIN by closing its side (echo, sink).'),
    'static void peer_poll(int ms)',
    '{',
    '#if PEER_BEHAVIOUR == PEER_SILENT',
    '    (void)ms;',
    '#else',
    '    int i;',
    '    for (i = 0; i < peer_count; i++) {',
    '        SOCKET c = peer_conns[i];',
    '        int wait = ms;',
    '        while (c != INVALID_SOCKET && wait_readable(c, wait)) {',
    '            char data[4096];',
    '            int n;',
    '            wait = 0;',
    '            n = recv(c, data, (int)sizeof data, 0);',
    '            if (n > 0) {',
    '                printf("    peer: received %d bytes\\n", n);',
    '#if PEER_BEHAVIOUR == PEER_ECHO',
    '                send(c, data, n, 0);',
    '                printf("    peer: echoed %d bytes\\n", n);',
    '#endif',
    '                continue;',
    '            }',
    '            if (n == 0) {',
    '                printf("    peer: saw FIN (recv returned 0)\\n");',
    '#if PEER_BEHAVIOUR == PEER_ECHO || PEER_BEHAVIOUR == PEER_SINK',
    '                shutdown(c, SD_SEND);',
    '                printf("    peer: closed its side in answer\\n");',
    '#endif',
    '            } else {',
    '                printf("    peer: recv failed with %d (%s)\\n", WSAGetLastError(), error_name(WSAGetLastError()));',
    '            }',
    '            closesocket(c);',
    '            peer_conns[i] = c = INVALID_SOCKET;',
    '        }',
    '    }',
    '#endif',
    '}',
    '',
    'static void peer_stop(void)',
    '{',
    '    int i;',
    '    for (i = 0; i < peer_count; i++)',
    '        if (peer_conns[i] != INVALID_SOCKET)',
    '            closesocket(peer_conns[i]);',
    '    if (peer_listener != INVALID_SOCKET)',
    '        closesocket(peer_listener);',
    '    if (peer_started)',
    '        WSACleanup();',
    '}',
  );
  if (used.has('address')) {
    out.push(
      '',
      comment('A numeric IPv4 or IPv6 address and a port as a sockaddr; its length, or 0 if the text is no address.'),
      'static int make_address(const char *text, unsigned short port, struct sockaddr_storage *out)',
      '{',
      '    memset(out, 0, sizeof *out);',
      '    if (inet_pton(AF_INET, text, &((struct sockaddr_in *)out)->sin_addr) == 1) {',
      '        ((struct sockaddr_in *)out)->sin_family = AF_INET;',
      '        ((struct sockaddr_in *)out)->sin_port = htons(port);',
      '        return (int)sizeof(struct sockaddr_in);',
      '    }',
      '    if (inet_pton(AF_INET6, text, &((struct sockaddr_in6 *)out)->sin6_addr) == 1) {',
      '        ((struct sockaddr_in6 *)out)->sin6_family = AF_INET6;',
      '        ((struct sockaddr_in6 *)out)->sin6_port = htons(port);',
      '        return (int)sizeof(struct sockaddr_in6);',
      '    }',
      '    return 0;',
      '}',
    );
  }
  if (used.has('disconnectex')) {
    out.push(
      '',
      comment('DisconnectEx is an extension function: its pointer comes from WSAIoctl.'),
      'static BOOL disconnect_ex(SOCKET s, DWORD flags)',
      '{',
      '    GUID id = WSAID_DISCONNECTEX;',
      '    LPFN_DISCONNECTEX fn = NULL;',
      '    DWORD bytes = 0;',
      '    if (WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &id, (DWORD)sizeof id, &fn, (DWORD)sizeof fn, &bytes, NULL, NULL) == SOCKET_ERROR)',
      '        return FALSE;',
      '    return fn(s, NULL, flags, 0);',
      '}',
    );
  }
  out.push('', 'int main(void)', '{', '    (void)buffer;', ...body, '', '    peer_stop();');
  if (calls.length === 0) out.push('    printf("The journal had no calls.\\n");');
  out.push('    return 0;', '}', '');
  return out.join('\n');
}

/** The C statements of one call, inside a block of their own. */
function statement(call: SandboxCall, name: (h: SocketHandle) => string, result: string | undefined, label: string, used: Set<string>): string[] {
  const failed = (r: string) => `${r} == SOCKET_ERROR ? WSAGetLastError() : 0`;
  const zeroOr = (expr: string) => ['{', `    int r = ${expr};`, `    report(${label}, r, ${failed('r')});`, '}'];
  const waited = (s: string, lines: string[]) => [
    `if (!wait_readable(${s}, 5000)) {`,
    `    printf("%2d. %s would block: nothing arrived within 5 s\\n", ++step, ${label});`,
    '} else {',
    ...lines.map((l) => `    ${l}`),
    '}',
  ];
  switch (call.fn) {
    case 'WSAStartup':
      return ['{', '    WSADATA wsaData;', '    int r = WSAStartup(MAKEWORD(2, 2), &wsaData);', `    report(${label}, r, r);`, '}'];
    case 'WSACleanup':
      return zeroOr('WSACleanup()');
    case 'WSAGetLastError':
      return ['{', '    int r = WSAGetLastError();', `    report(${label}, r, 0);`, '}'];
    case 'WSAEnumProtocolsW':
      return [
        '{',
        '    static WSAPROTOCOL_INFOW info[64];',
        '    DWORD length = (DWORD)sizeof info;',
        '    int i, r = WSAEnumProtocolsW(NULL, info, &length);',
        `    report(${label}, r, ${failed('r')});`,
        '    for (i = 0; i < r; i++)',
        '        printf("    af %d, type %d, protocol %d, XP1_DISCONNECT_DATA %s\\n", info[i].iAddressFamily, info[i].iSocketType,',
        '               info[i].iProtocol, (info[i].dwServiceFlags1 & XP1_DISCONNECT_DATA) ? "yes" : "no");',
        '}',
      ];
    case 'socket':
    case 'WSASocketW': {
      const proto = call.type === 'SOCK_STREAM' ? 'IPPROTO_TCP' : 'IPPROTO_UDP';
      const expr = call.fn === 'socket'
        ? `socket(${call.af}, ${call.type}, ${proto})`
        : `WSASocketW(${call.af}, ${call.type}, ${proto}, NULL, 0, WSA_FLAG_OVERLAPPED)`;
      const v = result ?? 'r';
      return [
        '{',
        ...(result ? [] : ['    SOCKET r;']),
        `    ${v} = ${expr};`,
        `    report(${label}, ${v} == INVALID_SOCKET ? -1 : (long long)${v}, ${v} == INVALID_SOCKET ? WSAGetLastError() : 0);`,
        '}',
      ];
    }
    case 'bind': {
      used.add('address');
      return [
        '{',
        '    struct sockaddr_storage a;',
        `    int length = make_address(${cString(call.address === 'localhost' ? '127.0.0.1' : call.address)}, ${call.port}, &a);`,
        `    int r = bind(${name(call.socket)}, (struct sockaddr *)&a, length);`,
        `    report(${label}, r, ${failed('r')});`,
        '}',
      ];
    }
    case 'listen':
      return zeroOr(`listen(${name(call.socket)}, ${call.backlog})`);
    case 'accept': {
      const v = result ?? 'r';
      return waited(name(call.socket), [
        ...(result ? [] : ['SOCKET r;']),
        `${v} = accept(${name(call.socket)}, NULL, NULL);`,
        `report(${label}, ${v} == INVALID_SOCKET ? -1 : (long long)${v}, ${v} == INVALID_SOCKET ? WSAGetLastError() : 0);`,
      ]);
    }
    case 'connect':
    case 'WSAConnect': {
      if (call.address === 'peer') return zeroOr(`connect_to_peer(${name(call.socket)}, ${call.fn === 'WSAConnect' ? 1 : 0})`);
      used.add('address');
      const c = call.fn === 'WSAConnect'
        ? `WSAConnect(${name(call.socket)}, (struct sockaddr *)&a, length, NULL, NULL, NULL, NULL)`
        : `connect(${name(call.socket)}, (struct sockaddr *)&a, length)`;
      return [
        '{',
        '    struct sockaddr_storage a;',
        `    int length = make_address(${cString(call.address === 'localhost' ? '127.0.0.1' : call.address)}, ${call.port}, &a);`,
        `    int r = ${c};`,
        `    report(${label}, r, ${failed('r')});`,
        '}',
      ];
    }
    case 'send':
      return zeroOr(`send(${name(call.socket)}, ${cString(call.text)}, ${utf8Length(call.text)}, 0)`);
    case 'WSASend':
      return [
        '{',
        '    WSABUF b;',
        '    DWORD sent = 0;',
        '    int r;',
        `    b.buf = (char *)${cString(call.text)};`,
        `    b.len = ${utf8Length(call.text)};`,
        `    r = WSASend(${name(call.socket)}, &b, 1, &sent, 0, NULL, NULL);`,
        `    report(${label}, r == 0 ? (long long)sent : r, ${failed('r')});`,
        '}',
      ];
    case 'recv':
      return waited(name(call.socket), [
        `int r = recv(${name(call.socket)}, buffer, ${call.maxBytes}, 0);`,
        `report(${label}, r, ${failed('r')});`,
        'if (r > 0)',
        '    printf("    received \\"%.*s\\"\\n", r, buffer);',
      ]);
    case 'WSARecv':
      return waited(name(call.socket), [
        'WSABUF b;',
        'DWORD received = 0, flags = 0;',
        'int r;',
        'b.buf = buffer;',
        `b.len = ${call.maxBytes};`,
        `r = WSARecv(${name(call.socket)}, &b, 1, &received, &flags, NULL, NULL);`,
        `report(${label}, r == 0 ? (long long)received : r, ${failed('r')});`,
      ]);
    case 'shutdown':
      return zeroOr(`shutdown(${name(call.socket)}, ${call.how})`);
    case 'WSASendDisconnect':
      if (call.data === null) return zeroOr(`WSASendDisconnect(${name(call.socket)}, NULL)`);
      return [
        '{',
        '    WSABUF b;',
        '    int r;',
        `    b.buf = (char *)${cString(call.data)};`,
        `    b.len = ${utf8Length(call.data)};`,
        `    r = WSASendDisconnect(${name(call.socket)}, &b);`,
        `    report(${label}, r, ${failed('r')});`,
        '}',
      ];
    case 'WSARecvDisconnect':
      if (!call.wantData) return zeroOr(`WSARecvDisconnect(${name(call.socket)}, NULL)`);
      return [
        '{',
        '    WSABUF b;',
        '    int r;',
        '    b.buf = buffer;',
        '    b.len = (ULONG)sizeof buffer;',
        `    r = WSARecvDisconnect(${name(call.socket)}, &b);`,
        `    report(${label}, r, ${failed('r')});`,
        '}',
      ];
    case 'closesocket':
      return zeroOr(`closesocket(${name(call.socket)})`);
    case 'DisconnectEx':
      used.add('disconnectex');
      return [
        '{',
        `    BOOL ok = disconnect_ex(${name(call.socket)}, ${call.reuse ? 'TF_REUSE_SOCKET' : '0'});`,
        `    report(${label}, ok ? 1 : 0, ok ? 0 : WSAGetLastError());`,
        '}',
      ];
    case 'setsockopt': {
      const o = call.option;
      const s = name(call.socket);
      if (o.name === 'SO_LINGER') {
        return [
          '{',
          '    struct linger l;',
          '    int r;',
          `    l.l_onoff = ${o.onoff};`,
          `    l.l_linger = ${o.linger};`,
          `    r = setsockopt(${s}, SOL_SOCKET, SO_LINGER, (const char *)&l, (int)sizeof l);`,
          `    report(${label}, r, ${failed('r')});`,
          '}',
        ];
      }
      if (o.name === 'SO_DONTLINGER') {
        return [
          '{',
          `    BOOL v = ${o.value ? 'TRUE' : 'FALSE'};`,
          `    int r = setsockopt(${s}, SOL_SOCKET, SO_DONTLINGER, (const char *)&v, (int)sizeof v);`,
          `    report(${label}, r, ${failed('r')});`,
          '}',
        ];
      }
      return [
        '{',
        `    DWORD ms = ${o.ms};`,
        `    int r = setsockopt(${s}, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, (int)sizeof ms);`,
        `    report(${label}, r, ${failed('r')});`,
        '}',
      ];
    }
    case 'getsockopt': {
      const s = name(call.socket);
      const decl = {
        SO_LINGER: ['struct linger v;', 'printf("    {l_onoff %u, l_linger %u}\\n", (unsigned)v.l_onoff, (unsigned)v.l_linger);'],
        SO_DONTLINGER: ['BOOL v = FALSE;', 'printf("    %s\\n", v ? "TRUE" : "FALSE");'],
        SO_RCVTIMEO: ['DWORD v = 0;', 'printf("    %lu ms\\n", (unsigned long)v);'],
        SO_PROTOCOL_INFOW: ['WSAPROTOCOL_INFOW v;', 'printf("    XP1_DISCONNECT_DATA %s\\n", (v.dwServiceFlags1 & XP1_DISCONNECT_DATA) ? "yes" : "no");'],
      }[call.option];
      return [
        '{',
        `    ${decl[0]}`,
        '    int length = (int)sizeof v;',
        `    int r = getsockopt(${s}, SOL_SOCKET, ${call.option}, (char *)&v, &length);`,
        `    report(${label}, r, ${failed('r')});`,
        '    if (r == 0)',
        `        ${decl[1]}`,
        '}',
      ];
    }
    case 'ioctlsocket':
      return [
        '{',
        `    u_long mode = ${call.value};`,
        `    int r = ioctlsocket(${name(call.socket)}, FIONBIO, &mode);`,
        `    report(${label}, r, ${failed('r')});`,
        '}',
      ];
  }
}
