// The extension-host side of one sandbox session: owns the SandboxClient (the worker process),
// keeps the journal and the panel's state, and carries out webview messages one at a time after
// they passed validation. Knows nothing of the webview itself: the panel subscribes to states.
import * as vscode from 'vscode';
import type { JournalEntry, PanelState, SandboxLimits, SandboxSnapshot, WebviewToHost } from '../core/protocol/sandbox';
import { lookupSymbol } from '../core/model/registry';
import { exportC } from '../core/sandbox/exportC';
import { recipeById, runRecipe, UnboundPlaceholderError } from '../core/sandbox/recipes';
import { validateWebviewMessage, ValidationError } from '../core/sandbox/validateWebview';
import { SandboxClient, SandboxClientError } from '../sandbox/client';
import { docsLanguage } from './docsLanguage';
import { stateDiagram } from './sandboxDiagram';
import { panelStrings, uiLanguage } from './sandboxStrings';
import * as ui from './uiText';

/** The host keeps this many journal entries (Export as C reads them); the panel shows the last SHOWN. */
const KEPT = 5000;
const SHOWN = 400;

export interface SandboxHostOptions {
  readonly workerPath: string;
  readonly log: vscode.LogOutputChannel;
  readonly limits: () => SandboxLimits;
  /** Opens the exported C program (the panel puts it in an untitled C editor). */
  readonly openExport: (text: string) => Promise<void>;
  /** Shows a one-line error in the panel. */
  readonly showError: (message: string) => void;
}

export class SandboxHost implements vscode.Disposable {
  private client: SandboxClient | undefined;
  private starting: Promise<SandboxClient> | undefined;
  private journal: JournalEntry[] = [];
  /** The journal's own numbering (#1, #2 …): it starts again when the journal is cleared or the session restarted. */
  private journalSeq = 0;
  private snapshot: SandboxSnapshot | undefined;
  private status: PanelState['status'] = 'starting';
  private statusMessage: string | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(s: PanelState) => void>();
  private stateTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private generation = 0;
  /** The last text Export as C produced (the integration test reads it). */
  lastExport: string | undefined;

  constructor(private readonly options: SandboxHostOptions) {}

  /** Starts the worker if it is not running yet (the panel calls this when it opens). */
  start(): Promise<SandboxClient> {
    if (this.disposed) return Promise.reject(new SandboxClientError('disposed', ui.t('The sandbox was closed.')));
    if (this.client) return Promise.resolve(this.client);
    this.starting ??= this.spawn();
    return this.starting;
  }

  private async spawn(): Promise<SandboxClient> {
    this.status = 'starting';
    this.emitState();
    try {
      const client = await SandboxClient.start({ workerPath: this.options.workerPath, limits: this.options.limits(), stdio: 'ignore' });
      if (this.disposed) {
        await client.dispose();
        throw new SandboxClientError('disposed', ui.t('The sandbox was closed.'));
      }
      this.client = client;
      client.onEvent((e) => {
        if (e.event === 'journal') {
          this.journal.push({ ...e.entry, seq: ++this.journalSeq });
          if (this.journal.length > KEPT) this.journal.splice(0, this.journal.length - KEPT);
          this.emitStateSoon();
        } else if (e.event === 'log') {
          this.options.log[e.level === 'warn' ? 'warn' : e.level === 'error' ? 'error' : 'info'](`sandbox worker: ${e.message}`);
        } else if (e.event === 'crashed') {
          this.options.log.error(`sandbox worker ended unasked (code ${e.code}, signal ${e.signal}); restart: ${e.willRestart}`);
          this.status = 'crashed';
          this.snapshot = this.snapshot ? { ...this.snapshot, sockets: [] } : undefined;
          this.statusMessage = e.unresponsive
            ? e.willRestart
              ? ui.t('The sandbox worker stopped answering and was ended; its sockets are gone. A new worker is starting.')
              : ui.t('The sandbox worker stopped answering too often; use Restart session to try again.')
            : e.willRestart
            ? ui.t('The sandbox worker crashed ({0}); its sockets are gone. A new worker is starting.', e.signal ?? `exit code ${e.code}`)
            : ui.t('The sandbox worker crashed ({0}) too often; use Restart session to try again.', e.signal ?? `exit code ${e.code}`);
          this.emitState();
        } else if (e.event === 'restarted') {
          this.status = 'ready';
          this.statusMessage = ui.t('The sandbox worker crashed and a new one started: sockets and peer were reset, the journal above the crash is history.');
          this.options.log.info(`sandbox worker restarted (restart ${e.restarts}), pid ${client.pid}`);
          void this.refresh();
        }
      });
      this.status = 'ready';
      this.statusMessage = undefined;
      this.options.log.info(`sandbox worker started: pid ${client.pid}, backend ${client.backend} on ${client.platform}`);
      await this.refresh();
      return client;
    } catch (err) {
      this.starting = undefined;
      this.status = 'crashed';
      this.statusMessage = ui.t('The sandbox worker could not start: {0}', errorText(err));
      this.options.log.error(`sandbox worker could not start: ${errorText(err)}`);
      this.emitState();
      throw err;
    }
  }

