// unchecked-result: the result of a disconnect call ignored (info; warning where later code relies on its success).
import type { Localized } from '../../model/types';
import { defineRule, L } from './rule';

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
