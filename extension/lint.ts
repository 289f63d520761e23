// Lint in the editor, wired together: the output channel, the lint core (on the parse cache's
// parser), the diagnostics, the quick fixes and the rule documentation command.
import * as vscode from 'vscode';
import { createLinter } from '../core/lint/index';
import type { DocumentParses } from './documentParses';
import * as lintCodeActions from './lintCodeActions';
import { LintDiagnostics } from './lintDiagnostics';
import * as lintRuleDocs from './lintRuleDocs';
import { sharedLog } from './log';
import * as ui from './uiText';

export function register(context: vscode.ExtensionContext, parses: DocumentParses): LintDiagnostics {
  const log = sharedLog(context);
  // The linter parses with the parse cache's parser: the grammars are loaded once.
  const linter = parses.loadParser().then((parser) => createLinter(parser));
  // A failure shows in the output channel once; every document's run then reports it too.
  linter.catch((err: unknown) => log.error(ui.t('The lint engine could not start: {0}', err instanceof Error ? err.message : String(err))));
  context.subscriptions.push({ dispose: () => void linter.then((l) => l.dispose(), () => undefined) });
  lintRuleDocs.register(context, log);
  const diagnostics = new LintDiagnostics(linter, parses, context.extensionUri, log);
  context.subscriptions.push(diagnostics);
  lintCodeActions.register(context, diagnostics);
  return diagnostics;
}
