// disconnect-data-on-tcp: disconnect data passed to WSASendDisconnect/WSARecvDisconnect on TCP, which never supports it.
import { describeError, hasRole, paramsOfType } from '../facts';
import type { QuickFix } from '../types';
import { defineRule, L, swapTitles } from './rule';
import type { Reporter, SocketCall } from './solved-state';

export const disconnectDataOnTcp = defineRule('disconnect-data-on-tcp', 'warning', L('Disconnect data on a TCP socket', 'Данные отключения на TCP-сокете'), {
  sending: (fn: string, label: string, err: string) =>
    L(
      `${fn} passes disconnect data on '${label}', a TCP socket: the Windows TCP/IP provider has no XP1_DISCONNECT_DATA, so the call fails with ${err} and the peer never sees the data. Pass NULL, or check the provider's dwServiceFlags1 first.`,
      `${fn} передаёт данные отключения для '${label}' — TCP-сокета: у поставщика TCP/IP Windows нет XP1_DISCONNECT_DATA, поэтому вызов завершится ошибкой ${err}, а удалённая сторона данных не увидит. Передайте NULL или сначала проверьте dwServiceFlags1 поставщика.`,
    ),
  receiving: (fn: string, label: string) =>
    L(
      `${fn} waits for disconnect data on '${label}', a TCP socket: the Windows TCP/IP provider has no XP1_DISCONNECT_DATA, so no inbound disconnect data ever arrives. Pass NULL.`,
      `${fn} ожидает данные отключения для '${label}' — TCP-сокета: у поставщика TCP/IP Windows нет XP1_DISCONNECT_DATA, поэтому входящие данные отключения никогда не придут. Передайте NULL.`,
    ),
  passNull: L('Pass NULL instead of the disconnect data', 'Передать NULL вместо данных отключения'),
});

/**
 * Disconnect data (a buffer of the function's own) passed on a socket made as a stream socket,
 * in a file that never tests the provider for it. Returns true when the call is sure to fail
 * (sending: WSAENOPROTOOPT), so that it changes no state.
 */
export function checkDisconnectDataOnTcp(c: SocketCall, out: Reporter): boolean {
  const e = c.fn;
  if (!e || c.fileChecksDisconnectData) return false;
  const sending = hasRole(e, 'disconnect-send');
  const bufIdx = paramsOfType(e, /WSABUF/)[0];
  if (bufIdx === undefined || (!sending && !hasRole(e, 'disconnect-receive'))) return false;
  const buf = c.arg(bufIdx);
  if (!buf || !c.argIsOwnBuffer(bufIdx) || c.kind !== 'stream') return false;
  const r = disconnectDataOnTcp;
  const err = describeError(e.errors.find((x) => x.code === 'WSAENOPROTOOPT')?.code ?? 'WSAENOPROTOOPT');
  const msg = sending ? r.messages.sending(e.name, c.label, String(err)) : r.messages.receiving(e.name, c.label);
  // With the data the call fails, and a later disconnect of the same direction is the one that
  // works; making this call succeed would turn that one into a repeated disconnect. No mechanical
  // fix is right there.
  const fixes: QuickFix[] = [];
  if (!sending || !c.shutsSendingLater()) {
    fixes.push({ title: r.messages.passNull, edits: [c.edit(buf, 'NULL')], preferred: true });
    if (sending) fixes.push({ title: swapTitles.toShutdown(c.label), edits: [c.edit(c.at, `shutdown(${c.label}, SD_SEND)`)], preferred: false });
  }
  out.report(r.id, r.defaultSeverity, buf, msg, null, null, fixes);
  return sending;
}
