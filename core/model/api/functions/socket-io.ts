// The socket life cycle around WSASendDisconnect: creating, binding, listening, accepting,
// connecting, sending, receiving and configuring sockets. Facts come from the Windows SDK headers
// (winsock2.h, mswsock.h) and the public Winsock reference; every sentence here is our own.
import type {
  ErrorCondition,
  FunctionEntry,
  ParamDoc,
  Remark,
  Requirements,
  SocketState,
  Transition,
} from '../../types';
import { e as fails, p as param, r as remark, t as text } from './builders';

// ---------------------------------------------------------------------------------------------
// Requirements shared by several entries.

const WS2_32: Requirements = {
  header: 'winsock2.h',
  library: 'Ws2_32.lib',
  dll: 'Ws2_32.dll',
  minClient: 'Windows 2000 Professional',
  minServer: 'Windows 2000 Server',
};

const WS2_32_VISTA: Requirements = {
  header: 'winsock2.h',
  library: 'Ws2_32.lib',
  dll: 'Ws2_32.dll',
  minClient: 'Windows Vista',
  minServer: 'Windows Server 2008',
};

const MSWSOCK_ACCEPTEX: Requirements = {
  header: 'mswsock.h',
  library: 'Mswsock.lib',
  dll: 'Mswsock.dll',
  minClient: 'Windows 2000 Professional',
  minServer: 'Windows 2000 Server',
};

/** Extension functions that have no import library entry: the pointer comes from WSAIoctl. */
const MSWSOCK_EXTENSION_XP: Requirements = {
  header: 'mswsock.h',
  library: 'none (pointer from WSAIoctl SIO_GET_EXTENSION_FUNCTION_POINTER)',
  dll: 'Mswsock.dll (through the service provider)',
  minClient: 'Windows XP',
  minServer: 'Windows Server 2003',
};

// ---------------------------------------------------------------------------------------------
// Errors that many functions share, each with this family's wording of the condition.

const notInitialised = fails(
  'WSANOTINITIALISED',
  'No successful `WSAStartup` preceded the call in this process (or `WSACleanup` already undid it).',
  'В процессе не было успешного вызова `WSAStartup` (или его уже отменил `WSACleanup`).',
);

const netDown = fails(
  'WSAENETDOWN',
  'The network subsystem has failed.',
  'Отказала сетевая подсистема.',
);

function notSocket(paramName = 's'): ErrorCondition {
  return fails(
    'WSAENOTSOCK',
    `\`${paramName}\` is not a socket handle (never created, or already passed to \`closesocket\`).`,
    `\`${paramName}\` не является дескриптором сокета (он не создавался или уже передан в \`closesocket\`).`,
  );
}

const inProgress = fails(
  'WSAEINPROGRESS',
  'A blocking Winsock 1.1 call is still running on this thread, or the provider is still inside a callback.',
  'В этом потоке ещё выполняется блокирующий вызов Winsock 1.1 или поставщик ещё не вышел из функции обратного вызова.',
);

const interrupted = fails(
  'WSAEINTR',
  'A blocking Winsock 1.1 call was cancelled with `WSACancelBlockingCall`.',
  'Блокирующий вызов Winsock 1.1 был отменён через `WSACancelBlockingCall`.',
);

const ioPending = fails(
  'WSA_IO_PENDING',
  'Not a failure: the overlapped operation started and will complete later (event, completion routine or completion port).',
  'Это не ошибка: перекрывающаяся операция запущена и завершится позже (через событие, процедуру завершения или порт завершения).',
);

const operationAborted = fails(
  'WSA_OPERATION_ABORTED',
  'The overlapped operation was cancelled: the socket was closed, `WSAIoctl(SIO_FLUSH)` ran, or the thread that started it exited.',
  'Перекрывающаяся операция отменена: сокет закрыт, выполнен `WSAIoctl(SIO_FLUSH)` или завершился поток, который её начал.',
);

const sendShutdown = fails(
  'WSAESHUTDOWN',
  'Sending was already turned off on this socket by `shutdown(SD_SEND)`, `shutdown(SD_BOTH)` or `WSASendDisconnect`.',
  'Отправка на этом сокете уже выключена вызовом `shutdown(SD_SEND)`, `shutdown(SD_BOTH)` или `WSASendDisconnect`.',
);

const receiveShutdown = fails(
  'WSAESHUTDOWN',
  'Receiving was already turned off on this socket by `shutdown(SD_RECEIVE)`, `shutdown(SD_BOTH)` or `WSARecvDisconnect`.',
  'Приём на этом сокете уже выключен вызовом `shutdown(SD_RECEIVE)`, `shutdown(SD_BOTH)` или `WSARecvDisconnect`.',
);

const notConnected = fails(
  'WSAENOTCONN',
  'The socket is not connected (connection-oriented sockets), or a datagram socket has no default peer.',
  'Сокет не подключён (для сокетов с установлением соединения) или у датаграммного сокета нет адресата по умолчанию.',
);

const connAborted = fails(
  'WSAECONNABORTED',
  'The connection was dropped locally: a timeout or another failure ended the virtual circuit.',
  'Соединение разорвано на локальной стороне: виртуальный канал закрыт из-за тайм-аута или другого сбоя.',
);

const connReset = fails(
  'WSAECONNRESET',
  'The peer reset the connection (a hard close on its side); the socket is no longer usable. On UDP: an earlier datagram drew an ICMP "port unreachable".',
  'Удалённая сторона сбросила соединение (аварийное закрытие у неё), сокет больше непригоден. Для UDP: на одну из прежних датаграмм пришёл ICMP «порт недоступен».',
);

const netReset = fails(
  'WSAENETRESET',
  'Keep-alive detected a broken connection while the operation was running; for datagram sockets, the time to live expired.',
  'Механизм keep-alive обнаружил обрыв соединения во время операции; для датаграммных сокетов истёк срок жизни (TTL).',
);

const noBuffers = fails(
  'WSAENOBUFS',
  'The provider ran out of buffer space.',
  'У поставщика закончилось буферное пространство.',
);

const wouldBlockSend = fails(
  'WSAEWOULDBLOCK',
  'Non-blocking socket: the data cannot be queued now; wait for `FD_WRITE` or writability and retry. Overlapped socket: too many requests are outstanding.',
  'Неблокирующий сокет: данные сейчас нельзя поставить в очередь; дождитесь `FD_WRITE` или готовности к записи и повторите. Перекрывающийся сокет: слишком много незавершённых запросов.',
);

const wouldBlockReceive = fails(
  'WSAEWOULDBLOCK',
  'Non-blocking socket: no data is available yet; wait for `FD_READ` or readability and retry. Overlapped socket: too many requests are outstanding.',
  'Неблокирующий сокет: данных пока нет; дождитесь `FD_READ` или готовности к чтению и повторите. Перекрывающийся сокет: слишком много незавершённых запросов.',
);

const timedOutSend = fails(
  'WSAETIMEDOUT',
  'The connection broke because of a network failure or the peer stopped answering, or the `SO_SNDTIMEO` timeout expired.',
  'Соединение оборвалось из-за сбоя сети или молчания удалённой стороны либо истёк тайм-аут `SO_SNDTIMEO`.',
);

const timedOutReceive = fails(
  'WSAETIMEDOUT',
  'The connection broke because of a network failure or the peer stopped answering, or the `SO_RCVTIMEO` timeout expired.',
  'Соединение оборвалось из-за сбоя сети или молчания удалённой стороны либо истёк тайм-аут `SO_RCVTIMEO`.',
);

const messageTooBig = fails(
  'WSAEMSGSIZE',
  'The socket is message-oriented and the message is larger than the transport allows (`SO_MAX_MSG_SIZE`); nothing was sent.',
  'Сокет ориентирован на сообщения, а сообщение больше допустимого транспортом (`SO_MAX_MSG_SIZE`); ничего не отправлено.',
);

const hostUnreachable = fails(
  'WSAEHOSTUNREACH',
  'The remote host cannot be reached from this host now.',
  'Удалённый узел сейчас недостижим с этого узла.',
);

const connectionRefused = fails(
  'WSAECONNREFUSED',
  'The target actively refused the connection (nothing listens on that port). Trying again on the same socket is allowed.',
  'Удалённая сторона отвергла подключение (на этом порту никто не слушает). Повторная попытка на том же сокете допустима.',
);

const netUnreachable = fails(
  'WSAENETUNREACH',
  'The network cannot be reached from this host now. Trying again on the same socket is allowed.',
  'Сеть сейчас недостижима с этого узла. Повторная попытка на том же сокете допустима.',
);

const connectTimedOut = fails(
  'WSAETIMEDOUT',
  'The connection attempt timed out without an answer. Trying again on the same socket is allowed.',
  'Попытка подключения не получила ответа за отведённое время. Повторная попытка на том же сокете допустима.',
);

const alreadyConnected = fails(
  'WSAEISCONN',
  'The socket is already connected (connection-oriented sockets). This includes a socket whose sending or receiving was shut down: shutdown does not make it connectable again.',
  'Сокет уже подключён (для сокетов с установлением соединения). Сюда относится и сокет, на котором выключены отправка или приём: shutdown не делает его снова пригодным для подключения.',
);

const alreadyConnecting = fails(
  'WSAEALREADY',
  'A non-blocking `connect`, `WSAConnect` or `ConnectEx` is still in progress on this socket.',
  'На этом сокете ещё выполняется неблокирующий `connect`, `WSAConnect` или `ConnectEx`.',
);

const addressInUse = fails(
  'WSAEADDRINUSE',
  'The local address is already in use and `SO_REUSEADDR` was not set; after a wildcard `bind` this can surface only at connect time.',
  'Локальный адрес уже занят, а `SO_REUSEADDR` не установлен; после `bind` с подстановочным адресом ошибка может проявиться только при подключении.',
);

const addressNotAvailable = fails(
  'WSAEADDRNOTAVAIL',
  'The remote address is not valid for a connection (for example `INADDR_ANY` or port 0).',
  'Удалённый адрес не годится для подключения (например, `INADDR_ANY` или порт 0).',
);

const familyNotSupported = fails(
  'WSAEAFNOSUPPORT',
  'Addresses of this family cannot be used with this socket.',
  'Адреса этого семейства нельзя использовать с этим сокетом.',
);

// ---------------------------------------------------------------------------------------------
// Remarks that several entries carry (ids stay the same so that every surface can refer to them).

const apcNote = remark(
  'apc-blocking',
  'When this call has to wait, Winsock waits alertably, so a user APC queued to the thread (`QueueUserAPC`, a completion routine) can run in the middle of it. Starting another blocking Winsock call from inside that APC is undefined behaviour.',
  'Если этому вызову приходится ждать, Winsock ждёт в режиме оповещения (alertable), и поставленная потоку пользовательская APC (`QueueUserAPC`, процедура завершения) может выполниться посреди вызова. Начинать из такой APC другой блокирующий вызов Winsock нельзя: поведение не определено.',
  true,
);

const unsignedSocket = remark(
  'socket-unsigned',
  '`SOCKET` is an unsigned integer (`UINT_PTR`), so a failure is `INVALID_SOCKET` (`~0`), not a negative number. Compare with `INVALID_SOCKET`; a test such as `s < 0` is always false and hides the error.',
  '`SOCKET` — беззнаковое целое (`UINT_PTR`), поэтому признак ошибки — `INVALID_SOCKET` (`~0`), а не отрицательное число. Сравнивайте с `INVALID_SOCKET`: проверка вида `s < 0` всегда ложна и скрывает ошибку.',
  true,
);

const wsabufOrder = remark(
  'wsabuf-len-first',
  '`WSABUF` declares `len` before `buf` (`{ ULONG len; CHAR *buf; }`), the reverse of POSIX `iovec`. Positional initialisers written as `{ buf, len }` put the pointer into the length.',
  'В `WSABUF` поле `len` объявлено раньше `buf` (`{ ULONG len; CHAR *buf; }`) — в обратном порядке по сравнению с POSIX `iovec`. Позиционная инициализация вида `{ buf, len }` кладёт указатель в поле длины.',
  true,
);

const overlappedLifetime = remark(
  'overlapped-lifetime',
  'With an overlapped request the `WSAOVERLAPPED` structure and the data buffers must stay valid until the request completes; `closesocket` cancels pending requests, which then complete with `WSA_OPERATION_ABORTED`, possibly after `closesocket` has returned. The `WSABUF` array itself may live on the stack: the provider copies it before returning.',
  'При перекрывающемся запросе структура `WSAOVERLAPPED` и буферы данных должны оставаться действительными до завершения запроса; `closesocket` отменяет незавершённые запросы, и они завершаются с `WSA_OPERATION_ABORTED`, возможно уже после возврата из `closesocket`. Сам массив `WSABUF` можно держать в стеке: поставщик копирует его до возврата.',
);

const sendAfterShutdown = remark(
  'send-after-shutdown',
  'Once sending is turned off — `shutdown(s, SD_SEND)`, `shutdown(s, SD_BOTH)` or `WSASendDisconnect(s, …)` — every later send on the socket fails with `WSAESHUTDOWN` (10058). The direction cannot be turned back on; the socket still needs `closesocket`.',
  'После выключения отправки — `shutdown(s, SD_SEND)`, `shutdown(s, SD_BOTH)` или `WSASendDisconnect(s, …)` — любая последующая отправка на этом сокете завершается ошибкой `WSAESHUTDOWN` (10058). Включить направление обратно нельзя; сокет всё равно нужно закрыть `closesocket`.',
  true,
);

