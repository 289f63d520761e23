// The language server on the VS Code-free core: diagnostics (pushed after open and after each change,
// debounced), hover and quick fixes for C and C++ documents, with settings from the client. No Node
// built-ins here: main.ts hands in how to read the .wasm files and where the rule pages are.
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, MessageType, ShowMessageNotification, TextDocumentSyncKind, TextDocuments,
  type Connection, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLinter, type Linter } from '../core/lint/index';
import type { LintOptions } from '../core/lint/types';
import { SummaryIndex } from '../core/lint/project-summaries';
import { CParser, chooseGrammar, type WasmLoader } from '../core/parse/parser';
import { codeActionsFor, type LintedVersion } from './codeActions';
import { toDiagnostic } from './diagnostics';
import { DocumentTrees } from './documents';
import { hoverFor } from './hover';
import { ServerProject, type ProjectAccess } from './project';
import { readServerSettings, SETTINGS_SECTION, type ServerSettings } from './settings';

export interface ServerOptions {
  readonly loadWasm: WasmLoader;
  /** The address of a rule's documentation page (codeDescription.href). */
  readonly ruleDoc: (rule: string) => string;
  readonly version: string;
  /** How to read project files (.winsock-lens.json, compile_commands.json, headers); none: settings only. */
  readonly project?: ProjectAccess;
}

/** Quiet time after the last change before a document is linted again. */
export const LINT_DELAY_MS = 150;

interface Engine {
  readonly linter: Linter;
  readonly trees: DocumentTrees;
  readonly parser: CParser;
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  let locale = 'en';
  let canAskConfiguration = false;
  let canRegisterConfiguration = false;
  let canWatchFiles = false;
  const project = new ServerProject(options.project);
  /** The lint options each document was last linted with (hover blanks the same #if branches). */
  const lastOptions = new Map<string, Omit<LintOptions, 'language'>>();
  /** What the client last pushed with workspace/didChangeConfiguration (its `winsockLens` part). */
  let pushedSettings: unknown;
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  const results = new Map<string, LintedVersion>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** What the functions of the open documents do: a wrapper in one is seen through in the others. */
  const summaries = new SummaryIndex();
  const reportedProblems = new Set<string>();
  let engine: Promise<Engine> | undefined;
  let engineFailureShown = false;

  /**
   * Shows a message (window/showMessage: a notification, so a client that has no message UI, or
   * does not answer window/showMessageRequest, cannot make the server wait or fail).
   */
  const tell = (type: MessageType, message: string): void => {
    connection.sendNotification(ShowMessageNotification.type, { type, message }).catch(() => undefined);
  };

  const loadEngine = (): Promise<Engine> => {
    engine ??= (async () => {
      const parser = await CParser.create(options.loadWasm);
      return { parser, linter: await createLinter(parser), trees: new DocumentTrees(parser) };
    })().catch((err: unknown) => {
      engine = undefined;
      throw err;
    });
    return engine;
  };

  const settingsFor = (uri: string): Promise<ServerSettings> => {
    let s = settingsCache.get(uri);
    if (!s) {
      s = (canAskConfiguration
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then((raw: unknown) => raw ?? pushedSettings)
        : Promise.resolve(pushedSettings)
      ).then(
        (raw) => readServerSettings(raw, locale),
        (err: unknown) => {
          connection.console.warn(`workspace/configuration failed (${String(err)}); using the defaults`);
          return readServerSettings(undefined, locale);
        },
      );
      settingsCache.set(uri, s);
    }
    return s;
  };

