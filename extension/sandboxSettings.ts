// The sandbox's settings (winsockLens.sandbox.*), read and clamped to the ranges the worker accepts.
import * as vscode from 'vscode';
import type { SandboxLimits } from '../core/protocol/sandbox';

export const SANDBOX_SECTION = 'winsockLens.sandbox';

function clampInt(v: unknown, min: number, max: number, fallback: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return fallback;
  return Math.min(max, Math.max(min, Math.round(v)));
}

export function readSandboxLimits(): SandboxLimits {
  const c = vscode.workspace.getConfiguration(SANDBOX_SECTION);
  return {
    allowRemoteHosts: c.get<unknown>('allowRemoteHosts') === true,
    callTimeoutMs: clampInt(c.get<unknown>('callTimeoutMs'), 1, 600_000, 5000),
    maxSockets: clampInt(c.get<unknown>('maxSockets'), 1, 4096, 64),
  };
}