function extensionPointer(fn: string, guid: string): Remark {
  return remark(
    'extension-pointer',
    `\`${fn}\` is a Microsoft extension: get its address at run time with \`WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof guid, &fn, sizeof fn, &bytes, NULL, NULL)\`, where \`guid\` holds \`${guid}\` from mswsock.h. The pointer belongs to the provider of the socket used for the query, so ask on a socket of the same kind.`,
    `\`${fn}\` — расширение Microsoft: его адрес получают во время выполнения вызовом \`WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &guid, sizeof guid, &fn, sizeof fn, &bytes, NULL, NULL)\`, где \`guid\` содержит \`${guid}\` из mswsock.h. Указатель относится к поставщику того сокета, на котором сделан запрос, поэтому запрашивайте его на сокете того же вида.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Socket-state groups used by the transition rows.

const SEND_SHUT: readonly SocketState[] = ['send-shut', 'both-shut'];
const RECEIVE_SHUT: readonly SocketState[] = ['receive-shut', 'both-shut'];
/** Connected at some point and not yet disconnected, whatever direction was shut down since. */
const CONNECTED_OR_SHUT: readonly SocketState[] = ['connected', 'send-shut', 'receive-shut', 'both-shut'];
/** States in which a stream socket has no connection to send or receive on. */
const NO_CONNECTION: readonly SocketState[] = ['created', 'bound', 'listening', 'connecting', 'reusable'];

/** send, WSASend: the shared rows. */
const SEND_ROWS: readonly Transition[] = [
  { from: SEND_SHUT, error: 'WSAESHUTDOWN' },
  { from: NO_CONNECTION, socketType: 'stream', error: 'WSAENOTCONN' },
  { from: ['connected', 'receive-shut'] },
];

/** sendto, WSASendTo: a datagram socket that was never bound gets an implicit local address. */
const SENDTO_ROWS: readonly Transition[] = [
  { from: SEND_SHUT, error: 'WSAESHUTDOWN' },
  { from: NO_CONNECTION, socketType: 'stream', error: 'WSAENOTCONN' },
  { from: ['created'], socketType: 'datagram', to: 'bound' },
  { from: ['bound', 'connected', 'receive-shut'] },
];

/** recv, WSARecv. */
const RECEIVE_ROWS: readonly Transition[] = [
  { from: RECEIVE_SHUT, error: 'WSAESHUTDOWN' },
  { from: NO_CONNECTION, socketType: 'stream', error: 'WSAENOTCONN' },
  { from: ['created'], socketType: 'datagram', error: 'WSAEINVAL' },
  { from: ['bound', 'connected', 'send-shut'] },
];

/** connect, WSAConnect, WSAConnectByName*, WSAConnectByList. */
const CONNECT_ROWS: readonly Transition[] = [
  { from: ['listening'], error: 'WSAEINVAL' },
  { from: ['connecting'], error: 'WSAEALREADY' },
  { from: CONNECTED_OR_SHUT, socketType: 'stream', error: 'WSAEISCONN' },
  { from: ['created', 'bound'], to: 'connected' },
  { from: ['connected'], socketType: 'datagram' },
];

/** WSAConnectByName*, WSAConnectByList: stream sockets only, never left half-connected. */
const CONNECT_BY_ROWS: readonly Transition[] = [
  { from: ['listening'], error: 'WSAEINVAL' },
  { from: CONNECTED_OR_SHUT, error: 'WSAEISCONN' },
  { from: ['created', 'bound'], to: 'connected' },
];

/** Calls that read or change settings only. */
const ANY_STATE_UNCHANGED: readonly Transition[] = [{ from: '*' }];

// ---------------------------------------------------------------------------------------------
// Shared parameter docs.

function socketParam(en: string, ru: string, name = 's'): ParamDoc {
  return param(name, 'SOCKET', 'in', false, en, ru);
}

const overlappedParam = param(
  'lpOverlapped',
  'LPWSAOVERLAPPED',
  'in-out',
  true,
  'A `WSAOVERLAPPED` structure for an overlapped request, or NULL. Ignored for sockets created without `WSA_FLAG_OVERLAPPED`; with both this and `lpCompletionRoutine` NULL the call behaves like its blocking counterpart.',
  'Структура `WSAOVERLAPPED` для перекрывающегося запроса или NULL. Для сокетов, созданных без `WSA_FLAG_OVERLAPPED`, не учитывается; если NULL и он, и `lpCompletionRoutine`, вызов ведёт себя как обычный блокирующий.',
);

const completionRoutineParam = param(
  'lpCompletionRoutine',
  'LPWSAOVERLAPPED_COMPLETION_ROUTINE',
  'in',
  true,
  'A routine to run as an APC on this thread when the overlapped request completes, or NULL. It runs only while the thread waits alertably (`SleepEx`, `WSAWaitForMultipleEvents` with `fAlertable` TRUE …).',
  'Процедура, которая выполнится как APC в этом потоке по завершении перекрывающегося запроса, или NULL. Она запускается, только пока поток ждёт в режиме оповещения (`SleepEx`, `WSAWaitForMultipleEvents` с `fAlertable` = TRUE …).',
);

// ---------------------------------------------------------------------------------------------
// Creating sockets.

const socketCreationErrors: readonly ErrorCondition[] = [
  notInitialised,
  netDown,
  fails(
    'WSAEAFNOSUPPORT',
    'The address family `af` is not supported (for example `AF_IRDA` without an infrared stack).',
    'Семейство адресов `af` не поддерживается (например, `AF_IRDA` без инфракрасного стека).',
  ),
  inProgress,
  fails(
    'WSAEMFILE',
    'No more socket descriptors are available.',
    'Свободных дескрипторов сокетов больше нет.',
  ),
  fails(
    'WSAEINVAL',
    'An argument is invalid, e.g. `af` is `AF_UNSPEC` and `type`/`protocol` do not name a provider.',
    'Недопустимый аргумент: например, `af` равно `AF_UNSPEC`, а `type` и `protocol` не указывают на поставщика.',
  ),
  fails(
    'WSAEINVALIDPROVIDER',
    'The service provider returned a version other than 2.2.',
    'Поставщик услуг вернул версию, отличную от 2.2.',
  ),
  fails(
    'WSAEINVALIDPROCTABLE',
    'The service provider returned an incomplete or invalid procedure table.',
    'Поставщик услуг вернул неполную или неверную таблицу процедур.',
  ),
  noBuffers,
  fails(
    'WSAEPROTONOSUPPORT',
    'The protocol `protocol` is not supported.',
    'Протокол `protocol` не поддерживается.',
  ),
  fails(
    'WSAEPROTOTYPE',
    'The protocol does not fit the socket type (for example `IPPROTO_UDP` with `SOCK_STREAM`).',
    'Протокол не подходит к типу сокета (например, `IPPROTO_UDP` с `SOCK_STREAM`).',
  ),
  fails(
    'WSAEPROVIDERFAILEDINIT',
    'The service provider failed to initialise (its `WSPStartup` failed or it is installed wrongly).',
    'Поставщик услуг не смог инициализироваться (его `WSPStartup` завершился ошибкой или он неправильно установлен).',
  ),
  fails(
    'WSAESOCKTNOSUPPORT',
    'The socket type `type` is not supported in this address family.',
    'Тип сокета `type` не поддерживается в этом семействе адресов.',
  ),
];

const afParam = param(
  'af',
  'int',
  'in',
  false,
  'Address family: `AF_INET` (IPv4), `AF_INET6` (IPv6), `AF_UNSPEC` and others from ws2def.h.',
  'Семейство адресов: `AF_INET` (IPv4), `AF_INET6` (IPv6), `AF_UNSPEC` и другие из ws2def.h.',
);
const typeParam = param(
  'type',
  'int',
  'in',
  false,
  'Socket type: `SOCK_STREAM` (TCP), `SOCK_DGRAM` (UDP), `SOCK_RAW`, `SOCK_RDM`, `SOCK_SEQPACKET`.',
  'Тип сокета: `SOCK_STREAM` (TCP), `SOCK_DGRAM` (UDP), `SOCK_RAW`, `SOCK_RDM`, `SOCK_SEQPACKET`.',
);
const protocolParam = param(
  'protocol',
  'int',
  'in',
  false,
  'Protocol, e.g. `IPPROTO_TCP` or `IPPROTO_UDP`; 0 lets the provider pick the default for `af` and `type`.',
  'Протокол, например `IPPROTO_TCP` или `IPPROTO_UDP`; 0 — поставщик выберет протокол по умолчанию для `af` и `type`.',
);

const wsaSocketRemarks: readonly Remark[] = [
  unsignedSocket,
  remark(
    'wsasocket-overlapped-flag',
    'Overlapped I/O (`WSASend`/`WSARecv` with an `lpOverlapped`, completion ports) needs `WSA_FLAG_OVERLAPPED` in `dwFlags`. `socket()` sets that attribute by itself; `WSASocket` does not.',
    'Для перекрывающегося ввода-вывода (`WSASend`/`WSARecv` с `lpOverlapped`, порты завершения) в `dwFlags` нужен `WSA_FLAG_OVERLAPPED`. `socket()` задаёт этот признак сам, `WSASocket` — нет.',
    true,
  ),
  remark(
    'wsasocket-no-inherit',
    '`WSA_FLAG_NO_HANDLE_INHERIT` (Windows 7 SP1 and later) keeps the handle out of child processes, which avoids a socket staying open in a child after the parent closes it.',
    '`WSA_FLAG_NO_HANDLE_INHERIT` (Windows 7 SP1 и новее) не даёт дочерним процессам унаследовать дескриптор, так что сокет не остаётся открытым в потомке после закрытия в родителе.',
  ),
  remark(
    'wsasocket-protocol-info',
    'When `lpProtocolInfo` is not NULL it selects the provider and overrides `af`, `type` and `protocol` where those are `FROM_PROTOCOL_INFO` (-1). A `WSAPROTOCOL_INFO` from `WSADuplicateSocket` opens a shared descriptor of another process’s socket.',
    'Если `lpProtocolInfo` не NULL, он выбирает поставщика и задаёт `af`, `type` и `protocol` там, где они равны `FROM_PROTOCOL_INFO` (-1). Структура `WSAPROTOCOL_INFO`, полученная от `WSADuplicateSocket`, открывает общий дескриптор сокета другого процесса.',
  ),
  remark(
    'one-close-per-socket',
    'Every socket this call returns must be released with exactly one `closesocket`.',
    'Каждый возвращённый этим вызовом сокет нужно освободить ровно одним вызовом `closesocket`.',
  ),
];

function wsaSocketEntry(variant: 'A' | 'W'): FunctionEntry {
  const infoType = `LPWSAPROTOCOL_INFO${variant}`;
  const name = `WSASocket${variant}`;
  const entry: FunctionEntry = {
    kind: 'function',
    name,
    signature: [
      ...(variant === 'A' ? ['_WINSOCK_DEPRECATED_BY("WSASocketW()")'] : []),
      '_Must_inspect_result_',
      `SOCKET WSAAPI ${name}(`,
      '    _In_ int af,',
      '    _In_ int type,',
      '    _In_ int protocol,',
      `    _In_opt_ ${infoType} lpProtocolInfo,`,
      '    _In_ GROUP g,',
      '    _In_ DWORD dwFlags',
      ');',
    ].join('\n'),
    summary: text(
      `Creates a socket like \`socket\`, with extra control: a chosen provider, a socket group and creation flags such as \`WSA_FLAG_OVERLAPPED\`${variant === 'A' ? ' (ANSI variant)' : ' (Unicode variant; `WSASocket` maps to it under UNICODE)'}.`,
      `Создаёт сокет, как \`socket\`, но с дополнительными возможностями: выбор поставщика, группа сокетов и флаги создания, например \`WSA_FLAG_OVERLAPPED\`${variant === 'A' ? ' (ANSI-вариант)' : ' (Unicode-вариант; при UNICODE на него указывает `WSASocket`)'}.`,
    ),
    params: [
      afParam,
      typeParam,
      protocolParam,
      param(
        'lpProtocolInfo',
        infoType,
        'in',
        true,
        `A \`WSAPROTOCOL_INFO${variant}\` that selects the provider (from \`WSAEnumProtocols${variant}\` or \`WSADuplicateSocket${variant}\`), or NULL to choose by \`af\`, \`type\` and \`protocol\`.`,
        `Структура \`WSAPROTOCOL_INFO${variant}\`, выбирающая поставщика (из \`WSAEnumProtocols${variant}\` или \`WSADuplicateSocket${variant}\`), или NULL — тогда выбор идёт по \`af\`, \`type\` и \`protocol\`.`,
      ),
      param(
        'g',
        'GROUP',
        'in',
        false,
        'Socket group: 0 for none. Group creation (`SG_UNCONSTRAINED_GROUP`, `SG_CONSTRAINED_GROUP`) is reserved; current providers do not implement groups.',
        'Группа сокетов: 0 — без группы. Создание групп (`SG_UNCONSTRAINED_GROUP`, `SG_CONSTRAINED_GROUP`) зарезервировано; существующие поставщики группы не реализуют.',
      ),
      param(
        'dwFlags',
        'DWORD',
        'in',
        false,
        'Creation flags: `WSA_FLAG_OVERLAPPED` (0x01), the multipoint flags, `WSA_FLAG_ACCESS_SYSTEM_SECURITY` (0x40), `WSA_FLAG_NO_HANDLE_INHERIT` (0x80), `WSA_FLAG_REGISTERED_IO` (0x100).',
        'Флаги создания: `WSA_FLAG_OVERLAPPED` (0x01), флаги многоточечных сокетов, `WSA_FLAG_ACCESS_SYSTEM_SECURITY` (0x40), `WSA_FLAG_NO_HANDLE_INHERIT` (0x80), `WSA_FLAG_REGISTERED_IO` (0x100).',
      ),
    ],
    returns: {
      convention: 'socket-or-invalid-socket',
      doc: text(
        'The new socket, or `INVALID_SOCKET` with the reason in `WSAGetLastError()`.',
        'Новый сокет или `INVALID_SOCKET`; причину сообщает `WSAGetLastError()`.',
      ),
    },
    errors: [
      ...socketCreationErrors,
      fails(
        'WSAEFAULT',
        '`lpProtocolInfo` does not point into valid user memory.',
        '`lpProtocolInfo` указывает за пределы доступной памяти процесса.',
      ),
    ],
    remarks: wsaSocketRemarks,
    requirements: WS2_32,
    related: ['socket', `WSAEnumProtocols${variant}`, 'closesocket', 'WSASend', 'WSARecv', 'WSAIoctl'],
    roles: ['create'],
    transitions: [{ from: '*', newSocket: 'created' }],
  };
  return variant === 'A'
    ? {
        ...entry,
        deprecated: {
          replacement: 'WSASocketW',
          note: text(
            'The SDK marks the ANSI variant deprecated (MSVC warning C4996 unless `_WINSOCK_DEPRECATED_NO_WARNINGS` is defined).',
            'SDK помечает ANSI-вариант устаревшим (предупреждение MSVC C4996, если не определён `_WINSOCK_DEPRECATED_NO_WARNINGS`).',
          ),
        },
      }
    : entry;
}

const socketFn: FunctionEntry = {
  kind: 'function',
  name: 'socket',
  signature: [
    '_Must_inspect_result_',
    'SOCKET WSAAPI socket(',
    '    _In_ int af,',
    '    _In_ int type,',
    '    _In_ int protocol',
    ');',
  ].join('\n'),
  summary: text(
    'Creates a socket of the given address family, type and protocol and returns its handle.',
    'Создаёт сокет заданного семейства адресов, типа и протокола и возвращает его дескриптор.',
  ),
  params: [afParam, typeParam, protocolParam],
  returns: {
    convention: 'socket-or-invalid-socket',
    doc: text(
      'The new socket, or `INVALID_SOCKET` with the reason in `WSAGetLastError()`.',
      'Новый сокет или `INVALID_SOCKET`; причину сообщает `WSAGetLastError()`.',
    ),
  },
  errors: socketCreationErrors,
  remarks: [
    unsignedSocket,
    remark(
      'socket-overlapped-default',
      'A socket from `socket()` has the overlapped attribute, so it can be used with `lpOverlapped` requests and completion ports. It starts in blocking mode; `ioctlsocket(FIONBIO)` makes it non-blocking.',
      'Сокет, созданный `socket()`, имеет признак перекрывающегося ввода-вывода, поэтому подходит для запросов с `lpOverlapped` и портов завершения. Он создаётся в блокирующем режиме; неблокирующим его делает `ioctlsocket(FIONBIO)`.',
    ),
    remark(
      'socket-starts-unbound',
      'The new socket is neither bound nor connected: a server calls `bind` and `listen`, a client calls `connect` (which binds implicitly).',
      'Новый сокет не привязан и не подключён: сервер вызывает `bind` и `listen`, клиент — `connect` (он привязывает сокет неявно).',
    ),
    remark(
      'one-close-per-socket',
      'Every socket this call returns must be released with exactly one `closesocket`.',
      'Каждый возвращённый этим вызовом сокет нужно освободить ровно одним вызовом `closesocket`.',
    ),
  ],
  requirements: WS2_32,
  related: ['WSASocketW', 'bind', 'connect', 'listen', 'closesocket', 'WSAStartup'],
  roles: ['create'],
  transitions: [{ from: '*', newSocket: 'created' }],
};

// ---------------------------------------------------------------------------------------------
// The server side: bind, listen, accept, AcceptEx.

const sockaddrNameParam = (en: string, ru: string): ParamDoc =>
  param('name', 'const struct sockaddr FAR *', 'in', false, en, ru);
const namelenParam = param(
  'namelen',
  'int',
  'in',
  false,
  'Size of the structure `name` points to, in bytes (e.g. `sizeof(struct sockaddr_in)`).',
  'Размер структуры, на которую указывает `name`, в байтах (например, `sizeof(struct sockaddr_in)`).',
);

const bindFn: FunctionEntry = {
  kind: 'function',
  name: 'bind',
  signature: [
    'int WSAAPI bind(',
    '    _In_ SOCKET s,',
    '    _In_reads_bytes_(namelen) const struct sockaddr FAR * name,',
    '    _In_ int namelen',
    ');',
  ].join('\n'),
  summary: text(
    'Gives an unbound socket its local address and port.',
    'Назначает непривязанному сокету локальный адрес и порт.',
  ),
  params: [
    socketParam('The socket to bind; it must not be bound yet.', 'Сокет для привязки; он ещё не должен быть привязан.'),
    sockaddrNameParam(
      'The local address: `INADDR_ANY`/`in6addr_any` for every interface, port 0 to let the system pick one.',
      'Локальный адрес: `INADDR_ANY`/`in6addr_any` — все интерфейсы, порт 0 — система выберет порт сама.',
    ),
    namelenParam,
  ],
  returns: {
    convention: 'zero-or-socket-error',
    doc: text('0 on success, `SOCKET_ERROR` otherwise (see `WSAGetLastError()`).', '0 при успехе, иначе `SOCKET_ERROR` (см. `WSAGetLastError()`).'),
  },
  errors: [
    notInitialised,
    netDown,
    fails(
      'WSAEACCES',
      'Access is denied: e.g. a datagram socket bound to a broadcast address without `SO_BROADCAST`, or the port is held exclusively by another socket.',
      'Доступ запрещён: например, датаграммный сокет привязывается к широковещательному адресу без `SO_BROADCAST` или порт монопольно занят другим сокетом.',
    ),
    fails(
      'WSAEADDRINUSE',
      'Another socket already uses this address and port, and `SO_REUSEADDR` does not allow sharing.',
      'Этот адрес и порт уже использует другой сокет, а `SO_REUSEADDR` не разрешает совместное использование.',
    ),
    fails(
      'WSAEADDRNOTAVAIL',
      'The address is not one of this computer’s addresses.',
      'Адрес не принадлежит этому компьютеру.',
    ),
    fails(
      'WSAEFAULT',
      '`name` is not in valid user memory, `namelen` is too small, or the family in `name` does not match the socket.',
      '`name` указывает за пределы доступной памяти, `namelen` слишком мал или семейство в `name` не совпадает с сокетом.',
    ),
    inProgress,
    fails('WSAEINVAL', 'The socket is already bound to an address.', 'Сокет уже привязан к адресу.'),
    fails(
      'WSAENOBUFS',
      'Not enough buffers, typically because too many connections exist.',
      'Не хватает буферов — обычно из-за слишком большого числа соединений.',
    ),
    notSocket(),
  ],
  remarks: [
    remark(
      'bind-wildcard-delay',
      'With a wildcard address the final local address is chosen only when the socket connects, so an address conflict may show up later, in `connect` or `listen`, as `WSAEADDRINUSE`.',
      'При подстановочном адресе окончательный локальный адрес выбирается только при подключении, поэтому конфликт адресов может проявиться позже — в `connect` или `listen` — как `WSAEADDRINUSE`.',
    ),
    remark(
      'bind-reuseaddr',
      '`SO_REUSEADDR` on Windows lets a socket take a port that another socket is actively using, which is unsafe; `SO_EXCLUSIVEADDRUSE` guards a server port against that.',
      'В Windows `SO_REUSEADDR` позволяет занять порт, который активно использует другой сокет, — это небезопасно; `SO_EXCLUSIVEADDRUSE` защищает серверный порт от такого захвата.',
    ),
    remark(
      'bind-before-connectex',
      '`ConnectEx` requires an explicitly bound socket: call `bind` with a wildcard address and port 0 first.',
      '`ConnectEx` требует явно привязанного сокета: сначала вызовите `bind` с подстановочным адресом и портом 0.',
      true,
    ),
  ],
  requirements: WS2_32,
  related: ['socket', 'listen', 'connect', 'ConnectEx', 'setsockopt', 'getsockname'],
  roles: ['bind'],
  socketParam: 0,
  transitions: [
    { from: ['created'], to: 'bound' },
    { from: ['bound', 'listening', 'connecting', ...CONNECTED_OR_SHUT], error: 'WSAEINVAL' },
  ],
};

