// The disconnect and lifetime family: WSASendDisconnect and its closest neighbours (the other
// ways to end a connection, the start-up and clean-up pair, the error accessors, the provider list
// and the APC call the "APC note" speaks of). Facts come from the Windows SDK headers and
// Microsoft's sdk-api reference (CC BY 4.0); every sentence here is written anew.
import type {
  ErrorCondition,
  FunctionEntry,
  Localized,
  Remark,
  Requirements,
  SocketState,
  Transition,
} from '../../types';
import { e, p, r, t } from './builders';

// ---------------------------------------------------------------------------------------------
// Requirements.

/** As the page of WSASendDisconnect / WSARecvDisconnect states them (deprecated, desktop only). */
const WS2_32_DESKTOP_2000: Requirements = {
  header: 'winsock2.h (include Winsock2.h)',
  library: 'Ws2_32.lib',
  dll: 'Ws2_32.dll',
  minClient: 'Windows 2000 Professional [desktop apps only]',
  minServer: 'Windows 2000 Server [desktop apps only]',
  targetPlatform: 'Windows',
};

/** The current pages of the core Winsock calls (desktop and UWP). */
const WS2_32_CURRENT: Requirements = {
  header: 'winsock2.h (include Winsock2.h)',
  library: 'Ws2_32.lib',
  dll: 'Ws2_32.dll',
  minClient: 'Windows 8.1, Windows Vista [desktop apps | UWP apps]',
  minServer: 'Windows Server 2003 [desktop apps | UWP apps]',
  targetPlatform: 'Windows',
};

const WS2_32_WINSOCK_H: Requirements = { ...WS2_32_CURRENT, header: 'winsock.h (include Winsock2.h)' };

const MSWSOCK_EXTENSION: Requirements = {
  header: 'mswsock.h (include Mswsock.h)',
  library: 'none (pointer from WSAIoctl SIO_GET_EXTENSION_FUNCTION_POINTER)',
  dll: 'Mswsock.dll (through the service provider)',
  minClient: 'Windows XP',
  minServer: 'Windows Server 2003',
  targetPlatform: 'Windows',
};

const MSWSOCK_LINKED: Requirements = {
  header: 'mswsock.h (include Mswsock.h)',
  library: 'Mswsock.lib',
  dll: 'Mswsock.dll',
  minClient: 'Windows 2000 Professional [desktop apps only]',
  minServer: 'Windows 2000 Server [desktop apps only]',
  targetPlatform: 'Windows',
};

const KERNEL32_APC: Requirements = {
  header: 'processthreadsapi.h (include Windows.h)',
  library: 'Kernel32.lib',
  dll: 'Kernel32.dll',
  minClient: 'Windows XP [desktop apps | UWP apps]',
  minServer: 'Windows Server 2003 [desktop apps | UWP apps]',
  targetPlatform: 'Windows',
};

// ---------------------------------------------------------------------------------------------
// Documentation pages (the facts' source; the text here is our own).

function doc(path: string): string {
  return `https://learn.microsoft.com/windows/win32/api/${path}`;
}

const WINSOCK_PAGES: readonly { readonly title: Localized; readonly url: string }[] = [
  { title: t('Winsock functions', 'Функции Winsock'), url: 'https://learn.microsoft.com/windows/win32/winsock/winsock-functions' },
  { title: t('Winsock reference', 'Справочник по Winsock'), url: 'https://learn.microsoft.com/windows/win32/winsock/winsock-reference' },
];

// ---------------------------------------------------------------------------------------------
// Texts several entries share.

const ZERO_OR_SOCKET_ERROR = t(
  'Returns 0 on success. On failure it returns `SOCKET_ERROR` (-1), and `WSAGetLastError()` gives the error code.',
  'При успехе возвращает 0. При ошибке возвращает `SOCKET_ERROR` (-1), а код ошибки сообщает `WSAGetLastError()`.',
);

const NOT_INITIALISED = e(
  'WSANOTINITIALISED',
  'No successful `WSAStartup` call has been made yet (or `WSACleanup` has undone it).',
  'Ещё не было успешного вызова `WSAStartup` (или его действие отменил `WSACleanup`).',
);
const NET_DOWN = e('WSAENETDOWN', 'The network subsystem has failed.', 'Произошёл сбой сетевой подсистемы.');
const IN_PROGRESS = e(
  'WSAEINPROGRESS',
  'A blocking Windows Sockets 1.1 call is in progress, or the service provider is still processing a callback function.',
  'Выполняется блокирующий вызов Windows Sockets 1.1, или поставщик услуг ещё обрабатывает функцию обратного вызова.',
);
const NOT_SOCK = e('WSAENOTSOCK', 'The descriptor is not a socket.', 'Дескриптор не является сокетом.');
const NOT_CONN = e(
  'WSAENOTCONN',
  'The socket is not connected (connection-oriented sockets only).',
  'Сокет не подключён (только для сокетов, ориентированных на соединение).',
);

function apcNote(fn: string): Remark {
  return r(
    'apc-note',
    `When a blocking Winsock call such as \`${fn}\` has to wait for a network event, Winsock waits alertably, so an asynchronous procedure call (APC) queued to the same thread can run in the middle of it. Making another blocking Winsock call inside that APC, while the first one is interrupted on the same thread, is undefined behaviour: Winsock clients must never do it.`,
    `Когда блокирующему вызову Winsock, например \`${fn}\`, приходится ждать сетевого события, Winsock ждёт в режиме alertable wait (ожидание с возможностью оповещения), поэтому посреди вызова может выполниться асинхронный вызов процедуры (APC), поставленный в очередь этого же потока. Выполнять внутри такого APC другой блокирующий вызов Winsock, пока первый прерван в том же потоке, — неопределённое поведение: клиенты Winsock никогда не должны так делать.`,
  );
}

const NO_BLOCK_LINGER = (fn: string): Remark =>
  r(
    'does-not-block',
    `\`${fn}\` does not block, whatever the socket's \`SO_LINGER\` setting is.`,
    `\`${fn}\` не блокируется — независимо от параметра \`SO_LINGER\` сокета.`,
    true,
  );

// ---------------------------------------------------------------------------------------------
// State sets used by the transition rows.

/** Stream states with no connection to act on (a reusable socket has dropped its connection). */
const UNCONNECTED: readonly SocketState[] = ['created', 'bound', 'listening', 'connecting', 'reusable'];
/** States that still have a connection, in whatever direction is left. */
const HAS_CONNECTION: readonly SocketState[] = ['connected', 'send-shut', 'receive-shut', 'both-shut'];

/** `shutdown`-style rows: for each state with a connection, where turning a direction off leads. */
function directionRows(param: string | undefined, value: string | undefined, direction: 'send' | 'receive' | 'both'): Transition[] {
  const when = param && value ? { when: { param, is: value } } : {};
  const afterSend: Partial<Record<SocketState, SocketState>> = { connected: 'send-shut', 'receive-shut': 'both-shut' };
  const afterReceive: Partial<Record<SocketState, SocketState>> = { connected: 'receive-shut', 'send-shut': 'both-shut' };
  const to = (state: SocketState): SocketState | undefined => {
    if (direction === 'both') return state === 'both-shut' ? undefined : 'both-shut';
    return (direction === 'send' ? afterSend : afterReceive)[state];
  };
  return HAS_CONNECTION.map((state) => {
    const next = to(state);
    return next ? { from: [state], ...when, to: next } : { from: [state], ...when };
  });
}

// ---------------------------------------------------------------------------------------------
// WSASendDisconnect

const wsaSendDisconnect: FunctionEntry = {
  kind: 'function',
  name: 'WSASendDisconnect',
  signature: `int WSAAPI WSASendDisconnect(
  _In_     SOCKET   s,
  _In_opt_ LPWSABUF lpOutboundDisconnectData
);`,
  summary: t(
    'Starts closing the connection of a socket: turns off sending and, where the protocol supports it, sends disconnect data to the peer.',
    'Начинает завершение соединения сокета: отключает отправку и, если протокол это поддерживает, передаёт удалённой стороне данные отключения.',
  ),
  params: [
    p('s', 'SOCKET', 'in', false, 'The descriptor of the socket to disconnect.', 'Дескриптор сокета, соединение которого завершается.'),
    p(
      'lpOutboundDisconnectData',
      'LPWSABUF',
      'in',
      true,
      'Pointer to the outgoing disconnect data (a `WSABUF`), or NULL to send none. Must be NULL on the native Windows TCP/IP provider.',
      'Указатель на исходящие данные отключения (`WSABUF`) или NULL, если отправлять их не нужно. Для штатного поставщика TCP/IP Windows должен быть NULL.',
    ),
  ],
  returns: { convention: 'zero-or-socket-error', doc: ZERO_OR_SOCKET_ERROR },
  errors: [
    NOT_INITIALISED,
    NET_DOWN,
    e(
      'WSAENOPROTOOPT',
      '`lpOutboundDisconnectData` is not NULL and the service provider does not support disconnect data.',
      '`lpOutboundDisconnectData` не равен NULL, а поставщик услуг не поддерживает данные отключения.',
    ),
    IN_PROGRESS,
    NOT_CONN,
    NOT_SOCK,
    e(
      'WSAEFAULT',
      'The `lpOutboundDisconnectData` buffer does not lie entirely within the valid part of the user address space.',
      'Буфер `lpOutboundDisconnectData` не целиком находится в допустимой части адресного пространства пользователя.',
    ),
  ],
  remarks: [
    r(
      'connection-oriented',
      'Meant for connection-oriented sockets: it disables transmission on the socket and starts terminating the connection, sending the disconnect data, if any, along with it.',
      'Предназначена для сокетов, ориентированных на соединение: запрещает передачу через сокет и начинает завершение соединения, попутно отправляя данные отключения, если они заданы.',
      true,
    ),
    r(
      'like-shutdown-sd-send',
      'It is equivalent to `shutdown(s, SD_SEND)`, except that it can also send disconnect data on protocols that support it.',
      'Вызов равносилен `shutdown(s, SD_SEND)`, с той разницей, что на протоколах с такой возможностью он ещё и передаёт данные отключения.',
      true,
    ),
    r(
      'no-more-sends',
      'Once it has succeeded, no further sends are allowed on the socket: `send` and `WSASend` fail with WSAESHUTDOWN. Receiving still works.',
      'После успешного вызова отправлять данные через этот сокет больше нельзя: `send` и `WSASend` завершаются с WSAESHUTDOWN. Приём по-прежнему работает.',
      true,
    ),
    r(
      'disconnect-data',
      'A non-NULL `lpOutboundDisconnectData` points to a buffer with the outgoing disconnect data; it goes to the remote side, which reads it with `WSARecvDisconnect`.',
      'Ненулевой `lpOutboundDisconnectData` указывает на буфер с исходящими данными отключения; они уходят удалённой стороне, а та читает их вызовом `WSARecvDisconnect`.',
    ),
    r(
      'tcp-no-disconnect-data',
      'The native Windows TCP/IP implementation does not support disconnect data. Only providers that set the `XP1_DISCONNECT_DATA` flag in their `WSAPROTOCOL_INFO` structure support it; `WSAEnumProtocols` returns the `WSAPROTOCOL_INFO` of every installed provider. On TCP, pass NULL.',
      'Штатная реализация TCP/IP в Windows данные отключения не поддерживает. Их поддерживают только поставщики, у которых в структуре `WSAPROTOCOL_INFO` установлен флаг `XP1_DISCONNECT_DATA`; `WSAEnumProtocols` возвращает `WSAPROTOCOL_INFO` всех установленных поставщиков. Для TCP передавайте NULL.',
      true,
    ),
    r(
      'does-not-close',
      'It does not close the socket: the resources attached to it are released only when `closesocket` is called.',
      'Функция не закрывает сокет: связанные с ним ресурсы освобождаются только вызовом `closesocket`.',
      true,
    ),
    NO_BLOCK_LINGER('WSASendDisconnect'),
    r(
      'no-reuse',
      'An application should not count on reusing the socket afterwards: a Windows Sockets provider does not have to support `connect` or `WSAConnect` on such a socket.',
      'Приложению не следует рассчитывать на повторное использование сокета после этого вызова: поставщик Windows Sockets не обязан поддерживать `connect` или `WSAConnect` на таком сокете.',
    ),
    r(
      'graceful-close',
      'A graceful close usually goes: `WSASendDisconnect(s, NULL)` (or `shutdown(s, SD_SEND)`), then `recv` until it returns 0, then `closesocket`.',
      'Обычный порядок корректного закрытия: `WSASendDisconnect(s, NULL)` (или `shutdown(s, SD_SEND)`), затем `recv`, пока он не вернёт 0, затем `closesocket`.',
    ),
    apcNote('WSASendDisconnect'),
    r(
      'apc-note-oddity',
      'The page carries this APC note although it also says the function never blocks.',
      'Это примечание об APC приведено на странице, хотя там же сказано, что функция никогда не блокируется.',
    ),
    r(
      'no-check-return',
      'The SDK declares the result without `_Check_return_` or `_Must_inspect_result_`, so MSVC /analyze does not warn when the return value is ignored.',
      'В SDK результат объявлен без `_Check_return_` и `_Must_inspect_result_`, поэтому MSVC /analyze не предупреждает, если возвращаемое значение проигнорировано.',
    ),
    r(
      'wine-ignores-data',
      'Wine implements it as `shutdown(s, SD_SEND)` and ignores the data pointer, so non-NULL disconnect data "succeeds" there, where Windows documents WSAENOPROTOOPT for TCP.',
      'Wine реализует функцию как `shutdown(s, SD_SEND)` и игнорирует указатель на данные, поэтому там ненулевые данные отключения «проходят» успешно, хотя для TCP в Windows задокументирована WSAENOPROTOOPT.',
    ),
  ],
  requirements: WS2_32_DESKTOP_2000,
  related: [
    'WSARecvDisconnect',
    'shutdown',
    'closesocket',
    'connect',
    'socket',
    'WSAEnumProtocolsW',
    'WSAPROTOCOL_INFOW',
    'WSABUF',
    'XP1_DISCONNECT_DATA',
    'SD_SEND',
  ],
  roles: ['disconnect-send', 'blocking'],
  socketParam: 0,
  transitions: [
    {
      from: HAS_CONNECTION,
      when: { param: 'lpOutboundDisconnectData', is: 'non-NULL' },
      providerHasDisconnectData: false,
      error: 'WSAENOPROTOOPT',
    },
    { from: UNCONNECTED, socketType: 'stream', error: 'WSAENOTCONN' },
    ...directionRows(undefined, undefined, 'send'),
  ],
  deprecated: {
    replacement: 'WSASend',
    note: t(
      'The SDK header marks it `_WINSOCK_DEPRECATED_BY("WSASend()")`, so MSVC warns C4996 unless `_WINSOCK_DEPRECATED_NO_WARNINGS` is defined. The call still works; `shutdown(s, SD_SEND)` does the same on TCP.',
      'В заголовке SDK функция помечена `_WINSOCK_DEPRECATED_BY("WSASend()")`, поэтому MSVC выдаёт предупреждение C4996, если не определён `_WINSOCK_DEPRECATED_NO_WARNINGS`. Вызов по-прежнему работает; для TCP то же самое делает `shutdown(s, SD_SEND)`.',
    ),
  },
  leadRemark: 'no-more-sends',
  source: doc('winsock2/nf-winsock2-wsasenddisconnect'),
  seeAlsoPages: WINSOCK_PAGES,
};

