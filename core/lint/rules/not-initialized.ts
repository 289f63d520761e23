// not-initialized: a Winsock call before WSAStartup, after WSACleanup, or on a path that skips WSAStartup.
import { defineRule, L, type Earlier } from './rule';

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
