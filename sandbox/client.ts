// The host side of the sandbox: forks the worker (dist/sandbox-worker.js), sends typed requests,
// and restarts the worker when it dies unasked (a SIGSEGV in native code included).
//
// Usage (extension host, tests, benchmark):
//
//   const client = await SandboxClient.start({ workerPath: path.join(extensionPath, 'dist', 'sandbox-worker.js'),
//                                              limits: { allowRemoteHosts: false, callTimeoutMs: 5000, maxSockets: 64 } });
//   client.onEvent((e) => { if (e.event === 'journal') show(e.entry); if (e.event === 'crashed') warn(e.message); });
//   await client.call({ fn: 'WSAStartup' });                       // → JournalEntry
//   await client.startPeer('echo');                                // → SandboxSnapshot (peer port inside)
//   const ac = new AbortController(); client.call({ fn: 'recv', socket: 5, maxBytes: 100 }, { signal: ac.signal }); ac.abort();
//   await client.reset(); await client.dispose();                  // every socket closed, worker gone
//
// Requests reject with SandboxClientError whose `code` is the protocol's SandboxError code
// ('timeout', 'cancelled', 'limit', 'refused-address', 'bad-request', 'internal', 'crashed', 'disposed').
import { fork, type ChildProcess } from 'node:child_process';
import type {
  BackendName,
  ClientEvent,
  HostToWorker,
  JournalEntry,
  KernelStateSource,
  PeerBehaviour,
  SandboxCall,
  SandboxError,
  SandboxLimits,
  SandboxSnapshot,
  WorkerRequest,
  WorkerToHost,
} from '../core/protocol/sandbox';
import { ValidationError } from '../core/sandbox/validate';
import { validateWorkerToHost } from '../core/sandbox/validateWorker';

export class SandboxClientError extends Error {
  constructor(readonly code: SandboxError['code'], message: string) {
    super(message);
    this.name = 'SandboxClientError';
  }
}

export interface SandboxClientOptions {
  /** The bundled worker, dist/sandbox-worker.js. */
  readonly workerPath: string;
  readonly limits?: SandboxLimits;
  /** Extra environment for the worker (tests set WINSOCK_LENS_SANDBOX_TEST_HOOKS=1). */
  readonly env?: Readonly<Record<string, string>>;
  /** Start a new worker when one dies unasked (default true). */
  readonly restartOnCrash?: boolean;
  /** Give up restarting after this many crashes within a minute (default 5). */
  readonly maxRestartsPerMinute?: number;
  /** Where the worker's stdout/stderr go (default: inherited). */
  readonly stdio?: 'inherit' | 'ignore';
  /** How long to wait for the worker's `ready` (default 10 s). */
  readonly startTimeoutMs?: number;
  /**
   * The host's own deadline for any answer of the worker, above the worker's call time-out: a
   * request still unanswered then is rejected and the worker, stopped or stuck, is ended and
   * restarted. Default: twice limits.callTimeoutMs, at least callTimeoutMs + 5 s.
   */
  readonly requestDeadlineMs?: number;
}

export interface Disposable {
  dispose(): void;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  method: WorkerRequest['method'];
}

export class SandboxClient {
  private child: ChildProcess | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(e: ClientEvent) => void>();
  private readyPromise: Promise<void> = Promise.resolve();
  private disposed = false;
  private crashTimes: number[] = [];
  private restarts = 0;
  private limits: SandboxLimits | undefined;
  /** The worker process the client ended itself because it stopped answering. */
  private unresponsive: ChildProcess | undefined;
  /** The backend the current worker reported, and its platform. */
  backend: BackendName | undefined;
  platform: string | undefined;
  kernelStateSource: KernelStateSource | undefined;

  private constructor(private readonly options: SandboxClientOptions) {
    this.limits = options.limits;
  }

  /** Forks the worker and resolves once it is ready (and configured, when limits are given). */
  static async start(options: SandboxClientOptions): Promise<SandboxClient> {
    const c = new SandboxClient(options);
    c.spawn();
    await c.readyPromise;
    return c;
  }