// ---------------------------------------------------------------------------------------------
// WSARecvDisconnect

const wsaRecvDisconnect: FunctionEntry = {
  kind: 'function',
  name: 'WSARecvDisconnect',
  signature: `int WSAAPI WSARecvDisconnect(
  _In_      SOCKET   s,
  _Out_opt_ LPWSABUF lpInboundDisconnectData
);`,
  summary: t(
    'Turns off receiving on a socket and fetches the incoming disconnect data, if the connection-oriented protocol has any.',
    'Отключает приём на сокете и забирает входящие данные отключения, если протокол с установлением соединения их передаёт.',
  ),
  params: [
    p('s', 'SOCKET', 'in', false, 'The descriptor of the socket.', 'Дескриптор сокета.'),
    p(
      'lpInboundDisconnectData',
      'LPWSABUF',
      'out',
      true,
      'Pointer to a `WSABUF` that receives the incoming disconnect data, or NULL.',
      'Указатель на `WSABUF`, в который помещаются входящие данные отключения, или NULL.',
    ),
  ],
  returns: { convention: 'zero-or-socket-error', doc: ZERO_OR_SOCKET_ERROR },
  errors: [
    NOT_INITIALISED,
    NET_DOWN,
    e(
      'WSAEFAULT',
      'The buffer in `lpInboundDisconnectData` is too small or does not lie in valid user memory.',
      'Буфер в `lpInboundDisconnectData` слишком мал или не находится в допустимой памяти пользователя.',
    ),
    e(
      'WSAENOPROTOOPT',
      'The protocol family does not support disconnect data. TCP/IP implementations, which lack it, need not return this error.',
      'Семейство протоколов не поддерживает данные отключения. Реализации TCP/IP, где их нет, не обязаны возвращать эту ошибку.',
    ),
    IN_PROGRESS,
    NOT_CONN,
    NOT_SOCK,
  ],
  remarks: [
    r(
      'like-shutdown-sd-receive',
      'It works like `shutdown(s, SD_RECEIVE)`, and in addition retrieves the disconnect data.',
      'Работает как `shutdown(s, SD_RECEIVE)` и вдобавок получает данные отключения.',
      true,
    ),
    r(
      'lower-layers',
      'It does not affect the lower protocol layers. On TCP, data still queued or arriving afterwards resets the connection; on UDP, incoming datagrams are still queued. No ICMP error is generated.',
      'На нижние уровни протоколов вызов не влияет. В TCP данные, оставшиеся в очереди или пришедшие позже, приводят к сбросу соединения; в UDP входящие датаграммы по-прежнему ставятся в очередь. Сообщение ICMP об ошибке не формируется.',
      true,
    ),
    r(
      'learn-first',
      'To read disconnect data, the application must first learn that the remote side closed the circuit: an `FD_CLOSE` notification, a zero-length `recv`, or WSAEDISCON / WSAECONNRESET from a receive call.',
      'Чтобы прочитать данные отключения, приложение сначала должно узнать, что удалённая сторона закрыла канал: по уведомлению `FD_CLOSE`, по `recv` нулевой длины или по ошибке WSAEDISCON / WSAECONNRESET при приёме.',
    ),
    r(
      'does-not-close',
      'It does not close the socket; its resources are released only by `closesocket`.',
      'Функция не закрывает сокет; его ресурсы освобождает только `closesocket`.',
      true,
    ),
    NO_BLOCK_LINGER('WSARecvDisconnect'),
    r(
      'no-reuse',
      'Do not rely on reusing the socket afterwards: providers need not support `connect` or `WSAConnect` on it.',
      'Не рассчитывайте на повторное использование сокета после вызова: поставщики не обязаны поддерживать на нём `connect` или `WSAConnect`.',
    ),
    apcNote('WSARecvDisconnect'),
  ],
  requirements: WS2_32_DESKTOP_2000,
  leadRemark: 'does-not-close',
  source: doc('winsock2/nf-winsock2-wsarecvdisconnect'),
  related: ['WSASendDisconnect', 'shutdown', 'closesocket', 'recv', 'connect', 'socket', 'WSABUF', 'FD_CLOSE', 'WSAEDISCON'],
  roles: ['disconnect-receive', 'blocking'],
  socketParam: 0,
  transitions: [
    {
      from: HAS_CONNECTION,
      when: { param: 'lpInboundDisconnectData', is: 'non-NULL' },
      providerHasDisconnectData: false,
      undetermined: t(
        'The provider has no disconnect data; the documentation lets a TCP/IP provider either fail with WSAENOPROTOOPT or succeed without any.',
        'Поставщик не поддерживает данные отключения; документация позволяет поставщику TCP/IP либо вернуть WSAENOPROTOOPT, либо завершиться успешно без данных.',
      ),
    },
    { from: UNCONNECTED, socketType: 'stream', error: 'WSAENOTCONN' },
    ...directionRows(undefined, undefined, 'receive'),
  ],
  deprecated: {
    replacement: 'WSARecv',
    note: t(
      'The SDK header marks it `_WINSOCK_DEPRECATED_BY("WSARecv()")`, so MSVC warns C4996 unless `_WINSOCK_DEPRECATED_NO_WARNINGS` is defined.',
      'В заголовке SDK функция помечена `_WINSOCK_DEPRECATED_BY("WSARecv()")`, поэтому MSVC выдаёт предупреждение C4996, если не определён `_WINSOCK_DEPRECATED_NO_WARNINGS`.',
    ),
  },
};

// ---------------------------------------------------------------------------------------------
// shutdown

const shutdownFn: FunctionEntry = {
  kind: 'function',
  name: 'shutdown',
  signature: `int WSAAPI shutdown(
  _In_ SOCKET s,
  _In_ int    how
);`,
  summary: t(
    'Turns off sending, receiving or both on a socket, without closing it.',
    'Отключает отправку, приём или оба направления на сокете, не закрывая его.',
  ),
  params: [
    p('s', 'SOCKET', 'in', false, 'The descriptor of the socket.', 'Дескриптор сокета.'),
    p(
      'how',
      'int',
      'in',
      false,
      'Which directions to turn off: `SD_RECEIVE` (0), `SD_SEND` (1) or `SD_BOTH` (2).',
      'Какие направления отключить: `SD_RECEIVE` (0), `SD_SEND` (1) или `SD_BOTH` (2).',
    ),
  ],
  returns: { convention: 'zero-or-socket-error', doc: ZERO_OR_SOCKET_ERROR },
  errors: [
    e(
      'WSAECONNABORTED',
      'The connection was ended by a time-out or another failure (stream sockets).',
      'Соединение прервано из-за тайм-аута или другого сбоя (потоковые сокеты).',
    ),
    e(
      'WSAECONNRESET',
      'The remote side reset the connection with a hard or abortive close (stream sockets).',
      'Удалённая сторона сбросила соединение аварийным закрытием (потоковые сокеты).',
    ),
    IN_PROGRESS,
    e(
      'WSAEINVAL',
      '`how` is not a valid value, or does not fit the socket type (e.g. `SD_SEND` on a `UNI_RECV` socket).',
      '`how` имеет недопустимое значение или не подходит к типу сокета (например, `SD_SEND` на сокете `UNI_RECV`).',
    ),
    NET_DOWN,
    NOT_CONN,
    NOT_SOCK,
    NOT_INITIALISED,
  ],
  remarks: [
    r(
      'sd-receive',
      '`SD_RECEIVE`: later receive calls are refused. On TCP, data still queued or arriving later resets the connection; UDP keeps queuing datagrams.',
      '`SD_RECEIVE`: последующие вызовы приёма отклоняются. В TCP данные в очереди или пришедшие позже приводят к сбросу соединения; UDP продолжает ставить датаграммы в очередь.',
      true,
    ),
    r(
      'sd-send',
      '`SD_SEND`: later send calls are refused (WSAESHUTDOWN). On TCP a FIN is sent once all data has been sent and acknowledged.',
      '`SD_SEND`: последующие вызовы отправки отклоняются (WSAESHUTDOWN). В TCP после отправки и подтверждения всех данных посылается FIN.',
      true,
    ),
    r(
      'does-not-close',
      'It does not close the socket; resources are freed only by `closesocket`. A direction once turned off cannot be turned on again.',
      'Функция не закрывает сокет; ресурсы освобождает только `closesocket`. Отключённое направление нельзя включить снова.',
      true,
    ),
    NO_BLOCK_LINGER('shutdown'),
    r(
      'graceful-close',
      'The documented graceful close: register for `FD_CLOSE`, call `shutdown(s, SD_SEND)`, call `recv` until it returns 0 (SOCKET_ERROR means no graceful close is possible), then `closesocket`.',
      'Задокументированный порядок корректного закрытия: подписаться на `FD_CLOSE`, вызвать `shutdown(s, SD_SEND)`, вызывать `recv`, пока он не вернёт 0 (SOCKET_ERROR означает, что корректное закрытие невозможно), затем `closesocket`.',
      true,
    ),
    r(
      'no-reuse',
      'Reusing a shut-down socket with `connect` is not guaranteed. For reuse, call `DisconnectEx` with `TF_REUSE_SOCKET` (or `TransmitFile` with `TF_DISCONNECT | TF_REUSE_SOCKET`), then `AcceptEx` or `ConnectEx`.',
      'Повторное использование отключённого сокета через `connect` не гарантируется. Для повторного использования вызовите `DisconnectEx` с `TF_REUSE_SOCKET` (или `TransmitFile` с `TF_DISCONNECT | TF_REUSE_SOCKET`), а затем `AcceptEx` или `ConnectEx`.',
    ),
    r(
      'udp-unconnected',
      'On an unconnected datagram socket Windows returns 0 (Linux reports ENOTCONN).',
      'На неподключённом датаграммном сокете Windows возвращает 0 (Linux сообщает ENOTCONN).',
    ),
    apcNote('shutdown'),
  ],
  requirements: WS2_32_WINSOCK_H,
  leadRemark: 'does-not-close',
  source: doc('winsock/nf-winsock-shutdown'),
  related: ['WSASendDisconnect', 'WSARecvDisconnect', 'closesocket', 'DisconnectEx', 'SD_RECEIVE', 'SD_SEND', 'SD_BOTH', 'FD_CLOSE', 'recv'],
  roles: ['disconnect-send', 'disconnect-receive', 'blocking'],
  socketParam: 0,
  transitions: [
    { from: '*', when: { param: 'how', is: '!SD_RECEIVE|SD_SEND|SD_BOTH' }, error: 'WSAEINVAL' },
    { from: UNCONNECTED, socketType: 'stream', error: 'WSAENOTCONN' },
    {
      from: ['created', 'bound'],
      socketType: 'datagram',
      reason: t(
        'Windows returns 0 for `shutdown` on an unconnected datagram socket; the model does not track directions there.',
        'Windows возвращает 0 для `shutdown` на неподключённом датаграммном сокете; направления для него модель не отслеживает.',
      ),
    },
    ...directionRows('how', 'SD_SEND', 'send'),
    ...directionRows('how', 'SD_RECEIVE', 'receive'),
    ...directionRows('how', 'SD_BOTH', 'both'),
  ],
};

