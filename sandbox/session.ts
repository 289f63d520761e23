// The sandbox engine: one session of sockets made through a backend, with the journal, the
// loopback peer, the safety limits and the model's predictions. It runs inside the worker process
// (and, for the Wine conformance run, inside a Windows node.exe) and never blocks its event loop:
// a call that would block is retried on a timer until it completes, times out or is cancelled.
import type {
  BackendName,
  JournalEntry,
  PeerBehaviour,
  Prediction,
  SandboxCall,
  SandboxError,
  SandboxLimits,
  SandboxSnapshot,
  SocketHandle,
  ProtocolProviderView,
  SocketOptionReadback,
  SocketType,
} from '../core/protocol/sandbox';
import type { SocketState } from '../core/model/types';
import { callText, utf8Length } from '../core/sandbox/callText';
import { wsaErrorName, wsaErrorValue } from '../core/sandbox/wsaErrors';
import type { Backend, NativeOutcome, SockRec } from './backend';
import { isLoopback, parseAddress } from './address';
import { LoopbackPeer, type PeerObservation } from './peer';

export const DEFAULT_LIMITS: SandboxLimits = { allowRemoteHosts: false, callTimeoutMs: 5000, maxSockets: 64 };

/** A failure of the sandbox itself (not a Winsock error): the request gets this code. */
export class SandboxFailure extends Error {
  constructor(readonly code: SandboxError['code'], message: string) {
    super(message);
    this.name = 'SandboxFailure';
  }
}

/** The model's prediction for a call on a socket in a state (core/model/stateMachine.ts predictCall, adapted). */
export type Predictor = (call: SandboxCall, state: SocketState | undefined, socketType: SocketType | undefined, initialized: boolean) => Prediction | undefined;

export interface CancelToken {
  cancelled: boolean;
}

