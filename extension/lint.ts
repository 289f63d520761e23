// Lint in the editor, wired together: the output channel, the lint core (its .wasm files read from
// dist/), the diagnostics, the quick fixes and the rule documentation command.
import * as vscode from 'vscode';
import { createLinter, type Linter } from '../core/lint/index';
import type { DocumentParses } from './documentParses';
import * as lintCodeActions from './lintCodeActions';
import { LintDiagnostics } from './lintDiagnostics';
import * as lintRuleDocs from './lintRuleDocs';
import { sharedLog } from './log';

async function loadLinter(extensionUri: vscode.Uri): Promise<Linter> {
  return createLinter(async (file) => {
    const uri = vscode.Uri.joinPath(extensionUri, 'dist', file);
    try {
      return await vscode.workspace.fs.readFile(uri);
    } catch (err) {
      throw new Error(vscode.l10n.t('Cannot read {0}: {1}. Rebuild the extension (npm run build) so that dist/ holds the parser files.', uri.toString(), String(err)));
    }
  });
}

export function register(context: vscode.ExtensionContext, parses: DocumentParses): LintDiagnostics {
  const log = sharedLog(context);
  const linter = loadLinter(context.extensionUri);
  // A failure shows in the output channel once; every document's run then reports it too.
  linter.catch((err: unknown) => log.error(vscode.l10n.t('The lint engine could not start: {0}', err instanceof Error ? err.message : String(err))));
  context.subscriptions.push({ dispose: () => void linter.then((l) => l.dispose(), () => undefined) });
  lintRuleDocs.register(context, log);
  const diagnostics = new LintDiagnostics(linter, parses, context.extensionUri, log);
  context.subscriptions.push(diagnostics);
  lintCodeActions.register(context, diagnostics);
  return diagnostics;
}
