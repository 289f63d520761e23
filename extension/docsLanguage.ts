// The language of the Winsock documentation: the `winsockLens.docs.language` setting, where `auto`
// follows VS Code's display language. The decision itself lives in core/hover/language.ts.
import * as vscode from 'vscode';
import type { Lang } from '../core/model/types';
import { chooseDocsLanguage } from '../core/hover/language';

/** Read on every call, so a changed setting applies to the next hover without a reload. */
export function docsLanguage(): Lang {
  const setting = vscode.workspace.getConfiguration('winsockLens.docs').get<string>('language');
  return chooseDocsLanguage(setting, vscode.env.language);
}
