// use-after-closesocket: a call on a handle that closesocket already released, or a second close.
import { defineRule, L, onlyOnPath, type Earlier } from './rule';

export const useAfterClosesocket = defineRule('use-after-closesocket', 'error', L('Socket used after closesocket', 'Сокет используется после closesocket'), {
  closedTwice: (label: string, closed: Earlier, every: boolean, err: string) => {
    const p = onlyOnPath(every, closed.line);
    return L(
      `'${label}' is closed a second time: ${closed.call} on line ${closed.line} already released it${p.en}. The handle may already belong to another socket; otherwise Windows answers ${err}.`,
      `'${label}' закрывается повторно: ${closed.call} в строке ${closed.line} уже освободил его${p.ru}. Дескриптор мог уже достаться другому сокету; иначе Windows вернёт ${err}.`,
    );
  },
  usedAfterClose: (fn: string, label: string, closed: Earlier, every: boolean, err: string) => {
    const p = onlyOnPath(every, closed.line);
    return L(
      `${fn} on '${label}' after ${closed.call} on line ${closed.line}${p.en}: the handle is released, Windows answers ${err}, or the call hits another socket that reused the value.`,
      `${fn} для '${label}' после ${closed.call} в строке ${closed.line}${p.ru}: дескриптор освобождён, Windows вернёт ${err}, либо вызов попадёт в другой сокет, получивший то же значение.`,
    );
  },
  closedHere: L('The socket was closed here.', 'Здесь сокет был закрыт.'),
});
