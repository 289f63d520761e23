// The `winsockLens.lint.*` settings of one document (they are resource-scoped: a folder or a
// workspace can set its own), read fresh on every lint run. The checking of the values lives in
// core/lint/editor-settings.ts.
import * as vscode from 'vscode';
import { parseLintSettings, type EditorLintSettings } from '../core/lint/editor-settings';

export const LINT_SECTION = 'winsockLens.lint';

export function readLintSettings(document: vscode.TextDocument): EditorLintSettings {
  const config = vscode.workspace.getConfiguration(LINT_SECTION, document);
  return parseLintSettings({
    enabled: config.get<unknown>('enabled'),
    rules: config.get<unknown>('rules'),
    defines: config.get<unknown>('defines'),
    closeFunctions: config.get<unknown>('closeFunctions'),
  });
}

/** The settings of a file that may not be open (the background lint). */
export function readLintSettingsFor(uri: vscode.Uri): EditorLintSettings {
  const config = vscode.workspace.getConfiguration(LINT_SECTION, uri);
  return parseLintSettings({
    enabled: config.get<unknown>('enabled'),
    rules: config.get<unknown>('rules'),
    defines: config.get<unknown>('defines'),
    closeFunctions: config.get<unknown>('closeFunctions'),
  });
}

/** A stable key of the preprocessor inputs: when it changes, the parse of the document must be redone. */
export function definesKey(settings: EditorLintSettings): string {
  return JSON.stringify(Object.entries(settings.options.defines).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Whether a configuration change can change the findings or their wording. */
export function affectsLint(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(LINT_SECTION) || event.affectsConfiguration('winsockLens.docs.language');
}

export function affectsDefines(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${LINT_SECTION}.defines`);
}

/** `winsockLens.lint.scope`: every C/C++ file of the workspace in the background, or only open files. */
export type LintScope = 'workspace' | 'openFiles';

export function lintScope(): LintScope {
  return vscode.workspace.getConfiguration(LINT_SECTION).get<string>('scope') === 'openFiles' ? 'openFiles' : 'workspace';
}

/** `winsockLens.lint.maxWorkspaceFiles`: the bound of the background lint. */
export const DEFAULT_MAX_WORKSPACE_FILES = 5000;
export function maxWorkspaceFiles(): number {
  const n = vscode.workspace.getConfiguration(LINT_SECTION).get<unknown>('maxWorkspaceFiles');
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : DEFAULT_MAX_WORKSPACE_FILES;
}

/** Whether a configuration change touches the project model (which compilation database). */
export function affectsProject(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${LINT_SECTION}.compileCommands`);
}