  /** The worker's process id (undefined between a crash and the restart). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  onEvent(listener: (e: ClientEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Resolves when the current (or restarting) worker is ready. */
  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  call(call: SandboxCall, options: { signal?: AbortSignal } = {}): Promise<JournalEntry> {
    return this.request('call', call, options.signal) as Promise<JournalEntry>;
  }
  startPeer(behaviour: PeerBehaviour): Promise<SandboxSnapshot> {
    return this.request('startPeer', { behaviour }) as Promise<SandboxSnapshot>;
  }
  stopPeer(): Promise<SandboxSnapshot> {
    return this.request('stopPeer', {}) as Promise<SandboxSnapshot>;
  }
  reset(): Promise<SandboxSnapshot> {
    return this.request('reset', {}) as Promise<SandboxSnapshot>;
  }
  snapshot(): Promise<SandboxSnapshot> {
    return this.request('snapshot', {}) as Promise<SandboxSnapshot>;
  }
  /** Applies limits now and to every restarted worker. */
  configure(limits: SandboxLimits): Promise<SandboxSnapshot> {
    this.limits = limits;
    return this.request('configure', limits) as Promise<SandboxSnapshot>;
  }
  /** Sends any request as it is (tests use this for the test hooks and for malformed messages). */
  raw(method: WorkerRequest['method'], params: unknown): Promise<unknown> {
    return this.request(method, params);
  }

