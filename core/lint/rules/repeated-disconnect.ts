// repeated-disconnect: the same direction shut down twice, or DisconnectEx called again.
import { defineRule, L, onlyOnPath, type Earlier } from './rule';
import { judge, severityFor, type Reporter, type SocketCall } from './solved-state';

export const repeatedDisconnect = defineRule('repeated-disconnect', 'warning', L('Same direction disconnected twice', 'Повторное отключение того же направления'), {
  disconnectExAgain: (fn: string, label: string, first: Earlier, every: boolean) => {
    const p = onlyOnPath(every, first.line);
    return L(
      `${fn} on '${label}' again after ${first.call} on line ${first.line}${p.en}: the socket is already disconnecting (the first request may still be pending); a second DisconnectEx fails or races with it.`,
      `Повторный ${fn} для '${label}' после ${first.call} в строке ${first.line}${p.ru}: сокет уже отключается (первый запрос может ещё выполняться); второй DisconnectEx завершится ошибкой или вступит с ним в гонку.`,
    );
  },
  sendShutAgain: (call: string, label: string, first: Earlier, every: boolean) => {
    const p = onlyOnPath(every, first.line);
    return L(
      `${call} shuts sending on '${label}' a second time: ${first.call} on line ${first.line} already did${p.en}. The second call does nothing useful and hides which one was meant to end the stream.`,
      `${call} повторно закрывает отправку для '${label}': это уже сделал ${first.call} в строке ${first.line}${p.ru}. Второй вызов ничего не даёт и скрывает, какой из них должен завершать поток.`,
    );
  },
  firstHere: L('The first disconnect is here.', 'Первое отключение здесь.'),
});

/** Sending shut down again after a call on the way here already shut it, or DisconnectEx again. */
export function checkRepeatedDisconnect(c: SocketCall, out: Reporter): void {
  const dx = c.stops === 'disconnect';
  if (!dx && c.stops !== 'send') return;
  const j = judge(c.facts, (f) => (dx ? f.st === 'disconnected' || f.st === 'reusable' : (f.st === 'send-shut' || f.st === 'both-shut') && !!f.sendShutBy), c.at);
  if (!j) return;
  const r = repeatedDisconnect;
  const prev = dx ? j.fact.at : (j.fact.sendShutBy ?? j.fact.at);
  const msg = dx ? r.messages.disconnectExAgain(c.name, c.label, c.earlier(prev), j.every) : r.messages.sendShutAgain(c.text, c.label, c.earlier(prev), j.every);
  out.report(r.id, severityFor(r, j.every), c.at, msg, prev, r.messages.firstHere, []);
}
