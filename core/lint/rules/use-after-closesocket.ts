// use-after-closesocket: a call on a handle that closesocket already released, or a second close.
import { describeError } from '../facts';
import { defineRule, L, onlyOnPath, type Earlier } from './rule';
import { judge, severityFor, type Reporter, type SocketCall } from './solved-state';

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

/** Reports a call (or a second close) on a handle closed on the way here; true when it did. */
export function checkUseAfterClosesocket(c: SocketCall, out: Reporter): boolean {
  const j = judge(c.facts, (f) => f.st === 'closed', c.at);
  if (!j) return false;
  const r = useAfterClosesocket;
  const err = (c.fn ? c.predicted('closed') : undefined) ?? describeError('WSAENOTSOCK') ?? 'WSAENOTSOCK';
  const m = r.messages;
  const msg = c.closes ? m.closedTwice(c.label, c.earlier(j.fact.at), j.every, err) : m.usedAfterClose(c.fn?.name ?? c.name, c.label, c.earlier(j.fact.at), j.every, err);
  out.report(r.id, severityFor(r, j.every), c.at, msg, j.fact.at, m.closedHere, []);
  return true;
}