const listenFn: FunctionEntry = {
  kind: 'function',
  name: 'listen',
  signature: ['int WSAAPI listen(', '    _In_ SOCKET s,', '    _In_ int backlog', ');'].join('\n'),
  summary: text(
    'Puts a bound connection-oriented socket into the listening state so that it queues incoming connections.',
    'Переводит привязанный сокет с установлением соединения в режим прослушивания, чтобы он ставил входящие подключения в очередь.',
  ),
  params: [
    socketParam('A bound, unconnected stream socket.', 'Привязанный неподключённый потоковый сокет.'),
    param(
      'backlog',
      'int',
      'in',
      false,
      'Maximum length of the queue of pending connections; `SOMAXCONN` lets the provider choose a large value, `SOMAXCONN_HINT(n)` asks for about n.',
      'Наибольшая длина очереди ожидающих подключений; `SOMAXCONN` — поставщик выберет большое значение сам, `SOMAXCONN_HINT(n)` — около n.',
    ),
  ],
  returns: {
    convention: 'zero-or-socket-error',
    doc: text('0 on success, `SOCKET_ERROR` otherwise (see `WSAGetLastError()`).', '0 при успехе, иначе `SOCKET_ERROR` (см. `WSAGetLastError()`).'),
  },
  errors: [
    notInitialised,
    netDown,
    fails(
      'WSAEADDRINUSE',
      'The socket was bound to a wildcard address and the port turned out to be in use when listening began.',
      'Сокет был привязан к подстановочному адресу, и при начале прослушивания порт оказался занят.',
    ),
    inProgress,
    fails('WSAEINVAL', 'The socket has not been bound with `bind`.', 'Сокет не привязан вызовом `bind`.'),
    fails('WSAEISCONN', 'The socket is already connected.', 'Сокет уже подключён.'),
    fails('WSAEMFILE', 'No more socket descriptors are available.', 'Свободных дескрипторов сокетов больше нет.'),
    noBuffers,
    notSocket(),
    fails(
      'WSAEOPNOTSUPP',
      'The socket type does not support listening (e.g. `SOCK_DGRAM`).',
      'Тип сокета не поддерживает прослушивание (например, `SOCK_DGRAM`).',
    ),
  ],
  remarks: [
    remark(
      'listen-again',
      'Calling `listen` again on a listening socket succeeds and leaves it listening.',
      'Повторный вызов `listen` на прослушивающем сокете завершается успешно, и сокет продолжает слушать.',
    ),
    remark(
      'listen-only-accepts',
      'A listening socket never carries data itself: send and receive on the sockets that `accept` or `AcceptEx` produce.',
      'Прослушивающий сокет сам данные не передаёт: отправляйте и принимайте их на сокетах, которые выдают `accept` или `AcceptEx`.',
    ),
  ],
  requirements: WS2_32,
  related: ['bind', 'accept', 'AcceptEx', 'socket'],
  roles: ['listen'],
  socketParam: 0,
  transitions: [
    { from: '*', socketType: 'datagram', error: 'WSAEOPNOTSUPP' },
    { from: ['bound'], to: 'listening' },
    { from: ['listening'] },
    { from: ['created'], error: 'WSAEINVAL' },
    { from: CONNECTED_OR_SHUT, error: 'WSAEISCONN' },
  ],
};

const acceptFn: FunctionEntry = {
  kind: 'function',
  name: 'accept',
  signature: [
    '_Must_inspect_result_',
    'SOCKET WSAAPI accept(',
    '    _In_ SOCKET s,',
    '    _Out_writes_bytes_opt_(*addrlen) struct sockaddr FAR * addr,',
    '    _Inout_opt_ int FAR * addrlen',
    ');',
  ].join('\n'),
  summary: text(
    'Takes the first pending connection from a listening socket and returns a new connected socket for it.',
    'Забирает первое ожидающее подключение из очереди прослушивающего сокета и возвращает для него новый подключённый сокет.',
  ),
  params: [
    socketParam('The listening socket.', 'Прослушивающий сокет.'),
    param(
      'addr',
      'struct sockaddr FAR *',
      'out',
      true,
      'Receives the peer’s address, or NULL if it is not needed.',
      'Получает адрес удалённой стороны; NULL, если он не нужен.',
    ),
    param(
      'addrlen',
      'int FAR *',
      'in-out',
      true,
      'On input the size of the `addr` buffer, on output the size of the address stored; NULL together with `addr`.',
      'На входе — размер буфера `addr`, на выходе — размер записанного адреса; NULL вместе с `addr`.',
    ),
  ],
  returns: {
    convention: 'socket-or-invalid-socket',
    doc: text(
      'The new connected socket, or `INVALID_SOCKET` with the reason in `WSAGetLastError()`. The listening socket stays open and listening.',
      'Новый подключённый сокет или `INVALID_SOCKET` с причиной в `WSAGetLastError()`. Прослушивающий сокет остаётся открытым и продолжает слушать.',
    ),
  },
  errors: [
    notInitialised,
    fails(
      'WSAECONNRESET',
      'A connection arrived but the peer dropped it before `accept` took it.',
      'Подключение поступило, но удалённая сторона разорвала его раньше, чем `accept` его забрал.',
    ),
    fails(
      'WSAEFAULT',
      '`*addrlen` is smaller than a `sockaddr`, or `addr` is not in valid user memory.',
      '`*addrlen` меньше размера `sockaddr` или `addr` указывает за пределы доступной памяти.',
    ),
    interrupted,
    inProgress,
    fails('WSAEINVAL', '`listen` was not called on the socket.', 'На сокете не был вызван `listen`.'),
    fails(
      'WSAEMFILE',
      'Connections are pending but no socket descriptor is left for a new one.',
      'Подключения ожидают, но свободных дескрипторов для нового сокета нет.',
    ),
    netDown,
    noBuffers,
    notSocket(),
    fails(
      'WSAEOPNOTSUPP',
      'The socket type is not connection-oriented.',
      'Тип сокета не предполагает установления соединения.',
    ),
    fails(
      'WSAEWOULDBLOCK',
      'The socket is non-blocking and no connection is pending; wait for `FD_ACCEPT` or readability.',
      'Сокет неблокирующий, и ожидающих подключений нет; дождитесь `FD_ACCEPT` или готовности к чтению.',
    ),
  ],
  remarks: [
    unsignedSocket,
    apcNote,
    remark(
      'accept-inherits',
      'The new socket has the same properties as the listening socket, including its `WSAAsyncSelect`/`WSAEventSelect` registration.',
      'Новый сокет получает свойства прослушивающего, в том числе его регистрацию в `WSAAsyncSelect`/`WSAEventSelect`.',
    ),
    remark(
      'one-close-per-socket',
      'Every socket this call returns must be released with exactly one `closesocket`.',
      'Каждый возвращённый этим вызовом сокет нужно освободить ровно одним вызовом `closesocket`.',
    ),
  ],
  requirements: WS2_32,
  related: ['listen', 'AcceptEx', 'bind', 'closesocket', 'WSAEventSelect'],
  roles: ['accept', 'blocking'],
  socketParam: 0,
  transitions: [
    { from: '*', socketType: 'datagram', error: 'WSAEOPNOTSUPP' },
    { from: ['listening'], newSocket: 'connected' },
    { from: ['created', 'bound', 'connecting', 'reusable', ...CONNECTED_OR_SHUT], error: 'WSAEINVAL' },
  ],
};

const ACCEPTEX_GUID = '{0xb5367df1,0xcbac,0x11cf,{0x95,0xca,0x00,0x80,0x5f,0x48,0xa1,0x92}}';

const acceptExFn: FunctionEntry = {
  kind: 'function',
  name: 'AcceptEx',
  signature: [
    'BOOL PASCAL FAR AcceptEx(',
    '    _In_ SOCKET sListenSocket,',
    '    _In_ SOCKET sAcceptSocket,',
    '    _Out_writes_bytes_(dwReceiveDataLength+dwLocalAddressLength+dwRemoteAddressLength) PVOID lpOutputBuffer,',
    '    _In_ DWORD dwReceiveDataLength,',
    '    _In_ DWORD dwLocalAddressLength,',
    '    _In_ DWORD dwRemoteAddressLength,',
    '    _Out_ LPDWORD lpdwBytesReceived,',
    '    _Inout_ LPOVERLAPPED lpOverlapped',
    ');',
  ].join('\n'),
  summary: text(
    'Overlapped accept into a socket the caller created beforehand; it can also return both addresses and the first block of data in one step.',
    'Перекрывающийся приём подключения в заранее созданный вызывающим сокет; заодно может вернуть оба адреса и первый блок данных.',
  ),
  params: [
    socketParam('The listening socket.', 'Прослушивающий сокет.', 'sListenSocket'),
    socketParam(
      'The socket that will carry the accepted connection: open, neither bound nor connected (a fresh socket, or one recycled with `DisconnectEx`/`TransmitFile`/`TransmitPackets` and `TF_REUSE_SOCKET`).',
      'Сокет, который получит принятое соединение: открытый, не привязанный и не подключённый (новый или повторно используемый после `DisconnectEx`/`TransmitFile`/`TransmitPackets` с `TF_REUSE_SOCKET`).',
      'sAcceptSocket',
    ),
    param(
      'lpOutputBuffer',
      'PVOID',
      'out',
      false,
      'Buffer for the first data block followed by the local and the remote address; split it with `GetAcceptExSockaddrs`.',
      'Буфер для первого блока данных, за которым следуют локальный и удалённый адреса; разобрать его помогает `GetAcceptExSockaddrs`.',
    ),
    param(
      'dwReceiveDataLength',
      'DWORD',
      'in',
      false,
      'Bytes of `lpOutputBuffer` reserved for data; 0 completes as soon as a connection arrives, without waiting for data.',
      'Сколько байт `lpOutputBuffer` отведено под данные; при 0 операция завершается сразу по приходе подключения, не дожидаясь данных.',
    ),
    param(
      'dwLocalAddressLength',
      'DWORD',
      'in',
      false,
      'Bytes reserved for the local address: at least the largest address size of the transport plus 16.',
      'Сколько байт отведено под локальный адрес: не меньше наибольшего размера адреса транспорта плюс 16.',
    ),
    param(
      'dwRemoteAddressLength',
      'DWORD',
      'in',
      false,
      'Bytes reserved for the remote address: at least the largest address size plus 16; never 0.',
      'Сколько байт отведено под удалённый адрес: не меньше наибольшего размера адреса плюс 16; не может быть 0.',
    ),
    param(
      'lpdwBytesReceived',
      'LPDWORD',
      'out',
      false,
      'Receives the data byte count only when the call completes at once; after `ERROR_IO_PENDING` take the count from the completion.',
      'Получает число байт данных, только если вызов завершился сразу; после `ERROR_IO_PENDING` число берут из уведомления о завершении.',
    ),
    param(
      'lpOverlapped',
      'LPOVERLAPPED',
      'in-out',
      false,
      'The `OVERLAPPED` structure for the request; required, never NULL.',
      'Структура `OVERLAPPED` для запроса; обязательна, NULL недопустим.',
    ),
  ],
  returns: {
    convention: 'bool',
    doc: text(
      'TRUE if the connection was accepted at once. FALSE otherwise: when `WSAGetLastError()` is `ERROR_IO_PENDING` (997) the accept is under way and completes through the `OVERLAPPED`; any other code is a failure.',
      'TRUE, если подключение принято сразу. Иначе FALSE: если `WSAGetLastError()` равно `ERROR_IO_PENDING` (997), приём идёт и завершится через `OVERLAPPED`; любой другой код означает ошибку.',
    ),
  },
  errors: [
    notInitialised,
    netDown,
    ioPending,
    fails(
      'WSAECONNRESET',
      'A connection arrived but the peer dropped it before it was accepted.',
      'Подключение поступило, но удалённая сторона разорвала его раньше, чем оно было принято.',
    ),
    fails(
      'WSAEINVAL',
      '`listen` was not called on `sListenSocket`, or `sAcceptSocket` is already bound or connected.',
      'На `sListenSocket` не был вызван `listen` или `sAcceptSocket` уже привязан либо подключён.',
    ),
    fails(
      'WSAEFAULT',
      '`lpOutputBuffer` or `lpOverlapped` is not in valid user memory, or an address length is too small.',
      '`lpOutputBuffer` или `lpOverlapped` указывает за пределы доступной памяти либо одна из длин адреса слишком мала.',
    ),
    notSocket('sListenSocket'),
    fails(
      'WSAEOPNOTSUPP',
      'The listening socket is not connection-oriented.',
      'Прослушивающий сокет не предполагает установления соединения.',
    ),
    operationAborted,
  ],
  remarks: [
    extensionPointer('AcceptEx', 'WSAID_ACCEPTEX'),
    remark(
      'acceptex-update-context',
      'After completion `sAcceptSocket` is a connected socket in default state: it does not inherit the listening socket’s options, and `shutdown`, `getsockname`, `getpeername` work on it only after `setsockopt(sAcceptSocket, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&sListenSocket, sizeof sListenSocket)`.',
      'После завершения `sAcceptSocket` — подключённый сокет в состоянии по умолчанию: параметры прослушивающего сокета он не наследует, а `shutdown`, `getsockname`, `getpeername` работают на нём только после `setsockopt(sAcceptSocket, SOL_SOCKET, SO_UPDATE_ACCEPT_CONTEXT, (char *)&sListenSocket, sizeof sListenSocket)`.',
      true,
    ),
    remark(
      'acceptex-reuse',
      'A socket recycled with `TF_REUSE_SOCKET` after it was accepted can be passed here again as `sAcceptSocket`; a socket recycled after `ConnectEx` can go back to `ConnectEx` only. The model keeps one `reusable` state and does not tell the two apart.',
      'Сокет, повторно подготовленный с `TF_REUSE_SOCKET` после приёма подключения, можно снова передать сюда как `sAcceptSocket`; сокет, подготовленный так после `ConnectEx`, годится только для `ConnectEx`. Модель хранит одно состояние `reusable` и эти случаи не различает.',
    ),
    remark(
      'acceptex-data-wait',
      'With `dwReceiveDataLength` > 0 the request completes only when the client has sent data, so a client that connects and stays silent holds it; `getsockopt(SO_CONNECT_TIME)` shows how long such a connection has existed.',
      'При `dwReceiveDataLength` > 0 запрос завершается, только когда клиент пришлёт данные, и молчащий клиент удерживает его; `getsockopt(SO_CONNECT_TIME)` показывает, сколько уже существует такое соединение.',
    ),
    overlappedLifetime,
  ],
  requirements: MSWSOCK_ACCEPTEX,
  related: ['accept', 'listen', 'WSAIoctl', 'ConnectEx', 'DisconnectEx', 'TransmitPackets', 'setsockopt'],
  roles: ['accept'],
  socketParam: 0,
  transitions: [
    { from: '*', socketType: 'datagram', error: 'WSAEOPNOTSUPP' },
    { from: ['listening'] },
    { from: ['created', 'bound', 'connecting', 'reusable', ...CONNECTED_OR_SHUT], error: 'WSAEINVAL' },
    { socketParam: 1, from: ['created', 'reusable'], to: 'connected' },
    { socketParam: 1, from: ['bound', 'listening', 'connecting', ...CONNECTED_OR_SHUT], error: 'WSAEINVAL' },
  ],
  extension: { guid: ACCEPTEX_GUID },
};

// ---------------------------------------------------------------------------------------------
// The client side: connect, WSAConnect, ConnectEx, WSAConnectByName*, WSAConnectByList.

const connectCommonErrors: readonly ErrorCondition[] = [
  notInitialised,
  netDown,
  addressInUse,
  interrupted,
  inProgress,
  alreadyConnecting,
  addressNotAvailable,
  familyNotSupported,
  connectionRefused,
  fails(
    'WSAEFAULT',
    '`name` is not in valid user memory, `namelen` is too small, or the address family does not match the socket.',
    '`name` указывает за пределы доступной памяти, `namelen` слишком мал или семейство адреса не совпадает с сокетом.',
  ),
  fails('WSAEINVAL', '`s` is a listening socket.', '`s` — прослушивающий сокет.'),
  alreadyConnected,
  netUnreachable,
  hostUnreachable,
  fails('WSAENOBUFS', 'No buffer space is available; the socket cannot connect.', 'Нет буферного пространства; сокет не может подключиться.'),
  notSocket(),
  connectTimedOut,
  fails(
    'WSAEWOULDBLOCK',
    'The socket is non-blocking and the connection cannot be completed at once; completion is signalled by `FD_CONNECT` or writability (failure: the except set of `select`).',
    'Сокет неблокирующий, и подключение нельзя завершить сразу; о завершении сообщат `FD_CONNECT` или готовность к записи (о неудаче — набор исключений `select`).',
  ),
  fails(
    'WSAEACCES',
    'A datagram socket targets a broadcast address without `SO_BROADCAST` enabled.',
    'Датаграммный сокет направлен на широковещательный адрес без включённого `SO_BROADCAST`.',
  ),
];

