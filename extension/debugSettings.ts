// The debugger's settings (winsockLens.debug.*): machine paths of gdb and Wine, used when a launch
// configuration does not name its own.
import * as vscode from 'vscode';

export const DEBUG_SECTION = 'winsockLens.debug';

export interface DebugSettings {
  readonly miDebuggerPath: string;
  readonly winePath: string;
}

export function readDebugSettings(): DebugSettings {
  const c = vscode.workspace.getConfiguration(DEBUG_SECTION);
  const str = (k: string) => {
    const v = c.get<unknown>(k);
    return typeof v === 'string' ? v.trim() : '';
  };
  return { miDebuggerPath: str('miDebuggerPath'), winePath: str('winePath') };
}
