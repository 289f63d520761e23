// The launch configuration of the `winsock-lens` debug type, kept in sync with package.json's
// "debuggers" configurationAttributes (test/unit/debug-launch-args.test.ts compares the two).
import type { DebugProtocol } from '@vscode/debugprotocol';
import { PEER_BEHAVIOURS, type PeerBehaviour } from '../core/protocol/sandbox';

export type PeerMode = PeerBehaviour;

export interface PeerConfig {
  readonly behaviour: PeerMode;
  /** Passed to the program as this argument; `${port}` in it is replaced (default: appended as the last argument). */
  readonly arg?: string;
  /** Or through this environment variable. */
  readonly env?: string;
  /** The loopback port to listen on (1–65535); without it the system chooses a free one. */
  readonly port?: number;
}

export interface WinsockLaunchArguments extends DebugProtocol.LaunchRequestArguments {
  /** A .c/.cpp file (compiled by the adapter) or an .exe. */
  program: string;
  args?: string[];
  cwd?: string;
  env?: Record<string, string>;
  stopOnEntry?: boolean;
  compilerPath?: string;
  compilerArgs?: string[];
  miDebuggerPath?: string;
  winePath?: string;
  gdbserverPath?: string;
  peer?: PeerConfig | PeerMode;
  traceWinsock?: boolean;
  /** Where the program's own output goes: the debug console (default) or a terminal the client opens. */
  console?: ProgramConsole;
  /** Where the adapter keeps builds and its Wine prefix (the extension passes its global storage). */
  storageDir?: string;
  /** Messages in this language (`en` or `ru`); the extension passes VS Code's display language. */
  language?: string;
  /** Log every MI line to the debug console. */
  trace?: boolean;
}

export type ProgramConsole = 'internalConsole' | 'integratedTerminal' | 'externalTerminal';
export const PROGRAM_CONSOLES: readonly ProgramConsole[] = ['internalConsole', 'integratedTerminal', 'externalTerminal'];

export const LAUNCH_ATTRIBUTES: readonly (keyof WinsockLaunchArguments)[] = [
  'program', 'args', 'cwd', 'env', 'stopOnEntry', 'compilerPath', 'compilerArgs', 'miDebuggerPath',
  'winePath', 'gdbserverPath', 'peer', 'traceWinsock', 'console', 'storageDir', 'language', 'trace',
];

/** What is wrong with the arguments (a message key and its detail), or undefined. */
export function launchArgumentProblem(a: Partial<WinsockLaunchArguments>): { key: 'noProgram' | 'badProgram' | 'badPeer' | 'badPeerPort' | 'badConsole'; detail: string } | undefined {
  if (typeof a.program !== 'string' || a.program.trim() === '') return { key: 'noProgram', detail: '' };
  if (!/\.(c|cc|cpp|cxx|exe)$/i.test(a.program)) return { key: 'badProgram', detail: a.program };
  if (a.console !== undefined && !PROGRAM_CONSOLES.includes(a.console)) return { key: 'badConsole', detail: JSON.stringify(a.console) };
  if (a.peer !== undefined) {
    const b = typeof a.peer === 'string' ? a.peer : a.peer?.behaviour;
    if (!PEER_BEHAVIOURS.includes(b as PeerMode)) return { key: 'badPeer', detail: String(b) };
    const port = typeof a.peer === 'object' ? a.peer.port : undefined;
    if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) return { key: 'badPeerPort', detail: JSON.stringify(port) };
  }
  return undefined;
}
