// disconnect-on-connectionless: WSASendDisconnect or DisconnectEx on a datagram socket (shutdown is fine there).
import { defineRule, L } from './rule';

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