const connectAfterShutdown = remark(
  'connect-after-shutdown',
  'A stream socket that was connected stays "connected" for `connect` even after `shutdown` or `WSASendDisconnect`: connecting it again fails with `WSAEISCONN`. Open a new socket, or recycle the handle with `DisconnectEx(TF_REUSE_SOCKET)` and then use `ConnectEx`.',
  'Потоковый сокет, который был подключён, остаётся для `connect` «подключённым» и после `shutdown` или `WSASendDisconnect`: повторное подключение завершается ошибкой `WSAEISCONN`. Создайте новый сокет или подготовьте дескриптор к повторному использованию через `DisconnectEx(TF_REUSE_SOCKET)` и затем вызовите `ConnectEx`.',
  true,
);

const connectRetry = remark(
  'connect-retry',
  'After `WSAECONNREFUSED`, `WSAENETUNREACH` or `WSAETIMEDOUT` the same socket may try to connect again.',
  'После `WSAECONNREFUSED`, `WSAENETUNREACH` или `WSAETIMEDOUT` тот же сокет может повторить попытку подключения.',
);

const connectDatagram = remark(
  'connect-datagram',
  'On a datagram socket `connect` only sets the default peer: `send`/`recv` then use it, datagrams from other addresses are dropped, and a later `connect` replaces the peer (an all-zero address removes it).',
  'На датаграммном сокете `connect` только задаёт адресата по умолчанию: его используют `send`/`recv`, датаграммы с других адресов отбрасываются, а следующий `connect` меняет адресата (нулевой адрес его снимает).',
);

const connectNotReusable = remark(
  'connect-not-after-reuse',
  'A handle recycled with `TF_REUSE_SOCKET` may be given to `AcceptEx` or `ConnectEx` only, not to `connect` or `WSAConnect`; the reference names no error code for that misuse, so the model leaves it undecided.',
  'Дескриптор, подготовленный к повторному использованию с `TF_REUSE_SOCKET`, можно передавать только в `AcceptEx` или `ConnectEx`, но не в `connect` и `WSAConnect`; код ошибки для такого случая в справочнике не назван, поэтому модель его не предсказывает.',
);

const connectFn: FunctionEntry = {
  kind: 'function',
  name: 'connect',
  signature: [
    'int WSAAPI connect(',
    '    _In_ SOCKET s,',
    '    _In_reads_bytes_(namelen) const struct sockaddr FAR * name,',
    '    _In_ int namelen',
    ');',
  ].join('\n'),
  summary: text(
    'Connects a socket to a remote address (for datagram sockets: sets the default peer).',
    'Подключает сокет к удалённому адресу (для датаграммных сокетов — задаёт адресата по умолчанию).',
  ),
  params: [
    socketParam('An unconnected socket; it is bound implicitly if it is not bound yet.', 'Неподключённый сокет; если он не привязан, привязка выполняется неявно.'),
    sockaddrNameParam('The address to connect to.', 'Адрес, к которому нужно подключиться.'),
    namelenParam,
  ],
  returns: {
    convention: 'zero-or-socket-error',
    doc: text(
      '0 when connected; `SOCKET_ERROR` otherwise. On a non-blocking socket `SOCKET_ERROR` with `WSAEWOULDBLOCK` means the attempt is under way.',
      '0, если подключение установлено; иначе `SOCKET_ERROR`. На неблокирующем сокете `SOCKET_ERROR` с `WSAEWOULDBLOCK` означает, что попытка продолжается.',
    ),
  },
  errors: connectCommonErrors,
  remarks: [connectAfterShutdown, apcNote, connectRetry, connectDatagram, connectNotReusable],
  requirements: WS2_32,
  related: ['WSAConnect', 'ConnectEx', 'WSAConnectByNameW', 'bind', 'shutdown', 'WSASendDisconnect', 'closesocket'],
  roles: ['connect', 'blocking'],
  socketParam: 0,
  transitions: CONNECT_ROWS,
};

const wsaConnectFn: FunctionEntry = {
  kind: 'function',
  name: 'WSAConnect',
  signature: [
    'int WSAAPI WSAConnect(',
    '    _In_ SOCKET s,',
    '    _In_reads_bytes_(namelen) const struct sockaddr FAR * name,',
    '    _In_ int namelen,',
    '    _In_opt_ LPWSABUF lpCallerData,',
    '    _Out_opt_ LPWSABUF lpCalleeData,',
    '    _In_opt_ LPQOS lpSQOS,',
    '    _In_opt_ LPQOS lpGQOS',
    ');',
  ].join('\n'),
  summary: text(
    'Connects like `connect`, and can also exchange connect data and request a quality of service.',
    'Подключает, как `connect`, и вдобавок может обменяться данными подключения и запросить качество обслуживания.',
  ),
  params: [
    socketParam('An unconnected socket.', 'Неподключённый сокет.'),
    sockaddrNameParam('The address to connect to.', 'Адрес, к которому нужно подключиться.'),
    namelenParam,
    param(
      'lpCallerData',
      'LPWSABUF',
      'in',
      true,
      'Data to hand to the peer while the connection is set up, or NULL. TCP/IP has no connect data.',
      'Данные, передаваемые удалённой стороне при установлении соединения, или NULL. В TCP/IP данных подключения нет.',
    ),
    param(
      'lpCalleeData',
      'LPWSABUF',
      'out',
      true,
      'Receives the peer’s connect data (its `len` is updated), or NULL.',
      'Получает данные подключения от удалённой стороны (поле `len` обновляется) или NULL.',
    ),
    param(
      'lpSQOS',
      'LPQOS',
      'in',
      true,
      'Flow specifications requested for the socket, or NULL.',
      'Запрашиваемые для сокета параметры потока (FLOWSPEC) или NULL.',
    ),
    param('lpGQOS', 'LPQOS', 'in', true, 'Reserved for socket groups; pass NULL.', 'Зарезервирован для групп сокетов; передавайте NULL.'),
  ],
  returns: {
    convention: 'zero-or-socket-error',
    doc: text(
      '0 when connected; `SOCKET_ERROR` otherwise (`WSAEWOULDBLOCK` on a non-blocking socket means the attempt is under way).',
      '0, если подключение установлено; иначе `SOCKET_ERROR` (на неблокирующем сокете `WSAEWOULDBLOCK` означает, что попытка продолжается).',
    ),
  },
  errors: [
    ...connectCommonErrors,
    fails(
      'WSAEOPNOTSUPP',
      'The flow specifications in `lpSQOS`/`lpGQOS` cannot be met.',
      'Параметры потока в `lpSQOS`/`lpGQOS` невозможно обеспечить.',
    ),
    fails(
      'WSAEPROTONOSUPPORT',
      'The provider does not support `lpCallerData`.',
      'Поставщик не поддерживает `lpCallerData`.',
    ),
  ],
  remarks: [
    connectAfterShutdown,
    apcNote,
    remark(
      'wsaconnect-connect-data',
      'Connect data and disconnect data (`WSASendDisconnect`) exist only on providers that advertise `XP1_CONNECT_DATA`/`XP1_DISCONNECT_DATA`; the Windows TCP/IP provider advertises neither.',
      'Данные подключения и данные отключения (`WSASendDisconnect`) есть только у поставщиков с флагами `XP1_CONNECT_DATA`/`XP1_DISCONNECT_DATA`; поставщик TCP/IP в Windows не объявляет ни того, ни другого.',
    ),
    connectRetry,
    connectDatagram,
    connectNotReusable,
  ],
  requirements: WS2_32,
  related: ['connect', 'ConnectEx', 'WSASendDisconnect', 'WSAEnumProtocolsW', 'shutdown'],
  roles: ['connect', 'blocking'],
  socketParam: 0,
  transitions: CONNECT_ROWS,
};

const CONNECTEX_GUID = '{0x25a207b9,0xddf3,0x4660,{0x8e,0xe9,0x76,0xe5,0x8c,0x74,0x06,0x3e}}';

const connectExFn: FunctionEntry = {
  kind: 'function',
  name: 'ConnectEx',
  signature: [
    'BOOL PASCAL FAR ConnectEx(',
    '    _In_ SOCKET s,',
    '    _In_reads_bytes_(namelen) const struct sockaddr FAR * name,',
    '    _In_ int namelen,',
    '    _In_reads_bytes_opt_(dwSendDataLength) PVOID lpSendBuffer,',
    '    _In_ DWORD dwSendDataLength,',
    '    _Out_ LPDWORD lpdwBytesSent,',
    '    _Inout_ LPOVERLAPPED lpOverlapped',
    ');',
  ].join('\n'),
  summary: text(
    'Overlapped connect of a bound stream socket, optionally sending a first block of data once connected.',
    'Перекрывающееся подключение привязанного потокового сокета с необязательной отправкой первого блока данных сразу после подключения.',
  ),
  params: [
    socketParam(
      'An unconnected stream socket that is already bound (explicitly, or still bound after `TF_REUSE_SOCKET`).',
      'Неподключённый потоковый сокет, уже привязанный (явно или оставшийся привязанным после `TF_REUSE_SOCKET`).',
    ),
    sockaddrNameParam('The address to connect to.', 'Адрес, к которому нужно подключиться.'),
    namelenParam,
    param(
      'lpSendBuffer',
      'PVOID',
      'in',
      true,
      'Data to send once the connection exists, or NULL. With `TCP_FASTOPEN` set, part of it may travel with the handshake.',
      'Данные для отправки после установления соединения или NULL. При включённом `TCP_FASTOPEN` часть их может уйти вместе с рукопожатием.',
    ),
    param(
      'dwSendDataLength',
      'DWORD',
      'in',
      false,
      'Length of `lpSendBuffer` in bytes; ignored when it is NULL.',
      'Длина `lpSendBuffer` в байтах; не учитывается, если он NULL.',
    ),
    param(
      'lpdwBytesSent',
      'LPDWORD',
      'out',
      false,
      'Receives the number of bytes of `lpSendBuffer` sent, when the call completes at once; ignored when `lpSendBuffer` is NULL.',
      'Получает число отправленных байт из `lpSendBuffer`, если вызов завершился сразу; не учитывается, если `lpSendBuffer` равен NULL.',
    ),
    param(
      'lpOverlapped',
      'LPOVERLAPPED',
      'in-out',
      false,
      'The `OVERLAPPED` structure for the request; required, never NULL.',
      'Структура `OVERLAPPED` для запроса; обязательна, NULL недопустим.',
    ),
  ],
  returns: {
    convention: 'bool',
    doc: text(
      'TRUE if connected at once. FALSE otherwise: `ERROR_IO_PENDING` (997) from `WSAGetLastError()` means the connect is under way and may still fail at completion; any other code is a failure.',
      'TRUE, если подключение установлено сразу. Иначе FALSE: `ERROR_IO_PENDING` (997) из `WSAGetLastError()` означает, что подключение идёт и ещё может завершиться ошибкой; любой другой код — ошибка.',
    ),
  },
  errors: [
    notInitialised,
    netDown,
    ioPending,
    addressInUse,
    alreadyConnecting,
    addressNotAvailable,
    familyNotSupported,
    connectionRefused,
    fails(
      'WSAEFAULT',
      '`name`, `lpSendBuffer` or `lpOverlapped` is not in valid user memory, or `namelen` is too small.',
      '`name`, `lpSendBuffer` или `lpOverlapped` указывает за пределы доступной памяти либо `namelen` слишком мал.',
    ),
    fails('WSAEINVAL', '`s` is not bound, or it is a listening socket.', '`s` не привязан или является прослушивающим сокетом.'),
    fails('WSAEISCONN', 'The socket is already connected.', 'Сокет уже подключён.'),
    netUnreachable,
    hostUnreachable,
    fails('WSAENOBUFS', 'No buffer space is available; the socket cannot connect.', 'Нет буферного пространства; сокет не может подключиться.'),
    notSocket(),
    connectTimedOut,
    operationAborted,
  ],
  remarks: [
    extensionPointer('ConnectEx', 'WSAID_CONNECTEX'),
    remark(
      'connectex-bind-first',
      'The socket must be bound before the call (`bind` to a wildcard address with port 0 is enough); an unbound socket fails with `WSAEINVAL`.',
      'Перед вызовом сокет должен быть привязан (достаточно `bind` к подстановочному адресу с портом 0); непривязанный сокет даёт `WSAEINVAL`.',
      true,
    ),
    remark(
      'connectex-update-context',
      'After completion the socket is connected but in default state: previously set options take effect, and `shutdown`, `getsockname`, `getpeername` work, only after `setsockopt(s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0)`.',
      'После завершения сокет подключён, но находится в состоянии по умолчанию: ранее заданные параметры вступают в силу, а `shutdown`, `getsockname`, `getpeername` начинают работать только после `setsockopt(s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0)`.',
      true,
    ),
    remark(
      'connectex-reuse',
      'A handle recycled with `TF_REUSE_SOCKET` after an outgoing connection stays bound and can be passed here again; one recycled after `AcceptEx` cannot. TIME_WAIT on the old connection can delay the new one.',
      'Дескриптор, подготовленный с `TF_REUSE_SOCKET` после исходящего соединения, остаётся привязанным, и его можно снова передать сюда; подготовленный после `AcceptEx` — нельзя. Состояние TIME_WAIT прежнего соединения может задержать новое.',
    ),
    remark(
      'connectex-stream-only',
      'Only connection-oriented sockets (`SOCK_STREAM`, `SOCK_SEQPACKET`, `SOCK_RDM`) are supported.',
      'Поддерживаются только сокеты с установлением соединения (`SOCK_STREAM`, `SOCK_SEQPACKET`, `SOCK_RDM`).',
    ),
    connectRetry,
    overlappedLifetime,
  ],
  requirements: MSWSOCK_EXTENSION_XP,
  related: ['connect', 'WSAConnect', 'bind', 'WSAIoctl', 'DisconnectEx', 'AcceptEx', 'setsockopt'],
  roles: ['connect'],
  socketParam: 0,
  transitions: [
    { from: ['created', 'listening'], error: 'WSAEINVAL' },
    { from: ['connecting'], error: 'WSAEALREADY' },
    { from: CONNECTED_OR_SHUT, error: 'WSAEISCONN' },
    { from: ['bound', 'reusable'], to: 'connected' },
  ],
  extension: { guid: CONNECTEX_GUID },
};

function connectByErrors(target: 'name' | 'list'): readonly ErrorCondition[] {
  return [
    notInitialised,
    fails(
      'WSAEHOSTUNREACH',
      target === 'name' ? 'The host named by `nodename` cannot be reached.' : 'None of the listed addresses can be reached.',
      target === 'name' ? 'Узел, названный в `nodename`, недостижим.' : 'Ни один из перечисленных адресов недостижим.',
    ),
    fails(
      'WSAEINVAL',
      target === 'name'
        ? 'An argument is invalid: `nodename` or `servicename` is NULL, `Reserved` is not NULL, or `s` cannot connect (a listening socket).'
        : 'An argument is invalid: `SocketAddress` is NULL or empty, `Reserved` is not NULL, or `s` cannot connect (a listening socket).',
      target === 'name'
        ? 'Недопустимый аргумент: `nodename` или `servicename` равен NULL, `Reserved` не NULL или `s` не может подключаться (прослушивающий сокет).'
        : 'Недопустимый аргумент: `SocketAddress` равен NULL или пуст, `Reserved` не NULL или `s` не может подключаться (прослушивающий сокет).',
    ),
    fails('WSAENOBUFS', 'Not enough memory could be allocated.', 'Не удалось выделить достаточно памяти.'),
    fails(
      'WSAENOTSOCK',
      '`s` is not a valid socket (`INVALID_SOCKET`, or a closed handle).',
      '`s` не является действительным сокетом (`INVALID_SOCKET` или уже закрытый дескриптор).',
    ),
    fails(
      'WSAETIMEDOUT',
      'No connection was made before `timeout` expired.',
      'Соединение не установлено до истечения `timeout`.',
    ),
    fails('WSAEISCONN', 'The socket is already connected.', 'Сокет уже подключён.'),
  ];
}

function connectByAddressParams(): readonly ParamDoc[] {
  return [
    param(
      'LocalAddressLength',
      'LPDWORD',
      'in-out',
      true,
      'On input the size of the `LocalAddress` buffer, on output the size of the local address stored; NULL if not wanted.',
      'На входе — размер буфера `LocalAddress`, на выходе — размер записанного локального адреса; NULL, если адрес не нужен.',
    ),
    param(
      'LocalAddress',
      'LPSOCKADDR',
      'out',
      true,
      'Receives the local address of the connection, or NULL.',
      'Получает локальный адрес соединения или NULL.',
    ),
    param(
      'RemoteAddressLength',
      'LPDWORD',
      'in-out',
      true,
      'On input the size of the `RemoteAddress` buffer, on output the size of the remote address stored; NULL if not wanted.',
      'На входе — размер буфера `RemoteAddress`, на выходе — размер записанного удалённого адреса; NULL, если адрес не нужен.',
    ),
    param(
      'RemoteAddress',
      'LPSOCKADDR',
      'out',
      true,
      'Receives the address that was actually connected to, or NULL.',
      'Получает адрес, к которому фактически выполнено подключение, или NULL.',
    ),
    param(
      'timeout',
      'const struct timeval *',
      'in',
      true,
      'How long to try before giving up, or NULL to wait without a limit.',
      'Сколько времени пытаться подключиться, или NULL — ждать без ограничения.',
    ),
    param(
      'Reserved',
      'LPWSAOVERLAPPED',
      'in',
      false,
      'Reserved (`_Reserved_`): must be NULL; overlapped use is not supported.',
      'Зарезервирован (`_Reserved_`): должен быть NULL; перекрывающийся режим не поддерживается.',
    ),
  ];
}

