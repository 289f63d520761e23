// The conformance scenarios: the same Winsock calls on every backend, each reduced to one short
// result string, compared with what Windows documents. Runs natively through the worker (posix)
// and inside a Windows node.exe under Wine against the real ws2_32.dll.
import type { BackendName, JournalEntry, PeerBehaviour, SandboxCall } from '../../core/protocol/sandbox';

/** What a scenario needs from the sandbox: the worker client natively, an in-process session under Wine. */
export interface ConformanceDriver {
  call(c: SandboxCall): Promise<JournalEntry>;
  startPeer(b: PeerBehaviour): Promise<void>;
  reset(): Promise<void>;
  /** Every journal entry (app and peer) since the driver started. */
  journal(): readonly JournalEntry[];
  /** The kernel's TCP state of one of the session's sockets, now. */
  kernelState(s: number): Promise<string | undefined>;
  /** Makes the worker crash in native code (test hook) and says what the client reported. */
  crashWorker(): Promise<string>;
  /** The local port of one of the session's sockets. */
  localPort(s: number): Promise<number | undefined>;
  readonly backend: BackendName;
  readonly kernelStateSource: string;
}

export interface Scenario {
  readonly id: string;
  /** The call and the situation, as the table's first column shows it. */
  readonly title: string;
  /** Windows' documented result. */
  readonly windows: string;
  run(d: ConformanceDriver): Promise<string>;
}

export interface ScenarioResult {
  readonly id: string;
  readonly result: string;
  readonly emulated: boolean;
}

async function poll<T>(check: () => T | undefined, ms = 10000): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** reset, WSAStartup, peer, a TCP socket connected to it; returns the socket and the journal mark. */
async function connected(d: ConformanceDriver, peer: PeerBehaviour): Promise<{ s: number; mark: number }> {
  await d.reset();
  await d.call({ fn: 'WSAStartup' });
  await d.startPeer(peer);
  const mark = d.journal().at(-1)?.seq ?? 0;
  const e = await d.call({ fn: 'socket', af: 'AF_INET', type: 'SOCK_STREAM' });
  if (e.newSocket === undefined) throw new Error(`socket failed: ${e.wsaErrorName}`);
  const c = await d.call({ fn: 'connect', socket: e.newSocket, address: 'peer', port: 0 });
  if (c.wsaError !== 0) throw new Error(`connect failed: ${c.wsaErrorName}`);
  return { s: e.newSocket, mark };
}

async function fresh(d: ConformanceDriver, type: 'SOCK_STREAM' | 'SOCK_DGRAM' = 'SOCK_STREAM'): Promise<number> {
  await d.reset();
  await d.call({ fn: 'WSAStartup' });
  const e = await d.call({ fn: 'socket', af: 'AF_INET', type });
  if (e.newSocket === undefined) throw new Error(`socket failed: ${e.wsaErrorName}`);
  return e.newSocket;
}

/** The entry that decided the current scenario's result (its `emulated` mark goes into the table). */
let decisive: JournalEntry | undefined;
function decide(e: JournalEntry): JournalEntry {
  decisive = e;
  return e;
}

