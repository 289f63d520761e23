// The documentation of each lint rule: the pages docs/rules/<id>.md that ship inside the extension,
// the link a diagnostic carries to its page, and the command that opens a page as a rendered
// Markdown preview (winsockLens.showRuleDocumentation).
import * as vscode from 'vscode';
import { RULES, isRuleId, ruleMeta } from '../core/lint/index';
import type { RuleId } from '../core/lint/types';
import { docsLanguage } from './docsLanguage';
import { showMarkdownPage } from './referencePage';
import * as ui from './uiText';

export const SHOW_RULE_DOCUMENTATION_COMMAND = 'winsockLens.showRuleDocumentation';

/** The rule's page inside the installed extension (there is no public web address yet). */
export function ruleDocFile(extensionUri: vscode.Uri, rule: RuleId): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, ...ruleMeta(rule).docPath.split('/'));
}

/**
 * The link a diagnostic carries to its rule's page (the Problems panel and the diagnostic hover
 * open it). It runs the command that "Show documentation" runs, so both show the same rendered,
 * read-only page; a plain file link would open the raw .md from the extension folder in an
 * editable editor.
 */
export function ruleDocUri(_extensionUri: vscode.Uri, rule: RuleId): vscode.Uri {
  return vscode.Uri.parse(`command:${SHOW_RULE_DOCUMENTATION_COMMAND}?${encodeURIComponent(JSON.stringify([rule]))}`);
}

async function showRuleDocumentation(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, rule?: unknown): Promise<void> {
  let id: RuleId | undefined;
  if (rule === undefined) {
    // From the Command Palette: let the user choose.
    const lang = docsLanguage();
    const picked = await vscode.window.showQuickPick(
      RULES.map((r) => ({ label: r.id, description: r.title[lang], id: r.id })),
      { placeHolder: ui.t('Choose a Winsock Lens lint rule') },
    );
    if (!picked) return;
    id = picked.id;
  } else if (typeof rule === 'string' && isRuleId(rule)) {
    id = rule;
  } else {
    void vscode.window.showErrorMessage(
      ui.t('Winsock Lens has no lint rule named {0}. The rules are listed in docs/rules/README.md.', String(rule)),
    );
    return;
  }
  const uri = ruleDocFile(extensionUri, id);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    const message = ui.t('The documentation page of {0} is missing from the extension ({1}). Reinstall Winsock Lens.', id, uri.toString());
    log.error(message);
    void vscode.window.showErrorMessage(message);
    return;
  }
  await showMarkdownPage(uri);
}

export function register(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_RULE_DOCUMENTATION_COMMAND, (rule?: unknown) =>
      showRuleDocumentation(context.extensionUri, log, rule),
    ),
  );
}