// ---------------------------------------------------------------------------------------------
// closesocket

const closesocketFn: FunctionEntry = {
  kind: 'function',
  name: 'closesocket',
  signature: `int WSAAPI closesocket(
  _In_ SOCKET s
);`,
  summary: t(
    'Closes a socket and releases its descriptor and resources.',
    'Закрывает сокет и освобождает его дескриптор и ресурсы.',
  ),
  params: [p('s', 'SOCKET', 'in', false, 'The descriptor of the socket to close.', 'Дескриптор закрываемого сокета.')],
  returns: { convention: 'zero-or-socket-error', doc: ZERO_OR_SOCKET_ERROR },
  errors: [
    NOT_INITIALISED,
    NET_DOWN,
    NOT_SOCK,
    IN_PROGRESS,
    e(
      'WSAEINTR',
      'A blocking Windows Sockets 1.1 call was cancelled with `WSACancelBlockingCall`.',
      'Блокирующий вызов Windows Sockets 1.1 отменён через `WSACancelBlockingCall`.',
    ),
    e(
      'WSAEWOULDBLOCK',
      'The socket is non-blocking and `SO_LINGER` has a non-zero time-out (l_onoff ≠ 0, l_linger ≠ 0), and the close cannot finish at once. The handle stays valid: call `closesocket` again later.',
      'Сокет неблокирующий, у `SO_LINGER` ненулевой тайм-аут (l_onoff ≠ 0, l_linger ≠ 0), и закрытие нельзя завершить сразу. Дескриптор остаётся действительным: вызовите `closesocket` ещё раз позже.',
    ),
  ],
  remarks: [
    r(
      'reused-handle',
      'After it returns, the system may hand the same descriptor value to a new socket at once, so a later call with the old value is not guaranteed to fail with WSAENOTSOCK. Never call `closesocket` while another Winsock call on the same socket is running in another thread.',
      'После возврата система может сразу выдать то же значение дескриптора новому сокету, поэтому последующий вызов со старым значением не обязательно завершится с WSAENOTSOCK. Никогда не вызывайте `closesocket`, пока в другом потоке выполняется другой вызов Winsock на том же сокете.',
      true,
    ),
    r(
      'pending-io',
      'Pending overlapped `WSASend`, `WSASendTo`, `WSARecv` and `WSARecvFrom` calls are cancelled and complete with WSA_OPERATION_ABORTED (995), possibly after `closesocket` has returned: keep their OVERLAPPED structures alive until then. No `FD_CLOSE` is posted after `closesocket`.',
      'Незавершённые перекрывающиеся вызовы `WSASend`, `WSASendTo`, `WSARecv` и `WSARecvFrom` отменяются и завершаются с WSA_OPERATION_ABORTED (995), возможно уже после возврата из `closesocket`: до этого момента их структуры OVERLAPPED должны оставаться живыми. После `closesocket` уведомление `FD_CLOSE` не приходит.',
      true,
    ),
    r(
      'one-per-socket',
      'Each successful `socket` (or `accept`) needs exactly one `closesocket`.',
      'Каждому успешному `socket` (или `accept`) должен соответствовать ровно один `closesocket`.',
    ),
    r(
      'linger-default',
      'With `l_onoff` = 0 (the default, also what `SO_DONTLINGER` sets) it returns at once and a graceful close goes on in the background.',
      'При `l_onoff` = 0 (по умолчанию; то же устанавливает `SO_DONTLINGER`) функция сразу возвращает управление, а корректное закрытие продолжается в фоне.',
      true,
    ),
    r(
      'linger-zero',
      'With `l_onoff` ≠ 0 and `l_linger` = 0 it returns at once with a hard (abortive) close: the peer gets a reset, unsent data is lost, and there is no TIME_WAIT.',
      'При `l_onoff` ≠ 0 и `l_linger` = 0 функция сразу возвращается с аварийным закрытием: удалённая сторона получает сброс, неотправленные данные теряются, состояния TIME_WAIT нет.',
      true,
    ),
    r(
      'linger-timeout',
      'With `l_onoff` ≠ 0 and `l_linger` ≠ 0 on a blocking socket it blocks until the data is sent or the time-out expires (then the close is hard); the return value does not say whether all data went out. On a non-blocking socket this setting is not recommended: see WSAEWOULDBLOCK.',
      'При `l_onoff` ≠ 0 и `l_linger` ≠ 0 на блокирующем сокете функция ждёт, пока данные не будут отправлены или не истечёт тайм-аут (тогда закрытие аварийное); по возвращаемому значению нельзя узнать, ушли ли все данные. Для неблокирующего сокета такая настройка не рекомендуется: см. WSAEWOULDBLOCK.',
    ),
    apcNote('closesocket'),
  ],
  requirements: WS2_32_WINSOCK_H,
  related: ['shutdown', 'WSASendDisconnect', 'socket', 'accept', 'SO_LINGER', 'SO_DONTLINGER', 'LINGER', 'WSA_OPERATION_ABORTED'],
  roles: ['close', 'blocking'],
  socketParam: 0,
  transitions: [{ from: '*', to: 'closed' }],
  source: doc('winsock/nf-winsock-closesocket'),
  seeAlsoPages: WINSOCK_PAGES,
};

// ---------------------------------------------------------------------------------------------
// DisconnectEx

const disconnectEx: FunctionEntry = {
  kind: 'function',
  name: 'DisconnectEx',
  signature: `BOOL PASCAL DisconnectEx(
  _In_        SOCKET       s,
  _Inout_opt_ LPOVERLAPPED lpOverlapped,
  _In_        DWORD        dwFlags,
  _In_        DWORD        dwReserved
);`,
  summary: t(
    'Closes the connection on a socket and, with `TF_REUSE_SOCKET`, lets the socket handle be reused by `AcceptEx` or `ConnectEx`. A Microsoft extension reached through `WSAIoctl`.',
    'Закрывает соединение на сокете и с флагом `TF_REUSE_SOCKET` позволяет повторно использовать дескриптор сокета в `AcceptEx` или `ConnectEx`. Расширение Microsoft, доступное через `WSAIoctl`.',
  ),
  params: [
    p('s', 'SOCKET', 'in', false, 'A connected, connection-oriented socket.', 'Подключённый сокет, ориентированный на соединение.'),
    p(
      'lpOverlapped',
      'LPOVERLAPPED',
      'in-out',
      true,
      'An `OVERLAPPED` structure for an overlapped call, or NULL to complete the call before it returns.',
      'Структура `OVERLAPPED` для перекрывающегося вызова или NULL, чтобы вызов завершился до возврата.',
    ),
    p(
      'dwFlags',
      'DWORD',
      'in',
      false,
      '0, or `TF_REUSE_SOCKET` to prepare the handle for reuse.',
      '0 или `TF_REUSE_SOCKET`, чтобы подготовить дескриптор к повторному использованию.',
    ),
    p('dwReserved', 'DWORD', 'in', false, 'Reserved; must be 0.', 'Зарезервирован; должен быть равен 0.'),
  ],
  returns: {
    convention: 'bool',
    doc: t(
      'Returns TRUE on success, FALSE on failure — not 0 / SOCKET_ERROR. With an `OVERLAPPED`, FALSE together with `WSAGetLastError()` == ERROR_IO_PENDING (997) means the operation has started; it may still fail when it completes.',
      'При успехе возвращает TRUE, при ошибке FALSE — а не 0 / SOCKET_ERROR. При вызове с `OVERLAPPED` значение FALSE вместе с `WSAGetLastError()` == ERROR_IO_PENDING (997) означает, что операция запущена; она ещё может завершиться ошибкой.',
    ),
  },
  errors: [
    e('WSAEFAULT', '`lpOverlapped` is not a valid pointer.', '`lpOverlapped` не является допустимым указателем.'),
    e(
      'WSAEINVAL',
      '`dwFlags` holds something other than 0 or `TF_REUSE_SOCKET`, or `dwReserved` is not 0.',
      '`dwFlags` содержит что-то кроме 0 или `TF_REUSE_SOCKET`, или `dwReserved` не равен 0.',
    ),
    e(
      'WSAENOTCONN',
      'The socket is not connected, or is already in the transmit-closing state and `TF_REUSE_SOCKET` was not given.',
      'Сокет не подключён или уже находится в состоянии закрытия передачи, а флаг `TF_REUSE_SOCKET` не указан.',
    ),
    e(
      'WSA_IO_PENDING',
      'Not a failure: an overlapped disconnect has started and will complete later.',
      'Не ошибка: перекрывающееся разъединение запущено и завершится позже.',
    ),
  ],
  remarks: [
    r(
      'extension',
      'Not part of the Winsock specification: get the pointer with `WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, …)` with `WSAID_DISCONNECTEX`, for the provider of that socket.',
      'Не входит в спецификацию Winsock: указатель получают вызовом `WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, …)` с `WSAID_DISCONNECTEX` — для поставщика именно этого сокета.',
      true,
    ),
    r(
      'reuse',
      'With `TF_REUSE_SOCKET`, once the request has completed the handle may be passed to `AcceptEx` or `ConnectEx` only, not to `connect`. TCP TIME_WAIT can delay the completion (`TcpTimedWaitDelay`, 240 s by default, 0–300).',
      'С `TF_REUSE_SOCKET` после завершения запроса дескриптор можно передавать только в `AcceptEx` или `ConnectEx`, но не в `connect`. TCP TIME_WAIT может задержать завершение (`TcpTimedWaitDelay`, по умолчанию 240 с, диапазон 0–300).',
      true,
    ),
    r(
      'no-reuse-flag',
      'Without `TF_REUSE_SOCKET` the connection is gone but the socket is not reusable; the model treats it as shut down in both directions (`connect` on it then gives WSAEISCONN, as Wine\'s tests observe). Close it with `closesocket`.',
      'Без `TF_REUSE_SOCKET` соединение закрыто, но сокет не пригоден для повторного использования; модель считает его отключённым в обоих направлениях (`connect` на нём тогда даёт WSAEISCONN, как показывают тесты Wine). Закройте его через `closesocket`.',
    ),
    r(
      'overlapped',
      'With an `OVERLAPPED`, completion signals its `hEvent` or the socket; all I/O a thread started is cancelled when that thread exits.',
      'При вызове с `OVERLAPPED` о завершении сообщает его `hEvent` или сам сокет; весь ввод-вывод, запущенный потоком, отменяется при завершении этого потока.',
    ),
    r(
      'stream-only',
      'Only for connection-oriented sockets (SOCK_STREAM, SOCK_SEQPACKET, SOCK_RDM); datagram sockets are not supported.',
      'Только для сокетов, ориентированных на соединение (SOCK_STREAM, SOCK_SEQPACKET, SOCK_RDM); датаграммные сокеты не поддерживаются.',
      true,
    ),
  ],
  requirements: MSWSOCK_EXTENSION,
  leadRemark: 'reuse',
  source: doc('mswsock/nc-mswsock-lpfn_disconnectex'),
  related: ['WSAID_DISCONNECTEX', 'SIO_GET_EXTENSION_FUNCTION_POINTER', 'TF_REUSE_SOCKET', 'LPFN_DISCONNECTEX', 'OVERLAPPED', 'AcceptEx', 'ConnectEx', 'TransmitFile', 'shutdown', 'closesocket'],
  roles: ['disconnect'],
  socketParam: 0,
  transitions: [
    { from: '*', when: { param: 'dwReserved', is: '!0' }, error: 'WSAEINVAL' },
    { from: '*', when: { param: 'dwFlags', is: '!0|TF_REUSE_SOCKET' }, error: 'WSAEINVAL' },
    {
      from: '*',
      socketType: 'datagram',
      undetermined: t(
        'DisconnectEx does not support datagram sockets; the documentation does not say which error it gives.',
        'DisconnectEx не поддерживает датаграммные сокеты; какую ошибку она при этом возвращает, документация не говорит.',
      ),
    },
    { from: UNCONNECTED, error: 'WSAENOTCONN' },
    { from: HAS_CONNECTION, when: { param: 'dwFlags', is: 'TF_REUSE_SOCKET' }, to: 'reusable' },
    {
      from: ['connected', 'send-shut', 'receive-shut'],
      to: 'both-shut',
      reason: t(
        'Without TF_REUSE_SOCKET the connection ends but the socket is not reusable: the model calls that both-shut.',
        'Без TF_REUSE_SOCKET соединение завершается, но сокет нельзя использовать повторно: модель называет это состояние both-shut.',
      ),
    },
    {
      from: ['both-shut'],
      undetermined: t(
        'A second DisconnectEx without TF_REUSE_SOCKET may meet the transmit-closing state (WSAENOTCONN) or succeed; the model cannot tell the two apart.',
        'Повторный DisconnectEx без TF_REUSE_SOCKET может застать состояние закрытия передачи (WSAENOTCONN) или пройти успешно; модель не может различить эти случаи.',
      ),
    },
  ],
  extension: { guid: '{0x7fda2e11,0x8630,0x436f,{0xa0,0x31,0xf5,0x36,0xa6,0xee,0xc1,0x57}}' },
};

