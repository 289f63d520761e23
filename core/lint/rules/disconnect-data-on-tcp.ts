// disconnect-data-on-tcp: disconnect data passed to WSASendDisconnect/WSARecvDisconnect on TCP, which never supports it.
import { defineRule, L } from './rule';

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
