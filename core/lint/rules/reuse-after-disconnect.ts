// reuse-after-disconnect: connect on a socket that was disconnected (or recycled for AcceptEx/ConnectEx only).
import { hasRole } from '../facts';
import { defineRule, L, onlyOnPath, type Earlier } from './rule';
import { judge, modelState, SHUT, severityFor, type Reporter, type SocketCall } from './solved-state';

function answer(err: string | undefined) {
  return err ? L(`; Windows answers ${err}`, `; Windows вернёт ${err}`) : L('', '');
}

export const reuseAfterDisconnect = defineRule('reuse-after-disconnect', 'warning', L('Connect on a disconnected socket', 'Подключение на отключённом сокете'), {
  afterReuseFlag: (fn: string, label: string, prev: Earlier, every: boolean, err: string | undefined) => {
    const p = onlyOnPath(every, prev.line);
    const a = answer(err);
    return L(
      `${fn} on '${label}' after ${prev.call} on line ${prev.line}${p.en}: a socket recycled with TF_REUSE_SOCKET may be passed only to AcceptEx or ConnectEx${a.en}.`,
      `${fn} для '${label}' после ${prev.call} в строке ${prev.line}${p.ru}: сокет, подготовленный флагом TF_REUSE_SOCKET, можно передавать только в AcceptEx или ConnectEx${a.ru}.`,
    );
  },
  reconnect: (fn: string, label: string, prev: Earlier, every: boolean, err: string | undefined) => {
    const p = onlyOnPath(every, prev.line);
    const a = answer(err);
    return L(
      `${fn} on '${label}' after ${prev.call} on line ${prev.line}${p.en}: a disconnected socket cannot be connected again${a.en}. Close it and create a new one, or recycle it with DisconnectEx(TF_REUSE_SOCKET) and ConnectEx.`,
      `${fn} для '${label}' после ${prev.call} в строке ${prev.line}${p.ru}: отключённый сокет нельзя подключить заново${a.ru}. Закройте его и создайте новый либо подготовьте к повторному использованию через DisconnectEx(TF_REUSE_SOCKET) и ConnectEx.`,
    );
  },
  disconnectedHere: L('The socket was disconnected here.', 'Здесь сокет был отключён.'),
});

/** A connect on a socket that a call on the way here disconnected (or recycled for the extension functions only). */
export function checkReuseAfterDisconnect(c: SocketCall, out: Reporter): void {
  const e = c.fn;
  if (!e || !hasRole(e, 'connect')) return;
  // After TF_REUSE_SOCKET only the extension functions (AcceptEx, ConnectEx) take the handle.
  const j = judge(c.facts, (f) => SHUT.has(f.st) || (f.st === 'reusable' && !e.extension), c.at);
  if (!j) return;
  const r = reuseAfterDisconnect;
  const st = modelState(j.fact.st);
  const err = st ? c.predicted(st, 'stream') : undefined;
  const msg = (j.fact.st === 'reusable' ? r.messages.afterReuseFlag : r.messages.reconnect)(e.name, c.label, c.earlier(j.fact.at), j.every, err);
  out.report(r.id, severityFor(r, j.every), c.at, msg, j.fact.at, r.messages.disconnectedHere, []);
}