// ---------------------------------------------------------------------------------------------
// TransmitFile (only what concerns disconnecting)

const transmitFile: FunctionEntry = {
  kind: 'function',
  name: 'TransmitFile',
  signature: `BOOL PASCAL TransmitFile(
  _In_        SOCKET                  hSocket,
  _In_        HANDLE                  hFile,
  _In_        DWORD                   nNumberOfBytesToWrite,
  _In_        DWORD                   nNumberOfBytesPerSend,
  _Inout_opt_ LPOVERLAPPED            lpOverlapped,
  _In_opt_    LPTRANSMIT_FILE_BUFFERS lpTransmitBuffers,
  _In_        DWORD                   dwReserved
);`,
  summary: t(
    'Sends a file over a connected socket using the system cache; with `TF_DISCONNECT` (and `TF_REUSE_SOCKET`) it also ends the connection (and prepares the socket for reuse).',
    'Передаёт файл через подключённый сокет с помощью системного кэша; с `TF_DISCONNECT` (и `TF_REUSE_SOCKET`) вдобавок завершает соединение (и готовит сокет к повторному использованию).',
  ),
  params: [
    p('hSocket', 'SOCKET', 'in', false, 'A connected, connection-oriented socket.', 'Подключённый сокет, ориентированный на соединение.'),
    p('hFile', 'HANDLE', 'in', true, 'An open file to send, or NULL to send only the buffers in `lpTransmitBuffers`.', 'Открытый файл для передачи или NULL, чтобы передать только буферы из `lpTransmitBuffers`.'),
    p('nNumberOfBytesToWrite', 'DWORD', 'in', false, 'How many bytes of the file to send; 0 means the whole file.', 'Сколько байт файла передать; 0 означает весь файл.'),
    p('nNumberOfBytesPerSend', 'DWORD', 'in', false, 'Size of each block sent; 0 lets the system choose.', 'Размер каждого передаваемого блока; 0 — выбирает система.'),
    p('lpOverlapped', 'LPOVERLAPPED', 'in-out', true, 'An `OVERLAPPED` structure for an overlapped call (its Offset fields give the file position), or NULL.', 'Структура `OVERLAPPED` для перекрывающегося вызова (её поля Offset задают позицию в файле) или NULL.'),
    p('lpTransmitBuffers', 'LPTRANSMIT_FILE_BUFFERS', 'in', true, 'Data to send before and after the file, or NULL.', 'Данные, передаваемые до и после файла, или NULL.'),
    p(
      'dwReserved',
      'DWORD',
      'in',
      false,
      'Despite its name, the flags: `TF_DISCONNECT`, `TF_REUSE_SOCKET`, `TF_WRITE_BEHIND`, `TF_USE_*` combined with `|` (the documentation calls it dwFlags in its text).',
      'Несмотря на имя, это флаги: `TF_DISCONNECT`, `TF_REUSE_SOCKET`, `TF_WRITE_BEHIND`, `TF_USE_*`, объединённые через `|` (в тексте документации он называется dwFlags).',
    ),
  ],
  returns: {
    convention: 'bool',
    doc: t(
      'Returns TRUE on success, FALSE on failure with the code in `WSAGetLastError()`. With an `OVERLAPPED`, FALSE with ERROR_IO_PENDING (997) means the transfer has started.',
      'При успехе возвращает TRUE, при ошибке FALSE, а код сообщает `WSAGetLastError()`. При вызове с `OVERLAPPED` значение FALSE вместе с ERROR_IO_PENDING (997) означает, что передача запущена.',
    ),
  },
  errors: [
    e('WSAECONNABORTED', 'The connection was aborted by a time-out or another failure.', 'Соединение прервано из-за тайм-аута или другого сбоя.'),
    e('WSAECONNRESET', 'The remote side reset the connection.', 'Удалённая сторона сбросила соединение.'),
    e('WSAEFAULT', '`lpTransmitBuffers` or another pointer is not in valid user memory.', '`lpTransmitBuffers` или другой указатель не находится в допустимой памяти пользователя.'),
    e('WSAEINVAL', 'An argument is invalid, for example a file handle opened for asynchronous I/O without an OVERLAPPED, or a bad flag combination.', 'Недопустимый аргумент, например дескриптор файла, открытый для асинхронного ввода-вывода, без OVERLAPPED, или неверное сочетание флагов.'),
    NET_DOWN,
    NOT_CONN,
    NOT_SOCK,
    NOT_INITIALISED,
    e('WSAESHUTDOWN', 'The socket was shut down for sending (`shutdown` with SD_SEND or SD_BOTH, or `WSASendDisconnect`).', 'Отправка на сокете уже отключена (`shutdown` с SD_SEND или SD_BOTH или `WSASendDisconnect`).'),
    e('WSA_IO_PENDING', 'Not a failure: an overlapped transfer has started.', 'Не ошибка: перекрывающаяся передача запущена.'),
    e('WSA_OPERATION_ABORTED', 'The transfer was cancelled because the socket was closed or the thread that started it exited.', 'Передача отменена, так как сокет закрыт или завершился поток, который её запустил.'),
  ],
  remarks: [
    r(
      'tf-disconnect',
      '`TF_DISCONNECT` starts a transport-level disconnect once all the data has been queued; the model treats the socket as shut down in both directions afterwards.',
      '`TF_DISCONNECT` начинает разъединение на транспортном уровне, как только все данные поставлены в очередь; после этого модель считает сокет отключённым в обоих направлениях.',
      true,
    ),
    r(
      'tf-reuse-socket',
      '`TF_REUSE_SOCKET` is valid only together with `TF_DISCONNECT`: once the transfer completes, the handle can go to `AcceptEx` or `ConnectEx` again (not to `connect`). TIME_WAIT may delay that completion.',
      '`TF_REUSE_SOCKET` допустим только вместе с `TF_DISCONNECT`: после завершения передачи дескриптор можно снова передать в `AcceptEx` или `ConnectEx` (но не в `connect`). TIME_WAIT может задержать это завершение.',
      true,
    ),
    r(
      'extension-pointer',
      'Exported by Mswsock.dll, but the recommended way to call it is through the pointer `WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)` returns for `WSAID_TRANSMITFILE`.',
      'Функция экспортируется из Mswsock.dll, но рекомендуется вызывать её через указатель, который `WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)` возвращает для `WSAID_TRANSMITFILE`.',
    ),
    r(
      'client-limit',
      'Client editions of Windows allow only two concurrent TransmitFile requests; the rest wait in a queue.',
      'Клиентские выпуски Windows допускают только два одновременных запроса TransmitFile; остальные ждут в очереди.',
    ),
  ],
  requirements: MSWSOCK_LINKED,
  source: doc('mswsock/nf-mswsock-transmitfile'),
  related: ['TF_DISCONNECT', 'TF_REUSE_SOCKET', 'DisconnectEx', 'WSAID_TRANSMITFILE', 'AcceptEx', 'ConnectEx', 'OVERLAPPED', 'shutdown'],
  roles: ['send', 'disconnect'],
  socketParam: 0,
  transitions: [
    {
      from: '*',
      when: { param: 'dwReserved', is: '&TF_REUSE_SOCKET' },
      also: [{ param: 'dwReserved', is: '!&TF_DISCONNECT' }],
      undetermined: t(
        'TF_REUSE_SOCKET without TF_DISCONNECT is not valid; the documentation does not say which error results.',
        'TF_REUSE_SOCKET без TF_DISCONNECT недопустим; какая ошибка при этом возникает, документация не говорит.',
      ),
    },
    { from: ['send-shut', 'both-shut'], error: 'WSAESHUTDOWN' },
    { from: UNCONNECTED, socketType: 'stream', error: 'WSAENOTCONN' },
    { from: ['connected', 'receive-shut'], when: { param: 'dwReserved', is: '&TF_REUSE_SOCKET' }, to: 'reusable' },
    { from: ['connected', 'receive-shut'], when: { param: 'dwReserved', is: '&TF_DISCONNECT' }, to: 'both-shut' },
    { from: ['connected', 'receive-shut'] },
  ],
};

// ---------------------------------------------------------------------------------------------
// WSAStartup / WSACleanup

