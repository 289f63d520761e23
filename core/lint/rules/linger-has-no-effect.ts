// linger-has-no-effect: SO_LINGER/SO_DONTLINGER set where it changes nothing (before a disconnect call,
// or SO_DONTLINGER taken for an abortive close).
import { defineRule, L } from './rule';

export const lingerHasNoEffect = defineRule('linger-has-no-effect', 'warning', L('Linger option that changes nothing here', 'Параметр linger, который здесь ничего не меняет'), {
  dontLingerAtClose: (label: string, closeLine: number) =>
    L(
      `SO_DONTLINGER on '${label}' right before closesocket on line ${closeLine} does not make the close abortive: it selects the default graceful close. For a hard close (RST) set SO_LINGER with l_onoff = 1 and l_linger = 0.`,
      `SO_DONTLINGER для '${label}' прямо перед closesocket в строке ${closeLine} не делает закрытие аварийным: он выбирает обычное корректное закрытие. Для жёсткого закрытия (RST) задайте SO_LINGER с l_onoff = 1 и l_linger = 0.`,
    ),
  closeMeant: L('The close it was meant to change.', 'Закрытие, которое он должен был изменить.'),
  beforeDisconnect: (opt: string, label: string, fn: string, line: number) =>
    L(
      `${opt} on '${label}' right before ${fn} on line ${line} changes nothing there: ${fn} never blocks and never resets, whatever SO_LINGER says. The option only affects closesocket.`,
      `${opt} для '${label}' прямо перед ${fn} в строке ${line} ничего там не меняет: ${fn} никогда не блокируется и не сбрасывает соединение, что бы ни говорил SO_LINGER. Параметр влияет только на closesocket.`,
    ),
  callMeant: L('The call it was meant to change.', 'Вызов, который он должен был изменить.'),
});
