// The background lint of the whole workspace (winsockLens.lint.scope = "workspace", the default):
// every C/C++ file is read from disk, linted with its project setup and its findings shown in the
// Problems panel, opened or not; a file watcher keeps them current. Open documents are the editor
// lint's (lintDiagnostics.ts): this one leaves them alone. It never competes with typing: it lints
// one file at a time, yields to the event loop between files and waits while the user is editing.
// The number of files is bounded by winsockLens.lint.maxWorkspaceFiles. Each file's function
// summaries go to the shared SummaryIndex; when they moved during a pass, the files that call a
// wrapper defined in another file are linted once more (a text test picks them).
import * as vscode from 'vscode';
import * as ui from './uiText';
import type { Linter } from '../core/lint/index';
import { resolveOptions } from '../core/lint/index';
import { chooseGrammar } from '../core/parse/parser';
import { decodeSource } from '../core/project/decode';
import type { LintDiagnostics } from './lintDiagnostics';
import type { LintProjects } from './lintProject';
import { callsSummarized, type SummaryIndex } from '../core/lint/project-summaries';
import { lintScope, maxWorkspaceFiles, readLintSettingsFor } from './lintSettings';
import type { LintStatus } from './lintStatus';

const SOURCE_GLOB = '**/*.{c,cc,cpp,cxx,h,hh,hpp,hxx,C,CC,CPP,CXX,H,HH,HPP,HXX}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';
/** A path SOURCE_GLOB matches, and the folders EXCLUDE_GLOB leaves out. */
const SOURCE_NAME = /\.(?:c|cc|cpp|cxx|h|hh|hpp|hxx)$/i;
const SKIPPED_FOLDER = /\/(?:node_modules|\.git)(?:\/|$)/;
const PROJECT_FILES_GLOB = '**/{.winsock-lens.json,compile_commands.json}';
/** The background waits this long after the last edit before it lints the next file. */
export const TYPING_IDLE_MS = 400;
/** Files over this size are left out of the background lint (the CLI's limit too). */
const MAX_BYTES = 16 * 1024 * 1024;
/** Passes for changed summaries in a row (a wrapper of a wrapper in another file needs one more). */
const MAX_SUMMARY_PASSES = 3;

export class WorkspaceLint implements vscode.Disposable {
  private readonly queue = new Map<string, vscode.Uri>();
  private readonly known = new Set<string>();
  private running = false;
  private lastEdit = 0;
  private disposed = false;
  private done = 0;
  private total = 0;
  private limitHit: number | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private idleWaiters: (() => void)[] = [];
  private generation = 0;
  /** The merged summaries changed since the files in the queue were listed: check them again after it. */
  private summariesMoved = false;
  /** Passes made only for changed summaries, since the last change from outside (capped: a wrapper of a wrapper across files settles in a few). */
  private summaryPasses = 0;
  /** Files queued by such a pass: linted only when they call a wrapper defined in another file. */
  private readonly summaryCheckOnly = new Set<string>();