const wsaStartup: FunctionEntry = {
  kind: 'function',
  name: 'WSAStartup',
  signature: `_Must_inspect_result_
int WSAAPI WSAStartup(
  _In_  WORD      wVersionRequested,
  _Out_ LPWSADATA lpWSAData
);`,
  summary: t(
    'Starts the process\'s use of the Winsock DLL and negotiates the Windows Sockets version. Must succeed before any other Winsock call.',
    'Начинает использование библиотеки Winsock процессом и согласует версию Windows Sockets. Должна успешно выполниться до любого другого вызова Winsock.',
  ),
  params: [
    p('wVersionRequested', 'WORD', 'in', false, 'The highest version the caller can use: major version in the low byte, minor in the high byte; `MAKEWORD(2, 2)` for 2.2.', 'Наибольшая версия, которую может использовать вызывающий: основной номер в младшем байте, дополнительный — в старшем; для 2.2 это `MAKEWORD(2, 2)`.'),
    p('lpWSAData', 'LPWSADATA', 'out', false, 'Receives the details of the implementation (`WSADATA`).', 'Получает сведения о реализации (`WSADATA`).'),
  ],
  returns: {
    convention: 'error-code',
    doc: t(
      'Returns 0 on success. On failure it returns the error code itself; do not call `WSAGetLastError` (the DLL may not be loaded) and do not call `WSACleanup`.',
      'При успехе возвращает 0. При ошибке возвращает сам код ошибки; не вызывайте `WSAGetLastError` (библиотека может быть не загружена) и не вызывайте `WSACleanup`.',
    ),
  },
  errors: [
    e('WSASYSNOTREADY', 'The underlying network subsystem is not ready.', 'Базовая сетевая подсистема не готова.'),
    e('WSAVERNOTSUPPORTED', 'This implementation does not provide the requested version of Windows Sockets.', 'Эта реализация не предоставляет запрошенную версию Windows Sockets.'),
    e('WSAEINPROGRESS', 'A blocking Windows Sockets 1.1 operation is in progress.', 'Выполняется блокирующая операция Windows Sockets 1.1.'),
    e('WSAEPROCLIM', 'The limit on the number of tasks the implementation supports has been reached.', 'Достигнут предел числа задач, которые поддерживает реализация.'),
    e('WSAEFAULT', '`lpWSAData` is not a valid pointer.', '`lpWSAData` не является допустимым указателем.'),
  ],
  remarks: [
    r(
      'pairing',
      'Each successful `WSAStartup` must be matched by one `WSACleanup`; only the last `WSACleanup` really releases Winsock for the process.',
      'Каждому успешному `WSAStartup` должен соответствовать один `WSACleanup`; по-настоящему освобождает Winsock для процесса только последний `WSACleanup`.',
      true,
    ),
    r(
      'check-version',
      'Check `wVersion` in the returned `WSADATA`: the DLL may offer a lower version than requested, and the caller must decide whether it can live with it.',
      'Проверьте `wVersion` в полученной `WSADATA`: библиотека может предложить версию ниже запрошенной, и вызывающий должен решить, подходит ли она ему.',
      true,
    ),
    r(
      'must-inspect',
      'The SDK marks it `_Must_inspect_result_`: MSVC /analyze warns when the return value is ignored.',
      'В SDK функция помечена `_Must_inspect_result_`: MSVC /analyze предупреждает, если возвращаемое значение проигнорировано.',
    ),
    r(
      'not-in-dllmain',
      'Do not call it from `DllMain`: loading other DLLs there can deadlock.',
      'Не вызывайте её из `DllMain`: загрузка других библиотек там может привести к взаимоблокировке.',
    ),
  ],
  requirements: WS2_32_WINSOCK_H,
  source: doc('winsock/nf-winsock-wsastartup'),
  related: ['WSACleanup', 'WSADATA', 'WSAGetLastError', 'WSANOTINITIALISED', 'WSAVERNOTSUPPORTED'],
  roles: ['startup'],
  transitions: [
    { from: '*', when: { param: 'lpWSAData', is: 'NULL' }, error: 'WSAEFAULT' },
    { from: '*' },
  ],
};

const wsaCleanup: FunctionEntry = {
  kind: 'function',
  name: 'WSACleanup',
  signature: `int WSAAPI WSACleanup(void);`,
  summary: t(
    'Ends the process\'s use of the Winsock DLL (once per successful `WSAStartup`).',
    'Завершает использование библиотеки Winsock процессом (по одному разу на каждый успешный `WSAStartup`).',
  ),
  params: [],
  returns: { convention: 'zero-or-socket-error', doc: ZERO_OR_SOCKET_ERROR },
  errors: [NOT_INITIALISED, NET_DOWN, IN_PROGRESS],
  remarks: [
    r(
      'last-one',
      'Only the call that balances the first `WSAStartup` cleans up; the earlier ones just decrement a counter.',
      'Освобождение выполняет только вызов, уравновешивающий первый `WSAStartup`; предыдущие лишь уменьшают счётчик.',
      true,
    ),
    r(
      'open-sockets',
      'Sockets still open at that point are reset and freed as if `closesocket` had been called; data not yet sent may be lost. Close sockets gracefully first.',
      'Сокеты, открытые на этот момент, сбрасываются и освобождаются так, будто был вызван `closesocket`; ещё не отправленные данные могут потеряться. Сначала корректно закройте сокеты.',
      true,
    ),
    r(
      'threads',
      'Pending blocking and asynchronous Winsock calls of every thread of the process are cancelled, without a notification message or a signalled event; later calls fail with WSANOTINITIALISED.',
      'Незавершённые блокирующие и асинхронные вызовы Winsock во всех потоках процесса отменяются — без уведомляющих сообщений и без установки событий; последующие вызовы завершаются с WSANOTINITIALISED.',
    ),
    r(
      'not-in-dllmain',
      'Do not call it from `DllMain`.',
      'Не вызывайте её из `DllMain`.',
    ),
  ],
  requirements: WS2_32_WINSOCK_H,
  source: doc('winsock/nf-winsock-wsacleanup'),
  related: ['WSAStartup', 'closesocket', 'WSANOTINITIALISED'],
  roles: ['cleanup'],
  transitions: [{ from: '*' }],
};

// ---------------------------------------------------------------------------------------------
// WSAGetLastError / WSASetLastError

const wsaGetLastError: FunctionEntry = {
  kind: 'function',
  name: 'WSAGetLastError',
  signature: `int WSAAPI WSAGetLastError(void);`,
  summary: t(
    'Returns the error code of the last Windows Sockets operation that failed on the calling thread.',
    'Возвращает код ошибки последней неудачной операции Windows Sockets в вызывающем потоке.',
  ),
  params: [],
  returns: {
    convention: 'last-error',
    doc: t('The calling thread\'s last Winsock error code.', 'Последний код ошибки Winsock вызывающего потока.'),
  },
  errors: [],
  remarks: [
    r(
      'call-at-once',
      'Call it right after the failing call: the value is per thread, and other calls in between (including successful ones and non-Winsock ones) may overwrite it.',
      'Вызывайте её сразу после неудачного вызова: значение хранится отдельно для каждого потока, а промежуточные вызовы (в том числе успешные и не относящиеся к Winsock) могут его перезаписать.',
      true,
    ),
    r(
      'not-reset',
      'A successful call does not necessarily reset the value, so read it only when the function reported failure (SOCKET_ERROR, INVALID_SOCKET or FALSE).',
      'Успешный вызов не обязательно сбрасывает значение, поэтому читайте его, только когда функция сообщила об ошибке (SOCKET_ERROR, INVALID_SOCKET или FALSE).',
      true,
    ),
    r(
      'same-as-getlasterror',
      'On Windows it reads the same per-thread value as `GetLastError`, but portable Winsock code should use this function.',
      'В Windows она читает то же значение потока, что и `GetLastError`, но переносимый код Winsock должен пользоваться этой функцией.',
    ),
    r(
      'not-for-startup',
      'Not for `WSAStartup` failures: that function returns its error code directly.',
      'Не подходит для ошибок `WSAStartup`: эта функция возвращает код ошибки напрямую.',
    ),
  ],
  requirements: WS2_32_WINSOCK_H,
  source: doc('winsock/nf-winsock-wsagetlasterror'),
  related: ['WSASetLastError', 'WSAStartup', 'SOCKET_ERROR'],
  roles: ['query'],
  transitions: [{ from: '*' }],
};

const wsaSetLastError: FunctionEntry = {
  kind: 'function',
  name: 'WSASetLastError',
  signature: `void WSAAPI WSASetLastError(
  _In_ int iError
);`,
  summary: t(
    'Sets the error code that a following `WSAGetLastError` on the same thread returns.',
    'Задаёт код ошибки, который вернёт следующий вызов `WSAGetLastError` в том же потоке.',
  ),
  params: [p('iError', 'int', 'in', false, 'The error code to store.', 'Сохраняемый код ошибки.')],
  returns: { convention: 'void', doc: t('Returns nothing.', 'Ничего не возвращает.') },
  errors: [NOT_INITIALISED],
  remarks: [
    r(
      'per-thread',
      'The value belongs to the calling thread; any later Winsock call may overwrite it.',
      'Значение принадлежит вызывающему потоку; любой следующий вызов Winsock может его перезаписать.',
      true,
    ),
    r(
      'cannot-report',
      'The page lists WSANOTINITIALISED, but the function returns nothing, so it has no way to report it; in practice it works like `SetLastError` even before `WSAStartup`.',
      'На странице указана ошибка WSANOTINITIALISED, но функция ничего не возвращает и сообщить о ней не может; на практике она работает как `SetLastError` даже до `WSAStartup`.',
    ),
  ],
  requirements: WS2_32_WINSOCK_H,
  source: doc('winsock/nf-winsock-wsasetlasterror'),
  related: ['WSAGetLastError'],
  roles: ['query'],
  transitions: [{ from: '*' }],
};

// ---------------------------------------------------------------------------------------------
// WSAEnumProtocolsA / WSAEnumProtocolsW

