// The language status item of the lint (the {} in the status bar for C and C++ files): how far the
// background lint of the workspace has come, how many files it covers, and when the file limit
// was hit, a warning that says so and how to raise it.
import * as vscode from 'vscode';
import * as ui from './uiText';

export class LintStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('winsockLens.lint', [{ language: 'c' }, { language: 'cpp' }]);

  constructor() {
    this.item.name = ui.t('Winsock Lens lint');
    this.openFilesOnly();
  }

  openFilesOnly(): void {
    this.item.busy = false;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    this.item.text = ui.t('Winsock Lens: open files');
    this.item.detail = ui.t('Only open files are linted (winsockLens.lint.scope)');
    this.item.command = { title: ui.t('Settings'), command: 'workbench.action.openSettings', arguments: ['winsockLens.lint.scope'] };
  }

  progress(done: number, total: number): void {
    this.item.busy = true;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
    this.item.text = ui.t('Winsock Lens: {0}/{1} files', done, total);
    this.item.detail = ui.t('Linting the workspace in the background');
  }

  finished(files: number, limit: number | undefined): void {
    this.item.busy = false;
    this.item.text = ui.t('Winsock Lens: {0} files', files);
    if (limit !== undefined) {
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
      this.item.detail = ui.t('Only the first {0} files were linted (winsockLens.lint.maxWorkspaceFiles)', limit);
      this.item.command = { title: ui.t('Raise the limit'), command: 'workbench.action.openSettings', arguments: ['winsockLens.lint.maxWorkspaceFiles'] };
    } else {
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      this.item.detail = ui.t('Workspace linted');
      this.item.command = { title: ui.t('Settings'), command: 'workbench.action.openSettings', arguments: ['winsockLens.lint.scope'] };
    }
  }

  /** For the tests: what the item shows. */
  get state(): { text: string; busy: boolean; severity: vscode.LanguageStatusSeverity; detail: string | undefined } {
    return { text: this.item.text, busy: this.item.busy, severity: this.item.severity, detail: this.item.detail };
  }

  dispose(): void {
    this.item.dispose();
  }
}