const connectByRemarks: readonly Remark[] = [
  remark(
    'connectby-bool',
    'Unlike `connect`, this function returns a `BOOL`: test for FALSE, not for `SOCKET_ERROR`.',
    'В отличие от `connect`, эта функция возвращает `BOOL`: проверяйте FALSE, а не `SOCKET_ERROR`.',
    true,
  ),
  remark(
    'connectby-stream-unconnected',
    'Only stream sockets are supported, and `s` must be unconnected; it is bound by the call. For both IPv4 and IPv6 targets use an `AF_INET6` socket with `IPV6_V6ONLY` turned off.',
    'Поддерживаются только потоковые сокеты, и `s` должен быть неподключённым; привязку выполняет сам вызов. Чтобы подключаться и по IPv4, и по IPv6, используйте сокет `AF_INET6` с выключенным `IPV6_V6ONLY`.',
  ),
  remark(
    'connectby-update-context',
    'On success the socket is connected in default state: previously set options apply, and `shutdown`, `getsockname`, `getpeername` work, only after `setsockopt(s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0)`.',
    'После успеха сокет подключён, но в состоянии по умолчанию: ранее заданные параметры вступают в силу, а `shutdown`, `getsockname`, `getpeername` работают только после `setsockopt(s, SOL_SOCKET, SO_UPDATE_CONNECT_CONTEXT, NULL, 0)`.',
  ),
  apcNote,
  connectAfterShutdown,
];

function connectByNameEntry(variant: 'A' | 'W'): FunctionEntry {
  const name = `WSAConnectByName${variant}`;
  const strType = variant === 'W' ? 'LPWSTR' : 'LPCSTR';
  const entry: FunctionEntry = {
    kind: 'function',
    name,
    signature: [
      ...(variant === 'A' ? ['_WINSOCK_DEPRECATED_BY("WSAConnectByNameW()")'] : []),
      `BOOL PASCAL ${name}(`,
      '    _In_ SOCKET s,',
      `    _In_ ${strType} nodename,`,
      `    _In_ ${strType} servicename,`,
      '    _Inout_opt_ LPDWORD LocalAddressLength,',
      '    _Out_writes_bytes_to_opt_(*LocalAddressLength,*LocalAddressLength) LPSOCKADDR LocalAddress,',
      '    _Inout_opt_ LPDWORD RemoteAddressLength,',
      '    _Out_writes_bytes_to_opt_(*RemoteAddressLength,*RemoteAddressLength) LPSOCKADDR RemoteAddress,',
      '    _In_opt_ const struct timeval * timeout,',
      '    _Reserved_ LPWSAOVERLAPPED Reserved',
      ');',
    ].join('\n'),
    summary: text(
      `Resolves a host and service name and connects a stream socket to the first address that answers, trying IPv4 and IPv6 addresses${variant === 'A' ? ' (ANSI variant)' : ' (Unicode variant; `WSAConnectByName` maps to it under UNICODE)'}.`,
      `Разрешает имя узла и службы и подключает потоковый сокет к первому ответившему адресу, перебирая адреса IPv4 и IPv6${variant === 'A' ? ' (ANSI-вариант)' : ' (Unicode-вариант; при UNICODE на него указывает `WSAConnectByName`)'}.`,
    ),
    params: [
      socketParam('An unconnected stream socket.', 'Неподключённый потоковый сокет.'),
      param(
        'nodename',
        strType,
        'in',
        false,
        'Host name or numeric address (IPv4 or IPv6) to connect to.',
        'Имя узла или числовой адрес (IPv4 или IPv6), к которому нужно подключиться.',
      ),
      param(
        'servicename',
        strType,
        'in',
        false,
        'Service name (e.g. "http") or port number as a string.',
        'Имя службы (например, "http") или номер порта в виде строки.',
      ),
      ...connectByAddressParams(),
    ],
    returns: {
      convention: 'bool',
      doc: text(
        'TRUE when connected; FALSE on failure, with the reason in `WSAGetLastError()`.',
        'TRUE, если подключение установлено; FALSE при ошибке, причину сообщает `WSAGetLastError()`.',
      ),
    },
    errors: connectByErrors('name'),
    remarks: connectByRemarks,
    requirements: WS2_32_VISTA,
    related: ['WSAConnectByList', 'connect', 'getaddrinfo', 'setsockopt'],
    roles: ['connect', 'blocking'],
    socketParam: 0,
    transitions: CONNECT_BY_ROWS,
  };
  return variant === 'A'
    ? {
        ...entry,
        deprecated: {
          replacement: 'WSAConnectByNameW',
          note: text(
            'The SDK marks the ANSI variant deprecated (MSVC warning C4996 unless `_WINSOCK_DEPRECATED_NO_WARNINGS` is defined).',
            'SDK помечает ANSI-вариант устаревшим (предупреждение MSVC C4996, если не определён `_WINSOCK_DEPRECATED_NO_WARNINGS`).',
          ),
        },
      }
    : entry;
}

const wsaConnectByListFn: FunctionEntry = {
  kind: 'function',
  name: 'WSAConnectByList',
  signature: [
    'BOOL PASCAL WSAConnectByList(',
    '    _In_ SOCKET s,',
    '    _In_ PSOCKET_ADDRESS_LIST SocketAddress,',
    '    _Inout_opt_ LPDWORD LocalAddressLength,',
    '    _Out_writes_bytes_to_opt_(*LocalAddressLength,*LocalAddressLength) LPSOCKADDR LocalAddress,',
    '    _Inout_opt_ LPDWORD RemoteAddressLength,',
    '    _Out_writes_bytes_to_opt_(*RemoteAddressLength,*RemoteAddressLength) LPSOCKADDR RemoteAddress,',
    '    _In_opt_ const struct timeval * timeout,',
    '    _Reserved_ LPWSAOVERLAPPED Reserved',
    ');',
  ].join('\n'),
  summary: text(
    'Connects a stream socket to one of several candidate addresses, whichever answers first.',
    'Подключает потоковый сокет к одному из нескольких адресов-кандидатов — к тому, который ответит первым.',
  ),
  params: [
    socketParam('An unconnected stream socket.', 'Неподключённый потоковый сокет.'),
    param(
      'SocketAddress',
      'PSOCKET_ADDRESS_LIST',
      'in',
      false,
      'The candidate addresses (a `SOCKET_ADDRESS_LIST`); they may mix IPv4 and IPv6 on a dual-stack socket.',
      'Адреса-кандидаты (`SOCKET_ADDRESS_LIST`); на сокете с двойным стеком в списке можно смешивать IPv4 и IPv6.',
    ),
    ...connectByAddressParams(),
  ],
  returns: {
    convention: 'bool',
    doc: text(
      'TRUE when connected; FALSE on failure, with the reason in `WSAGetLastError()`.',
      'TRUE, если подключение установлено; FALSE при ошибке, причину сообщает `WSAGetLastError()`.',
    ),
  },
  errors: connectByErrors('list'),
  remarks: connectByRemarks,
  requirements: WS2_32_VISTA,
  related: ['WSAConnectByNameW', 'connect', 'ConnectEx', 'setsockopt'],
  roles: ['connect', 'blocking'],
  socketParam: 0,
  transitions: CONNECT_BY_ROWS,
};

// ---------------------------------------------------------------------------------------------
// Sending: send, WSASend, sendto, WSASendTo, WSASendMsg, TransmitPackets.

const sendCommonErrors: readonly ErrorCondition[] = [
  notInitialised,
  netDown,
  fails(
    'WSAEACCES',
    'The destination is a broadcast address and `SO_BROADCAST` is not enabled.',
    'Адрес назначения широковещательный, а `SO_BROADCAST` не включён.',
  ),
  interrupted,
  inProgress,
  netReset,
  noBuffers,
  notConnected,
  notSocket(),
  fails(
    'WSAEOPNOTSUPP',
    '`MSG_OOB` was given on a socket that is not a stream, or the socket can only receive.',
    '`MSG_OOB` указан для сокета, который не является потоковым, или сокет предназначен только для приёма.',
  ),
  sendShutdown,
  wouldBlockSend,
  messageTooBig,
  hostUnreachable,
  connAborted,
  connReset,
  timedOutSend,
];

const sendInvalidUnbound = fails(
  'WSAEINVAL',
  'The socket is not bound, an unknown flag was given, or `MSG_OOB` was used with `SO_OOBINLINE` on.',
  'Сокет не привязан, указан неизвестный флаг или `MSG_OOB` использован при включённом `SO_OOBINLINE`.',
);

const sendInvalidFlags = fails(
  'WSAEINVAL',
  'An unknown flag was given, or `MSG_OOB` was used with `SO_OOBINLINE` on.',
  'Указан неизвестный флаг или `MSG_OOB` использован при включённом `SO_OOBINLINE`.',
);

const sendToExtraErrors: readonly ErrorCondition[] = [
  fails(
    'WSAEADDRNOTAVAIL',
    'The destination address is not valid (for example `INADDR_ANY` or port 0).',
    'Адрес назначения недопустим (например, `INADDR_ANY` или порт 0).',
  ),
  familyNotSupported,
  fails(
    'WSAEDESTADDRREQ',
    'A destination address is required and none was given.',
    'Требуется адрес назначения, но он не указан.',
  ),
  fails('WSAENETUNREACH', 'The destination network cannot be reached now.', 'Сеть назначения сейчас недостижима.'),
];

const overlappedSendErrors: readonly ErrorCondition[] = [ioPending, operationAborted];

const partialSend = remark(
  'send-partial',
  'Success means the data was queued, not that the peer received it. A non-blocking stream socket may queue only part of the buffer: compare the byte count with what you asked for and send the rest later.',
  'Успех означает, что данные поставлены в очередь, а не что их получила удалённая сторона. Неблокирующий потоковый сокет может принять лишь часть буфера: сравнивайте число байт с запрошенным и досылайте остаток позже.',
);

const sendFlagsParam = param(
  'flags',
  'int',
  'in',
  false,
  'Zero or a combination of `MSG_DONTROUTE` and `MSG_OOB`.',
  'Ноль или сочетание `MSG_DONTROUTE` и `MSG_OOB`.',
);

const sendBufParams: readonly ParamDoc[] = [
  param('buf', 'const char FAR *', 'in', false, 'The data to send.', 'Данные для отправки.'),
  param('len', 'int', 'in', false, 'Number of bytes in `buf`.', 'Число байт в `buf`.'),
  sendFlagsParam,
];

const wsaSendBufferParams: readonly ParamDoc[] = [
  param(
    'lpBuffers',
    'LPWSABUF',
    'in',
    false,
    'Array of `WSABUF` (`len` first, then `buf`) sent in order as one gathered write.',
    'Массив `WSABUF` (сначала `len`, затем `buf`), который отправляется по порядку как одна сборная запись.',
  ),
  param('dwBufferCount', 'DWORD', 'in', false, 'Number of entries in `lpBuffers`.', 'Число элементов в `lpBuffers`.'),
  param(
    'lpNumberOfBytesSent',
    'LPDWORD',
    'out',
    true,
    'Receives the byte count when the call completes at once. Pass NULL with an `lpOverlapped` (the count then comes from the completion); it must not be NULL otherwise.',
    'Получает число байт, если вызов завершился сразу. При заданном `lpOverlapped` передавайте NULL (число придёт с завершением); в остальных случаях NULL недопустим.',
  ),
  param(
    'dwFlags',
    'DWORD',
    'in',
    false,
    'Zero or a combination of `MSG_DONTROUTE`, `MSG_OOB` and `MSG_PARTIAL`.',
    'Ноль или сочетание `MSG_DONTROUTE`, `MSG_OOB` и `MSG_PARTIAL`.',
  ),
];

const zeroImmediate: FunctionEntry['returns'] = {
  convention: 'zero-or-socket-error',
  doc: text(
    '0 when the send completed at once (the count is in `lpNumberOfBytesSent`). `SOCKET_ERROR` otherwise: `WSA_IO_PENDING` means an overlapped send is under way, any other code is a failure.',
    '0, если отправка завершилась сразу (число байт — в `lpNumberOfBytesSent`). Иначе `SOCKET_ERROR`: `WSA_IO_PENDING` означает, что перекрывающаяся отправка продолжается, любой другой код — ошибка.',
  ),
};

const sendFn: FunctionEntry = {
  kind: 'function',
  name: 'send',
  signature: [
    'int WSAAPI send(',
    '    _In_ SOCKET s,',
    '    _In_reads_bytes_(len) const char FAR * buf,',
    '    _In_ int len,',
    '    _In_ int flags',
    ');',
  ].join('\n'),
  summary: text('Sends data on a connected socket.', 'Отправляет данные через подключённый сокет.'),
  params: [socketParam('A connected socket.', 'Подключённый сокет.'), ...sendBufParams],
  returns: {
    convention: 'count-or-socket-error',
    doc: text(
      'The number of bytes queued (possibly fewer than `len` on a non-blocking socket), or `SOCKET_ERROR` with the reason in `WSAGetLastError()`.',
      'Число байт, поставленных в очередь (на неблокирующем сокете может быть меньше `len`), или `SOCKET_ERROR` с причиной в `WSAGetLastError()`.',
    ),
  },
  errors: [...sendCommonErrors, sendInvalidUnbound],
  remarks: [
    sendAfterShutdown,
    partialSend,
    apcNote,
    remark(
      'send-blocking-waits',
      'On a blocking socket `send` waits until the whole buffer fits into the transport’s buffers (or `SO_SNDTIMEO` expires).',
      'На блокирующем сокете `send` ждёт, пока весь буфер не поместится в буферы транспорта (или не истечёт `SO_SNDTIMEO`).',
    ),
  ],
  requirements: WS2_32,
  related: ['WSASend', 'sendto', 'recv', 'shutdown', 'WSASendDisconnect', 'setsockopt'],
  roles: ['send', 'blocking'],
  socketParam: 0,
  transitions: SEND_ROWS,
};

const wsaSendFn: FunctionEntry = {
  kind: 'function',
  name: 'WSASend',
  signature: [
    'int WSAAPI WSASend(',
    '    _In_ SOCKET s,',
    '    _In_reads_(dwBufferCount) LPWSABUF lpBuffers,',
    '    _In_ DWORD dwBufferCount,',
    '    _Out_opt_ LPDWORD lpNumberOfBytesSent,',
    '    _In_ DWORD dwFlags,',
    '    _Inout_opt_ LPWSAOVERLAPPED lpOverlapped,',
    '    _In_opt_ LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine',
    ');',
  ].join('\n'),
  summary: text(
    'Sends data from one or more buffers on a connected socket, blocking or overlapped.',
    'Отправляет данные из одного или нескольких буферов через подключённый сокет — в блокирующем или перекрывающемся режиме.',
  ),
  params: [
    socketParam('A connected socket.', 'Подключённый сокет.'),
    ...wsaSendBufferParams,
    overlappedParam,
    completionRoutineParam,
  ],
  returns: zeroImmediate,
  errors: [
    ...sendCommonErrors,
    sendInvalidUnbound,
    fails(
      'WSAEFAULT',
      '`lpBuffers`, `lpNumberOfBytesSent`, `lpOverlapped` or `lpCompletionRoutine` is not in valid user memory.',
      '`lpBuffers`, `lpNumberOfBytesSent`, `lpOverlapped` или `lpCompletionRoutine` указывает за пределы доступной памяти.',
    ),
    ...overlappedSendErrors,
  ],
  remarks: [sendAfterShutdown, wsabufOrder, partialSend, overlappedLifetime, apcNote],
  requirements: WS2_32,
  related: ['send', 'WSASendTo', 'WSARecv', 'WSASendDisconnect', 'WSAGetOverlappedResult', 'shutdown'],
  roles: ['send', 'blocking'],
  socketParam: 0,
  transitions: SEND_ROWS,
};

const sendToImplicitBind = remark(
  'sendto-implicit-bind',
  'A datagram socket that was never bound is bound implicitly by the first send (wildcard address, ephemeral port). On a connection-oriented socket the destination arguments are ignored and the call acts like `send`.',
  'Датаграммный сокет, который не был привязан, привязывается неявно при первой отправке (подстановочный адрес, временный порт). На сокете с установлением соединения аргументы адреса не учитываются, и вызов работает как `send`.',
);