function enumProtocols(variant: 'A' | 'W'): FunctionEntry {
  const info = `WSAPROTOCOL_INFO${variant}`;
  return {
    kind: 'function',
    name: `WSAEnumProtocols${variant}`,
    signature: `int WSAAPI WSAEnumProtocols${variant}(
  _In_opt_                                                        LPINT                lpiProtocols,
  _Out_writes_bytes_to_opt_(*lpdwBufferLength, *lpdwBufferLength) LP${info} lpProtocolBuffer,
  _Inout_                                                         LPDWORD              lpdwBufferLength
);`,
    summary: t(
      `Lists the transport protocols installed on the computer, one \`${info}\` each${variant === 'A' ? ' (ANSI strings)' : ' (Unicode strings; `WSAEnumProtocols` maps to it under UNICODE)'}. The way to find out whether a provider supports disconnect data (\`XP1_DISCONNECT_DATA\`).`,
      `Перечисляет установленные на компьютере транспортные протоколы, по одной \`${info}\` на каждый${variant === 'A' ? ' (строки ANSI)' : ' (строки Unicode; при UNICODE `WSAEnumProtocols` соответствует этой версии)'}. Так можно узнать, поддерживает ли поставщик данные отключения (\`XP1_DISCONNECT_DATA\`).`,
    ),
    params: [
      p('lpiProtocols', 'LPINT', 'in', true, 'A zero-terminated array of protocol numbers to list, or NULL for all protocols.', 'Массив номеров протоколов с завершающим нулём или NULL, чтобы перечислить все.'),
      p('lpProtocolBuffer', `LP${info}`, 'out', true, `A buffer that receives the \`${info}\` array; may be NULL when asking for the size.`, `Буфер для массива \`${info}\`; может быть NULL, если запрашивается только размер.`),
      p('lpdwBufferLength', 'LPDWORD', 'in-out', false, 'In: the buffer size in bytes. Out: the size needed, when the buffer was too small.', 'На входе — размер буфера в байтах. На выходе — требуемый размер, если буфер оказался мал.'),
    ],
    returns: {
      convention: 'count-or-socket-error-enum',
      doc: t(
        'Returns the number of protocols written on success, or `SOCKET_ERROR` with the code in `WSAGetLastError()`.',
        'При успехе возвращает число записанных протоколов, иначе `SOCKET_ERROR`, а код ошибки сообщает `WSAGetLastError()`.',
      ),
    },
    errors: [
      NOT_INITIALISED,
      NET_DOWN,
      IN_PROGRESS,
      e('WSAEINVAL', 'One of the parameters is invalid.', 'Один из параметров недопустим.'),
      e(
        'WSAENOBUFS',
        'The buffer is too small for all the structures; `*lpdwBufferLength` now holds the size needed.',
        'Буфер мал для всех структур; теперь `*lpdwBufferLength` содержит нужный размер.',
      ),
      e(
        'WSAEFAULT',
        '`lpiProtocols`, `lpProtocolBuffer` or `lpdwBufferLength` is not in valid user memory.',
        '`lpiProtocols`, `lpProtocolBuffer` или `lpdwBufferLength` не находится в допустимой памяти пользователя.',
      ),
    ],
    remarks: [
      r(
        'two-calls',
        'The usual pattern is two calls: the first with a NULL buffer fails with WSAENOBUFS and reports the size; the second fills a buffer of that size.',
        'Обычно вызов делают дважды: первый с буфером NULL завершается с WSAENOBUFS и сообщает размер; второй заполняет буфер этого размера.',
        true,
      ),
      r(
        'disconnect-data-flag',
        'Test `dwServiceFlags1 & XP1_DISCONNECT_DATA` to see whether a provider can carry the disconnect data of `WSASendDisconnect` / `WSARecvDisconnect`. The Windows TCP/IP providers do not set it.',
        'Проверьте `dwServiceFlags1 & XP1_DISCONNECT_DATA`, чтобы узнать, может ли поставщик передавать данные отключения для `WSASendDisconnect` / `WSARecvDisconnect`. Поставщики TCP/IP Windows этот флаг не устанавливают.',
        true,
      ),
      r(
        'per-socket',
        'For the provider of an existing socket, `getsockopt(SO_PROTOCOL_INFO)` returns the same structure.',
        'Для поставщика уже существующего сокета ту же структуру возвращает `getsockopt(SO_PROTOCOL_INFO)`.',
      ),
    ],
    requirements: WS2_32_CURRENT,
    source: doc(`winsock2/nf-winsock2-wsaenumprotocols${variant.toLowerCase()}`),
    related: [variant === 'A' ? 'WSAEnumProtocolsW' : 'WSAEnumProtocolsA', info, 'XP1_DISCONNECT_DATA', 'SO_PROTOCOL_INFO', 'WSASendDisconnect'],
    roles: ['query'],
    transitions: [
      {
        from: '*',
        when: { param: 'lpProtocolBuffer', is: 'NULL' },
        error: 'WSAENOBUFS',
        reason: t(
          'With no buffer the call can only report the size it needs, through WSAENOBUFS.',
          'Без буфера вызов может лишь сообщить нужный размер — через WSAENOBUFS.',
        ),
      },
      { from: '*', when: { param: 'lpdwBufferLength', is: 'NULL' }, error: 'WSAEFAULT' },
      { from: '*' },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// QueueUserAPC (what the APC note is about)

const queueUserApc: FunctionEntry = {
  kind: 'function',
  name: 'QueueUserAPC',
  signature: `DWORD WINAPI QueueUserAPC(
  _In_ PAPCFUNC  pfnAPC,
  _In_ HANDLE    hThread,
  _In_ ULONG_PTR dwData
);`,
  summary: t(
    'Queues a user-mode asynchronous procedure call (APC) to a thread; it runs when that thread next waits alertably — which includes a blocking Winsock call.',
    'Ставит в очередь потока асинхронный вызов процедуры (APC) пользовательского режима; он выполнится, когда поток в следующий раз войдёт в alertable-ожидание, — в том числе внутри блокирующего вызова Winsock.',
  ),
  params: [
    p('pfnAPC', 'PAPCFUNC', 'in', false, 'The function to run in the target thread.', 'Функция, которая выполнится в целевом потоке.'),
    p('hThread', 'HANDLE', 'in', false, 'The thread; the handle needs THREAD_SET_CONTEXT access.', 'Поток; дескриптору нужно право доступа THREAD_SET_CONTEXT.'),
    p('dwData', 'ULONG_PTR', 'in', false, 'The value passed to `pfnAPC`.', 'Значение, передаваемое в `pfnAPC`.'),
  ],
  returns: {
    convention: 'dword',
    doc: t(
      'Non-zero on success; 0 on failure, with the reason in `GetLastError()`.',
      'Ненулевое значение при успехе; 0 при ошибке, причину сообщает `GetLastError()`.',
    ),
  },
  errors: [],
  remarks: [
    r(
      'alertable',
      'The APC runs only when the thread enters an alertable wait (`SleepEx`, `WaitForSingleObjectEx`… with bAlertable TRUE). A blocking Winsock call waits alertably too, so the APC can run in the middle of it.',
      'APC выполняется, только когда поток входит в alertable-ожидание (`SleepEx`, `WaitForSingleObjectEx`… с bAlertable = TRUE). Блокирующий вызов Winsock тоже ждёт именно так, поэтому APC может выполниться посреди него.',
      true,
    ),
    r(
      'no-winsock-inside',
      'Inside such an APC, do not make another blocking Winsock call on that thread (`recv`, `shutdown`, `closesocket`, `WSASendDisconnect`…): the behaviour is undefined.',
      'Внутри такого APC не выполняйте в этом потоке другой блокирующий вызов Winsock (`recv`, `shutdown`, `closesocket`, `WSASendDisconnect`…): поведение не определено.',
      true,
    ),
  ],
  requirements: KERNEL32_APC,
  source: doc('processthreadsapi/nf-processthreadsapi-queueuserapc'),
  related: ['WSASendDisconnect', 'closesocket', 'shutdown'],
  roles: ['apc'],
};

// ---------------------------------------------------------------------------------------------
// Neighbours the other families point at: the event and overlapped-result calls of the graceful
// close (FD_CLOSE, the completion of a cancelled overlapped call), and the address calls around
// receiving. Shorter entries, as their pages are further from WSASendDisconnect.

const WSAEVENT_NOTE = r(
  'non-blocking',
  'It makes the socket non-blocking. To make it blocking again, first clear the selection (`lNetworkEvents` = 0) and then call `ioctlsocket(s, FIONBIO, &zero)`; otherwise that call fails with WSAEINVAL.',
  'Вызов делает сокет неблокирующим. Чтобы вернуть блокирующий режим, сначала снимите выбор событий (`lNetworkEvents` = 0), а затем вызовите `ioctlsocket(s, FIONBIO, &zero)`; иначе этот вызов завершится с WSAEINVAL.',
  true,
);

const SELECT_ERRORS: readonly ErrorCondition[] = [
  NOT_INITIALISED,
  NET_DOWN,
  e('WSAEINVAL', 'A parameter is invalid, or the socket is in a state the call does not accept.', 'Недопустимый параметр, или сокет находится в состоянии, которое вызов не принимает.'),
  IN_PROGRESS,
  NOT_SOCK,
];

const wsaEventSelect: FunctionEntry = {
  kind: 'function',
  name: 'WSAEventSelect',
  signature: `int WSAAPI WSAEventSelect(
  _In_     SOCKET   s,
  _In_opt_ WSAEVENT hEventObject,
  _In_     long     lNetworkEvents
);`,
  summary: t(
    'Asks for network events (`FD_READ`, `FD_CLOSE` …) on a socket to be signalled through an event object.',
    'Запрашивает оповещение о сетевых событиях сокета (`FD_READ`, `FD_CLOSE` …) через объект-событие.',
  ),
  params: [
    p('s', 'SOCKET', 'in', false, 'The socket.', 'Сокет.'),
    p('hEventObject', 'WSAEVENT', 'in', true, 'The event object to signal (from `WSACreateEvent`).', 'Объект-событие, которое нужно устанавливать (из `WSACreateEvent`).'),
    p('lNetworkEvents', 'long', 'in', false, 'The FD_* events of interest, combined with `|`; 0 cancels the selection.', 'Нужные события FD_*, объединённые через `|`; 0 отменяет выбор.'),
  ],
  returns: { convention: 'zero-or-socket-error', doc: ZERO_OR_SOCKET_ERROR },
  errors: SELECT_ERRORS,
  remarks: [
    WSAEVENT_NOTE,
    r(
      'graceful-close',
      'Selecting `FD_CLOSE` is the first step of the documented graceful close: after `shutdown(s, SD_SEND)` or `WSASendDisconnect`, `FD_CLOSE` tells that the peer has finished too.',
      'Выбор `FD_CLOSE` — первый шаг задокументированного корректного закрытия: после `shutdown(s, SD_SEND)` или `WSASendDisconnect` событие `FD_CLOSE` сообщает, что удалённая сторона тоже закончила.',
      true,
    ),
    r(
      'replaces',
      'A new call replaces the previous selection for the socket, including one made with `WSAAsyncSelect`. Read which events happened with `WSAEnumNetworkEvents`.',
      'Новый вызов заменяет прежний выбор событий для сокета, в том числе сделанный через `WSAAsyncSelect`. Какие события произошли, сообщает `WSAEnumNetworkEvents`.',
    ),
  ],
  requirements: WS2_32_CURRENT,
  source: doc('winsock2/nf-winsock2-wsaeventselect'),
  related: ['WSAAsyncSelect', 'FD_CLOSE', 'FD_READ', 'ioctlsocket', 'FIONBIO', 'shutdown'],
  roles: ['option'],
  socketParam: 0,
  transitions: [{ from: '*' }],
};

const wsaAsyncSelect: FunctionEntry = {
  kind: 'function',
  name: 'WSAAsyncSelect',
  signature: `int WSAAPI WSAAsyncSelect(
  _In_ SOCKET s,
  _In_ HWND   hWnd,
  _In_ u_int  wMsg,
  _In_ long   lEvent
);`,
  summary: t(
    'Asks for network events (`FD_READ`, `FD_CLOSE` …) on a socket to arrive as window messages.',
    'Запрашивает доставку сетевых событий сокета (`FD_READ`, `FD_CLOSE` …) в виде оконных сообщений.',
  ),
  params: [
    p('s', 'SOCKET', 'in', false, 'The socket.', 'Сокет.'),
    p('hWnd', 'HWND', 'in', false, 'The window that receives the message.', 'Окно, которое получает сообщение.'),
    p('wMsg', 'u_int', 'in', false, 'The message to post; its lParam carries the event and the error.', 'Отправляемое сообщение; его lParam содержит событие и код ошибки.'),
    p('lEvent', 'long', 'in', false, 'The FD_* events of interest, combined with `|`; 0 cancels.', 'Нужные события FD_*, объединённые через `|`; 0 отменяет выбор.'),
  ],
  returns: { convention: 'zero-or-socket-error', doc: ZERO_OR_SOCKET_ERROR },
  errors: SELECT_ERRORS,
  remarks: [
    r(
      'non-blocking',
      'It makes the socket non-blocking; cancel the selection (`lEvent` = 0) before switching it back with `ioctlsocket(FIONBIO)`.',
      'Вызов делает сокет неблокирующим; прежде чем вернуть блокирующий режим через `ioctlsocket(FIONBIO)`, отмените выбор событий (`lEvent` = 0).',
      true,
    ),
    r(
      'fd-close',
      '`FD_CLOSE` is posted when the peer closes the connection, gracefully or not (the error part of lParam tells which); never after the application\'s own `closesocket`.',
      '`FD_CLOSE` приходит, когда удалённая сторона закрывает соединение — корректно или нет (это видно по коду ошибки в lParam); после собственного `closesocket` приложения он не приходит.',
    ),
    r(
      'replaces',
      'A new call replaces the previous selection for the socket, including one made with `WSAEventSelect`.',
      'Новый вызов заменяет прежний выбор событий для сокета, в том числе сделанный через `WSAEventSelect`.',
    ),
  ],
  requirements: WS2_32_CURRENT,
  source: doc('winsock/nf-winsock-wsaasyncselect'),
  related: ['WSAEventSelect', 'FD_CLOSE', 'ioctlsocket', 'FIONBIO'],
  roles: ['option'],
  socketParam: 0,
  transitions: [{ from: '*' }],
};

const wsaGetOverlappedResult: FunctionEntry = {
  kind: 'function',
  name: 'WSAGetOverlappedResult',
  signature: `BOOL WSAAPI WSAGetOverlappedResult(
  _In_  SOCKET          s,
  _In_  LPWSAOVERLAPPED lpOverlapped,
  _Out_ LPDWORD         lpcbTransfer,
  _In_  BOOL            fWait,
  _Out_ LPDWORD         lpdwFlags
);`,
  summary: t(
    'Gets the outcome of an overlapped operation on a socket: bytes transferred, flags, or the error it ended with.',
    'Получает итог перекрывающейся операции на сокете: число переданных байт, флаги или ошибку, которой она завершилась.',
  ),
  params: [
    p('s', 'SOCKET', 'in', false, 'The socket the operation was started on.', 'Сокет, на котором была запущена операция.'),
    p('lpOverlapped', 'LPWSAOVERLAPPED', 'in', false, 'The `WSAOVERLAPPED` given when the operation started.', 'Структура `WSAOVERLAPPED`, переданная при запуске операции.'),
    p('lpcbTransfer', 'LPDWORD', 'out', false, 'Receives the number of bytes transferred.', 'Получает число переданных байт.'),
    p('fWait', 'BOOL', 'in', false, 'TRUE waits for completion (event-based notification only); FALSE returns at once.', 'TRUE — ждать завершения (только при оповещении через событие); FALSE — вернуться сразу.'),
    p('lpdwFlags', 'LPDWORD', 'out', false, 'Receives the completion flags (e.g. MSG_PARTIAL).', 'Получает флаги завершения (например, MSG_PARTIAL).'),
  ],
  returns: {
    convention: 'bool',
    doc: t(
      'TRUE when the operation completed successfully; FALSE when it failed or has not finished, with the reason in `WSAGetLastError()`.',
      'TRUE, если операция успешно завершилась; FALSE, если она завершилась ошибкой или ещё не закончилась, — причину сообщает `WSAGetLastError()`.',
    ),
  },
  errors: [
    NOT_INITIALISED,
    NET_DOWN,
    NOT_SOCK,
    e('WSA_INVALID_HANDLE', 'The `hEvent` of the `WSAOVERLAPPED` is not a valid event handle.', 'Поле `hEvent` структуры `WSAOVERLAPPED` не является допустимым дескриптором события.'),
    e('WSA_INVALID_PARAMETER', 'A parameter is not acceptable.', 'Один из параметров недопустим.'),
    e('WSA_IO_INCOMPLETE', '`fWait` is FALSE and the operation has not completed yet.', '`fWait` равен FALSE, а операция ещё не завершена.'),
    e('WSAEFAULT', 'A pointer parameter is not in valid user memory.', 'Параметр-указатель не находится в допустимой памяти пользователя.'),
  ],
  remarks: [
    r(
      'operation-error',
      'When the operation itself failed, `WSAGetLastError()` gives its error — WSA_OPERATION_ABORTED (995) for an operation cancelled by `closesocket`.',
      'Если завершилась ошибкой сама операция, `WSAGetLastError()` сообщает её ошибку — WSA_OPERATION_ABORTED (995) для операции, отменённой вызовом `closesocket`.',
      true,
    ),
    r(
      'keep-overlapped',
      'The `WSAOVERLAPPED` must stay valid until the operation has completed; do not reuse or free it earlier.',
      'Структура `WSAOVERLAPPED` должна оставаться действительной до завершения операции; не используйте её повторно и не освобождайте раньше.',
    ),
  ],
  requirements: WS2_32_CURRENT,
  source: doc('winsock2/nf-winsock2-wsagetoverlappedresult'),
  related: ['OVERLAPPED', 'WSA_IO_PENDING', 'WSA_IO_INCOMPLETE', 'WSA_OPERATION_ABORTED', 'closesocket', 'DisconnectEx'],
  roles: ['query'],
  socketParam: 0,
};

const receiveFromErrors: readonly ErrorCondition[] = [
  NOT_INITIALISED,
  NET_DOWN,
  e('WSAEFAULT', 'The buffer, `from` or `fromlen` is not in valid user memory, or `fromlen` is too small for the address.', 'Буфер, `from` или `fromlen` не находятся в допустимой памяти пользователя, или `fromlen` мал для адреса.'),
  e('WSAEINTR', 'A blocking call was cancelled (`WSACancelBlockingCall`, Winsock 1.1).', 'Блокирующий вызов отменён (`WSACancelBlockingCall`, Winsock 1.1).'),
  IN_PROGRESS,
  e('WSAEINVAL', 'The socket is not bound, an unknown flag was given, `MSG_OOB` was used with `SO_OOBINLINE` on, or the length is zero or negative.', 'Сокет не привязан, указан неизвестный флаг, `MSG_OOB` использован при включённом `SO_OOBINLINE` или длина нулевая либо отрицательная.'),
  e('WSAEISCONN', 'The socket is connected; this call is not allowed on a connected socket, whatever its type.', 'Сокет подключён; на подключённом сокете любого типа этот вызов не допускается.'),
  e('WSAENETRESET', 'For a datagram socket, the time to live has expired.', 'Для датаграммного сокета истекло время жизни.'),
  NOT_SOCK,
  e('WSAEOPNOTSUPP', '`MSG_OOB` was given on a socket that is not a stream, or the socket can only send.', '`MSG_OOB` указан для сокета, который не является потоковым, или сокет предназначен только для отправки.'),
  e('WSAESHUTDOWN', 'Receiving was turned off on the socket (`shutdown` with SD_RECEIVE or SD_BOTH, or `WSARecvDisconnect`).', 'Приём на сокете отключён (`shutdown` с SD_RECEIVE или SD_BOTH или `WSARecvDisconnect`).'),
  e('WSAEWOULDBLOCK', 'The socket is non-blocking and no data is waiting.', 'Сокет неблокирующий, а ожидающих данных нет.'),
  e('WSAEMSGSIZE', 'The datagram was larger than the buffer and was truncated.', 'Датаграмма была больше буфера и усечена.'),
  e('WSAETIMEDOUT', 'The connection dropped because of a network failure or because the peer stopped responding.', 'Соединение разорвано из-за сбоя сети или потому, что удалённая сторона перестала отвечать.'),
  e('WSAECONNRESET', 'The peer reset the connection; on UDP, an earlier send got an ICMP "port unreachable".', 'Удалённая сторона сбросила соединение; на UDP — предыдущая отправка получила ICMP «port unreachable».'),
];

const receiveFromRows: readonly Transition[] = [
  { from: ['receive-shut', 'both-shut'], error: 'WSAESHUTDOWN' },
  { from: ['created'], socketType: 'datagram', error: 'WSAEINVAL' },
  { from: ['bound'], socketType: 'datagram' },
];

const recvfromFn: FunctionEntry = {
  kind: 'function',
  name: 'recvfrom',
  signature: `int WSAAPI recvfrom(
  _In_                                        SOCKET            s,
  _Out_writes_bytes_to_(len, return)          char FAR         *buf,
  _In_                                        int               len,
  _In_                                        int               flags,
  _Out_writes_bytes_to_opt_(*fromlen, *fromlen) struct sockaddr FAR *from,
  _Inout_opt_                                 int FAR          *fromlen
);`,
  summary: t(
    'Receives a datagram and the address of its sender.',
    'Принимает датаграмму и адрес её отправителя.',
  ),
  params: [
    p('s', 'SOCKET', 'in', false, 'A bound socket.', 'Привязанный сокет.'),
    p('buf', 'char FAR *', 'out', false, 'Buffer that receives the data.', 'Буфер для принимаемых данных.'),
    p('len', 'int', 'in', false, 'Size of `buf` in bytes.', 'Размер `buf` в байтах.'),
    p('flags', 'int', 'in', false, 'Zero, `MSG_PEEK` or `MSG_OOB`.', 'Ноль, `MSG_PEEK` или `MSG_OOB`.'),
    p('from', 'struct sockaddr FAR *', 'out', true, 'Receives the sender\'s address, or NULL.', 'Получает адрес отправителя, или NULL.'),
    p('fromlen', 'int FAR *', 'in-out', true, 'In: the size of `from`; out: the size of the address written.', 'На входе — размер `from`; на выходе — размер записанного адреса.'),
  ],
  returns: {
    convention: 'count-or-socket-error',
    doc: t(
      'The number of bytes received; 0 when a stream connection was closed gracefully; `SOCKET_ERROR` with the reason in `WSAGetLastError()`.',
      'Число принятых байт; 0, если потоковое соединение корректно закрыто; `SOCKET_ERROR` с причиной в `WSAGetLastError()`.',
    ),
  },
  errors: receiveFromErrors,
  remarks: [
    r(
      'datagram',
      'Meant for connectionless sockets; the socket must be bound first (explicitly with `bind`, or implicitly by an earlier `sendto`). A datagram larger than the buffer is truncated (WSAEMSGSIZE), the rest is lost.',
      'Предназначена для сокетов без установления соединения; сокет сначала должен быть привязан (явно через `bind` или неявно предыдущим `sendto`). Датаграмма больше буфера усекается (WSAEMSGSIZE), остаток теряется.',
      true,
    ),
    apcNote('recvfrom'),
  ],
  requirements: WS2_32_WINSOCK_H,
  source: doc('winsock/nf-winsock-recvfrom'),
  related: ['recv', 'sendto', 'WSARecvFrom', 'bind', 'sockaddr'],
  roles: ['receive', 'blocking'],
  socketParam: 0,
  transitions: receiveFromRows,
};

const wsaRecvFromFn: FunctionEntry = {
  kind: 'function',
  name: 'WSARecvFrom',
  signature: `int WSAAPI WSARecvFrom(
  _In_        SOCKET                             s,
  _In_reads_(dwBufferCount) LPWSABUF             lpBuffers,
  _In_        DWORD                              dwBufferCount,
  _Out_opt_   LPDWORD                            lpNumberOfBytesRecvd,
  _Inout_     LPDWORD                            lpFlags,
  _Out_writes_bytes_to_opt_(*lpFromlen, *lpFromlen) struct sockaddr FAR *lpFrom,
  _Inout_opt_ LPINT                              lpFromlen,
  _Inout_opt_ LPWSAOVERLAPPED                    lpOverlapped,
  _In_opt_    LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine
);`,
  summary: t(
    'Receives a datagram into one or more `WSABUF` buffers, with its sender\'s address; can be overlapped.',
    'Принимает датаграмму в один или несколько буферов `WSABUF` вместе с адресом отправителя; может выполняться с перекрытием.',
  ),
  params: [
    p('s', 'SOCKET', 'in', false, 'A bound socket.', 'Привязанный сокет.'),
    p('lpBuffers', 'LPWSABUF', 'in', false, 'An array of `WSABUF` (length first, then pointer).', 'Массив `WSABUF` (сначала длина, затем указатель).'),
    p('dwBufferCount', 'DWORD', 'in', false, 'The number of `WSABUF` entries.', 'Число элементов `WSABUF`.'),
    p('lpNumberOfBytesRecvd', 'LPDWORD', 'out', true, 'Receives the byte count when the call completes at once; NULL only with an overlapped call.', 'Получает число байт, если вызов завершился сразу; NULL допустим только при перекрывающемся вызове.'),
    p('lpFlags', 'LPDWORD', 'in-out', false, 'In: MSG_PEEK, MSG_OOB…; out: flags such as MSG_PARTIAL.', 'На входе — MSG_PEEK, MSG_OOB…; на выходе — флаги вроде MSG_PARTIAL.'),
    p('lpFrom', 'struct sockaddr FAR *', 'out', true, 'Receives the sender\'s address, or NULL.', 'Получает адрес отправителя, или NULL.'),
    p('lpFromlen', 'LPINT', 'in-out', true, 'The size of `lpFrom`; required when `lpFrom` is given.', 'Размер `lpFrom`; обязателен, если задан `lpFrom`.'),
    p('lpOverlapped', 'LPWSAOVERLAPPED', 'in-out', true, 'A `WSAOVERLAPPED` for an overlapped call, or NULL.', '`WSAOVERLAPPED` для перекрывающегося вызова или NULL.'),
    p('lpCompletionRoutine', 'LPWSAOVERLAPPED_COMPLETION_ROUTINE', 'in', true, 'A routine called when the overlapped operation completes, or NULL.', 'Процедура, вызываемая при завершении перекрывающейся операции, или NULL.'),
  ],
  returns: {
    convention: 'zero-or-socket-error',
    doc: t(
      'Returns 0 when the receive completed at once; otherwise `SOCKET_ERROR`, and `WSAGetLastError()` gives WSA_IO_PENDING for an overlapped operation still running, or the error.',
      'Возвращает 0, если приём завершился сразу; иначе `SOCKET_ERROR`, а `WSAGetLastError()` сообщает WSA_IO_PENDING для ещё выполняющейся перекрывающейся операции или код ошибки.',
    ),
  },
  errors: [
    ...receiveFromErrors,
    e('WSAENOTCONN', 'The socket is not connected (connection-oriented sockets only).', 'Сокет не подключён (только для сокетов, ориентированных на соединение).'),
    e('WSA_IO_PENDING', 'Not a failure: the overlapped receive has started and completes later.', 'Не ошибка: перекрывающийся приём запущен и завершится позже.'),
    e('WSA_OPERATION_ABORTED', 'The overlapped receive was cancelled because the socket was closed.', 'Перекрывающийся приём отменён, так как сокет закрыт.'),
  ],
  remarks: [
    r(
      'datagram',
      'Mainly for connectionless sockets; the socket must be bound first. On a connection-oriented socket the address parameters are ignored and it behaves like `WSARecv`.',
      'В основном для сокетов без установления соединения; сокет сначала должен быть привязан. На сокете с установлением соединения параметры адреса игнорируются, и вызов ведёт себя как `WSARecv`.',
      true,
    ),
    r(
      'overlapped-lifetime',
      'For an overlapped call, the buffers, `lpFrom`, `lpFromlen` and the `WSAOVERLAPPED` must stay valid until it completes.',
      'При перекрывающемся вызове буферы, `lpFrom`, `lpFromlen` и `WSAOVERLAPPED` должны оставаться действительными до его завершения.',
    ),
    apcNote('WSARecvFrom'),
  ],
  requirements: WS2_32_CURRENT,
  source: doc('winsock2/nf-winsock2-wsarecvfrom'),
  related: ['recvfrom', 'WSARecv', 'WSABUF', 'OVERLAPPED', 'WSAGetOverlappedResult'],
  roles: ['receive', 'blocking'],
  socketParam: 0,
  transitions: receiveFromRows,
};

const getsocknameFn: FunctionEntry = {
  kind: 'function',
  name: 'getsockname',
  signature: `int WSAAPI getsockname(
  _In_                                      SOCKET              s,
  _Out_writes_bytes_to_(*namelen, *namelen) struct sockaddr FAR *name,
  _Inout_                                   int FAR            *namelen
);`,
  summary: t('Gets the local address a socket is bound to.', 'Получает локальный адрес, к которому привязан сокет.'),
  params: [
    p('s', 'SOCKET', 'in', false, 'A bound socket.', 'Привязанный сокет.'),
    p('name', 'struct sockaddr FAR *', 'out', false, 'Receives the local address.', 'Получает локальный адрес.'),
    p('namelen', 'int FAR *', 'in-out', false, 'In: the size of `name`; out: the size of the address.', 'На входе — размер `name`; на выходе — размер адреса.'),
  ],
  returns: { convention: 'zero-or-socket-error', doc: ZERO_OR_SOCKET_ERROR },
  errors: [
    NOT_INITIALISED,
    NET_DOWN,
    e('WSAEFAULT', '`name` or `namelen` is not in valid user memory, or `namelen` is too small.', '`name` или `namelen` не находятся в допустимой памяти пользователя, или `namelen` слишком мал.'),
    IN_PROGRESS,
    NOT_SOCK,
    e('WSAEINVAL', 'The socket has not been bound with `bind` (or connected, which binds it implicitly).', 'Сокет не привязан через `bind` (и не подключён, что привязывает его неявно).'),
  ],
  remarks: [
    r(
      'port-zero',
      'Useful after `bind` to port 0, or after `connect` without `bind`, to learn the port the system chose. A socket bound to INADDR_ANY may not show its address until it is connected.',
      'Полезна после `bind` к порту 0 или после `connect` без `bind`, чтобы узнать выбранный системой порт. У сокета, привязанного к INADDR_ANY, адрес может быть неизвестен до подключения.',
      true,
    ),
  ],
  requirements: WS2_32_WINSOCK_H,
  source: doc('winsock/nf-winsock-getsockname'),
  related: ['bind', 'connect', 'sockaddr', 'INADDR_ANY'],
  roles: ['query'],
  socketParam: 0,
  transitions: [{ from: ['created'], error: 'WSAEINVAL' }, { from: '*' }],
};

const getpeernameFn: FunctionEntry = {
  kind: 'function',
  name: 'getpeername',
  signature: `int WSAAPI getpeername(
  _In_                                      SOCKET              s,
  _Out_writes_bytes_to_(*namelen, *namelen) struct sockaddr FAR *name,
  _Inout_                                   int FAR            *namelen
);`,
  summary: t('Gets the address of the peer a socket is connected to.', 'Получает адрес удалённой стороны, с которой соединён сокет.'),
  params: [
    p('s', 'SOCKET', 'in', false, 'A connected socket.', 'Подключённый сокет.'),
    p('name', 'struct sockaddr FAR *', 'out', false, "Receives the peer's address.", 'Получает адрес удалённой стороны.'),
    p('namelen', 'int FAR *', 'in-out', false, 'In: the size of `name`; out: the size of the address.', 'На входе — размер `name`; на выходе — размер адреса.'),
  ],
  returns: { convention: 'zero-or-socket-error', doc: ZERO_OR_SOCKET_ERROR },
  errors: [
    NOT_INITIALISED,
    NET_DOWN,
    e('WSAEFAULT', '`name` or `namelen` is not in valid user memory, or `namelen` is too small.', '`name` или `namelen` не находятся в допустимой памяти пользователя, или `namelen` слишком мал.'),
    IN_PROGRESS,
    e('WSAENOTCONN', 'The socket is not connected.', 'Сокет не подключён.'),
    NOT_SOCK,
  ],
  remarks: [
    r(
      'connected-only',
      'Works only on a connected socket; for a datagram socket it gives the address set by `connect`, not the sender of the last datagram.',
      'Работает только с подключённым сокетом; для датаграммного сокета возвращает адрес, заданный `connect`, а не отправителя последней датаграммы.',
      true,
    ),
  ],
  requirements: WS2_32_WINSOCK_H,
  source: doc('winsock/nf-winsock-getpeername'),
  related: ['getsockname', 'connect', 'accept', 'sockaddr'],
  roles: ['query'],
  socketParam: 0,
  transitions: [{ from: ['created', 'bound', 'listening'], socketType: 'stream', error: 'WSAENOTCONN' }, { from: '*' }],
};

const getaddrinfoFn: FunctionEntry = {
  kind: 'function',
  name: 'getaddrinfo',
  signature: `INT WSAAPI getaddrinfo(
  _In_opt_ PCSTR            pNodeName,
  _In_opt_ PCSTR            pServiceName,
  _In_opt_ const ADDRINFOA *pHints,
  _Out_    PADDRINFOA      *ppResult
);`,
  summary: t(
    'Resolves a host name and a service (port) to a list of socket addresses, IPv4 and IPv6 alike.',
    'Преобразует имя узла и службы (порт) в список адресов сокетов — как IPv4, так и IPv6.',
  ),
  params: [
    p('pNodeName', 'PCSTR', 'in', true, 'A host name or a numeric address string; NULL for the local (or wildcard) address.', 'Имя узла или строка с числовым адресом; NULL — локальный (или любой) адрес.'),
    p('pServiceName', 'PCSTR', 'in', true, 'A service name or a port number as a string.', 'Имя службы или номер порта в виде строки.'),
    p('pHints', 'const ADDRINFOA *', 'in', true, 'Wanted family, socket type, protocol and AI_* flags, or NULL.', 'Желаемые семейство, тип сокета, протокол и флаги AI_*, или NULL.'),
    p('ppResult', 'PADDRINFOA *', 'out', false, 'Receives a linked list of results; free it with `freeaddrinfo`.', 'Получает связанный список результатов; освобождайте его через `freeaddrinfo`.'),
  ],
  returns: {
    convention: 'error-code',
    doc: t(
      'Returns 0 on success, otherwise a non-zero Windows Sockets error code (the EAI_* names map to WSA codes).',
      'При успехе возвращает 0, иначе — ненулевой код ошибки Windows Sockets (имена EAI_* соответствуют кодам WSA).',
    ),
  },
  errors: [
    NOT_INITIALISED,
    e('WSATRY_AGAIN', 'A temporary failure in name resolution (EAI_AGAIN).', 'Временный сбой разрешения имени (EAI_AGAIN).'),
    e('WSAEINVAL', 'An invalid value in `ai_flags` of `pHints` (EAI_BADFLAGS).', 'Недопустимое значение `ai_flags` в `pHints` (EAI_BADFLAGS).'),
    e('WSANO_RECOVERY', 'A non-recoverable failure in name resolution (EAI_FAIL).', 'Неустранимый сбой разрешения имени (EAI_FAIL).'),
    e('WSAEAFNOSUPPORT', 'The `ai_family` of `pHints` is not supported (EAI_FAMILY).', '`ai_family` в `pHints` не поддерживается (EAI_FAMILY).'),
    e('WSA_NOT_ENOUGH_MEMORY', 'Memory ran out (EAI_MEMORY).', 'Не хватило памяти (EAI_MEMORY).'),
    e('WSAHOST_NOT_FOUND', 'The name does not resolve for the given parameters, or neither name nor service was given (EAI_NONAME).', 'Имя не разрешается при заданных параметрах, или не указаны ни имя, ни служба (EAI_NONAME).'),
    e('WSATYPE_NOT_FOUND', '`pServiceName` is not supported for the given `ai_socktype` (EAI_SERVICE).', '`pServiceName` не поддерживается для заданного `ai_socktype` (EAI_SERVICE).'),
    e('WSAESOCKTNOSUPPORT', 'The `ai_socktype` of `pHints` is not supported (EAI_SOCKTYPE).', '`ai_socktype` в `pHints` не поддерживается (EAI_SOCKTYPE).'),
  ],
  remarks: [
    r(
      'try-each',
      'Try the results in order (socket, connect) until one connects; a name can have several addresses of both families.',
      'Перебирайте результаты по порядку (socket, connect), пока один из них не подключится; у имени может быть несколько адресов обоих семейств.',
      true,
    ),
    r(
      'no-wsagetlasterror',
      'The error is the return value; there is no need for `WSAGetLastError`.',
      'Код ошибки — это возвращаемое значение; вызывать `WSAGetLastError` не нужно.',
    ),
  ],
  requirements: { ...WS2_32_CURRENT, header: 'ws2tcpip.h (include Ws2tcpip.h)' },
  source: doc('ws2tcpip/nf-ws2tcpip-getaddrinfo'),
  related: ['socket', 'connect', 'sockaddr', 'AF_UNSPEC', 'WSAHOST_NOT_FOUND'],
  roles: ['query'],
};

/** The disconnect and lifetime family: WSASendDisconnect and its closest neighbours. */
export const disconnectFunctions: readonly FunctionEntry[] = [
  wsaSendDisconnect,
  wsaRecvDisconnect,
  shutdownFn,
  closesocketFn,
  disconnectEx,
  transmitFile,
  wsaStartup,
  wsaCleanup,
  wsaGetLastError,
  wsaSetLastError,
  enumProtocols('A'),
  enumProtocols('W'),
  queueUserApc,
  wsaEventSelect,
  wsaAsyncSelect,
  wsaGetOverlappedResult,
  recvfromFn,
  getpeernameFn,
  wsaRecvFromFn,
  getsocknameFn,
  getaddrinfoFn,
];
