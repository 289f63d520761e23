// send-after-disconnect: a send on a socket whose sending direction was shut down (WSAESHUTDOWN).
import { describeError, hasRole } from '../facts';
import { defineRule, L, onlyOnPath, type Earlier } from './rule';
import { judge, severityFor, type Reporter, type SocketCall } from './solved-state';

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

/** A send on a socket whose sending direction a call on the way here shut down. */
export function checkSendAfterDisconnect(c: SocketCall, out: Reporter): void {
  if (!c.fn || !hasRole(c.fn, 'send')) return;
  const j = judge(c.facts, (f) => f.st === 'send-shut' || f.st === 'both-shut', c.at);
  if (!j) return;
  const r = sendAfterDisconnect;
  const prev = j.fact.sendShutBy ?? j.fact.at;
  const err = c.predicted(j.fact.st === 'both-shut' ? 'both-shut' : 'send-shut') ?? String(describeError('WSAESHUTDOWN'));
  out.report(r.id, severityFor(r, j.every), c.at, r.messages.sendAfterShut(c.fn.name, c.label, c.earlier(prev), j.every, err), prev, r.messages.shutHere, []);
}
