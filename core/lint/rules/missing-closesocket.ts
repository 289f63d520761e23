// missing-closesocket: a socket this function disconnected or made, dropped without closesocket
// (at a return, at the end of the function, or by overwriting the last copy of its handle).
import { defineRule, L, type Earlier } from './rule';

export const missingClosesocket = defineRule('missing-closesocket', 'warning', L('Disconnected socket never closed', 'Отключённый сокет не закрыт'), {
  // After a disconnect: the disconnect frees nothing.
  disconnectedOverwritten: (key: string, disc: Earlier, close: string) =>
    L(
      `'${key}' is overwritten while still open: ${disc.call} on line ${disc.line} only disconnected it (it frees nothing), and this was the last copy of the handle. Call ${close}(${key}) first.`,
      `'${key}' перезаписывается, хотя сокет ещё открыт: ${disc.call} в строке ${disc.line} лишь отключил его (и ничего не освобождает), а это была последняя копия дескриптора. Сначала вызовите ${close}(${key}).`,
    ),
  disconnectedLeaksOnReturn: (key: string, disc: Earlier, close: string) =>
    L(
      `'${key}' leaks on this return: ${disc.call} on line ${disc.line} disconnects it but frees nothing, and nothing closes it on the way here. Call ${close}(${key}).`,
      `'${key}' утекает при этом возврате: ${disc.call} в строке ${disc.line} отключает сокет, но ничего не освобождает, и по пути сюда его никто не закрывает. Вызовите ${close}(${key}).`,
    ),
  disconnectedNeverClosed: (key: string, disc: Earlier, close: string) =>
    L(
      `'${key}' is never closed on the path from ${disc.call} on line ${disc.line} to the end of the function: the disconnect frees nothing. Call ${close}(${key}).`,
      `'${key}' не закрывается на пути от ${disc.call} в строке ${disc.line} до конца функции: отключение ничего не освобождает. Вызовите ${close}(${key}).`,
    ),
  disconnectedHere: L('Disconnected here; nothing closes it afterwards.', 'Здесь сокет отключён; дальше его никто не закрывает.'),
  // A socket made here and never closed.
  madeOverwritten: (key: string, made: Earlier, close: string) =>
    L(
      `'${key}' is overwritten while the socket from ${made.call} on line ${made.line} is still open: that handle leaks. Call ${close}(${key}) first.`,
      `'${key}' перезаписывается, хотя сокет из ${made.call} в строке ${made.line} ещё открыт: этот дескриптор утекает. Сначала вызовите ${close}(${key}).`,
    ),
  madeLeaksOnReturn: (key: string, made: Earlier, close: string) =>
    L(
      `'${key}' leaks on this return: the socket from ${made.call} on line ${made.line} is never closed on the way here. Call ${close}(${key}).`,
      `'${key}' утекает при этом возврате: сокет из ${made.call} в строке ${made.line} по пути сюда так и не закрыт. Вызовите ${close}(${key}).`,
    ),
  madeNeverClosed: (key: string, made: Earlier, close: string) =>
    L(
      `'${key}' is never closed: the socket from ${made.call} on line ${made.line} reaches the end of the function open. Call ${close}(${key}).`,
      `'${key}' так и не закрыт: сокет из ${made.call} в строке ${made.line} доходит до конца функции открытым. Вызовите ${close}(${key}).`,
    ),
  madeHere: L('The socket is made here.', 'Здесь сокет создан.'),
  // Quick fixes.
  insertBefore: (call: string) => L(`Insert ${call} before it`, `Вставить ${call} перед этим`),
  insertBeforeReturn: (call: string) => L(`Insert ${call} before the return`, `Вставить ${call} перед return`),
  insertAtEnd: (call: string) => L(`Insert ${call} at the end of the function`, `Вставить ${call} в конце функции`),
});
