// Lint in the editor, wired together: the output channel, the lint core (on the parse cache's
// parser), the diagnostics, the quick fixes and the rule documentation command.
import * as vscode from 'vscode';
import { SummaryIndex } from '../core/lint/project-summaries';
import { createLinter } from '../core/lint/index';
import type { DocumentParses } from './documentParses';
import * as lintCodeActions from './lintCodeActions';
import { LintDiagnostics } from './lintDiagnostics';
import { LintProjects } from './lintProject';
import { affectsLint, affectsProject, LINT_SECTION } from './lintSettings';
import { LintStatus } from './lintStatus';
import { WorkspaceLint } from './lintWorkspace';
import * as lintRuleDocs from './lintRuleDocs';
import { sharedLog } from './log';
import * as ui from './uiText';

/** The parts of the lint the extension's own tests reach through the API. */
export interface LintParts {
  readonly diagnostics: LintDiagnostics;
  readonly workspace: WorkspaceLint;
  readonly status: LintStatus;
}

export function register(context: vscode.ExtensionContext, parses: DocumentParses): LintParts {
  const log = sharedLog(context);
  // The linter parses with the parse cache's parser: the grammars are loaded once.
  const linter = parses.loadParser().then((parser) => createLinter(parser));
  // A failure shows in the output channel once; every document's run then reports it too.
  linter.catch((err: unknown) => log.error(ui.t('The lint engine could not start: {0}', err instanceof Error ? err.message : String(err))));
  context.subscriptions.push({ dispose: () => void linter.then((l) => l.dispose(), () => undefined) });
  lintRuleDocs.register(context, log);
  const projects = new LintProjects(log);
  // What the functions of every linted file do: open documents and the background share it.
  const summaries = new SummaryIndex();
  const diagnostics = new LintDiagnostics(linter, parses, context.extensionUri, log, projects, summaries);
  const status = new LintStatus();
  const workspace = new WorkspaceLint(linter, diagnostics, projects, status, log, summaries);
  context.subscriptions.push(projects, diagnostics, status, workspace);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsProject(e)) {
        projects.invalidate();
        diagnostics.projectChanged();
      }
      if (affectsLint(e) || e.affectsConfiguration(LINT_SECTION)) workspace.settingsChanged();
    }),
  );
  lintCodeActions.register(context, diagnostics);
  return { diagnostics, workspace, status };
}
