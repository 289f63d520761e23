// unchecked-result: the result of a disconnect call ignored (info; warning where later code relies on its success).
import type { Localized } from '../../model/types';
import type { FunctionEntry } from '../../model/types';
import { hasRole, paramIndex } from '../facts';
import { escapeRegExp } from '../text';
import { defineRule, L } from './rule';
import type { CallSite, Reporter } from './solved-state';

export type Reliance = 'recycles' | 'waits-for-close' | 'none';

const WHY: Record<Reliance, Localized> = {
  recycles: L(' The code goes on to treat the socket as recycled, which holds only if the call succeeded (or is pending).', ' Далее код считает сокет подготовленным к повторному использованию, а это верно, только если вызов успешен (или ещё выполняется).'),
  'waits-for-close': L(' The code then waits for the peer to close (FD_CLOSE or end of stream), which never happens if the call failed.', ' Далее код ждёт, пока удалённая сторона закроет соединение (FD_CLOSE или конец потока), а этого не будет, если вызов не удался.'),
  none: L('', ''),
};

export const uncheckedResult = defineRule('unchecked-result', 'info', L('Result of a disconnect call ignored', 'Результат вызова отключения не проверяется'), {
  ignored: (fn: string, label: string, returnsBool: boolean, reliance: Reliance) => {
    const failure = returnsBool ? L('FALSE (WSA_IO_PENDING means it is still running)', 'FALSE (WSA_IO_PENDING означает, что операция ещё выполняется)') : L('SOCKET_ERROR', 'SOCKET_ERROR');
    const why = WHY[reliance];
    return L(
      `The result of ${fn}${label ? ` on '${label}'` : ''} is ignored: a failure (${failure.en}) goes unnoticed.${why.en}`,
      `Результат ${fn}${label ? ` для '${label}'` : ''} не проверяется: ошибка (${failure.ru}) останется незамеченной.${why.ru}`,
    );
  },
  checkIt: L('Check the result and read WSAGetLastError()', 'Проверить результат и прочитать WSAGetLastError()'),
});

/** The calls whose result these rules read: the disconnect calls. */
export function isResultRuleCall(e: FunctionEntry): boolean {
  return hasRole(e, 'disconnect-send') || hasRole(e, 'disconnect-receive') || hasRole(e, 'disconnect');
}

/**
 * A disconnect call made as a statement of its own (not a send: TransmitFile's result is its own
 * matter). Info, or a warning when the code after it relies on its success: it recycles the
 * socket (TF_REUSE_SOCKET), waits for the peer's close (FD_CLOSE, a wait function), or drains
 * the socket in a loop after shutting sending.
 */
export function checkUncheckedResult(c: CallSite, out: Reporter): void {
  const e = c.fn;
  if (!e || !isResultRuleCall(e) || hasRole(e, 'send')) return;
  const use = c.resultUse();
  if (use.kind !== 'ignored') return;
  const { after, indent, eol } = use;
  const flagIdx = paramIndex(e, /flags/i);
  const reuse = hasRole(e, 'disconnect') && flagIdx >= 0 && /TF_REUSE_SOCKET/.test(c.argText(flagIdx));
  const waitsForClose = /\bFD_CLOSE\b|\b(?:WaitForSingleObject(?:Ex)?|WaitForMultipleObjects(?:Ex)?|WSAWaitForMultipleEvents)\s*\(/.test(after);
  // A drain loop on the same socket waits for the peer's close, which comes only if the FIN went out.
  const drains = !!c.key && /\b(?:while|for|do)\b/.test(after) && new RegExp(`\\b(?:recv|WSARecv)\\s*\\(\\s*(?:this->)?${escapeRegExp(c.key)}\\s*,`).test(after);
  const relies = reuse || waitsForClose || (drains && hasRole(e, 'disconnect-send'));
  const conv = e.returns.convention;
  const cond = conv === 'bool' ? `!${c.source} && WSAGetLastError() != WSA_IO_PENDING` : `${c.source} == SOCKET_ERROR`;
  const wrapped = `if (${cond}) {${eol}${indent}    int err = WSAGetLastError();${eol}${indent}    /* handle err */${eol}${indent}}`;
  const m = uncheckedResult.messages;
  const msg = m.ignored(e.name, c.key ?? '', conv === 'bool', reuse ? 'recycles' : waitsForClose || drains ? 'waits-for-close' : 'none');
  out.report(uncheckedResult.id, relies ? 'warning' : 'info', c.at, msg, null, null, [{ title: m.checkIt, edits: [c.edit(use.statement, wrapped)], preferred: true }]);
}