/** `0`, or the error's name. */
function outcome(e: JournalEntry): string {
  decide(e);
  return e.wsaError ? (e.wsaErrorName ?? String(e.wsaError)) : (e.returnValue ?? '?');
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'disconnect-null',
    title: 'WSASendDisconnect(s, NULL) on a connected TCP socket',
    windows: '0',
    run: async (d) => outcome(await d.call({ fn: 'WSASendDisconnect', socket: (await connected(d, 'sink')).s, data: null })),
  },
  {
    id: 'peer-sees-fin',
    title: 'the peer after WSASendDisconnect(s, NULL)',
    windows: 'FIN (recv returns 0)',
    run: async (d) => {
      const { s, mark } = await connected(d, 'sink');
      decide(await d.call({ fn: 'WSASendDisconnect', socket: s, data: null }));
      const fin = await poll(() => d.journal().find((e) => e.seq > mark && e.side === 'peer' && e.peerEvent === 'fin'));
      return fin ? 'FIN (recv returns 0)' : 'no FIN seen';
    },
  },
  {
    id: 'send-after',
    title: 'send after WSASendDisconnect',
    windows: 'WSAESHUTDOWN',
    run: async (d) => {
      const { s } = await connected(d, 'sink');
      await d.call({ fn: 'WSASendDisconnect', socket: s, data: null });
      return outcome(await d.call({ fn: 'send', socket: s, text: 'late' }));
    },
  },
  {
    id: 'last-error-after-send',
    title: 'WSAGetLastError() after that send',
    windows: '10058',
    run: async (d) => {
      const { s } = await connected(d, 'sink');
      await d.call({ fn: 'WSASendDisconnect', socket: s, data: null });
      await d.call({ fn: 'send', socket: s, text: 'late' });
      return decide(await d.call({ fn: 'WSAGetLastError' })).returnValue ?? '?';
    },
  },
  {
    id: 'recv-after',
    title: 'recv after WSASendDisconnect (the echo peer answers data sent before)',
    windows: '4 bytes',
    run: async (d) => {
      const { s, mark } = await connected(d, 'echo');
      await d.call({ fn: 'send', socket: s, text: 'ping' });
      await poll(() => d.journal().find((e) => e.seq > mark && e.side === 'peer' && e.peerEvent === 'sent'));
      await d.call({ fn: 'WSASendDisconnect', socket: s, data: null });
      const r = decide(await d.call({ fn: 'recv', socket: s, maxBytes: 64 }));
      return r.wsaError ? outcome(r) : `${r.bytesIn} bytes`;
    },
  },
  {
    id: 'recv-until-zero',
    title: 'recv until the peer closes (graceful close)',
    windows: '0',
    run: async (d) => {
      const { s } = await connected(d, 'sink');
      await d.call({ fn: 'WSASendDisconnect', socket: s, data: null });
      return outcome(await d.call({ fn: 'recv', socket: s, maxBytes: 64 }));
    },
  },
  {
    id: 'connect-again',
    title: 'connect again after WSASendDisconnect',
    windows: 'WSAEISCONN',
    run: async (d) => {
      const { s } = await connected(d, 'sink');
      await d.call({ fn: 'WSASendDisconnect', socket: s, data: null });
      return outcome(await d.call({ fn: 'connect', socket: s, address: 'peer', port: 0 }));
    },
  },
  {
    id: 'after-closesocket',
    title: 'WSASendDisconnect after closesocket',
    windows: 'WSAENOTSOCK',
    run: async (d) => {
      const { s } = await connected(d, 'sink');
      await d.call({ fn: 'closesocket', socket: s });
      return outcome(await d.call({ fn: 'WSASendDisconnect', socket: s, data: null }));
    },
  },
  {
    id: 'send-after-closesocket',
    title: 'send after closesocket',
    windows: 'WSAENOTSOCK',
    run: async (d) => {
      const { s } = await connected(d, 'sink');
      await d.call({ fn: 'closesocket', socket: s });
      return outcome(await d.call({ fn: 'send', socket: s, text: 'x' }));
    },
  },
  {
    id: 'before-connect',
    title: 'WSASendDisconnect(s, NULL) before connect',
    windows: 'WSAENOTCONN',
    run: async (d) => outcome(await d.call({ fn: 'WSASendDisconnect', socket: await fresh(d), data: null })),
  },
  {
    id: 'shutdown-before-connect',
    title: 'shutdown(s, SD_SEND) before connect',
    windows: 'WSAENOTCONN',
    run: async (d) => outcome(await d.call({ fn: 'shutdown', socket: await fresh(d), how: 'SD_SEND' })),
  },
  {
    id: 'send-before-connect',
    title: 'send before connect',
    windows: 'WSAENOTCONN',
    run: async (d) => outcome(await d.call({ fn: 'send', socket: await fresh(d), text: 'x' })),
  },
  {
    id: 'udp-shutdown',
    title: 'shutdown(s, SD_SEND) on an unconnected UDP socket',
    windows: '0',
    run: async (d) => outcome(await d.call({ fn: 'shutdown', socket: await fresh(d, 'SOCK_DGRAM'), how: 'SD_SEND' })),
  },
  {
    id: 'before-startup',
    title: 'socket() before WSAStartup (the session\'s own count)',
    windows: 'WSANOTINITIALISED',
    run: async (d) => {
      await d.reset();
      return outcome(await d.call({ fn: 'socket', af: 'AF_INET', type: 'SOCK_STREAM' }));
    },
  },
  {
    id: 'after-cleanup',
    title: 'socket() after WSAStartup, WSACleanup (the session\'s own count)',
    windows: 'WSANOTINITIALISED',
    run: async (d) => {
      await d.reset();
      await d.call({ fn: 'WSAStartup' });
      await d.call({ fn: 'WSACleanup' });
      return outcome(await d.call({ fn: 'socket', af: 'AF_INET', type: 'SOCK_STREAM' }));
    },
  },
  {
    id: 'disconnect-data',
    title: 'WSASendDisconnect(s, &buf) with data on TCP',
    windows: 'WSAENOPROTOOPT',
    run: async (d) => outcome(await d.call({ fn: 'WSASendDisconnect', socket: (await connected(d, 'sink')).s, data: 'bye' })),
  },
  {
    id: 'enum-protocols',
    title: 'WSAEnumProtocolsW: TCP providers with XP1_DISCONNECT_DATA',
    windows: 'none',
    run: async (d) => {
      await d.reset();
      await d.call({ fn: 'WSAStartup' });
      const e = decide(await d.call({ fn: 'WSAEnumProtocolsW' }));
      const tcp = (e.providers ?? []).filter((p) => p.protocol === 6);
      if (tcp.length === 0) return 'no TCP provider listed';
      const withData = tcp.filter((p) => p.disconnectData);
      return withData.length === 0 ? 'none' : withData.map((p) => p.name).join(', ');
    },
  },
  {
    id: 'protocol-info',
    title: 'getsockopt(SO_PROTOCOL_INFOW) on a TCP socket: XP1_DISCONNECT_DATA',
    windows: 'not set',
    run: async (d) => {
      const e = decide(await d.call({ fn: 'getsockopt', socket: await fresh(d), option: 'SO_PROTOCOL_INFOW' }));
      if (e.optionValue?.name !== 'SO_PROTOCOL_INFOW') return outcome(e);
      return e.optionValue.provider.disconnectData ? 'set' : 'not set';
    },
  },
  {
    id: 'linger-no-block',
    title: 'WSASendDisconnect with SO_LINGER {1, 30}, unread data, a peer that never reads',
    windows: '0, without waiting for the peer',
    run: async (d) => {
      const { s, mark } = await connected(d, 'silent');
      await d.call({ fn: 'setsockopt', socket: s, option: { name: 'SO_LINGER', onoff: 1, linger: 30 } });
      await d.call({ fn: 'send', socket: s, text: 'x'.repeat(2000) });
      const r = decide(await d.call({ fn: 'WSASendDisconnect', socket: s, data: null }));
      const peerRead = d.journal().some((e) => e.seq > mark && e.side === 'peer' && e.peerEvent === 'received');
      return r.wsaError ? outcome(r) : peerRead ? '0, but the peer had read' : '0, without waiting for the peer';
    },
  },
  {
    id: 'linger-readback',
    title: 'getsockopt(SO_LINGER) after setsockopt {1, 30}',
    windows: '{1, 30}',
    run: async (d) => {
      const s = await fresh(d);
      await d.call({ fn: 'setsockopt', socket: s, option: { name: 'SO_LINGER', onoff: 1, linger: 30 } });
      const e = decide(await d.call({ fn: 'getsockopt', socket: s, option: 'SO_LINGER' }));
      return e.optionValue?.name === 'SO_LINGER' ? `{${e.optionValue.onoff}, ${e.optionValue.linger}}` : outcome(e);
    },
  },
  {
    id: 'abortive-reset',
    title: 'recv when the peer closed with SO_LINGER {1, 0} (RST)',
    windows: 'WSAECONNRESET',
    run: async (d) => {
      const { s, mark } = await connected(d, 'abortive-reset');
      await poll(() => d.journal().find((e) => e.seq > mark && e.side === 'peer' && e.peerEvent === 'closed'));
      return outcome(await d.call({ fn: 'recv', socket: s, maxBytes: 16 }));
    },
  },
  {
    id: 'kernel-fin-wait2',
    title: 'kernel TCP state after WSASendDisconnect, peer silent',
    windows: 'FIN_WAIT2',
    run: async (d) => {
      if (d.kernelStateSource === 'unavailable') return 'unavailable';
      const { s } = await connected(d, 'silent');
      decide(await d.call({ fn: 'WSASendDisconnect', socket: s, data: null }));
      const end = Date.now() + 10000;
      let state: string | undefined;
      while (Date.now() < end) {
        state = await d.kernelState(s);
        if (state === 'FIN_WAIT2') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      return state ?? 'not found';
    },
  },
  {
    id: 'disconnectex',
    title: 'DisconnectEx(s, NULL, 0, 0) on a connected socket, then connect',
    windows: 'TRUE, then WSAEISCONN',
    run: async (d) => {
      const { s } = await connected(d, 'sink');
      const r = decide(await d.call({ fn: 'DisconnectEx', socket: s, reuse: false }));
      if (r.returnValue !== 'TRUE') return `FALSE (${outcome(r)})`;
      return `TRUE, then ${outcome(await d.call({ fn: 'connect', socket: s, address: 'peer', port: 0 }))}`;
    },
  },
  {
    id: 'wsa-variants',
    title: 'WSASocketW, WSAConnect, WSASend, WSARecv with the echo peer',
    windows: 'ping',
    run: async (d) => {
      await d.reset();
      await d.call({ fn: 'WSAStartup' });
      await d.startPeer('echo');
      const e = await d.call({ fn: 'WSASocketW', af: 'AF_INET', type: 'SOCK_STREAM' });
      if (e.newSocket === undefined) return outcome(e);
      const s = e.newSocket;
      const c = await d.call({ fn: 'WSAConnect', socket: s, address: 'peer', port: 0 });
      if (c.wsaError) return outcome(c);
      const w = await d.call({ fn: 'WSASend', socket: s, text: 'ping' });
      if (w.wsaError) return outcome(w);
      const r = decide(await d.call({ fn: 'WSARecv', socket: s, maxBytes: 16 }));
      return r.wsaError ? outcome(r) : (r.data ?? '');
    },
  },
  {
    id: 'accept',
    title: 'bind, listen, accept between two sandbox sockets; recv on the accepted one after the other\'s WSASendDisconnect',
    windows: '0',
    run: async (d) => {
      const l = await fresh(d);
      await d.call({ fn: 'bind', socket: l, address: '127.0.0.1', port: 0 });
      const li = await d.call({ fn: 'listen', socket: l, backlog: 2 });
      if (li.wsaError) return `listen: ${outcome(li)}`;
      const port = (li.stateAfter === 'listening' ? await d.localPort(l) : undefined) ?? 0;
      const c = (await d.call({ fn: 'socket', af: 'AF_INET', type: 'SOCK_STREAM' })).newSocket ?? -1;
      const acc = d.call({ fn: 'accept', socket: l });
      const con = await d.call({ fn: 'connect', socket: c, address: '127.0.0.1', port });
      if (con.wsaError) return `connect: ${outcome(con)}`;
      const a = (await acc).newSocket;
      if (a === undefined) return `accept: ${outcome(await acc)}`;
      await d.call({ fn: 'WSASendDisconnect', socket: c, data: null });
      return outcome(await d.call({ fn: 'recv', socket: a, maxBytes: 16 }));
    },
  },
  {
    id: 'recv-disconnect',
    title: 'WSARecvDisconnect(s, NULL) on a connected socket',
    windows: '0',
    run: async (d) => outcome(await d.call({ fn: 'WSARecvDisconnect', socket: (await connected(d, 'sink')).s, wantData: false })),
  },
  {
    id: 'dontlinger',
    title: 'SO_LINGER {1, 7}, then SO_DONTLINGER TRUE: getsockopt(SO_LINGER)',
    windows: '{0, 7}',
    run: async (d) => {
      const s = await fresh(d);
      await d.call({ fn: 'setsockopt', socket: s, option: { name: 'SO_LINGER', onoff: 1, linger: 7 } });
      const r = await d.call({ fn: 'setsockopt', socket: s, option: { name: 'SO_DONTLINGER', value: true } });
      if (r.wsaError) return outcome(r);
      const e = decide(await d.call({ fn: 'getsockopt', socket: s, option: 'SO_LINGER' }));
      return e.optionValue?.name === 'SO_LINGER' ? `{${e.optionValue.onoff}, ${e.optionValue.linger}}` : outcome(e);
    },
  },
  {
    id: 'rcvtimeo',
    title: 'recv with SO_RCVTIMEO 100 ms on a silent peer',
    windows: 'WSAETIMEDOUT',
    run: async (d) => {
      const { s } = await connected(d, 'silent');
      await d.call({ fn: 'setsockopt', socket: s, option: { name: 'SO_RCVTIMEO', ms: 100 } });
      return outcome(await d.call({ fn: 'recv', socket: s, maxBytes: 16 }));
    },
  },
  {
    id: 'fionbio',
    title: 'recv on a non-blocking socket (ioctlsocket FIONBIO 1) with nothing to read',
    windows: 'WSAEWOULDBLOCK',
    run: async (d) => {
      const { s } = await connected(d, 'silent');
      await d.call({ fn: 'ioctlsocket', socket: s, command: 'FIONBIO', value: 1 });
      return outcome(await d.call({ fn: 'recv', socket: s, maxBytes: 16 }));
    },
  },
  {
    id: 'close-linger-zero',
    title: 'closesocket with SO_LINGER {1, 0}: what the peer sees',
    windows: 'RST',
    run: async (d) => {
      const { s, mark } = await connected(d, 'sink');
      await d.call({ fn: 'setsockopt', socket: s, option: { name: 'SO_LINGER', onoff: 1, linger: 0 } });
      decide(await d.call({ fn: 'closesocket', socket: s }));
      const seen = await poll(() => d.journal().find((e) => e.seq > mark && e.side === 'peer' && (e.peerEvent === 'reset' || e.peerEvent === 'fin')));
      return seen ? (seen.peerEvent === 'reset' ? 'RST' : 'FIN') : 'nothing';
    },
  },
  {
    id: 'disconnectex-reuse',
    title: 'DisconnectEx(s, NULL, TF_REUSE_SOCKET, 0) on a connected socket',
    windows: 'TRUE',
    run: async (d) => {
      const { s } = await connected(d, 'sink');
      const r = decide(await d.call({ fn: 'DisconnectEx', socket: s, reuse: true }));
      return r.returnValue === 'TRUE' ? 'TRUE' : `FALSE (${outcome(r)})`;
    },
  },
  {
    id: 'worker-crash',
    title: 'a bad pointer in native code inside the worker (test hook)',
    windows: 'reported, new worker',
    run: async (d) => {
      const r = await d.crashWorker();
      // The table compares the outcome; the signal or exit code is in the JSON results.
      return r.startsWith('reported (') && r.endsWith('), new worker') ? 'reported, new worker' : r;
    },
  },
];

export async function runScenarios(d: ConformanceDriver, only?: readonly string[], progress?: (line: string) => void): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const sc of SCENARIOS) {
    if (only && !only.includes(sc.id)) continue;
    progress?.(`${new Date().toISOString()} ${sc.id}`);
    decisive = undefined;
    let result: string;
    try {
      result = await sc.run(d);
    } catch (e) {
      result = `failed: ${e instanceof Error ? e.message : String(e)}`;
    }
    const final = decisive as JournalEntry | undefined;
    results.push({ id: sc.id, result, emulated: final?.emulated === true });
  }
  await d.reset();
  return results;
}
