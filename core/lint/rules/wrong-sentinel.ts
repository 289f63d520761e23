// wrong-sentinel: a result compared with another function family's failure value (FALSE for a
// SOCKET_ERROR function, SOCKET_ERROR for a BOOL one, `!call` taken as the failure test).
import type { Localized } from '../../model/types';
import type { Severity } from '../types';
import { isResultRuleCall } from './unchecked-result';
import { defineRule, L } from './rule';
import type { CallSite, Reporter } from './solved-state';

export const wrongSentinel = defineRule('wrong-sentinel', 'error', L('Result compared with the wrong failure value', 'Результат сравнивается не с тем значением ошибки'), {
  /** `== FALSE` / `!= TRUE` … on a function that returns 0 or SOCKET_ERROR. */
  boolOnSocketError: (fn: string, op: string, value: string) => {
    const never = value === 'TRUE';
    const en = never ? (op === '==' ? 'is never true' : 'is always true') : 'takes success for failure';
    const ru = never ? (op === '==' ? 'никогда не выполняется' : 'выполняется всегда') : 'принимает успех за ошибку';
    return L(
      `${fn} returns 0 on success and SOCKET_ERROR (-1) on failure, not a BOOL: '${op} ${value}' ${en}. Compare with SOCKET_ERROR.`,
      `${fn} возвращает 0 при успехе и SOCKET_ERROR (-1) при ошибке, а не BOOL: '${op} ${value}' ${ru}. Сравнивайте с SOCKET_ERROR.`,
    );
  },
  invalidSocketOnSocketError: (fn: string) =>
    L(
      `${fn} reports failure with SOCKET_ERROR, not INVALID_SOCKET (the "no socket" value of socket() and accept()); the comparison only works because both have all bits set. Compare with SOCKET_ERROR.`,
      `${fn} сообщает об ошибке значением SOCKET_ERROR, а не INVALID_SOCKET («нет сокета» у socket() и accept()); сравнение работает лишь потому, что у обоих все биты установлены. Сравнивайте с SOCKET_ERROR.`,
    ),
  socketErrorOnBool: (fn: string, op: string, value: string) =>
    L(
      `${fn} returns a BOOL (FALSE on failure, then WSAGetLastError(), where WSA_IO_PENDING means it is still running), never SOCKET_ERROR: '${op} ${value}' is ${op === '==' ? 'never' : 'always'} true. Compare with FALSE.`,
      `${fn} возвращает BOOL (FALSE при ошибке, затем WSAGetLastError(), где WSA_IO_PENDING означает, что операция ещё выполняется), а не SOCKET_ERROR: '${op} ${value}' ${op === '==' ? 'никогда не' : 'всегда'} истинно. Сравнивайте с FALSE.`,
    ),
  negatedSuccess: (fn: string) =>
    L(
      `'!${fn}(…)' is true when the call succeeds (it returns 0), yet the branch handles an error: ${fn} fails with SOCKET_ERROR (-1). Test '== SOCKET_ERROR'.`,
      `'!${fn}(…)' истинно, когда вызов успешен (он возвращает 0), а ветка обрабатывает ошибку: ${fn} при ошибке возвращает SOCKET_ERROR (-1). Проверяйте '== SOCKET_ERROR'.`,
    ),
  compareWith: (value: 'FALSE' | 'SOCKET_ERROR') => L(`Compare with ${value}`, `Сравнивать с ${value}`),
});

/** Words an error branch uses: the branch that `!call` leads to handles a failure. */
function looksLikeErrorHandling(t: string): boolean {
  return /\b(?:WSAGetLastError|GetLastError|perror)\s*\(|\berr(?:or|no)?\b|\bfail|\breturn\s+(?:-\s*\d|false|FALSE|SOCKET_ERROR|E_FAIL)|\bgoto\s+\w*(?:err|fail|cleanup|bail)|error|fail/i.test(t);
}

/** A disconnect call's result tested against the other convention's failure value, or `!call` taken as failure. */
export function checkWrongSentinel(c: CallSite, out: Reporter): void {
  const e = c.fn;
  if (!e || !isResultRuleCall(e)) return;
  const use = c.resultUse();
  const conv = e.returns.convention;
  const m = wrongSentinel.messages;
  if (use.kind === 'compared') {
    const { op, other } = use;
    let found: { fixTo: string; msg: Localized; sev: Severity; value: 'FALSE' | 'SOCKET_ERROR' } | null = null;
    if (conv === 'zero-or-socket-error') {
      if (other === 'FALSE' || other === 'TRUE') {
        const failureTest = (other === 'FALSE') === (op === '==');
        found = { fixTo: `${c.source} ${failureTest ? '==' : '!='} SOCKET_ERROR`, msg: m.boolOnSocketError(e.name, op, other), sev: 'error', value: 'SOCKET_ERROR' };
      } else if (other === 'INVALID_SOCKET') {
        found = { fixTo: `${c.source} ${op} SOCKET_ERROR`, msg: m.invalidSocketOnSocketError(e.name), sev: 'warning', value: 'SOCKET_ERROR' };
      }
    } else if (conv === 'bool' && (other === 'SOCKET_ERROR' || other === '-1' || other === 'INVALID_SOCKET')) {
      found = { fixTo: `${c.source} ${op} FALSE`, msg: m.socketErrorOnBool(e.name, op, other), sev: 'error', value: 'FALSE' };
    }
    if (found) out.report(wrongSentinel.id, found.sev, use.expr, found.msg, null, null, [{ title: m.compareWith(found.value), edits: [c.edit(use.expr, found.fixTo)], preferred: true }]);
    return;
  }
  // `if (!WSASendDisconnect(s, NULL)) { …error handling… }` takes success for failure.
  if (use.kind === 'negated-test' && conv === 'zero-or-socket-error' && looksLikeErrorHandling(use.branch)) {
    const fix = { title: m.compareWith('SOCKET_ERROR'), edits: [c.edit(use.expr, `${c.source} == SOCKET_ERROR`)], preferred: true };
    out.report(wrongSentinel.id, 'error', use.expr, m.negatedSuccess(e.name), null, null, [fix]);
  }
}
