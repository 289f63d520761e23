// The debugger's VS Code edge: the `winsock-lens` debug type's configuration provider (launch.json's
// first configuration, a dynamic configuration for the active C/C++ file, F5 with no launch.json),
// the inline adapter factory, and the workspace-trust refusal. The adapter itself is the same code
// that runs standalone (debug-adapter/).
import * as vscode from 'vscode';
import { WinsockDebugSession } from '../debug-adapter/session';
import { readDebugSettings } from './debugSettings';

export const DEBUG_TYPE = 'winsock-lens';

const live = new Set<WinsockDebugSession>();

function isCFile(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return doc !== undefined && doc.uri.scheme === 'file' && (doc.languageId === 'c' || doc.languageId === 'cpp');
}

function configurationFor(file: string): vscode.DebugConfiguration {
  const name = file.split(/[\\/]/).pop() ?? file;
  return {
    type: DEBUG_TYPE,
    request: 'launch',
    name: vscode.l10n.t('Debug {0} (Winsock Lens)', name),
    program: file,
    stopOnEntry: false,
    traceWinsock: true,
  };
}

/** The message shown when a session is refused in Restricted Mode. */
export function untrustedMessage(): string {
  return vscode.l10n.t('The Winsock Lens debugger builds and runs native code, so it is off in untrusted workspaces. Trust this workspace to debug.');
}

class ConfigurationProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly context: vscode.ExtensionContext) {}

  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    return [
      {
        type: DEBUG_TYPE,
        request: 'launch',
        name: vscode.l10n.t('Debug the active C/C++ file (Winsock Lens)'),
        program: '${file}',
        args: [],
        stopOnEntry: false,
        traceWinsock: true,
      },
    ];
  }

  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(untrustedMessage());
      return undefined;
    }
    // F5 without launch.json: an empty configuration.
    if (!config.type && !config.request && !config.name) {
      const doc = vscode.window.activeTextEditor?.document;
      if (!isCFile(doc)) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a C or C++ file to debug it with Winsock Lens, or add a launch configuration.'));
        return undefined;
      }
      config = configurationFor(doc.uri.fsPath);
    }
    if (!config.program) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The launch configuration has no "program": give a .c/.cpp file or an .exe.'));
      return undefined;
    }
    const settings = readDebugSettings();
    return {
      ...config,
      ...(config.miDebuggerPath || !settings.miDebuggerPath ? {} : { miDebuggerPath: settings.miDebuggerPath }),
      ...(config.winePath || !settings.winePath ? {} : { winePath: settings.winePath }),
      storageDir: config.storageDir ?? vscode.Uri.joinPath(this.context.globalStorageUri, 'debug').fsPath,
      language: config.language ?? vscode.env.language,
    };
  }
}

class DynamicProvider implements vscode.DebugConfigurationProvider {
  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    const doc = vscode.window.activeTextEditor?.document;
    return isCFile(doc) ? [configurationFor(doc.uri.fsPath)] : [];
  }
}

class InlineFactory implements vscode.DebugAdapterDescriptorFactory {
  createDebugAdapterDescriptor(): vscode.ProviderResult<vscode.DebugAdapterDescriptor> {
    if (!vscode.workspace.isTrusted) throw new Error(untrustedMessage());
    const session = new WinsockDebugSession();
    live.add(session);
    return new vscode.DebugAdapterInlineImplementation(session);
  }
}

export function register(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new ConfigurationProvider(context)),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new DynamicProvider(), vscode.DebugConfigurationProviderTriggerKind.Dynamic),
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, new InlineFactory()),
  );
}

/** Ends every session's program, gdb and Wine processes (VS Code is closing). */
export async function deactivate(): Promise<void> {
  const sessions = [...live];
  live.clear();
  await Promise.all(sessions.map((s) => s.shutdownNow().catch(() => {})));
}