/** Data shown in a journal entry: at most this many characters (the byte counts stay exact). */
export const JOURNAL_DATA_MAX = 1024;
function shown(text: string): string {
  return text.length <= JOURNAL_DATA_MAX ? text : `${text.slice(0, JOURNAL_DATA_MAX)}… (${text.length - JOURNAL_DATA_MAX} more characters)`;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** How long an entry waits for the loopback ACK of a FIN it just sent (see above). */
const FIN_ACK_SETTLE_MS = 200;
/** How long a connect to the peer waits at most for the peer's accept to be journalled. */
const PEER_ACCEPT_WAIT_MS = 1000;

/** Calls that never change a connection's TCP state: their entries skip the kernel lookup. */
const QUIET_CALLS: ReadonlySet<string> = new Set(['WSAGetLastError', 'WSAEnumProtocolsW', 'getsockopt', 'setsockopt', 'ioctlsocket', 'WSAStartup', 'WSACleanup']);
const CONNECTED: readonly SocketState[] = ['connected', 'send-shut', 'receive-shut', 'both-shut'];

function shutState(s: SockRec): SocketState {
  if (s.sendShut && s.recvShut) return 'both-shut';
  if (s.sendShut) return 'send-shut';
  if (s.recvShut) return 'receive-shut';
  return 'connected';
}

export class SandboxSession {
  limits: SandboxLimits = DEFAULT_LIMITS;
  private readonly sockets = new Map<SocketHandle, SockRec>();
  /** Names of sockets closed in this session, so later calls on them still read `s1`. */
  private readonly closedNames = new Map<SocketHandle, { name: string; local?: number; remote?: number }>();
  private nameCounter = 0;
  private seq = 0;
  private startupCount = 0;
  private peer: LoopbackPeer | undefined;
  private readonly pending = new Set<CancelToken>();
  /** Local ports of the application's connections the peer has accepted (journalled as 'accepted'). */
  private readonly peerAccepted = new Set<number>();
  private readonly acceptWaiters = new Map<number, () => void>();

  constructor(
    readonly backend: Backend,
    private readonly emit: (entry: JournalEntry) => void,
    private readonly predictor?: Predictor,
  ) {}

  get backendName(): BackendName {
    return this.backend.name;
  }

  configure(limits: SandboxLimits): void {
    this.limits = limits;
  }

  snapshot(): SandboxSnapshot {
    return {
      backend: this.backend.name,
      platform: process.platform,
      initialized: this.startupCount > 0,
      sockets: [...this.sockets.values()].map((s) => {
        const kernelState = s.type === 'SOCK_STREAM' ? this.backend.kernelState(s.localPort, s.remotePort) : undefined;
        return {
          handle: s.handle,
          name: s.name,
          type: s.type,
          state: s.state,
          nonBlocking: s.nonBlocking,
          ...(kernelState ? { kernelState } : {}),
          ...(s.localPort !== undefined ? { localPort: s.localPort } : {}),
          ...(s.remotePort !== undefined ? { remotePort: s.remotePort } : {}),
        };
      }),
      ...(this.peer ? { peer: { port: this.peer.port, behaviour: this.peer.behaviour } } : {}),
      kernelStateSource: this.backend.kernelStateSource,
      limits: this.limits,
    };
  }

  socketCount(): number {
    return this.sockets.size;
  }

  // ---- peer --------------------------------------------------------------------------------

  async startPeer(behaviour: PeerBehaviour): Promise<{ port: number }> {
    if (this.peer) {
      this.peer.behaviour = behaviour;
      return { port: this.peer.port };
    }
    const peer = new LoopbackPeer(behaviour, (o) => this.peerObserved(o));
    await peer.start();
    this.peer = peer;
    return { port: peer.port };
  }

  async stopPeer(): Promise<void> {
    const p = this.peer;
    this.peer = undefined;
    if (p) await p.stop();
  }

  private peerObserved(o: PeerObservation): void {
    if (o.event === 'accepted') {
      if (this.peerAccepted.size > 1000) this.peerAccepted.clear();
      this.peerAccepted.add(o.remotePort);
      this.acceptWaiters.get(o.remotePort)?.();
    }
    const app = [...this.sockets.values()].find((s) => s.localPort === o.remotePort && s.remotePort === o.localPort);
    // Reading the kernel's table is not free: only for events that change the TCP state.
    const kernelState = o.event === 'received' || o.event === 'sent' ? undefined : this.backend.kernelState(o.localPort, o.remotePort);
    this.emit({
      seq: ++this.seq,
      time: Date.now(),
      side: 'peer',
      text: o.text,
      peerEvent: o.event,
      ...(app ? { socket: app.handle, socketName: app.name } : {}),
      ...(o.bytes !== undefined ? (o.event === 'sent' ? { bytesOut: o.bytes } : { bytesIn: o.bytes }) : {}),
      ...(o.data !== undefined ? { data: o.data } : {}),
      ...(kernelState ? { kernelState } : {}),
    });
  }

  // ---- reset -------------------------------------------------------------------------------

  /** Closes every socket (abortively, never waiting), stops the peer, forgets WSAStartup. */
  async reset(): Promise<void> {
    for (const t of this.pending) t.cancelled = true;
    for (const s of this.sockets.values()) this.backend.forceClose(s.handle);
    this.sockets.clear();
    this.closedNames.clear();
    while (this.startupCount > 0) {
      this.backend.cleanup();
      this.startupCount--;
    }
    this.nameCounter = 0;
    this.peerAccepted.clear();
    await this.stopPeer();
  }

  // ---- calls -------------------------------------------------------------------------------

  private nameOf(handle: SocketHandle): string {
    return this.sockets.get(handle)?.name ?? this.closedNames.get(handle)?.name ?? String(handle);
  }

  /** Makes one call and journals it. Rejects with SandboxFailure for refusals, timeouts, cancellation. */
  async call(call: SandboxCall, token: CancelToken = { cancelled: false }): Promise<JournalEntry> {
    this.pending.add(token);
    try {
      return await this.callInner(call, token);
    } finally {
      this.pending.delete(token);
    }
  }

  private async callInner(call: SandboxCall, token: CancelToken): Promise<JournalEntry> {
    const started = Date.now();
    const t0 = performance.now();
    const handle = 'socket' in call ? call.socket : undefined;
    const rec = handle !== undefined ? this.sockets.get(handle) : undefined;
    const stateBefore: SocketState | undefined = rec ? rec.state : handle !== undefined && this.closedNames.has(handle) ? 'closed' : undefined;
    const initialized = this.startupCount > 0;
    const prediction = this.predictor?.(call, stateBefore, rec?.type, initialized);

    // Refusals of the sandbox itself come before anything native.
    let target: { address: string; port: number } | undefined;
    if (call.fn === 'bind' || call.fn === 'connect' || call.fn === 'WSAConnect') target = this.resolveAddress(call.address, call.port, call.fn);
    if ((call.fn === 'socket' || call.fn === 'WSASocketW' || call.fn === 'accept') && this.sockets.size >= this.limits.maxSockets) {
      throw new SandboxFailure('limit', `${call.fn}: the sandbox already holds ${this.sockets.size} sockets, the most winsockLens.sandbox.maxSockets allows. Close some (closesocket) or reset the session.`);
    }

    let outcome: CallOutcome;
    let newRec: SockRec | undefined;
    let extra: Partial<JournalEntry> = {};
    let interrupted: 'timeout' | 'cancelled' | undefined;

    try {
      if (!initialized && call.fn !== 'WSAStartup' && call.fn !== 'WSAGetLastError') {
        outcome = { ret: call.fn === 'DisconnectEx' ? 0 : -1, error: wsaErrorValue('WSANOTINITIALISED'), emulated: true, note: 'The session has no successful WSAStartup (the sandbox counts WSAStartup/WSACleanup per session: libuv has already initialised Winsock for the whole process).' };
      } else if (handle !== undefined && !rec) {
        outcome = this.backend.isLiveHandle(handle)
          ? { ret: -1, error: wsaErrorValue('WSAENOTSOCK'), emulated: true, note: `${handle} is not a socket of this session (the value is in use elsewhere in the worker, so it was not touched).` }
          : this.backend.callOnDeadHandle(call, handle);
        if (call.fn === 'DisconnectEx' && outcome.ret === -1) outcome = { ...outcome, ret: 0 };
      } else {
        outcome = await this.dispatch(call, rec, target, token);
      }
    } catch (e) {
      if (e instanceof Interrupted) {
        interrupted = e.kind;
        outcome = { ret: -1, error: 0 };
      } else throw e;
    }

    // What the call did to the socket table.
    const ok = outcome.error === 0 && !interrupted && !outcome.wouldBlock;
    if (interrupted && call.fn === 'closesocket' && rec && this.sockets.get(rec.handle) === rec) {
      // A lingering close that outlived callTimeoutMs still finishes in the background: the handle
      // is no longer the session's to use (nor to close again at reset).
      rec.state = 'closed';
      this.sockets.delete(rec.handle);
      this.closedNames.set(rec.handle, { name: rec.name });
    }
    switch (call.fn) {
      case 'WSAStartup':
        if (ok) this.startupCount++;
        break;
      case 'WSACleanup':
        if (ok) this.startupCount--;
        break;
      case 'socket':
      case 'WSASocketW':
      case 'accept': {
        const h = outcome.handle;
        if (ok && h !== undefined) {
          const af = call.fn === 'accept' ? (rec?.af ?? 'AF_INET') : call.af;
          const type = call.fn === 'accept' ? 'SOCK_STREAM' : call.type;
          newRec = {
            handle: h,
            name: `s${++this.nameCounter}`,
            af,
            type,
            state: call.fn === 'accept' ? 'connected' : 'created',
            sendShut: false,
            recvShut: false,
            nonBlocking: call.fn === 'accept' ? (rec?.nonBlocking ?? false) : false,
            rcvTimeoMs: 0,
            linger: { onoff: 0, linger: 0 },
          };
          this.closedNames.delete(h);
          this.sockets.set(h, newRec);
          const p = this.backend.ports(h);
          if (p.local !== undefined) newRec.localPort = p.local;
          if (p.remote !== undefined) newRec.remotePort = p.remote;
          extra = { newSocket: h, newSocketName: newRec.name };
        }
        break;
      }
      default:
        if (rec) this.advance(rec, call, outcome, ok);
    }

    const after = rec ?? newRec;
    const stateAfter: SocketState | undefined = rec ? (this.sockets.has(rec.handle) ? rec.state : 'closed') : newRec ? newRec.state : stateBefore;
    const ports = after ?? (handle !== undefined ? this.closedNames.get(handle) : undefined);
    const local = after ? after.localPort : (ports as { local?: number } | undefined)?.local;
    const remote = after ? after.remotePort : (ports as { remote?: number } | undefined)?.remote;
    const isStream = (after?.type ?? 'SOCK_STREAM') === 'SOCK_STREAM';
    let kernelState = isStream && local !== undefined && !QUIET_CALLS.has(call.fn) ? this.backend.kernelState(local, remote) : undefined;
    // A FIN just sent is acknowledged by the loopback peer's kernel within microseconds, but the
    // first read may come before that ACK. Read again for a few milliseconds so that the entry
    // shows the settled state (FIN_WAIT2) rather than the instant in between. The peer's own
    // close cannot slip in meanwhile: it runs on this event loop, which this loop holds.
    if (kernelState === 'FIN_WAIT1' && ok && local !== undefined) {
      const deadline = Date.now() + FIN_ACK_SETTLE_MS;
      while (kernelState === 'FIN_WAIT1' && Date.now() < deadline) kernelState = this.backend.kernelState(local, remote);
    }

    if (!interrupted) this.backend.afterCall(outcome.error);

    const text = callText(call, (s) => this.nameOf(s), newRec?.name);
    if (call.fn === 'send' || call.fn === 'WSASend') extra = { ...extra, data: shown(call.text), ...(ok ? { bytesOut: outcome.ret } : {}) };
    if ((call.fn === 'recv' || call.fn === 'WSARecv') && ok) {
      const data = outcome.data;
      extra = { ...extra, bytesIn: outcome.ret, data: shown(new TextDecoder().decode(data ?? new Uint8Array(0))) };
    }
    if (call.fn === 'WSASendDisconnect' && call.data !== null) extra = { ...extra, data: call.data };
    if (outcome.providers) extra = { ...extra, providers: outcome.providers };
    if (outcome.option) extra = { ...extra, optionValue: outcome.option };

    const wsaError = interrupted ? undefined : outcome.wouldBlock ? wsaErrorValue('WSAEWOULDBLOCK') : outcome.error;
    const entry: JournalEntry = {
      seq: ++this.seq,
      time: started,
      side: 'app',
      backend: this.backend.name,
      text,
      call,
      ...(handle !== undefined ? { socket: handle, socketName: this.nameOf(handle) } : {}),
      ...(interrupted ? { outcome: interrupted } : { returnValue: this.returnText(call, outcome) }),
      ...(wsaError !== undefined ? { wsaError, wsaErrorName: wsaErrorName(wsaError) } : {}),
      ...(stateBefore ? { stateBefore } : {}),
      ...(stateAfter ? { stateAfter } : {}),
      ...(kernelState ? { kernelState } : {}),
      ...(prediction ? { prediction } : {}),
      ...(outcome.emulated ? { emulated: true } : {}),
      ...(outcome.note ? { emulationNote: outcome.note } : {}),
      durationMs: Math.round((performance.now() - t0) * 1000) / 1000,
      ...extra,
    };
    const divergence = prediction && !interrupted ? this.divergence(prediction, entry) : undefined;
    const final = divergence ? { ...entry, divergence } : entry;
    this.emit(final);
    if (ok && (call.fn === 'connect' || call.fn === 'WSAConnect') && rec?.localPort !== undefined && this.peer && target?.port === this.peer.port) {
      await this.untilPeerAccepted(rec.localPort);
    }
    if (interrupted === 'timeout') {
      throw new SandboxFailure('timeout', `${text} did not complete within ${this.limits.callTimeoutMs} ms (winsockLens.sandbox.callTimeoutMs); nothing was consumed and the socket is as it was.`);
    }
    if (interrupted === 'cancelled') throw new SandboxFailure('cancelled', `${text} was cancelled before it completed.`);
    return final;
  }

  /**
   * A connect to the peer returns once the peer's accept has been journalled too (or after a short
   * bound), so that the journal reads connect, the peer's "accepted", then the calls after it: the
   * accept runs on this event loop, and without the wait the next request could be handled first.
   */
  private untilPeerAccepted(localPort: number): Promise<void> {
    if (this.peerAccepted.delete(localPort)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.acceptWaiters.delete(localPort);
        this.peerAccepted.delete(localPort);
        resolve();
      };
      const timer = setTimeout(done, Math.min(PEER_ACCEPT_WAIT_MS, this.limits.callTimeoutMs));
      this.acceptWaiters.set(localPort, done);
    });
  }

  private resolveAddress(address: string, port: number, fn: string): { address: string; port: number } {
    if (address === 'peer') {
      if (!this.peer) throw new SandboxFailure('bad-request', `${fn}: the loopback peer is not running; start it first (startPeer).`);
      return { address: '127.0.0.1', port: this.peer.port };
    }
    const parsed = parseAddress(address);
    if (!parsed) throw new SandboxFailure('bad-request', `${fn}: "${address}" is not an IPv4 or IPv6 address (or 'peer').`);
    if (!this.limits.allowRemoteHosts && !isLoopback(parsed)) {
      throw new SandboxFailure('refused-address', `${fn}: ${address} is not a loopback address. The sandbox only uses 127.0.0.0/8 and ::1 unless the machine setting winsockLens.sandbox.allowRemoteHosts is on.`);
    }
    return { address: parsed.text, port };
  }

  private returnText(call: SandboxCall, o: NativeOutcome): string {
    switch (call.fn) {
      case 'WSAStartup':
      case 'WSAGetLastError':
        return String(o.ret);
      case 'socket':
      case 'WSASocketW':
      case 'accept':
        return o.error === 0 && !o.wouldBlock ? String(o.ret) : 'INVALID_SOCKET';
      case 'DisconnectEx':
        return o.ret ? 'TRUE' : 'FALSE';
      default:
        return o.error !== 0 || o.wouldBlock ? 'SOCKET_ERROR' : String(o.ret);
    }
  }

  private divergence(p: Prediction, e: JournalEntry): string | undefined {
    if (p.uncertain) return undefined;
    const realOk = (e.wsaError ?? 0) === 0;
    const diffs: string[] = [];
    if (p.ok !== realOk || (!p.ok && p.error !== undefined && p.error !== e.wsaErrorName)) {
      diffs.push(`the model expected ${p.ok ? 'success' : (p.error ?? 'an error')}, the backend gave ${realOk ? 'success' : (e.wsaErrorName ?? 'an error')}`);
    }
    if (realOk && p.ok && p.next !== undefined && e.stateAfter !== undefined && p.next !== e.stateAfter) {
      diffs.push(`the model expected state ${p.next}, the socket is ${e.stateAfter}`);
    }
    return diffs.length ? diffs.join('; ') : undefined;
  }

  /** The socket's Winsock state after a call on it. */
  private advance(s: SockRec, call: SandboxCall, o: NativeOutcome, ok: boolean): void {
    const p = () => {
      const ports = this.backend.ports(s.handle);
      if (ports.local !== undefined) s.localPort = ports.local;
      if (ports.remote !== undefined) s.remotePort = ports.remote;
    };
    switch (call.fn) {
      case 'bind':
        if (ok) {
          s.state = 'bound';
          p();
        }
        break;
      case 'listen':
        if (ok) s.state = 'listening';
        break;
      case 'connect':
      case 'WSAConnect':
        if (ok) {
          s.state = 'connected';
          s.sendShut = false;
          s.recvShut = false;
          p();
        } else if (o.wouldBlock) {
          s.state = 'connecting';
          p();
        }
        break;
      case 'shutdown':
        if (ok) {
          if (call.how !== 'SD_RECEIVE') s.sendShut = true;
          if (call.how !== 'SD_SEND') s.recvShut = true;
          if (CONNECTED.includes(s.state) || s.type === 'SOCK_DGRAM') s.state = s.type === 'SOCK_DGRAM' && s.state !== 'connected' ? s.state : shutState(s);
        }
        break;
      case 'WSASendDisconnect':
        if (ok) {
          s.sendShut = true;
          if (CONNECTED.includes(s.state)) s.state = shutState(s);
        }
        break;
      case 'WSARecvDisconnect':
        if (ok) {
          s.recvShut = true;
          if (CONNECTED.includes(s.state)) s.state = shutState(s);
        }
        break;
      case 'DisconnectEx':
        if (o.ret) {
          if (call.reuse) {
            s.state = 'reusable';
            s.sendShut = false;
            s.recvShut = false;
            delete s.remotePort;
            p();
          } else {
            s.sendShut = true;
            s.recvShut = true;
            s.state = 'both-shut';
          }
        }
        break;
      case 'closesocket':
        if (ok) {
          s.state = 'closed';
          this.sockets.delete(s.handle);
          this.closedNames.set(s.handle, { name: s.name, ...(s.localPort !== undefined ? { local: s.localPort } : {}), ...(s.remotePort !== undefined ? { remote: s.remotePort } : {}) });
        }
        break;
      case 'setsockopt':
        if (ok) {
          const opt = call.option;
          if (opt.name === 'SO_LINGER') s.linger = { onoff: opt.onoff, linger: opt.linger };
          else if (opt.name === 'SO_DONTLINGER') s.linger = { ...s.linger, onoff: opt.value ? 0 : 1 };
          else s.rcvTimeoMs = opt.ms;
        }
        break;
      case 'ioctlsocket':
        if (ok) s.nonBlocking = call.value !== 0;
        break;
      default:
        break;
    }
  }

  /** Runs the call on an open socket of the session (or a socket-less call). */
  private async dispatch(call: SandboxCall, rec: SockRec | undefined, target: { address: string; port: number } | undefined, token: CancelToken): Promise<CallOutcome> {
    const b = this.backend;
    const need = (): SockRec => {
      if (!rec) throw new SandboxFailure('internal', `${call.fn}: no socket`);
      return rec;
    };
    switch (call.fn) {
      case 'WSAStartup':
        return b.startup();
      case 'WSACleanup':
        return b.cleanup();
      case 'WSAGetLastError':
        return b.lastError();
      case 'WSAEnumProtocolsW':
        return b.enumProtocols();
      case 'socket':
      case 'WSASocketW':
        return b.socket(call.af, call.type, call.fn === 'WSASocketW');
      case 'bind':
        return b.bind(need(), target?.address ?? '', target?.port ?? 0);
      case 'listen':
        return b.listen(need(), call.backlog);
      case 'accept': {
        const s = need();
        return this.waitFor(s, token, () => b.accept(s));
      }
      case 'connect':
      case 'WSAConnect': {
        const s = need();
        if (s.connecting) {
          const o = b.connectProgress(s);
          if (o.wouldBlock) return { ret: -1, error: wsaErrorValue('WSAEALREADY'), emulated: b.name === 'posix', note: 'A connect is already in progress on this socket.' };
          return o.error === 0 ? { ret: -1, error: wsaErrorValue('WSAEISCONN') } : o;
        }
        const first = b.connect(s, target?.address ?? '', target?.port ?? 0, call.fn === 'WSAConnect');
        if (!first.wouldBlock || s.nonBlocking) return first;
        return this.waitFor(s, token, () => b.connectProgress(s));
      }
      case 'send':
      case 'WSASend': {
        const s = need();
        const data = new TextEncoder().encode(call.text);
        return this.waitFor(s, token, () => b.send(s, data, call.fn === 'WSASend'));
      }
      case 'recv':
      case 'WSARecv': {
        const s = need();
        return this.waitFor(s, token, () => b.recv(s, call.maxBytes, call.fn === 'WSARecv'), s.rcvTimeoMs);
      }
      case 'shutdown':
        return b.shutdown(need(), call.how);
      case 'WSASendDisconnect':
        return b.sendDisconnect(need(), call.data === null ? null : new TextEncoder().encode(call.data));
      case 'WSARecvDisconnect':
        return b.recvDisconnect(need(), call.wantData);
      case 'closesocket':
        return this.withDeadline(b.close(need()), token);
      case 'DisconnectEx': {
        const s = need();
        return this.waitFor(s, token, () => b.disconnectEx(s, call.reuse));
      }
      case 'setsockopt': {
        const s = need();
        const o = call.option;
        if (o.name === 'SO_LINGER') return b.setLinger(s, o.onoff, o.linger);
        if (o.name === 'SO_DONTLINGER') return b.setDontLinger(s, o.value);
        return b.setRcvTimeo(s, o.ms);
      }
      case 'getsockopt': {
        const s = need();
        switch (call.option) {
          case 'SO_LINGER': {
            const r = b.getLinger(s);
            return r.error === 0 ? { ...r, option: { name: 'SO_LINGER', onoff: r.onoff ?? 0, linger: r.linger ?? 0 } } : r;
          }
          case 'SO_DONTLINGER': {
            const r = b.getDontLinger(s);
            return r.error === 0 ? { ...r, option: { name: 'SO_DONTLINGER', value: r.value ?? false } } : r;
          }
          case 'SO_RCVTIMEO': {
            const r = b.getRcvTimeo(s);
            return r.error === 0 ? { ...r, option: { name: 'SO_RCVTIMEO', ms: r.ms ?? 0 } } : r;
          }
          case 'SO_PROTOCOL_INFOW': {
            const r = b.getProtocolInfo(s);
            return r.error === 0 && r.provider ? { ...r, option: { name: 'SO_PROTOCOL_INFOW', provider: r.provider } } : r;
          }
        }
        break;
      }
      case 'ioctlsocket':
        return b.setNonBlocking(need(), call.value !== 0);
    }
    throw new SandboxFailure('internal', `unhandled call ${(call as SandboxCall).fn}`);
  }

  /**
   * Repeats a non-blocking attempt until it stops saying "would block". A socket the user made
   * non-blocking gets WSAEWOULDBLOCK at once; SO_RCVTIMEO gives WSAETIMEDOUT; callTimeoutMs and
   * cancellation end the wait without a result.
   */
  private async waitFor(s: SockRec, token: CancelToken, attempt: () => NativeOutcome, rcvTimeoMs = 0): Promise<NativeOutcome> {
    const start = performance.now();
    let delay = 0;
    for (;;) {
      if (this.sockets.get(s.handle) !== s) {
        return { ret: -1, error: wsaErrorValue('WSAEINTR'), emulated: true, note: 'closesocket (or a reset) ended the wait: Windows reports WSAEINTR to a blocking call whose socket is closed.' };
      }
      const o = attempt();
      if (!o.wouldBlock) return o;
      if (s.nonBlocking) return { ...o, wouldBlock: false, ret: o.ret, error: wsaErrorValue('WSAEWOULDBLOCK') };
      if (token.cancelled) throw new Interrupted('cancelled');
      const elapsed = performance.now() - start;
      if (rcvTimeoMs > 0 && elapsed >= rcvTimeoMs) {
        return { ret: -1, error: wsaErrorValue('WSAETIMEDOUT'), emulated: true, note: `SO_RCVTIMEO (${rcvTimeoMs} ms) ran out while the worker waited (the socket is non-blocking underneath).` };
      }
      if (elapsed >= this.limits.callTimeoutMs) throw new Interrupted('timeout');
      await sleep(delay);
      delay = Math.min(10, delay + 1);
    }
  }

  private async withDeadline(p: Promise<NativeOutcome>, token: CancelToken): Promise<NativeOutcome> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Interrupted(token.cancelled ? 'cancelled' : 'timeout')), this.limits.callTimeoutMs);
    });
    try {
      return await Promise.race([p, deadline]);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** Text bytes of a string (for journal consumers that want the C byte count). */
  static byteLength(text: string): number {
    return utf8Length(text);
  }
}

type CallOutcome = NativeOutcome & {
  handle?: SocketHandle;
  data?: Uint8Array;
  providers?: readonly ProtocolProviderView[];
  option?: SocketOptionReadback;
};

class Interrupted extends Error {
  constructor(readonly kind: 'timeout' | 'cancelled') {
    super(kind);
  }
}