const sendtoFn: FunctionEntry = {
  kind: 'function',
  name: 'sendto',
  signature: [
    'int WSAAPI sendto(',
    '    _In_ SOCKET s,',
    '    _In_reads_bytes_(len) const char FAR * buf,',
    '    _In_ int len,',
    '    _In_ int flags,',
    '    _In_reads_bytes_(tolen) const struct sockaddr FAR * to,',
    '    _In_ int tolen',
    ');',
  ].join('\n'),
  summary: text(
    'Sends a datagram to the given address (on a connected stream socket: plain send).',
    'Отправляет датаграмму по указанному адресу (на подключённом потоковом сокете — обычная отправка).',
  ),
  params: [
    socketParam('The socket to send on.', 'Сокет для отправки.'),
    ...sendBufParams,
    param('to', 'const struct sockaddr FAR *', 'in', false, 'The destination address.', 'Адрес назначения.'),
    param('tolen', 'int', 'in', false, 'Size of `to` in bytes.', 'Размер `to` в байтах.'),
  ],
  returns: {
    convention: 'count-or-socket-error',
    doc: text(
      'The number of bytes sent, or `SOCKET_ERROR` with the reason in `WSAGetLastError()`.',
      'Число отправленных байт или `SOCKET_ERROR` с причиной в `WSAGetLastError()`.',
    ),
  },
  errors: [...sendCommonErrors, sendInvalidFlags, ...sendToExtraErrors],
  remarks: [sendAfterShutdown, sendToImplicitBind, apcNote],
  requirements: WS2_32,
  related: ['send', 'WSASendTo', 'recvfrom', 'bind', 'shutdown'],
  roles: ['send', 'blocking'],
  socketParam: 0,
  transitions: SENDTO_ROWS,
};

const wsaSendToFn: FunctionEntry = {
  kind: 'function',
  name: 'WSASendTo',
  signature: [
    'int WSAAPI WSASendTo(',
    '    _In_ SOCKET s,',
    '    _In_reads_(dwBufferCount) LPWSABUF lpBuffers,',
    '    _In_ DWORD dwBufferCount,',
    '    _Out_opt_ LPDWORD lpNumberOfBytesSent,',
    '    _In_ DWORD dwFlags,',
    '    _In_reads_bytes_opt_(iTolen) const struct sockaddr FAR * lpTo,',
    '    _In_ int iTolen,',
    '    _Inout_opt_ LPWSAOVERLAPPED lpOverlapped,',
    '    _In_opt_ LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine',
    ');',
  ].join('\n'),
  summary: text(
    'Sends a datagram gathered from one or more buffers to the given address, blocking or overlapped.',
    'Отправляет датаграмму, собранную из одного или нескольких буферов, по указанному адресу — в блокирующем или перекрывающемся режиме.',
  ),
  params: [
    socketParam('The socket to send on.', 'Сокет для отправки.'),
    ...wsaSendBufferParams,
    param(
      'lpTo',
      'const struct sockaddr FAR *',
      'in',
      true,
      'The destination address; ignored on connection-oriented sockets.',
      'Адрес назначения; на сокетах с установлением соединения не учитывается.',
    ),
    param('iTolen', 'int', 'in', false, 'Size of `lpTo` in bytes.', 'Размер `lpTo` в байтах.'),
    overlappedParam,
    completionRoutineParam,
  ],
  returns: zeroImmediate,
  errors: [
    ...sendCommonErrors,
    fails(
      'WSAEINVAL',
      'The reference names two cases: the socket is not bound, or it was not created with the overlapped attribute (an unbound datagram socket is normally bound implicitly, see below).',
      'Справочник называет два случая: сокет не привязан или создан без признака перекрывающегося ввода-вывода (непривязанный датаграммный сокет обычно привязывается неявно, см. ниже).',
    ),
    ...sendToExtraErrors,
    fails(
      'WSAEFAULT',
      '`lpBuffers`, `lpTo`, `lpOverlapped`, `lpNumberOfBytesSent` or `lpCompletionRoutine` is not in valid user memory, or `iTolen` is too small.',
      '`lpBuffers`, `lpTo`, `lpOverlapped`, `lpNumberOfBytesSent` или `lpCompletionRoutine` указывает за пределы доступной памяти либо `iTolen` слишком мал.',
    ),
    ...overlappedSendErrors,
  ],
  remarks: [sendAfterShutdown, wsabufOrder, sendToImplicitBind, overlappedLifetime, apcNote],
  requirements: WS2_32,
  related: ['sendto', 'WSASend', 'WSARecvFrom', 'shutdown'],
  roles: ['send', 'blocking'],
  socketParam: 0,
  transitions: SENDTO_ROWS,
};

const wsaSendMsgFn: FunctionEntry = {
  kind: 'function',
  name: 'WSASendMsg',
  signature: [
    'int WSAAPI WSASendMsg(',
    '    _In_ SOCKET Handle,',
    '    _In_ LPWSAMSG lpMsg,',
    '    _In_ DWORD dwFlags,',
    '    _Out_opt_ LPDWORD lpNumberOfBytesSent,',
    '    _Inout_opt_ LPWSAOVERLAPPED lpOverlapped,',
    '    _In_opt_ LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine',
    ');',
  ].join('\n'),
  summary: text(
    'Sends a datagram described by a `WSAMSG` (buffers, destination and control data such as `IN_PKTINFO`).',
    'Отправляет датаграмму, описанную структурой `WSAMSG` (буферы, адрес назначения и управляющие данные, например `IN_PKTINFO`).',
  ),
  params: [
    socketParam('A datagram or raw socket.', 'Датаграммный или «сырой» (raw) сокет.', 'Handle'),
    param(
      'lpMsg',
      'LPWSAMSG',
      'in',
      false,
      'The message: destination (`name`/`namelen`), data buffers (`lpBuffers`/`dwBufferCount`) and control data (`Control`). Its own `dwFlags` member is ignored.',
      'Сообщение: адрес назначения (`name`/`namelen`), буферы данных (`lpBuffers`/`dwBufferCount`) и управляющие данные (`Control`). Собственное поле `dwFlags` структуры не учитывается.',
    ),
    param(
      'dwFlags',
      'DWORD',
      'in',
      false,
      'Zero or a combination of `MSG_DONTROUTE`, `MSG_PARTIAL` and `MSG_OOB`.',
      'Ноль или сочетание `MSG_DONTROUTE`, `MSG_PARTIAL` и `MSG_OOB`.',
    ),
    param(
      'lpNumberOfBytesSent',
      'LPDWORD',
      'out',
      true,
      'Receives the byte count when the call completes at once; NULL only together with an `lpOverlapped`.',
      'Получает число байт, если вызов завершился сразу; NULL допустим только вместе с `lpOverlapped`.',
    ),
    overlappedParam,
    completionRoutineParam,
  ],
  returns: zeroImmediate,
  errors: [
    notInitialised,
    netDown,
    fails(
      'WSAEACCES',
      'The destination is a broadcast address and `SO_BROADCAST` is not enabled.',
      'Адрес назначения широковещательный, а `SO_BROADCAST` не включён.',
    ),
    fails(
      'WSAECONNRESET',
      'UDP: an earlier datagram drew an ICMP "port unreachable".',
      'UDP: на одну из прежних датаграмм пришёл ICMP «порт недоступен».',
    ),
    fails(
      'WSAEFAULT',
      'A pointer argument is not in valid user memory, or `lpMsg->name` is NULL with a non-zero `namelen`, or `Control.buf` is NULL with a non-zero `Control.len`.',
      'Один из указателей вне доступной памяти, либо `lpMsg->name` равен NULL при ненулевом `namelen`, либо `Control.buf` равен NULL при ненулевом `Control.len`.',
    ),
    inProgress,
    interrupted,
    fails(
      'WSAEINVAL',
      'The socket is not bound, or it was not created with the overlapped attribute.',
      'Сокет не привязан или создан без признака перекрывающегося ввода-вывода.',
    ),
    messageTooBig,
    netReset,
    fails('WSAENETUNREACH', 'The network cannot be reached.', 'Сеть недостижима.'),
    noBuffers,
    notConnected,
    notSocket('Handle'),
    fails(
      'WSAEOPNOTSUPP',
      '`dwFlags` holds a flag that `WSASendMsg` does not accept.',
      '`dwFlags` содержит флаг, который `WSASendMsg` не принимает.',
    ),
    sendShutdown,
    timedOutSend,
    wouldBlockSend,
    ...overlappedSendErrors,
  ],
  remarks: [
    remark(
      'sendmsg-datagram-only',
      'Only datagram and raw sockets (`SOCK_DGRAM`, `SOCK_RAW`) are supported; for streams use `WSASend`.',
      'Поддерживаются только датаграммные и «сырые» сокеты (`SOCK_DGRAM`, `SOCK_RAW`); для потоков используйте `WSASend`.',
    ),
    remark(
      'sendmsg-pointer',
      'Declared in winsock2.h and exported by Ws2_32.dll since Windows Vista; older code fetches it with `WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)` and `WSAID_WSASENDMSG` (mswsock.h).',
      'Объявлена в winsock2.h и экспортируется Ws2_32.dll начиная с Windows Vista; старый код получает её через `WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)` с `WSAID_WSASENDMSG` (mswsock.h).',
    ),
    sendAfterShutdown,
    wsabufOrder,
    overlappedLifetime,
    apcNote,
  ],
  requirements: WS2_32_VISTA,
  related: ['WSASendTo', 'WSASend', 'WSAIoctl', 'shutdown'],
  roles: ['send', 'blocking'],
  socketParam: 0,
  transitions: [
    { from: SEND_SHUT, error: 'WSAESHUTDOWN' },
    { from: NO_CONNECTION, socketType: 'stream', error: 'WSAENOTCONN' },
    { from: ['created'], socketType: 'datagram', error: 'WSAEINVAL' },
    { from: ['bound', 'connected', 'receive-shut'] },
  ],
};

const TRANSMITPACKETS_GUID = '{0xd9689da0,0x1f90,0x11d3,{0x99,0x71,0x00,0xc0,0x4f,0x68,0xc8,0x76}}';

const transmitPacketsFn: FunctionEntry = {
  kind: 'function',
  name: 'TransmitPackets',
  signature: [
    'BOOL PASCAL FAR TransmitPackets(',
    '    _In_ SOCKET hSocket,',
    '    _In_opt_ LPTRANSMIT_PACKETS_ELEMENT lpPacketArray,',
    '    _In_ DWORD nElementCount,',
    '    _In_ DWORD nSendSize,',
    '    _Inout_opt_ LPOVERLAPPED lpOverlapped,',
    '    _In_ DWORD dwFlags',
    ');',
  ].join('\n'),
  summary: text(
    'Sends a list of memory blocks and file ranges over a connected socket, optionally disconnecting (and recycling the handle) afterwards.',
    'Отправляет через подключённый сокет список блоков памяти и фрагментов файлов и по желанию затем отключается (и готовит дескриптор к повторному использованию).',
  ),
  params: [
    socketParam(
      'A connected socket (a datagram socket needs a default peer set with `connect`).',
      'Подключённый сокет (датаграммному сокету нужен адресат по умолчанию, заданный `connect`).',
      'hSocket',
    ),
    param(
      'lpPacketArray',
      'LPTRANSMIT_PACKETS_ELEMENT',
      'in',
      true,
      'Array of `TRANSMIT_PACKETS_ELEMENT`, each a memory buffer (`TP_ELEMENT_MEMORY`) or a file range (`TP_ELEMENT_FILE`).',
      'Массив `TRANSMIT_PACKETS_ELEMENT`, каждый элемент — буфер памяти (`TP_ELEMENT_MEMORY`) или фрагмент файла (`TP_ELEMENT_FILE`).',
    ),
    param('nElementCount', 'DWORD', 'in', false, 'Number of elements in `lpPacketArray`.', 'Число элементов в `lpPacketArray`.'),
    param(
      'nSendSize',
      'DWORD',
      'in',
      false,
      'Size of each send in bytes; 0 lets Winsock choose, 0xFFFFFFFF makes `TP_ELEMENT_EOP` marks decide the boundaries.',
      'Размер одной отправки в байтах; 0 — выбирает Winsock, 0xFFFFFFFF — границы задают отметки `TP_ELEMENT_EOP`.',
    ),
    param(
      'lpOverlapped',
      'LPOVERLAPPED',
      'in-out',
      true,
      'An `OVERLAPPED` for an asynchronous transfer, or NULL to wait until it finishes.',
      'Структура `OVERLAPPED` для асинхронной передачи или NULL — тогда вызов ждёт окончания.',
    ),
    param(
      'dwFlags',
      'DWORD',
      'in',
      false,
      '`TF_DISCONNECT` (0x01) starts a transport disconnect after the data; `TF_REUSE_SOCKET` (0x02, only with `TF_DISCONNECT`) prepares the handle for `AcceptEx`/`ConnectEx`; plus the worker choice (`TF_USE_DEFAULT_WORKER`, `TF_USE_SYSTEM_THREAD`, `TF_USE_KERNEL_APC`).',
      '`TF_DISCONNECT` (0x01) начинает отключение транспорта после данных; `TF_REUSE_SOCKET` (0x02, только вместе с `TF_DISCONNECT`) готовит дескриптор для `AcceptEx`/`ConnectEx`; а также выбор исполнителя (`TF_USE_DEFAULT_WORKER`, `TF_USE_SYSTEM_THREAD`, `TF_USE_KERNEL_APC`).',
    ),
  ],
  returns: {
    convention: 'bool',
    doc: text(
      'TRUE on success. FALSE otherwise: `WSA_IO_PENDING`/`ERROR_IO_PENDING` from `WSAGetLastError()` means the overlapped transfer started; any other code means it did not start and no completion will follow.',
      'TRUE при успехе. Иначе FALSE: `WSA_IO_PENDING`/`ERROR_IO_PENDING` из `WSAGetLastError()` означает, что перекрывающаяся передача началась; любой другой код — что она не началась и уведомления о завершении не будет.',
    ),
  },
  errors: [
    notInitialised,
    connAborted,
    connReset,
    fails(
      'WSAEFAULT',
      '`lpPacketArray` or `lpOverlapped` is not in valid user memory.',
      '`lpPacketArray` или `lpOverlapped` указывает за пределы доступной памяти.',
    ),
    fails(
      'WSAEINVAL',
      '`TF_REUSE_SOCKET` without `TF_DISCONNECT`, a file offset beyond the end of the file, or more than 2,147,483,646 bytes in one call.',
      '`TF_REUSE_SOCKET` без `TF_DISCONNECT`, смещение за концом файла или больше 2 147 483 646 байт за один вызов.',
    ),
    netDown,
    netReset,
    noBuffers,
    fails('WSAENOTCONN', 'The stream socket is not connected.', 'Потоковый сокет не подключён.'),
    notSocket('hSocket'),
    sendShutdown,
    ioPending,
    operationAborted,
  ],
  remarks: [
    extensionPointer('TransmitPackets', 'WSAID_TRANSMITPACKETS'),
    sendAfterShutdown,
    remark(
      'transmitpackets-reuse',
      'With `TF_DISCONNECT | TF_REUSE_SOCKET` the handle, once the request completes, is not connected and may be handed to `AcceptEx` or `ConnectEx` (not to `connect`); TIME_WAIT can delay that completion.',
      'С `TF_DISCONNECT | TF_REUSE_SOCKET` дескриптор после завершения запроса не подключён и может быть передан в `AcceptEx` или `ConnectEx` (но не в `connect`); состояние TIME_WAIT может задержать это завершение.',
      true,
    ),
    remark(
      'transmitpackets-datagram',
      'Unlike `TransmitFile`, it also works on datagram sockets; `TF_DISCONNECT` is then an error because datagrams have no disconnect.',
      'В отличие от `TransmitFile`, работает и с датаграммными сокетами; `TF_DISCONNECT` для них — ошибка, поскольку у датаграмм нет отключения.',
    ),
    overlappedLifetime,
    apcNote,
  ],
  requirements: MSWSOCK_EXTENSION_XP,
  related: ['TransmitFile', 'WSAIoctl', 'DisconnectEx', 'AcceptEx', 'ConnectEx', 'WSASend'],
  roles: ['send', 'disconnect', 'blocking'],
  socketParam: 0,
  transitions: [
    { from: SEND_SHUT, error: 'WSAESHUTDOWN' },
    { from: NO_CONNECTION, socketType: 'stream', error: 'WSAENOTCONN' },
    { from: ['connected', 'receive-shut'], when: { param: 'dwFlags', is: 'TF_REUSE_SOCKET' }, to: 'reusable' },
    { from: ['connected', 'receive-shut'], when: { param: 'dwFlags', is: 'TF_DISCONNECT' }, to: 'both-shut' },
    { from: ['connected', 'receive-shut'] },
  ],
  extension: { guid: TRANSMITPACKETS_GUID },
};

// ---------------------------------------------------------------------------------------------
// Receiving: recv, WSARecv.

const receiveCommonErrors: readonly ErrorCondition[] = [
  notInitialised,
  netDown,
  fails(
    'WSAEFAULT',
    'The buffer is not entirely in valid user memory.',
    'Буфер не полностью лежит в доступной памяти процесса.',
  ),
  fails(
    'WSAENOTCONN',
    'The connection-oriented socket is not connected.',
    'Сокет с установлением соединения не подключён.',
  ),
  interrupted,
  inProgress,
  netReset,
  notSocket(),
  fails(
    'WSAEOPNOTSUPP',
    '`MSG_OOB` was given on a socket that is not a stream, or the socket can only send.',
    '`MSG_OOB` указан для сокета, который не является потоковым, или сокет предназначен только для отправки.',
  ),
  receiveShutdown,
  wouldBlockReceive,
  fails(
    'WSAEMSGSIZE',
    'Message-oriented socket: the message did not fit into the buffer and was truncated.',
    'Сокет, ориентированный на сообщения: сообщение не поместилось в буфер и было усечено.',
  ),
  fails(
    'WSAEINVAL',
    'The socket is not bound, an unknown flag was given, or `MSG_OOB` was used with `SO_OOBINLINE` on.',
    'Сокет не привязан, указан неизвестный флаг или `MSG_OOB` использован при включённом `SO_OOBINLINE`.',
  ),
  connAborted,
  timedOutReceive,
  connReset,
];

