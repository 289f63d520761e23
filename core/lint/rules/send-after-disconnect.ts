// send-after-disconnect: a send on a socket whose sending direction was shut down (WSAESHUTDOWN).
import { defineRule, L, onlyOnPath, type Earlier } from './rule';

export const sendAfterDisconnect = defineRule('send-after-disconnect', 'error', L('Send after the send direction was shut down', 'Отправка после закрытия направления отправки'), {
  sendAfterShut: (fn: string, label: string, shut: Earlier, every: boolean, err: string) => {
    const p = onlyOnPath(every, shut.line);
    return L(
      `${fn} on '${label}' after ${shut.call} on line ${shut.line}${p.en}: sending is shut down, Windows refuses it with ${err}.`,
      `${fn} для '${label}' после ${shut.call} в строке ${shut.line}${p.ru}: отправка уже закрыта, Windows отклонит вызов с ошибкой ${err}.`,
    );
  },
  shutHere: L('Sending was shut down here.', 'Здесь отправка была закрыта.'),
});