  const lint = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc) return;
    const { version } = doc;
    const settings = await settingsFor(uri);
    for (const p of settings.lint.problems) {
      if (reportedProblems.has(p.en)) continue;
      reportedProblems.add(p.en);
      tell(MessageType.Warning, p[settings.lang]);
    }
    if (!settings.lint.enabled) {
      results.delete(uri);
      await connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const setup = await project.setupFor(uri, doc.getText(), settings, settings.lang);
    for (const p of setup.problems) {
      if (reportedProblems.has(p)) continue;
      reportedProblems.add(p);
      tell(MessageType.Warning, `Winsock Lens: ${p}`);
    }
    if (setup.ignored) {
      results.delete(uri);
      await connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    let e: Engine;
    try {
      e = await loadEngine();
    } catch (err) {
      if (!engineFailureShown) {
        engineFailureShown = true;
        const reason = err instanceof Error ? err.message : String(err);
        tell(MessageType.Error, settings.lang === 'ru'
          ? `Winsock Lens: не удалось запустить проверку кода: ${reason}. Переустановите пакет winsock-lens.`
          : `Winsock Lens: the lint engine could not start: ${reason}. Reinstall the winsock-lens package.`);
      }
      return;
    }
    const current = documents.get(uri);
    if (!current || current.version !== version) return; // a newer run is scheduled
    const text = current.getText();
    const language = chooseGrammar(new URL(uri).pathname, text, current.languageId);
    lastOptions.set(uri, setup.options);
    const report = e.trees.withTree(uri, version, text, current.languageId, setup.options.defines,
      (tree) => e.linter.checkTree(tree, text, { ...setup.options, language, summaries: summaries.merged() }));
    const findings = report.findings;
    // A wrapper this document defines changed: the other open documents read it anew.
    if (summaries.update(uri, report.summaries)) for (const other of documents.keys()) if (other !== uri) schedule(other, LINT_DELAY_MS);
    const items = findings.map((finding) => ({ finding, diagnostic: toDiagnostic(uri, finding, settings.lang, options.ruleDoc) }));
    results.set(uri, { version, items });
    await connection.sendDiagnostics({ uri, version, diagnostics: items.map((i) => i.diagnostic) });
  };

  const schedule = (uri: string, delayMs: number): void => {
    const pending = timers.get(uri);
    if (pending !== undefined) clearTimeout(pending);
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      lint(uri).catch((err: unknown) => {
        connection.console.error(`lint failed for ${uri}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        results.delete(uri);
        connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
      });
    }, delayMs));
  };

  connection.onInitialize((params): InitializeResult => {
    locale = params.locale ?? 'en';
    // Some clients (Helix's `config`) also hand the settings over as initialization options.
    const init = params.initializationOptions as Record<string, unknown> | null | undefined;
    if (init && typeof init === 'object' && init[SETTINGS_SECTION] !== undefined) pushedSettings = init[SETTINGS_SECTION];
    canAskConfiguration = params.capabilities.workspace?.configuration === true;
    canRegisterConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    // The parser loads while the client finishes its start-up.
    loadEngine().catch(() => undefined);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'winsock-lens-lsp', version: options.version },
    };
  });

  connection.onInitialized(() => {
    if (canRegisterConfiguration) connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    if (canWatchFiles) {
      connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/.winsock-lens.json' }, { globPattern: '**/compile_commands.json' }, { globPattern: '**/*.{h,hh,hpp,hxx}' }],
      }).catch(() => undefined);
    }
  });

  // A project file changed (clients that watch files for the server): read the project again.
  connection.onDidChangeWatchedFiles(() => {
    project.invalidate();
    for (const doc of documents.all()) schedule(doc.uri, LINT_DELAY_MS);
  });

  connection.onDidChangeConfiguration((change) => {
    const all = change.settings as Record<string, unknown> | null | undefined;
    pushedSettings = all && typeof all === 'object' ? (all[SETTINGS_SECTION] ?? pushedSettings) : pushedSettings;
    settingsCache.clear();
    project.invalidate();
    for (const doc of documents.all()) schedule(doc.uri, 0);
  });

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => {
    if (e.document.version > 1 || timers.has(e.document.uri)) schedule(e.document.uri, LINT_DELAY_MS);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const pending = timers.get(uri);
    if (pending !== undefined) clearTimeout(pending);
    timers.delete(uri);
    results.delete(uri);
    settingsCache.delete(uri);
    lastOptions.delete(uri);
    // The server cannot follow a closed file: its wrappers no longer count.
    if (summaries.forget(uri)) for (const other of documents.keys()) if (other !== uri) schedule(other, LINT_DELAY_MS);
    void engine?.then((en) => en.trees.forget(uri), () => undefined);
    connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const settings = await settingsFor(doc.uri);
    if (!settings.hoverEnabled) return null;
    const e = await loadEngine();
    const current = documents.get(doc.uri) ?? doc;
    const text = current.getText();
    const defines = (lastOptions.get(current.uri) ?? settings.lint.options).defines;
    return e.trees.withTree(current.uri, current.version, text, current.languageId, defines,
      (tree) => hoverFor(tree, current.offsetAt(params.position), settings.lang, (o) => current.positionAt(o)));
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty)) return [];
    const settings = await settingsFor(doc.uri);
    return codeActionsFor(doc.uri, doc.version, results.get(doc.uri), params.range, params.context.diagnostics, settings.lang);
  });

  connection.onShutdown(async () => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    const e = await engine?.catch(() => undefined);
    e?.trees.dispose();
    e?.linter.dispose();
    e?.parser.dispose();
  });

  documents.listen(connection);
}