  /** Ends the worker (it closes every socket and stops the peer first); pending requests reject with 'disposed'. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const child = this.child;
    this.child = undefined;
    this.rejectAll('disposed', 'The sandbox was closed.');
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.disconnect?.();
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }

  // ---- internals ---------------------------------------------------------------------------

  private emit(e: ClientEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        /* a listener's failure is its own */
      }
    }
  }

  private async request(method: WorkerRequest['method'], params: unknown, signal?: AbortSignal): Promise<unknown> {
    if (this.disposed) throw new SandboxClientError('disposed', 'The sandbox was closed.');
    await this.readyPromise;
    const child = this.child;
    if (!child || !child.connected) throw new SandboxClientError('crashed', 'The sandbox worker is not running.');
    if (signal?.aborted) throw new SandboxClientError('cancelled', `${method} was cancelled before it was sent.`);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => this.post({ kind: 'cancel', id });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.track(child, id, method, resolve, reject, () => signal?.removeEventListener('abort', onAbort));
      this.post({ kind: 'request', id, method, params } as WorkerRequest);
    });
  }

  /** How long the host waits for any answer before it gives the worker up. */
  get requestDeadlineMs(): number {
    const callTimeoutMs = this.limits?.callTimeoutMs ?? 5000;
    return this.options.requestDeadlineMs ?? Math.max(2 * callTimeoutMs, callTimeoutMs + 5000);
  }

  /** Registers a pending request with its own deadline (see requestDeadlineMs). */
  private track(child: ChildProcess, id: number, method: WorkerRequest['method'], resolve: (v: unknown) => void, reject: (e: Error) => void, cleanup = () => undefined as void): void {
    const deadlineMs = this.requestDeadlineMs;
    const timer = setTimeout(() => {
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      p.reject(new SandboxClientError('timeout', `${method}: the sandbox worker did not answer within ${deadlineMs} ms (it is stopped or stuck); it was ended and a new one is starting.`));
      this.endUnresponsive(child);
    }, deadlineMs);
    this.pending.set(id, {
      method,
      resolve: (v) => {
        clearTimeout(timer);
        cleanup();
        resolve(v);
      },
      reject: (e) => {
        clearTimeout(timer);
        cleanup();
        reject(e);
      },
    });
  }

  /** Ends a worker that stopped answering (SIGKILL also ends a SIGSTOPped process); 'exit' restarts it. */
  private endUnresponsive(child: ChildProcess): void {
    if (this.child !== child || child.exitCode !== null || child.signalCode !== null) return;
    this.unresponsive = child;
    child.kill('SIGKILL');
  }

  /** A message from the worker that is not a known WorkerToHost shape: refused, logged, its request settled. */
  private refuse(child: ChildProcess, raw: unknown, why: string): string {
    const text = `Refused a malformed message from the sandbox worker: ${why}`;
    let id: unknown;
    let kind: unknown;
    let event: unknown;
    try {
      if (typeof raw === 'object' && raw !== null) ({ id, kind, event } = raw as { id?: unknown; kind?: unknown; event?: unknown });
    } catch {
      /* not even readable: nothing to settle by id */
    }
    this.emit({ kind: 'event', event: 'log', level: 'error', message: text });
    const p = typeof id === 'number' && kind !== 'event' ? this.pending.get(id) : undefined;
    if (p) {
      this.pending.delete(id as number);
      p.reject(new SandboxClientError('internal', `${p.method}: the sandbox worker's answer was refused (${why}).`));
    }
    if (kind === 'event' && event === 'ready') {
      // A worker of another protocol version (or a broken one) is not used at all.
      child.kill('SIGKILL');
    }
    return text;
  }

  private post(msg: HostToWorker): void {
    const child = this.child;
    try {
      if (child?.connected) child.send(msg);
    } catch {
      /* the channel closed under us: the 'exit' handler rejects what is pending */
    }
  }

  private rejectAll(code: SandboxError['code'], message: string): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(new SandboxClientError(code, `${p.method}: ${message}`));
  }

  private spawn(): void {
    const child = fork(this.options.workerPath, [], {
      env: { ...process.env, ...this.options.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: this.options.stdio === 'ignore' ? ['ignore', 'ignore', 'ignore', 'ipc'] : ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'json',
      // The worker is plain JavaScript: no loaders or flags of the host process (tsx, inspectors).
      execArgv: [],
    });
    this.child = child;
    let readyResolve!: () => void;
    let readyReject!: (e: Error) => void;
    this.readyPromise = new Promise<void>((res, rej) => {
      readyResolve = res;
      readyReject = rej;
    });
    this.readyPromise.catch(() => undefined);
    let ready = false;
    let lastError: string | undefined;
    const startTimer = setTimeout(() => {
      if (!ready) {
        readyReject(new SandboxClientError('internal', `The sandbox worker did not report ready within ${this.options.startTimeoutMs ?? 10000} ms.`));
        child.kill('SIGKILL');
      }
    }, this.options.startTimeoutMs ?? 10000);

    child.on('message', (raw: unknown) => {
      if (this.child !== child) return; // an old worker's last words
      let msg: WorkerToHost;
      try {
        msg = validateWorkerToHost(raw, (id) => this.pending.get(id)?.method);
      } catch (e) {
        const why = e instanceof ValidationError ? e.message : String(e);
        lastError = this.refuse(child, raw, why);
        if (!ready && typeof raw === 'object' && raw !== null && (raw as { event?: unknown }).event === 'ready') {
          clearTimeout(startTimer);
          readyReject(new SandboxClientError('internal', `The sandbox worker was not used: ${why}`));
        }
        return;
      }
      if (msg.kind === 'response') {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.ok) p.resolve(msg.result);
        else p.reject(new SandboxClientError(msg.error.code, msg.error.message));
        return;
      }
      if (msg.kind === 'event') {
        if (msg.event === 'log' && msg.level === 'error') lastError = msg.message;
        if (msg.event === 'ready' && !ready) {
          ready = true;
          clearTimeout(startTimer);
          this.backend = msg.backend;
          this.platform = msg.platform;
          this.kernelStateSource = msg.kernelStateSource;
          const limits = this.limits;
          if (limits) {
            // Configure before anyone else may send: the first request after ready.
            const id = this.nextId++;
            this.track(child, id, 'configure', () => readyResolve(), (e) => readyReject(e));
            child.send({ kind: 'request', id, method: 'configure', params: limits } satisfies HostToWorker);
          } else readyResolve();
        }
        this.emit(msg);
      }
    });
    child.on('error', (err) => {
      if (!ready) readyReject(new SandboxClientError('internal', `The sandbox worker could not start: ${err.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(startTimer);
      if (this.child !== child) return; // disposed or replaced
      this.child = undefined;
      const stoppedAnswering = this.unresponsive === child;
      const why = stoppedAnswering
        ? `stopped answering for ${this.requestDeadlineMs} ms and was ended`
        : signal ? `was killed by ${signal}` : `exited with code ${code}`;
      if (!ready) readyReject(new SandboxClientError('crashed', `The sandbox worker ${why} before it was ready.${lastError ? ` ${lastError}` : ''}`));
      this.rejectAll('crashed', `the sandbox worker ${why} while the request was pending.`);
      if (this.disposed) return;
      const now = Date.now();
      this.crashTimes = this.crashTimes.filter((t) => now - t < 60000).concat(now);
      const willRestart = ready && (this.options.restartOnCrash ?? true) && this.crashTimes.length <= (this.options.maxRestartsPerMinute ?? 5);
      // SIGSEGV on POSIX; on Windows the process ends with STATUS_ACCESS_VIOLATION (0xC0000005).
      const nativeCrash = !stoppedAnswering && signal === 'SIGSEGV' || signal === 'SIGBUS' || code === 0xc0000005;
      const message = nativeCrash
        ? `The sandbox worker crashed in native code (${signal ?? 'access violation'}). Its sockets are gone.${willRestart ? ' A new worker is starting.' : ''}`
        : `The sandbox worker ${why}. Its sockets are gone.${willRestart ? ' A new worker is starting.' : ''}`;
      this.emit({ kind: 'event', event: 'crashed', code, signal, willRestart, message, ...(stoppedAnswering ? { unresponsive: true } : {}) });
      if (willRestart) {
        this.spawn();
        this.readyPromise.then(
          () => {
            this.restarts++;
            this.emit({ kind: 'event', event: 'restarted', restarts: this.restarts });
          },
          () => undefined,
        );
      }
    });
  }
}