  /** The worker's process id, while one runs. */
  get workerPid(): number | undefined {
    return this.client?.pid;
  }

  onState(listener: (s: PanelState) => void): vscode.Disposable {
    this.listeners.add(listener);
    return new vscode.Disposable(() => this.listeners.delete(listener));
  }

  /**
   * A message from the webview, as received: validated first; a malformed one is refused and logged,
   * never acted on. Resolves when the message has been handled (messages run one at a time).
   */
  receive(raw: unknown): Promise<void> {
    let msg: WebviewToHost;
    try {
      msg = validateWebviewMessage(raw, { allowRemoteHosts: this.options.limits().allowRemoteHosts });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      let shown: string;
      try {
        shown = JSON.stringify(raw)?.slice(0, 300) ?? String(raw);
      } catch {
        shown = '(not JSON)';
      }
      this.options.log.warn(`sandbox: refused a message from the webview: ${err.message}; message: ${shown}`);
      this.options.showError(ui.t('The panel sent a message the sandbox refused: {0}', err.message));
      return Promise.resolve();
    }
    const run = this.queue.then(() => this.handle(msg));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async handle(msg: WebviewToHost): Promise<void> {
    if (this.disposed) return;
    try {
      switch (msg.type) {
        case 'ready':
          this.emitState();
          await this.start();
          return;
        case 'call': {
          const client = await this.start();
          await client.call(msg.call);
          break;
        }
        case 'recipe': {
          const client = await this.start();
          const generation = this.generation;
          await runRecipe(recipeById(msg.recipe), client, () => this.disposed || generation !== this.generation);
          break;
        }
        case 'peer': {
          const client = await this.start();
          await client.startPeer(msg.behaviour);
          break;
        }
        case 'clear':
          this.journal = [];
          this.journalSeq = 0;
          this.emitState();
          return;
        case 'restart': {
          this.generation++;
          this.journal = [];
          this.journalSeq = 0;
          let client = this.client;
          if (client && client.pid === undefined && this.status === 'crashed') {
            // The client gave up restarting (too many crashes): a fresh one.
            this.client = undefined;
            this.starting = undefined;
            await client.dispose();
            client = undefined;
          }
          if (client) {
            this.status = 'starting';
            this.emitState();
            await client.whenReady().catch(() => undefined);
            await client.reset();
            this.status = 'ready';
            this.statusMessage = undefined;
          } else {
            this.starting = undefined;
            await this.start();
          }
          break;
        }
        case 'exportC': {
          const text = exportC(this.journal, { ...(this.snapshot?.backend ? { backend: this.snapshot.backend } : {}) });
          this.lastExport = text;
          await this.options.openExport(text);
          return;
        }
      }
    } catch (err) {
      if (this.disposed) return;
      const what = err instanceof SandboxClientError ? `${err.code}: ${err.message}` : errorText(err);
      this.options.log.warn(`sandbox: ${msg.type} failed: ${what}`);
      if (err instanceof UnboundPlaceholderError) this.options.showError(ui.t('The recipe stopped: {0}', err.message));
      else if (err instanceof SandboxClientError) this.options.showError(sandboxFailureText(err));
      else this.options.showError(ui.t('The sandbox could not do that: {0}', errorText(err)));
    }
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    const client = this.client;
    if (!client || this.disposed) return;
    try {
      this.snapshot = await client.snapshot();
    } catch (err) {
      this.options.log.warn(`sandbox: snapshot failed: ${errorText(err)}`);
    }
    this.emitState();
  }

  /** The state the panel shows now. */
  state(): PanelState {
    const lang = docsLanguage();
    const journal = this.journal.slice(-SHOWN);
    const errorHelp: Record<string, string> = {};
    for (const e of journal) {
      const name = e.wsaErrorName;
      if (!name || errorHelp[name] !== undefined) continue;
      const entry = lookupSymbol(name);
      if (entry?.kind === 'error') errorHelp[name] = entry.summary[lang].replace(/`/g, ''); // the panel shows plain text
    }
    const snap = this.snapshot;
    return {
      ...(snap ? { backend: snap.backend, platform: snap.platform } : this.client?.backend ? { backend: this.client.backend } : {}),
      status: this.status,
      ...(this.statusMessage ? { statusMessage: this.statusMessage } : {}),
      sockets: snap?.sockets ?? [],
      ...(snap?.peer ? { peer: snap.peer } : {}),
      journal,
      errorHelp,
      strings: panelStrings(),
      diagram: stateDiagram(uiLanguage()),
    };
  }

  private emitState(): void {
    if (this.stateTimer) {
      clearTimeout(this.stateTimer);
      this.stateTimer = undefined;
    }
    if (this.disposed) return;
    const s = this.state();
    for (const l of this.listeners) l(s);
  }

  /** Journal events come in bursts: one state per burst. */
  private emitStateSoon(): void {
    this.stateTimer ??= setTimeout(() => this.emitState(), 15);
  }

  async applyLimits(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      await client.configure(this.options.limits());
      await this.refresh();
    } catch (err) {
      this.options.log.warn(`sandbox: the new settings could not be applied: ${errorText(err)}`);
    }
  }

  /** Ends the worker: it closes every socket and stops the peer first. */
  async shutdown(): Promise<void> {
    this.disposed = true;
    if (this.stateTimer) clearTimeout(this.stateTimer);
    this.listeners.clear();
    const client = this.client ?? (await this.starting?.catch(() => undefined));
    this.client = undefined;
    if (client) {
      await client.dispose();
      this.options.log.info('sandbox worker ended: the panel closed');
    }
  }

  dispose(): void {
    void this.shutdown();
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A sandbox failure in the UI language: the reason by its code, the worker's own detail after it. */
function sandboxFailureText(err: SandboxClientError): string {
  switch (err.code) {
    case 'timeout':
      return ui.t('The call did not finish within winsockLens.sandbox.callTimeoutMs and was abandoned ({0}).', err.message);
    case 'cancelled':
      return ui.t('The call was cancelled ({0}).', err.message);
    case 'limit':
      return ui.t('The session already holds as many sockets as winsockLens.sandbox.maxSockets allows ({0}).', err.message);
    case 'refused-address':
      return ui.t('Only loopback addresses are allowed unless the machine setting winsockLens.sandbox.allowRemoteHosts is on ({0}).', err.message);
    case 'crashed':
      return ui.t('The sandbox worker crashed; a new one is starting ({0}).', err.message);
    default:
      return ui.t('The sandbox could not do that: {0}', err.message);
  }
}