const receiveZero = remark(
  'recv-zero-graceful',
  'A result of 0 bytes on a stream socket means the peer finished sending (it called `shutdown(SD_SEND)`, `WSASendDisconnect` or closed gracefully). The documented graceful close is: `shutdown(s, SD_SEND)`, receive until 0, then `closesocket`.',
  'Результат 0 байт на потоковом сокете означает, что удалённая сторона закончила отправку (вызвала `shutdown(SD_SEND)`, `WSASendDisconnect` или корректно закрыла сокет). Документированное корректное закрытие: `shutdown(s, SD_SEND)`, приём до получения 0, затем `closesocket`.',
  true,
);

const receiveAfterShutdown = remark(
  'recv-after-shutdown',
  'After `shutdown(s, SD_RECEIVE)`, `shutdown(s, SD_BOTH)` or `WSARecvDisconnect` every later receive fails with `WSAESHUTDOWN`; on TCP, data that still arrives then resets the connection.',
  'После `shutdown(s, SD_RECEIVE)`, `shutdown(s, SD_BOTH)` или `WSARecvDisconnect` любой последующий приём завершается ошибкой `WSAESHUTDOWN`; в TCP данные, пришедшие после этого, приводят к сбросу соединения.',
  true,
);

const receivePartial = remark(
  'recv-partial',
  'A stream socket returns whatever has arrived, up to the buffer size; message boundaries do not exist. Loop until you have the bytes you need, or use `MSG_WAITALL` on a blocking socket.',
  'Потоковый сокет возвращает то, что уже пришло, не больше размера буфера; границ сообщений нет. Повторяйте приём, пока не наберёте нужное число байт, или используйте `MSG_WAITALL` на блокирующем сокете.',
);

const recvFn: FunctionEntry = {
  kind: 'function',
  name: 'recv',
  signature: [
    'int WSAAPI recv(',
    '    _In_ SOCKET s,',
    '    _Out_writes_bytes_to_(len, return) __out_data_source(NETWORK) char FAR * buf,',
    '    _In_ int len,',
    '    _In_ int flags',
    ');',
  ].join('\n'),
  summary: text(
    'Receives data from a connected socket (or a bound datagram socket).',
    'Принимает данные из подключённого сокета (или привязанного датаграммного сокета).',
  ),
  params: [
    socketParam('A connected socket, or a bound datagram socket.', 'Подключённый сокет или привязанный датаграммный сокет.'),
    param('buf', 'char FAR *', 'out', false, 'Buffer that receives the data.', 'Буфер, в который записываются данные.'),
    param('len', 'int', 'in', false, 'Size of `buf` in bytes.', 'Размер `buf` в байтах.'),
    param(
      'flags',
      'int',
      'in',
      false,
      'Zero or a combination of `MSG_PEEK`, `MSG_OOB` and `MSG_WAITALL`.',
      'Ноль или сочетание `MSG_PEEK`, `MSG_OOB` и `MSG_WAITALL`.',
    ),
  ],
  returns: {
    convention: 'count-or-socket-error',
    doc: text(
      'The number of bytes received; 0 when the peer closed the connection gracefully; `SOCKET_ERROR` with the reason in `WSAGetLastError()`.',
      'Число принятых байт; 0, если удалённая сторона корректно закрыла соединение; `SOCKET_ERROR` с причиной в `WSAGetLastError()`.',
    ),
  },
  errors: receiveCommonErrors,
  remarks: [
    receiveZero,
    receiveAfterShutdown,
    receivePartial,
    apcNote,
    remark(
      'recv-timeout-indeterminate',
      'When a blocking receive ends with `WSAETIMEDOUT` because of `SO_RCVTIMEO`, the connection is left in an undefined state; close the socket rather than keep using it.',
      'Если блокирующий приём завершился `WSAETIMEDOUT` из-за `SO_RCVTIMEO`, состояние соединения не определено; сокет лучше закрыть, а не продолжать им пользоваться.',
    ),
  ],
  requirements: WS2_32,
  related: ['WSARecv', 'recvfrom', 'send', 'shutdown', 'WSARecvDisconnect', 'setsockopt'],
  roles: ['receive', 'blocking'],
  socketParam: 0,
  transitions: RECEIVE_ROWS,
};

const wsaRecvFn: FunctionEntry = {
  kind: 'function',
  name: 'WSARecv',
  signature: [
    'int WSAAPI WSARecv(',
    '    _In_ SOCKET s,',
    '    _In_reads_(dwBufferCount) __out_data_source(NETWORK) LPWSABUF lpBuffers,',
    '    _In_ DWORD dwBufferCount,',
    '    _Out_opt_ LPDWORD lpNumberOfBytesRecvd,',
    '    _Inout_ LPDWORD lpFlags,',
    '    _Inout_opt_ LPWSAOVERLAPPED lpOverlapped,',
    '    _In_opt_ LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine',
    ');',
  ].join('\n'),
  summary: text(
    'Receives data into one or more buffers from a connected socket, blocking or overlapped.',
    'Принимает данные в один или несколько буферов из подключённого сокета — в блокирующем или перекрывающемся режиме.',
  ),
  params: [
    socketParam('A connected socket, or a bound datagram socket.', 'Подключённый сокет или привязанный датаграммный сокет.'),
    param(
      'lpBuffers',
      'LPWSABUF',
      'in',
      false,
      'Array of `WSABUF` (`len` first, then `buf`) filled in order (scatter read). The array is read by the call; the memory the entries point to is written.',
      'Массив `WSABUF` (сначала `len`, затем `buf`), заполняемый по порядку (чтение вразброс). Сам массив вызов только читает, а память, на которую указывают элементы, заполняет.',
    ),
    param('dwBufferCount', 'DWORD', 'in', false, 'Number of entries in `lpBuffers`.', 'Число элементов в `lpBuffers`.'),
    param(
      'lpNumberOfBytesRecvd',
      'LPDWORD',
      'out',
      true,
      'Receives the byte count when the call completes at once. Pass NULL with an `lpOverlapped`; it must not be NULL otherwise.',
      'Получает число байт, если вызов завершился сразу. При заданном `lpOverlapped` передавайте NULL; в остальных случаях NULL недопустим.',
    ),
    param(
      'lpFlags',
      'LPDWORD',
      'in-out',
      false,
      'Points to the flags: on input `MSG_PEEK`, `MSG_OOB`, `MSG_PUSH_IMMEDIATE`, `MSG_WAITALL` (usually 0); on output, e.g. `MSG_PARTIAL`. Must not be NULL.',
      'Указатель на флаги: на входе `MSG_PEEK`, `MSG_OOB`, `MSG_PUSH_IMMEDIATE`, `MSG_WAITALL` (обычно 0), на выходе, например, `MSG_PARTIAL`. NULL недопустим.',
    ),
    overlappedParam,
    completionRoutineParam,
  ],
  returns: {
    convention: 'zero-or-socket-error',
    doc: text(
      '0 when the receive completed at once (the count is in `lpNumberOfBytesRecvd`; a count of 0 means a graceful close). `SOCKET_ERROR` otherwise: `WSA_IO_PENDING` means an overlapped receive is under way, any other code is a failure.',
      '0, если приём завершился сразу (число байт — в `lpNumberOfBytesRecvd`; 0 байт означает корректное закрытие). Иначе `SOCKET_ERROR`: `WSA_IO_PENDING` означает, что перекрывающийся приём продолжается, любой другой код — ошибка.',
    ),
  },
  errors: [
    ...receiveCommonErrors,
    fails(
      'WSAEDISCON',
      'Message-oriented socket: the peer closed gracefully.',
      'Сокет, ориентированный на сообщения: удалённая сторона корректно закрыла соединение.',
    ),
    ioPending,
    operationAborted,
  ],
  remarks: [
    receiveZero,
    receiveAfterShutdown,
    wsabufOrder,
    remark(
      'wsarecv-flags-pointer',
      '`lpFlags` is a pointer to an initialised `DWORD`, not a flag value: pass `&flags` with `flags = 0`; NULL fails with `WSAEFAULT`.',
      '`lpFlags` — указатель на инициализированный `DWORD`, а не значение флага: передавайте `&flags` при `flags = 0`; NULL приводит к `WSAEFAULT`.',
    ),
    receivePartial,
    overlappedLifetime,
    apcNote,
  ],
  requirements: WS2_32,
  related: ['recv', 'WSARecvFrom', 'WSASend', 'WSARecvDisconnect', 'WSAGetOverlappedResult', 'shutdown'],
  roles: ['receive', 'blocking'],
  socketParam: 0,
  transitions: RECEIVE_ROWS,
};

// ---------------------------------------------------------------------------------------------
// Options and control: setsockopt, getsockopt, ioctlsocket, WSAIoctl.

const lingerDefault = remark(
  'linger-default-graceful',
  'By default (`SO_LINGER` with `l_onoff = 0`) `closesocket` returns at once and Winsock finishes sending queued data and closes the connection gracefully in the background.',
  'По умолчанию (`SO_LINGER` с `l_onoff = 0`) `closesocket` возвращается сразу, а Winsock в фоне досылает данные из очереди и корректно закрывает соединение.',
  true,
);

const dontLingerGraceful = remark(
  'so-dontlinger-graceful',
  'Setting `SO_DONTLINGER` to TRUE means `l_onoff = 0`: the default graceful close, **not** an abortive one. It does not discard data and does not send RST.',
  'Установка `SO_DONTLINGER` в TRUE означает `l_onoff = 0`, то есть обычное корректное закрытие, **а не** аварийное. Данные не отбрасываются, RST не отправляется.',
  true,
);

const abortiveClose = remark(
  'abortive-close-linger-zero',
  'An abortive (hard) close needs `SO_LINGER` with `l_onoff = 1` and `l_linger = 0`: `closesocket` then resets the connection (RST), drops unsent data and skips TIME_WAIT.',
  'Для аварийного (жёсткого) закрытия нужен `SO_LINGER` с `l_onoff = 1` и `l_linger = 0`: тогда `closesocket` сбрасывает соединение (RST), отбрасывает неотправленные данные и обходится без TIME_WAIT.',
  true,
);

const lingerTimeout = remark(
  'linger-timeout',
  'With `l_onoff = 1` and `l_linger > 0` a blocking `closesocket` waits up to `l_linger` seconds for queued data to go out and closes hard if time runs out; on a non-blocking socket it fails with `WSAEWOULDBLOCK` when it cannot finish at once, and the handle stays open.',
  'При `l_onoff = 1` и `l_linger > 0` блокирующий `closesocket` ждёт до `l_linger` секунд, пока уйдут данные из очереди, а по истечении времени закрывает соединение жёстко; на неблокирующем сокете он, не сумев завершиться сразу, возвращает `WSAEWOULDBLOCK`, и дескриптор остаётся открытым.',
);

const lingerNotShutdown = remark(
  'linger-not-shutdown',
  '`SO_LINGER` and `SO_DONTLINGER` matter only to `closesocket`. `shutdown` and `WSASendDisconnect`/`WSARecvDisconnect` never block and never abort, whatever the linger setting.',
  '`SO_LINGER` и `SO_DONTLINGER` влияют только на `closesocket`. `shutdown` и `WSASendDisconnect`/`WSARecvDisconnect` никогда не блокируются и не закрывают соединение аварийно, каким бы ни был параметр linger.',
  true,
);

const rcvTimeo = remark(
  'so-rcvtimeo-dword',
  '`SO_RCVTIMEO` (and `SO_SNDTIMEO`) takes a `DWORD` in milliseconds on Windows, not a POSIX `struct timeval`. It limits blocking calls only, not overlapped ones; after a timed-out receive the connection state is undefined and the socket should be closed.',
  '`SO_RCVTIMEO` (как и `SO_SNDTIMEO`) в Windows принимает `DWORD` в миллисекундах, а не POSIX-структуру `struct timeval`. Он ограничивает только блокирующие вызовы, не перекрывающиеся; после приёма, прерванного тайм-аутом, состояние соединения не определено, и сокет следует закрыть.',
  true,
);

const optionCommonErrors: readonly ErrorCondition[] = [notInitialised, netDown, inProgress, notSocket()];

const setsockoptFn: FunctionEntry = {
  kind: 'function',
  name: 'setsockopt',
  signature: [
    'int WSAAPI setsockopt(',
    '    _In_ SOCKET s,',
    '    _In_ int level,',
    '    _In_ int optname,',
    '    _In_reads_bytes_opt_(optlen) const char FAR * optval,',
    '    _In_ int optlen',
    ');',
  ].join('\n'),
  summary: text('Sets a socket option.', 'Задаёт параметр сокета.'),
  params: [
    socketParam('The socket to configure.', 'Настраиваемый сокет.'),
    param(
      'level',
      'int',
      'in',
      false,
      'Where the option lives: `SOL_SOCKET`, `IPPROTO_TCP`, `IPPROTO_IP`, `IPPROTO_IPV6` …',
      'Уровень, к которому относится параметр: `SOL_SOCKET`, `IPPROTO_TCP`, `IPPROTO_IP`, `IPPROTO_IPV6` …',
    ),
    param(
      'optname',
      'int',
      'in',
      false,
      'The option, e.g. `SO_LINGER`, `SO_DONTLINGER`, `SO_RCVTIMEO`, `SO_REUSEADDR`, `TCP_NODELAY`.',
      'Параметр, например `SO_LINGER`, `SO_DONTLINGER`, `SO_RCVTIMEO`, `SO_REUSEADDR`, `TCP_NODELAY`.',
    ),
    param(
      'optval',
      'const char FAR *',
      'in',
      true,
      'Pointer to the new value, cast to `const char *` (`BOOL`, `DWORD`, `struct linger` … depending on the option).',
      'Указатель на новое значение, приведённый к `const char *` (`BOOL`, `DWORD`, `struct linger` … в зависимости от параметра).',
    ),
    param('optlen', 'int', 'in', false, 'Size of the value at `optval` in bytes.', 'Размер значения по адресу `optval` в байтах.'),
  ],
  returns: {
    convention: 'zero-or-socket-error',
    doc: text('0 on success, `SOCKET_ERROR` otherwise (see `WSAGetLastError()`).', '0 при успехе, иначе `SOCKET_ERROR` (см. `WSAGetLastError()`).'),
  },
  errors: [
    ...optionCommonErrors,
    fails(
      'WSAEFAULT',
      '`optval` is not in valid user memory, or `optlen` is too small for the option.',
      '`optval` указывает за пределы доступной памяти или `optlen` слишком мал для параметра.',
    ),
    fails(
      'WSAEINVAL',
      '`level` is not valid, or the value at `optval` is not valid for the option.',
      '`level` недопустим или значение по адресу `optval` не подходит для параметра.',
    ),
    fails(
      'WSAENETRESET',
      '`SO_KEEPALIVE` is set and the connection has timed out.',
      'Установлен `SO_KEEPALIVE`, и время ожидания соединения истекло.',
    ),
    fails(
      'WSAENOPROTOOPT',
      'The option is unknown or not supported for this protocol family or socket type (e.g. `SO_BROADCAST` on a stream socket).',
      'Параметр неизвестен или не поддерживается для этого семейства протоколов или типа сокета (например, `SO_BROADCAST` на потоковом сокете).',
    ),
    fails(
      'WSAENOTCONN',
      '`SO_KEEPALIVE` is set and the connection has been reset.',
      'Установлен `SO_KEEPALIVE`, и соединение было сброшено.',
    ),
  ],
  remarks: [
    lingerDefault,
    dontLingerGraceful,
    abortiveClose,
    lingerTimeout,
    lingerNotShutdown,
    rcvTimeo,
    remark(
      'setsockopt-update-context',
      '`SO_UPDATE_ACCEPT_CONTEXT` (after `AcceptEx`) and `SO_UPDATE_CONNECT_CONTEXT` (after `ConnectEx`/`WSAConnectByName`) give the new connection its full socket state; without them `shutdown`, `getpeername` and inherited options do not work on it.',
      '`SO_UPDATE_ACCEPT_CONTEXT` (после `AcceptEx`) и `SO_UPDATE_CONNECT_CONTEXT` (после `ConnectEx`/`WSAConnectByName`) дают новому соединению полное состояние сокета; без них `shutdown`, `getpeername` и унаследованные параметры на нём не работают.',
    ),
    remark(
      'setsockopt-bool-size',
      '`BOOL` options take a full `BOOL` (an `int`), so pass `optlen = sizeof(BOOL)`; `SO_LINGER` takes a `struct linger`, `SO_RCVTIMEO`/`SO_SNDTIMEO` a `DWORD`.',
      'Параметры типа `BOOL` принимают полноценный `BOOL` (то есть `int`), поэтому передавайте `optlen = sizeof(BOOL)`; `SO_LINGER` принимает `struct linger`, `SO_RCVTIMEO`/`SO_SNDTIMEO` — `DWORD`.',
    ),
  ],
  requirements: WS2_32,
  related: ['getsockopt', 'closesocket', 'shutdown', 'WSASendDisconnect', 'ioctlsocket', 'AcceptEx', 'ConnectEx'],
  roles: ['option'],
  socketParam: 0,
  transitions: ANY_STATE_UNCHANGED,
};

