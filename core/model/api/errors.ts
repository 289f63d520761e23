import type { ErrorEntry } from '../types';

export const errors: readonly ErrorEntry[] = [
  {
    kind: 'error',
    name: 'WSAESHUTDOWN',
    value: 10058,
    aliases: [],
    summary: {
      en: 'The socket was already shut down in this direction (by `shutdown` or `WSASendDisconnect`), so no more data can be sent on it.',
      ru: 'Сокет уже закрыт в этом направлении (вызовом `shutdown` или `WSASendDisconnect`), поэтому отправлять через него данные больше нельзя.',
    },
    related: ['shutdown', 'WSASendDisconnect', 'send'],
  },
];
