// repeated-disconnect: the same direction shut down twice, or DisconnectEx called again.
import { defineRule, L, onlyOnPath, type Earlier } from './rule';

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
