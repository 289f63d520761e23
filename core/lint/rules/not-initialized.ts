// not-initialized: a Winsock call before WSAStartup, after WSACleanup, or on a path that skips WSAStartup.
import { describeError, needsStartup } from '../facts';
import type { FunctionEntry } from '../../model/types';
import { defineRule, L, type Earlier } from './rule';
import type { PathFact, Reporter, Site } from './solved-state';

export const notInitialized = defineRule('not-initialized', 'warning', L('Winsock call outside WSAStartup … WSACleanup', 'Вызов Winsock вне WSAStartup … WSACleanup'), {
  afterCleanup: (fn: string, cleanup: Earlier, err: string) =>
    L(
      `${fn} after ${cleanup.call} on line ${cleanup.line}: Winsock is no longer initialised, the call fails with ${err}.`,
      `${fn} после ${cleanup.call} в строке ${cleanup.line}: Winsock уже не инициализирован, вызов завершится ошибкой ${err}.`,
    ),
  beforeStartup: (fn: string, err: string) => L(`${fn} before WSAStartup: Winsock is not initialised yet, the call fails with ${err}.`, `${fn} до WSAStartup: Winsock ещё не инициализирован, вызов завершится ошибкой ${err}.`),
  skipsStartup: (fn: string, startup: Earlier, err: string) =>
    L(
      `${fn} on a path that skips ${startup.call} on line ${startup.line}: there Winsock is not initialised and the call fails with ${err}.`,
      `${fn} на пути, который обходит ${startup.call} в строке ${startup.line}: на нём Winsock не инициализирован, и вызов завершится ошибкой ${err}.`,
    ),
  startupSomePaths: L('WSAStartup runs only on some paths.', 'WSAStartup выполняется не на всех путях.'),
  cleanupHere: L('WSACleanup is here.', 'Здесь вызван WSACleanup.'),
});

/**
 * A call that needs WSAStartup (the model says which do; a project function of unknown needs is
 * taken to) where no path has it in effect: before it, after WSACleanup, or on a path that skips
 * it. `winsock` holds Winsock's state on each path reaching the call.
 */
export function checkNotInitialized(at: Site, name: string, fn: FunctionEntry | null, winsock: readonly PathFact[], earlier: (s: Site) => Earlier, out: Reporter): void {
  const off = winsock.filter((f) => f.st === 'wsa-none' || f.st === 'wsa-off');
  if (off.length === 0 || off.some((f) => f.unsure) || winsock.some((f) => f.st === 'unknown') || (fn && !needsStartup(fn))) return;
  const r = notInitialized;
  const m = r.messages;
  const err = String(describeError('WSANOTINITIALISED'));
  const cleanup = winsock.find((f) => f.st === 'wsa-off' && f.at);
  // On one path only: name the WSAStartup that the other paths run.
  const started = winsock.find((f) => f.st === 'wsa-on' && f.at);
  if (!cleanup && started?.at) {
    out.report(r.id, r.defaultSeverity, at, m.skipsStartup(name, earlier(started.at), err), started.at, m.startupSomePaths, []);
    return;
  }
  const msg = cleanup?.at ? m.afterCleanup(name, earlier(cleanup.at), err) : m.beforeStartup(name, err);
  out.report(r.id, r.defaultSeverity, at, msg, cleanup?.at ?? null, cleanup ? m.cleanupHere : null, []);
}
