// What the rules read: a call on a tracked socket with the states that the paths reaching it leave
// that socket in, as the analysis solved them. Places are plain offsets (`Site`), so a rule file
// knows nothing of tree-sitter; the analysis fills these in and turns `report` into a finding.
import type { FunctionEntry, Localized, SocketState } from '../../model/types';
import type { QuickFix, RuleId, Severity, TextEdit } from '../types';
import type { Earlier, RuleMeta } from './rule';

/** The lint's abstract socket states (a coarser view of the model's, plus Winsock's own state). */
export type LintState =
  | 'unknown'
  | 'live' // created, bound, listening, connecting or connected: usable
  | 'send-shut'
  | 'receive-shut'
  | 'both-shut'
  | 'disconnected' // DisconnectEx / TF_DISCONNECT without TF_REUSE_SOCKET
  | 'reusable' // after DisconnectEx(TF_REUSE_SOCKET)
  | 'closed'
  | 'closed-maybe' // closesocket whose result is examined in a function that retries on WSAEWOULDBLOCK
  | 'invalid' // INVALID_SOCKET / NULL: no socket
  | 'wsa-none' // (pseudo-key $wsa) before WSAStartup
  | 'wsa-on'
  | 'wsa-off'; // after WSACleanup

/** States after a shutdown or disconnect of some direction. */
export const SHUT: ReadonlySet<LintState> = new Set<LintState>(['send-shut', 'receive-shut', 'both-shut', 'disconnected']);

/** A span of the source: the call or statement a finding points at. */
export interface Site {
  readonly startIndex: number;
  readonly endIndex: number;
}

/** One path's state of a socket (or of Winsock) when it reaches a call. */
export interface PathFact {
  readonly st: LintState;
  /** The call that put the socket in this state. */
  readonly at: Site | null;
  /** Never reported from: a test on this path could not be followed. */
  readonly unsure: boolean;
  /** The call that turned sending off, when it was not the last event. */
  readonly sendShutBy?: Site | null;
  /** This path is the failure branch of that call (it took no effect). */
  readonly revertedFrom?: Site | null;
}

/** What a call does to its socket's directions, as the model's roles and its arguments say. */
export type Stops = 'send' | 'receive' | 'disconnect' | null;

/** A call to a Winsock function (or a project's close wrapper), as the rules read it. */
export interface CallSite {
  readonly at: Site;
  /** The model's entry; null for a project's close wrapper. */
  readonly fn: FunctionEntry | null;
  /** The callee's name as written. */
  readonly name: string;
  /** The call as written, shortened for a message. */
  readonly text: string;
  /** The call as written, whole (for a quick fix's text). */
  readonly source: string;
  /** The tracked socket the call acts on (`s`, `conn->sock`), or null. */
  readonly key: string | null;
  /** The span of the i-th argument, or null. */
  arg(i: number): Site | null;
  /** The i-th argument as written ('' when absent). */
  argText(i: number): string;
  /** The i-th argument is absent or NULL / 0. */
  argIsNull(i: number): boolean;
  /** An earlier call as messages point back to it. */
  earlier(site: Site): Earlier;
  /** A quick fix's edit that puts `text` in place of `site`. */
  edit(site: Site, text: string): TextEdit;
  /** What the code does with the call's result (read on demand). */
  resultUse(): ResultUse;
}

/** What the code does with a call's result, past any parentheses around the call. */
export type ResultUse =
  /** A statement of its own: the result is dropped. `after` is the function's text after it. */
  | { readonly kind: 'ignored'; readonly statement: Site; readonly after: string; readonly indent: string; readonly eol: string }
  /** `call == X` / `call != X`; `other` is X without spaces. */
  | { readonly kind: 'compared'; readonly expr: Site; readonly op: '==' | '!='; readonly other: string }
  /** `!call` as (part of) an if's condition; `branch` is the text of the branch it leads to. */
  | { readonly kind: 'negated-test'; readonly expr: Site; readonly branch: string }
  | { readonly kind: 'other' };

/** A call on a tracked socket, with everything the call-site rules decide from. */
export interface SocketCall extends CallSite {
  /** The socket argument as written. */
  readonly label: string;
  /** The call closes the socket (closesocket or a close wrapper). */
  readonly closes: boolean;
  /** The socket's states on the paths that reach the call. */
  readonly facts: readonly PathFact[];
  /** What the socket is, as its creation says (undefined: not known). */
  readonly kind: 'stream' | 'datagram' | undefined;
  /** The direction this call shuts: `send` (shutdown SD_SEND/SD_BOTH, WSASendDisconnect), `disconnect` (DisconnectEx), `receive`, or null. */
  readonly stops: Stops;
  /** The call is shutdown() (takes a direction argument). */
  readonly takesDirection: boolean;
  /** The file tests a provider for disconnect data (XP1_DISCONNECT_DATA): its author knows. */
  readonly fileChecksDisconnectData: boolean;
  /** The i-th argument is surely a buffer of this function's own (a local WSABUF, its address), not the caller's. */
  argIsOwnBuffer(i: number): boolean;
  /** The function shuts sending on this socket again after this call. */
  shutsSendingLater(): boolean;
  /** The error the model predicts for this call in `state`, described, or undefined. */
  predicted(state: SocketState, kind?: 'stream' | 'datagram'): string | undefined;
  /** WSASendDisconnect(s, NULL) ⇄ shutdown(s, SD_SEND), where one applies. */
  swapFixes(): QuickFix[];
}

/** Where a routine was registered as an APC or completion routine (QueueUserAPC, WSARecv's last argument, …). */
export interface ApcRegistration extends Site {
  readonly callee: string;
  readonly line: number;
}

/** Where a finding goes; the analysis keeps the most certain of a call visited twice (loops). */
export interface Reporter {
  report(rule: RuleId, severity: Severity, at: Site, message: Localized, related: Site | null, relatedMessage: Localized | null, fixes: QuickFix[]): void;
}

/**
 * "On every path" or "on some path": the first sure fact that is bad, and whether every fact is
 * (the failure branch of that very call does not count against "every"). A fact made by this very
 * call reaches it again only around a loop, through the calls in between that would fail first:
 * not a path worth reporting.
 */
export function judge(facts: readonly PathFact[], bad: (f: PathFact) => boolean, self: Site): { fact: PathFact & { at: Site }; every: boolean } | null {
  const witness = facts.find((f) => bad(f) && !f.unsure && f.at && !sameSite(f.at, self)) as (PathFact & { at: Site }) | undefined;
  if (!witness) return null;
  return { fact: witness, every: facts.every((f) => bad(f) || (!!f.revertedFrom && sameSite(f.revertedFrom, witness.at))) };
}

/** The rule's default severity on every path; an error on some paths only is a warning. */
export function severityFor(rule: RuleMeta, every: boolean): Severity {
  const d = rule.defaultSeverity;
  if (every) return d;
  return d === 'error' ? 'warning' : d;
}

export function sameSite(a: Site, b: Site): boolean {
  return a.startIndex === b.startIndex && a.endIndex === b.endIndex;
}

/** The model's state for a lint state (DisconnectEx's end of the connection is both-shut there). */
export function modelState(st: LintState): SocketState | undefined {
  switch (st) {
    case 'live':
      return 'connected';
    case 'send-shut':
    case 'receive-shut':
    case 'both-shut':
    case 'reusable':
    case 'closed':
      return st;
    case 'disconnected':
      return 'both-shut';
    case 'closed-maybe':
      return 'closed';
    default:
      return undefined;
  }
}
