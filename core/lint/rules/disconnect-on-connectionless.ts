// disconnect-on-connectionless: WSASendDisconnect or DisconnectEx on a datagram socket (shutdown is fine there).
import { refusesDatagram } from '../facts';
import { defineRule, L } from './rule';
import type { Reporter, SocketCall } from './solved-state';

function inParens(err: string | undefined): string {
  return err ? ` (${err})` : '';
}

export const disconnectOnConnectionless = defineRule('disconnect-on-connectionless', 'warning', L('Disconnect call on a datagram socket', 'Вызов отключения на датаграммном сокете'), {
  disconnectEx: (fn: string, label: string, err: string | undefined) =>
    L(
      `${fn} on '${label}', a datagram (SOCK_DGRAM) socket: DisconnectEx supports connection-oriented stream sockets only${inParens(err)}.`,
      `${fn} для '${label}' — датаграммного сокета (SOCK_DGRAM): DisconnectEx работает только с потоковыми сокетами с установлением соединения${inParens(err)}.`,
    ),
  sendDisconnect: (fn: string, label: string, err: string | undefined) =>
    L(
      `${fn} on '${label}', a datagram (SOCK_DGRAM) socket: it is meant for connection-oriented sockets${inParens(err)}. To stop sending on a UDP socket use shutdown(${label}, SD_SEND), which is valid there.`,
      `${fn} для '${label}' — датаграммного сокета (SOCK_DGRAM): функция предназначена для сокетов с установлением соединения${inParens(err)}. Чтобы прекратить отправку через UDP-сокет, используйте shutdown(${label}, SD_SEND) — там это допустимо.`,
    ),
});

/** WSASendDisconnect or DisconnectEx on a socket made as a datagram socket. */
export function checkDisconnectOnConnectionless(c: SocketCall, out: Reporter): void {
  const dx = c.stops === 'disconnect';
  if (!c.fn || c.takesDirection || (!dx && c.stops !== 'send') || c.kind !== 'datagram') return;
  if (refusesDatagram(c.fn) === false) return;
  const r = disconnectOnConnectionless;
  const err = c.predicted('connected', 'datagram');
  const msg = (dx ? r.messages.disconnectEx : r.messages.sendDisconnect)(c.fn.name, c.label, err);
  out.report(r.id, r.defaultSeverity, c.at, msg, null, null, dx ? [] : c.swapFixes());
}
