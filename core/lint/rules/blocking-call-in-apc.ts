// blocking-call-in-apc: a blocking Winsock call inside a routine registered as an APC or completion routine.
import { hasRole, paramsOfType } from '../facts';
import { defineRule, L } from './rule';
import type { ApcRegistration, CallSite, Reporter } from './solved-state';

export const blockingCallInApc = defineRule('blocking-call-in-apc', 'warning', L('Blocking Winsock call inside an APC or completion routine', 'Блокирующий вызов Winsock внутри APC или процедуры завершения'), {
  blocking: (fn: string, registrar: string, line: number) =>
    L(
      `${fn} inside a routine that runs as an APC or completion routine (registered with ${registrar} on line ${line}): a blocking Winsock call from an APC that interrupted another Winsock wait is undefined behaviour. Post the work to the thread's normal flow instead.`,
      `${fn} внутри процедуры, которая выполняется как APC или процедура завершения (зарегистрирована через ${registrar} в строке ${line}): блокирующий вызов Winsock из APC, прервавшего другое ожидание Winsock, ведёт к неопределённому поведению. Перенесите эту работу в обычный ход потока.`,
    ),
  registeredHere: L('Registered as an APC / completion routine here.', 'Здесь процедура зарегистрирована как APC / процедура завершения.'),
});

/**
 * A call that can block, in a routine registered as an APC. Overlapped requests (a non-NULL
 * OVERLAPPED) return at once: chaining WSASend/WSARecv from a completion routine is the normal
 * pattern. The disconnect calls block whatever their arguments.
 */
export function checkBlockingCallInApc(c: CallSite, apc: ApcRegistration, out: Reporter): void {
  const e = c.fn;
  if (!e) return;
  const overlapped = paramsOfType(e, /OVERLAPPED/).some((i) => !c.argIsNull(i));
  if (!hasRole(e, 'disconnect-send') && !hasRole(e, 'disconnect-receive') && !(hasRole(e, 'blocking') && !overlapped)) return;
  const r = blockingCallInApc;
  out.report(r.id, r.defaultSeverity, c.at, r.messages.blocking(e.name, apc.callee, apc.line), apc, r.messages.registeredHere, []);
}
