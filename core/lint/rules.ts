// The rule table: ids, default severities, titles and the documentation page of each rule.
import type { Localized } from '../model/types';
import type { RuleId, Severity } from './types';

export interface RuleMeta {
  readonly id: RuleId;
  readonly defaultSeverity: Severity;
  readonly title: Localized;
  /** Relative to the repository root: `docs/rules/<id>.md`. */
  readonly docPath: string;
}

function rule(id: RuleId, defaultSeverity: Severity, en: string, ru: string): RuleMeta {
  return { id, defaultSeverity, title: { en, ru }, docPath: `docs/rules/${id}.md` };
}

/**
 * Default severities: errors where the call is sure to fail or to act on another socket
 * (send after the send direction was shut, a call on a closed handle, a result test that takes
 * success for failure); warnings for leaks, doubtful reuse, redundant or ineffective calls;
 * unchecked results are info (cleanup right before closesocket ignores them on purpose) and
 * warning only where later code relies on the call having succeeded.
 */
export const RULES: readonly RuleMeta[] = [
  rule('send-after-disconnect', 'error', 'Send after the send direction was shut down', 'Отправка после закрытия направления отправки'),
  rule('reuse-after-disconnect', 'warning', 'Connect on a disconnected socket', 'Подключение на отключённом сокете'),
  rule('missing-closesocket', 'warning', 'Disconnected socket never closed', 'Отключённый сокет не закрыт'),
  rule('disconnect-data-on-tcp', 'warning', 'Disconnect data on a TCP socket', 'Данные отключения на TCP-сокете'),
  rule('unchecked-result', 'info', 'Result of a disconnect call ignored', 'Результат вызова отключения не проверяется'),
  rule('wrong-sentinel', 'error', 'Result compared with the wrong failure value', 'Результат сравнивается не с тем значением ошибки'),
  rule('use-after-closesocket', 'error', 'Socket used after closesocket', 'Сокет используется после closesocket'),
  rule('not-initialized', 'warning', 'Winsock call outside WSAStartup … WSACleanup', 'Вызов Winsock вне WSAStartup … WSACleanup'),
  rule('linger-has-no-effect', 'warning', 'Linger option that changes nothing here', 'Параметр linger, который здесь ничего не меняет'),
  rule('blocking-call-in-apc', 'warning', 'Blocking Winsock call inside an APC or completion routine', 'Блокирующий вызов Winsock внутри APC или процедуры завершения'),
  rule('disconnect-on-connectionless', 'warning', 'Disconnect call on a datagram socket', 'Вызов отключения на датаграммном сокете'),
  rule('repeated-disconnect', 'warning', 'Same direction disconnected twice', 'Повторное отключение того же направления'),
];

const byId = new Map<RuleId, RuleMeta>(RULES.map((r) => [r.id, r]));

export function ruleMeta(id: RuleId): RuleMeta {
  const r = byId.get(id);
  if (!r) throw new Error(`Winsock Lens: unknown lint rule '${id}'`);
  return r;
}

export function isRuleId(s: string): s is RuleId {
  return byId.has(s as RuleId);
}