const getsockoptFn: FunctionEntry = {
  kind: 'function',
  name: 'getsockopt',
  signature: [
    'int WSAAPI getsockopt(',
    '    _In_ SOCKET s,',
    '    _In_ int level,',
    '    _In_ int optname,',
    '    _Out_writes_bytes_(*optlen) char FAR * optval,',
    '    _Inout_ int FAR * optlen',
    ');',
  ].join('\n'),
  summary: text('Reads the current value of a socket option.', 'Читает текущее значение параметра сокета.'),
  params: [
    socketParam('The socket to query.', 'Опрашиваемый сокет.'),
    param('level', 'int', 'in', false, 'Where the option lives: `SOL_SOCKET`, `IPPROTO_TCP` …', 'Уровень параметра: `SOL_SOCKET`, `IPPROTO_TCP` …'),
    param(
      'optname',
      'int',
      'in',
      false,
      'The option, e.g. `SO_LINGER`, `SO_DONTLINGER`, `SO_PROTOCOL_INFO`, `SO_RCVTIMEO`, `SO_ERROR`, `SO_TYPE`.',
      'Параметр, например `SO_LINGER`, `SO_DONTLINGER`, `SO_PROTOCOL_INFO`, `SO_RCVTIMEO`, `SO_ERROR`, `SO_TYPE`.',
    ),
    param('optval', 'char FAR *', 'out', false, 'Buffer that receives the value.', 'Буфер, в который записывается значение.'),
    param(
      'optlen',
      'int FAR *',
      'in-out',
      false,
      'On input the size of `optval`, on output the size of the value stored.',
      'На входе — размер `optval`, на выходе — размер записанного значения.',
    ),
  ],
  returns: {
    convention: 'zero-or-socket-error',
    doc: text('0 on success, `SOCKET_ERROR` otherwise (see `WSAGetLastError()`).', '0 при успехе, иначе `SOCKET_ERROR` (см. `WSAGetLastError()`).'),
  },
  errors: [
    ...optionCommonErrors,
    fails(
      'WSAEFAULT',
      '`*optlen` is too small for the value, or `optval`/`optlen` is not in valid user memory.',
      '`*optlen` мал для значения или `optval`/`optlen` указывает за пределы доступной памяти.',
    ),
    fails('WSAEINVAL', '`level` is unknown or not valid.', '`level` неизвестен или недопустим.'),
    fails(
      'WSAENOPROTOOPT',
      'The option is unknown or not supported by this protocol family.',
      'Параметр неизвестен или не поддерживается этим семейством протоколов.',
    ),
  ],
  remarks: [
    remark(
      'so-protocol-info',
      '`SO_PROTOCOL_INFO` returns the `WSAPROTOCOL_INFO` of the socket’s provider; it maps to `SO_PROTOCOL_INFOW` (0x2005) under UNICODE and to `SO_PROTOCOL_INFOA` (0x2004) otherwise, so size the buffer for the matching structure. Test `dwServiceFlags1 & XP1_DISCONNECT_DATA` before passing disconnect data to `WSASendDisconnect`.',
      '`SO_PROTOCOL_INFO` возвращает `WSAPROTOCOL_INFO` поставщика сокета; при UNICODE он равен `SO_PROTOCOL_INFOW` (0x2005), иначе `SO_PROTOCOL_INFOA` (0x2004), поэтому размер буфера должен соответствовать нужной структуре. Прежде чем передавать данные отключения в `WSASendDisconnect`, проверьте `dwServiceFlags1 & XP1_DISCONNECT_DATA`.',
      true,
    ),
    remark(
      'getsockopt-linger',
      '`SO_LINGER` reads back a `struct linger`; `SO_DONTLINGER` reads back a `BOOL` that is TRUE when `l_onoff` is 0, i.e. when the default graceful close is in effect.',
      '`SO_LINGER` возвращает `struct linger`; `SO_DONTLINGER` возвращает `BOOL`, равный TRUE при `l_onoff = 0`, то есть когда действует обычное корректное закрытие.',
    ),
    dontLingerGraceful,
    lingerNotShutdown,
    rcvTimeo,
    remark(
      'getsockopt-so-error',
      '`SO_ERROR` returns the socket’s pending error and clears it; after a non-blocking `connect` reports failure it tells why.',
      '`SO_ERROR` возвращает отложенную ошибку сокета и сбрасывает её; после неудачного неблокирующего `connect` он сообщает причину.',
    ),
  ],
  requirements: WS2_32,
  related: ['setsockopt', 'WSAEnumProtocolsW', 'WSASendDisconnect', 'closesocket'],
  roles: ['option'],
  socketParam: 0,
  transitions: ANY_STATE_UNCHANGED,
};

const ioctlsocketFn: FunctionEntry = {
  kind: 'function',
  name: 'ioctlsocket',
  signature: [
    'int WSAAPI ioctlsocket(',
    '    _In_ SOCKET s,',
    '    _In_ long cmd,',
    '    _When_(cmd != FIONREAD, _Inout_)',
    '    _When_(cmd == FIONREAD, _Out_)',
    '    u_long FAR * argp',
    ');',
  ].join('\n'),
  summary: text(
    'Controls the I/O mode of a socket: non-blocking mode (`FIONBIO`), bytes waiting (`FIONREAD`), out-of-band mark (`SIOCATMARK`).',
    'Управляет режимом ввода-вывода сокета: неблокирующий режим (`FIONBIO`), число ожидающих байт (`FIONREAD`), отметка срочных данных (`SIOCATMARK`).',
  ),
  params: [
    socketParam('The socket to control.', 'Управляемый сокет.'),
    param('cmd', 'long', 'in', false, 'The command: `FIONBIO`, `FIONREAD` or `SIOCATMARK`.', 'Команда: `FIONBIO`, `FIONREAD` или `SIOCATMARK`.'),
    param(
      'argp',
      'u_long FAR *',
      'in-out',
      false,
      'The argument: for `FIONBIO` non-zero turns non-blocking mode on and 0 turns it off; for `FIONREAD` and `SIOCATMARK` receives the answer.',
      'Аргумент: для `FIONBIO` ненулевое значение включает неблокирующий режим, 0 — выключает; для `FIONREAD` и `SIOCATMARK` сюда записывается ответ.',
    ),
  ],
  returns: {
    convention: 'zero-or-socket-error',
    doc: text('0 on success, `SOCKET_ERROR` otherwise (see `WSAGetLastError()`).', '0 при успехе, иначе `SOCKET_ERROR` (см. `WSAGetLastError()`).'),
  },
  errors: [
    ...optionCommonErrors,
    fails('WSAEFAULT', '`argp` is not in valid user memory.', '`argp` указывает за пределы доступной памяти.'),
    fails(
      'WSAEINVAL',
      '`FIONBIO` with 0 on a socket registered with `WSAAsyncSelect` or `WSAEventSelect`: such a socket cannot go back to blocking mode until the registration is cleared.',
      '`FIONBIO` со значением 0 для сокета, зарегистрированного в `WSAAsyncSelect` или `WSAEventSelect`: такой сокет нельзя вернуть в блокирующий режим, пока регистрация не снята.',
    ),
  ],
  remarks: [
    remark(
      'fionbio',
      '`u_long mode = 1; ioctlsocket(s, FIONBIO, &mode);` makes the socket non-blocking: calls that would wait fail with `WSAEWOULDBLOCK` instead (connect included). Sockets start in blocking mode; `WSAAsyncSelect` and `WSAEventSelect` switch them to non-blocking by themselves.',
      '`u_long mode = 1; ioctlsocket(s, FIONBIO, &mode);` делает сокет неблокирующим: вызовы, которым пришлось бы ждать, вместо этого завершаются с `WSAEWOULDBLOCK` (в том числе connect). Сокеты создаются блокирующими; `WSAAsyncSelect` и `WSAEventSelect` сами переводят их в неблокирующий режим.',
      true,
    ),
    remark(
      'ioctlsocket-not-posix',
      'This is not the POSIX `ioctl`/`fcntl`: `cmd` is a `long` and `argp` always points to a `u_long`. For other control codes use `WSAIoctl`.',
      'Это не POSIX `ioctl`/`fcntl`: `cmd` имеет тип `long`, а `argp` всегда указывает на `u_long`. Для остальных управляющих кодов используйте `WSAIoctl`.',
    ),
    remark(
      'fionread-approximate',
      '`FIONREAD` reports the data that one receive can return right now, which may be less than everything queued; do not use it to size a whole message.',
      '`FIONREAD` сообщает, сколько данных может вернуть один приём прямо сейчас, а это может быть меньше всего, что в очереди; не используйте его для оценки размера целого сообщения.',
    ),
  ],
  requirements: WS2_32,
  related: ['WSAIoctl', 'WSAEventSelect', 'WSAAsyncSelect', 'connect', 'recv', 'send'],
  roles: ['option'],
  socketParam: 0,
  transitions: ANY_STATE_UNCHANGED,
};

const wsaIoctlFn: FunctionEntry = {
  kind: 'function',
  name: 'WSAIoctl',
  signature: [
    'int WSAAPI WSAIoctl(',
    '    _In_ SOCKET s,',
    '    _In_ DWORD dwIoControlCode,',
    '    _In_reads_bytes_opt_(cbInBuffer) LPVOID lpvInBuffer,',
    '    _In_ DWORD cbInBuffer,',
    '    _Out_writes_bytes_to_opt_(cbOutBuffer, *lpcbBytesReturned) LPVOID lpvOutBuffer,',
    '    _In_ DWORD cbOutBuffer,',
    '    _Out_ LPDWORD lpcbBytesReturned,',
    '    _Inout_opt_ LPWSAOVERLAPPED lpOverlapped,',
    '    _In_opt_ LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine',
    ');',
  ].join('\n'),
  summary: text(
    'Sends a control code to a socket; among other things it is how the addresses of the Microsoft extension functions (AcceptEx, ConnectEx, DisconnectEx …) are obtained.',
    'Передаёт сокету управляющий код; среди прочего именно так получают адреса функций-расширений Microsoft (AcceptEx, ConnectEx, DisconnectEx …).',
  ),
  params: [
    socketParam('The socket the code applies to.', 'Сокет, к которому относится код.'),
    param(
      'dwIoControlCode',
      'DWORD',
      'in',
      false,
      'The control code, e.g. `SIO_GET_EXTENSION_FUNCTION_POINTER`, `FIONBIO`, `SIO_KEEPALIVE_VALS`, `SIO_BASE_HANDLE`.',
      'Управляющий код, например `SIO_GET_EXTENSION_FUNCTION_POINTER`, `FIONBIO`, `SIO_KEEPALIVE_VALS`, `SIO_BASE_HANDLE`.',
    ),
    param('lpvInBuffer', 'LPVOID', 'in', true, 'Input data (for extension pointers: the GUID).', 'Входные данные (для указателей расширений — GUID).'),
    param('cbInBuffer', 'DWORD', 'in', false, 'Size of the input data in bytes.', 'Размер входных данных в байтах.'),
    param(
      'lpvOutBuffer',
      'LPVOID',
      'out',
      true,
      'Output buffer (for extension pointers: a variable of the matching `LPFN_…` type).',
      'Выходной буфер (для указателей расширений — переменная соответствующего типа `LPFN_…`).',
    ),
    param('cbOutBuffer', 'DWORD', 'in', false, 'Size of the output buffer in bytes.', 'Размер выходного буфера в байтах.'),
    param(
      'lpcbBytesReturned',
      'LPDWORD',
      'out',
      false,
      'Receives the number of output bytes written; required even when nothing is returned.',
      'Получает число записанных выходных байт; обязателен, даже если ничего не возвращается.',
    ),
    overlappedParam,
    completionRoutineParam,
  ],
  returns: {
    convention: 'zero-or-socket-error',
    doc: text(
      '0 on success; `SOCKET_ERROR` otherwise (`WSA_IO_PENDING` with an `lpOverlapped` means the operation is under way).',
      '0 при успехе; иначе `SOCKET_ERROR` (`WSA_IO_PENDING` при заданном `lpOverlapped` означает, что операция продолжается).',
    ),
  },
  errors: [
    notInitialised,
    netDown,
    ioPending,
    fails(
      'WSAEFAULT',
      'A buffer or `lpcbBytesReturned`/`lpOverlapped`/`lpCompletionRoutine` is not in valid user memory, or a buffer is too small for the code.',
      'Буфер или `lpcbBytesReturned`/`lpOverlapped`/`lpCompletionRoutine` указывает за пределы доступной памяти либо буфер мал для этого кода.',
    ),
    fails(
      'WSAEINVAL',
      '`dwIoControlCode` is not a valid command, an input argument is not acceptable, or the command does not apply to this socket type (for `SIO_GET_EXTENSION_FUNCTION_POINTER`: a GUID the provider does not know).',
      '`dwIoControlCode` не является допустимой командой, входной аргумент неприемлем или команда не подходит к типу сокета (для `SIO_GET_EXTENSION_FUNCTION_POINTER` — неизвестный поставщику GUID).',
    ),
    inProgress,
    notSocket(),
    fails(
      'WSAEOPNOTSUPP',
      'The command is not supported (e.g. a QoS code on a provider without QoS).',
      'Команда не поддерживается (например, код QoS у поставщика без QoS).',
    ),
    fails(
      'WSAEWOULDBLOCK',
      'The socket is non-blocking and the command cannot complete at once.',
      'Сокет неблокирующий, и команду нельзя выполнить сразу.',
    ),
    fails(
      'WSAENOPROTOOPT',
      'The option behind the command is unknown or unsupported (e.g. `SIO_KEEPALIVE_VALS` on a datagram socket).',
      'Параметр, стоящий за командой, неизвестен или не поддерживается (например, `SIO_KEEPALIVE_VALS` на датаграммном сокете).',
    ),
    operationAborted,
  ],
  remarks: [
    remark(
      'extension-function-pointer',
      '`SIO_GET_EXTENSION_FUNCTION_POINTER` takes a GUID and returns a function pointer: `GUID g = WSAID_DISCONNECTEX; LPFN_DISCONNECTEX pDisconnectEx; DWORD n; WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &pDisconnectEx, sizeof pDisconnectEx, &n, NULL, NULL);`. `WSAID_CONNECTEX`/`LPFN_CONNECTEX`, `WSAID_ACCEPTEX`/`LPFN_ACCEPTEX`, `WSAID_TRANSMITPACKETS`, `WSAID_TRANSMITFILE`, `WSAID_GETACCEPTEXSOCKADDRS` and `WSAID_WSARECVMSG` work the same way (mswsock.h).',
      '`SIO_GET_EXTENSION_FUNCTION_POINTER` принимает GUID и возвращает указатель на функцию: `GUID g = WSAID_DISCONNECTEX; LPFN_DISCONNECTEX pDisconnectEx; DWORD n; WSAIoctl(s, SIO_GET_EXTENSION_FUNCTION_POINTER, &g, sizeof g, &pDisconnectEx, sizeof pDisconnectEx, &n, NULL, NULL);`. Так же работают `WSAID_CONNECTEX`/`LPFN_CONNECTEX`, `WSAID_ACCEPTEX`/`LPFN_ACCEPTEX`, `WSAID_TRANSMITPACKETS`, `WSAID_TRANSMITFILE`, `WSAID_GETACCEPTEXSOCKADDRS` и `WSAID_WSARECVMSG` (mswsock.h).',
      true,
    ),
    remark(
      'extension-pointer-per-provider',
      'The pointer belongs to the provider of the socket it was asked on. Ask once per kind of socket (address family and protocol) and call it only with sockets of that provider; with layered providers installed, pointers from different providers are not interchangeable.',
      'Указатель относится к поставщику того сокета, на котором его запросили. Запрашивайте его один раз для каждого вида сокетов (семейство адресов и протокол) и вызывайте только с сокетами того же поставщика; при установленных многоуровневых поставщиках (LSP) указатели разных поставщиков не взаимозаменяемы.',
    ),
    remark(
      'wsaioctl-fionbio',
      '`FIONBIO`, `FIONREAD` and `SIOCATMARK` are accepted here as well as by `ioctlsocket`.',
      '`FIONBIO`, `FIONREAD` и `SIOCATMARK` принимаются здесь так же, как в `ioctlsocket`.',
    ),
    apcNote,
  ],
  requirements: WS2_32,
  related: ['ioctlsocket', 'AcceptEx', 'ConnectEx', 'DisconnectEx', 'TransmitPackets', 'TransmitFile', 'WSASendMsg'],
  roles: ['option', 'blocking'],
  socketParam: 0,
  transitions: ANY_STATE_UNCHANGED,
};

/** Creating, connecting, sending, receiving and configuring sockets. */
export const socketIoFunctions: readonly FunctionEntry[] = [
  socketFn,
  wsaSocketEntry('A'),
  wsaSocketEntry('W'),
  bindFn,
  listenFn,
  acceptFn,
  acceptExFn,
  connectFn,
  wsaConnectFn,
  connectExFn,
  connectByNameEntry('W'),
  connectByNameEntry('A'),
  wsaConnectByListFn,
  sendFn,
  wsaSendFn,
  sendtoFn,
  wsaSendToFn,
  wsaSendMsgFn,
  transmitPacketsFn,
  recvFn,
  wsaRecvFn,
  setsockoptFn,
  getsockoptFn,
  ioctlsocketFn,
  wsaIoctlFn,
];