  constructor(
    private readonly linter: Promise<Linter>,
    private readonly diagnostics: LintDiagnostics,
    private readonly projects: LintProjects,
    private readonly status: LintStatus,
    private readonly log: vscode.LogOutputChannel,
    private readonly summaries: SummaryIndex,
  ) {
    const sources = vscode.workspace.createFileSystemWatcher(SOURCE_GLOB);
    const projectFiles = vscode.workspace.createFileSystemWatcher(PROJECT_FILES_GLOB);
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.subscriptions.push(
      sources,
      projectFiles,
      sources.onDidCreate((uri) => this.enqueue(uri)),
      sources.onDidChange((uri) => {
        // A header can define the project's macros: everything that includes it may change.
        if (/\.(h|hh|hpp|hxx)$/i.test(uri.path)) this.projectChanged();
        else this.enqueue(uri);
      }),
      sources.onDidDelete((uri) => this.forgetFile(uri)),
      // A folder made or removed in one go (a checkout, an unpacked archive): the watcher may
      // report the folder alone, not the files in it.
      folders,
      folders.onDidCreate((uri) => void this.folderCreated(uri)),
      folders.onDidDelete((uri) => {
        const prefix = `${uri.toString()}/`;
        for (const k of [...this.known]) if (k.startsWith(prefix)) this.forgetFile(vscode.Uri.parse(k));
      }),
      projectFiles.onDidCreate(() => this.projectChanged()),
      projectFiles.onDidChange(() => this.projectChanged()),
      projectFiles.onDidDelete(() => this.projectChanged()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.lastEdit = performance.now();
      }),
      // A closed document's diagnostics are dropped by the editor lint: show the file's saved state again.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (this.known.has(doc.uri.toString())) this.enqueue(doc.uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.start()),
      { dispose: summaries.subscribe(() => (this.summariesMoved = true)) },
    );
    void this.start();
  }

  /** (Re)lists the workspace and lints every file again. */
  async start(): Promise<void> {
    const generation = ++this.generation;
    if (this.disposed) return;
    if (lintScope() !== 'workspace' || !vscode.workspace.workspaceFolders?.length) {
      this.queue.clear();
      for (const k of this.known) this.diagnostics.clearBackground(vscode.Uri.parse(k));
      this.known.clear();
      this.status.openFilesOnly();
      return;
    }
    const limit = maxWorkspaceFiles();
    const found = await vscode.workspace.findFiles(SOURCE_GLOB, EXCLUDE_GLOB, limit + 1);
    if (generation !== this.generation || this.disposed) return;
    found.sort((a, b) => (a.toString() < b.toString() ? -1 : 1));
    this.limitHit = found.length > limit ? limit : undefined;
    const files = found.slice(0, limit);
    if (this.limitHit !== undefined) {
      const text = ui.t(
        'Winsock Lens lints only the first {0} C/C++ files of this workspace in the background (winsockLens.lint.maxWorkspaceFiles); open files are always linted.',
        limit,
      );
      this.log.warn(text);
      void vscode.window.showWarningMessage(text);
    }
    const keep = new Set(files.map((u) => u.toString()));
    for (const k of this.known) if (!keep.has(k)) this.diagnostics.clearBackground(vscode.Uri.parse(k));
    this.known.clear();
    for (const k of keep) this.known.add(k);
    this.queue.clear();
    this.summaryCheckOnly.clear();
    this.done = 0;
    this.total = 0;
    for (const u of files) this.enqueue(u);
  }

  private projectChanged(): void {
    this.projects.invalidate();
    this.diagnostics.projectChanged();
    for (const k of this.known) this.enqueue(vscode.Uri.parse(k));
  }

  /** Re-reads the setting and lists the workspace again. */
  settingsChanged(): void {
    void this.start();
  }

  private forgetFile(uri: vscode.Uri): void {
    this.known.delete(uri.toString());
    this.queue.delete(uri.toString());
    this.diagnostics.clearBackground(uri);
    // Its wrappers are gone: the files that called them are checked again.
    if (this.summaries.forget(uri.toString())) {
      this.summaryPasses = 0;
      void this.run();
    }
  }

  /** A new folder: its source files are queued (the watcher may not report them one by one). */
  private async folderCreated(uri: vscode.Uri): Promise<void> {
    if (this.disposed || lintScope() !== 'workspace' || SOURCE_NAME.test(uri.path) || SKIPPED_FOLDER.test(uri.path)) return;
    try {
      if (!((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory)) return;
      const files = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, SOURCE_GLOB), EXCLUDE_GLOB, maxWorkspaceFiles());
      for (const f of files) this.enqueue(f);
    } catch {
      // Gone again before it was read: nothing to lint.
    }
  }

  private enqueue(uri: vscode.Uri): void {
    if (this.disposed || lintScope() !== 'workspace') return;
    const key = uri.toString();
    if (!this.known.has(key)) {
      if (this.known.size >= maxWorkspaceFiles()) return;
      this.known.add(key);
    }
    this.summaryCheckOnly.delete(key); // a change from outside: lint it whole
    this.summaryPasses = 0;
    if (!this.queue.has(key)) {
      this.queue.set(key, uri);
      this.total++;
    }
    void this.run();
  }

  /** After the queue: when the merged summaries moved while it ran, the files that call a wrapper are linted again. */
  private queueSummaryPass(): boolean {
    if (!this.summariesMoved || this.summaryPasses >= MAX_SUMMARY_PASSES) return false;
    this.summariesMoved = false;
    this.summaryPasses++;
    for (const k of this.known) {
      if (this.queue.has(k)) continue;
      this.queue.set(k, vscode.Uri.parse(k));
      this.summaryCheckOnly.add(k);
      this.total++;
    }
    return this.queue.size > 0;
  }

  /** Resolves when the queue is empty (for the tests and the status item). */
  whenIdle(): Promise<void> {
    if (!this.running && this.queue.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get state(): { queued: number; running: boolean; files: number } {
    return { queued: this.queue.size, running: this.running, files: this.known.size };
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const linter = await this.linter;
      while (!this.disposed && (this.queue.size > 0 || this.queueSummaryPass())) {
        // Typing first: wait until the user has paused.
        for (let quiet = performance.now() - this.lastEdit; quiet < TYPING_IDLE_MS; quiet = performance.now() - this.lastEdit) {
          await sleep(TYPING_IDLE_MS - quiet);
        }
        const [key, uri] = this.queue.entries().next().value as [string, vscode.Uri];
        this.queue.delete(key);
        const checkOnly = this.summaryCheckOnly.delete(key);
        await this.lintFile(linter, uri, checkOnly);
        this.done++;
        this.status.progress(this.done, Math.max(this.total, this.done));
        await sleep(0); // let pending edits and other events in
      }
    } catch (err) {
      this.log.error(ui.t('The background lint stopped: {0}', err instanceof Error ? err.message : String(err)));
    } finally {
      this.running = false;
      if (!this.disposed) {
        if (lintScope() === 'workspace') this.status.finished(this.known.size, this.limitHit);
        this.done = 0;
        this.total = 0;
      }
      const waiters = this.idleWaiters.splice(0);
      for (const w of waiters) w();
    }
  }

  private async lintFile(linter: Linter, uri: vscode.Uri, onlyIfCalling: boolean): Promise<void> {
    if (this.diagnostics.isOpen(uri)) return; // the editor lint has it
    let bytes: Uint8Array;
    try {
      const st = await vscode.workspace.fs.stat(uri);
      if (st.size > MAX_BYTES || st.type & vscode.FileType.Directory) return;
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      this.diagnostics.clearBackground(uri);
      return;
    }
    const decoded = decodeSource(bytes);
    if (decoded.kind !== 'text') {
      this.diagnostics.clearBackground(uri);
      return;
    }
    // A pass for changed summaries: a file that calls no wrapper of another file keeps its findings.
    if (onlyIfCalling && !callsSummarized(decoded.text, this.summaries.merged(), this.summaries.of(uri.toString()))) return;
    const settings = readLintSettingsFor(uri);
    if (!settings.enabled) {
      this.diagnostics.clearBackground(uri);
      return;
    }
    const setup = await this.projects.setupFor(uri, decoded.text, settings);
    if (setup?.ignored) {
      this.diagnostics.clearBackground(uri);
      return;
    }
    const options = { ...resolveOptions(setup?.options ?? settings.options), language: chooseGrammar(uri.path, decoded.text), summaries: this.summaries.merged() };
    try {
      const report = linter.checkText(decoded.text, uri.path, options);
      this.summaries.update(uri.toString(), report.summaries);
      if (this.diagnostics.isOpen(uri)) return; // opened meanwhile
      this.diagnostics.setBackground(uri, report);
    } catch (err) {
      this.log.warn(ui.t('Lint failed for {0}: {1}', uri.toString(true), err instanceof Error ? err.message : String(err)));
      this.diagnostics.clearBackground(uri);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.queue.clear();
    for (const s of this.subscriptions) s.dispose();
    const waiters = this.idleWaiters.splice(0);
    for (const w of waiters) w();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
