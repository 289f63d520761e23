// Constants of the Winsock API that the extension speaks of. Values are the Windows SDK's
// (winsock2.h and the ws2def.h it includes, mswsock.h); the explanations are our own.
import type { ConstantEntry, Remark } from '../types';

function k(
  name: string,
  value: string,
  numeric: number | undefined,
  header: string,
  en: string,
  ru: string,
  related: readonly string[] = [],
  remarks: readonly Remark[] = [],
): ConstantEntry {
  const entry: ConstantEntry = { kind: 'constant', name, value, header, summary: { en, ru }, remarks, related };
  return numeric === undefined ? entry : { ...entry, numeric };
}

const W = 'winsock2.h';
const M = 'mswsock.h';

const shutdownHow: readonly ConstantEntry[] = [
  k('SD_RECEIVE', '0x00', 0, W, '`shutdown` direction: no more receiving. Later receive calls fail; on TCP, data still queued or arriving later resets the connection.', 'Направление для `shutdown`: прекратить приём. Последующие вызовы приёма завершаются ошибкой; в TCP данные, оставшиеся в очереди или пришедшие позже, приводят к сбросу соединения.', ['shutdown', 'WSARecvDisconnect', 'SD_SEND', 'SD_BOTH']),
  k('SD_SEND', '0x01', 1, W, '`shutdown` direction: no more sending. On TCP a FIN follows once all queued data has been sent and acknowledged. `WSASendDisconnect` does the same, plus optional disconnect data.', 'Направление для `shutdown`: прекратить отправку. В TCP после отправки и подтверждения всех данных из очереди уходит FIN. `WSASendDisconnect` делает то же самое и может дополнительно передать данные отключения.', ['shutdown', 'WSASendDisconnect', 'SD_RECEIVE', 'SD_BOTH']),
  k('SD_BOTH', '0x02', 2, W, '`shutdown` direction: stop both sending and receiving. The socket stays open until `closesocket`.', 'Направление для `shutdown`: прекратить и отправку, и приём. Сокет остаётся открытым до вызова `closesocket`.', ['shutdown', 'SD_RECEIVE', 'SD_SEND', 'closesocket']),
];

const results: readonly ConstantEntry[] = [
  k('SOCKET_ERROR', '(-1)', -1, W, 'The failure value most Winsock functions return; the reason is then in `WSAGetLastError()`.', 'Значение, которое большинство функций Winsock возвращает при ошибке; причину затем сообщает `WSAGetLastError()`.', ['WSAGetLastError', 'INVALID_SOCKET']),
  k('INVALID_SOCKET', '(SOCKET)(~0)', undefined, W, 'The "no socket" value that `socket`, `WSASocket` and `accept` return on failure. `SOCKET` is unsigned (UINT_PTR), so compare with `INVALID_SOCKET`, never with `< 0`.', 'Значение «нет сокета», которое возвращают `socket`, `WSASocket` и `accept` при ошибке. `SOCKET` — беззнаковый тип (UINT_PTR), поэтому сравнивайте с `INVALID_SOCKET`, а не проверкой `< 0`.', ['SOCKET', 'SOCKET_ERROR', 'socket', 'accept'], [
    { id: 'all-ones', text: { en: 'Its value is all bits set: 0xFFFFFFFF in 32-bit builds, 0xFFFFFFFFFFFFFFFF in 64-bit builds.', ru: 'Все биты значения установлены: 0xFFFFFFFF в 32-разрядной сборке и 0xFFFFFFFFFFFFFFFF в 64-разрядной.' }, key: true },
  ]),
  k('WSABASEERR', '10000', 10000, W, 'The base of the Windows Sockets error numbers: WSAEINTR is WSABASEERR + 4, and so on.', 'База номеров ошибок Windows Sockets: WSAEINTR равна WSABASEERR + 4 и так далее.', ['WSAGetLastError']),
];

const transmitFlags: readonly ConstantEntry[] = [
  k('TF_DISCONNECT', '0x01', 1, M, '`TransmitFile` / `TransmitPackets` flag: start a transport-level disconnect once all the data has been queued for sending.', 'Флаг `TransmitFile` / `TransmitPackets`: начать разъединение на транспортном уровне, как только все данные поставлены в очередь на отправку.', ['TransmitFile', 'TF_REUSE_SOCKET', 'DisconnectEx']),
  k('TF_REUSE_SOCKET', '0x02', 2, M, 'Prepare the socket handle for reuse once the disconnect completes: afterwards it may be passed to `AcceptEx` or `ConnectEx` (not to plain `connect`). With `TransmitFile` it is valid only together with `TF_DISCONNECT`; it is also the one flag `DisconnectEx` accepts.', 'Подготовить дескриптор сокета к повторному использованию после завершения разъединения: затем его можно передать в `AcceptEx` или `ConnectEx` (но не в обычный `connect`). В `TransmitFile` флаг допустим только вместе с `TF_DISCONNECT`; это также единственный флаг, который принимает `DisconnectEx`.', ['DisconnectEx', 'TransmitFile', 'TF_DISCONNECT', 'AcceptEx', 'ConnectEx'], [
    { id: 'time-wait', text: { en: 'Completion can be held back by TCP TIME_WAIT (the `TcpTimedWaitDelay` registry value, 240 seconds by default).', ru: 'Завершение может задержаться из-за TCP TIME_WAIT (параметр реестра `TcpTimedWaitDelay`, по умолчанию 240 секунд).' }, key: true },
  ]),
  k('TF_WRITE_BEHIND', '0x04', 4, M, '`TransmitFile` flag: complete without waiting for the peer to acknowledge the data.', 'Флаг `TransmitFile`: завершить вызов, не дожидаясь подтверждения данных удалённой стороной.', ['TransmitFile']),
  k('TF_USE_DEFAULT_WORKER', '0x00', 0, M, '`TransmitFile` flag: let the system pick the thread that does the work.', 'Флаг `TransmitFile`: поток для выполнения работы выбирает система.', ['TransmitFile']),
  k('TF_USE_SYSTEM_THREAD', '0x10', 16, M, '`TransmitFile` flag: do the work in a system thread.', 'Флаг `TransmitFile`: выполнять работу в системном потоке.', ['TransmitFile']),
  k('TF_USE_KERNEL_APC', '0x20', 32, M, '`TransmitFile` flag: do the work with kernel asynchronous procedure calls instead of worker threads.', 'Флаг `TransmitFile`: выполнять работу через асинхронные вызовы процедур ядра (APC), а не рабочими потоками.', ['TransmitFile']),
];

function xp1(name: string, value: string, numeric: number, en: string, ru: string, related: readonly string[] = []): ConstantEntry {
  return k(name, value, numeric, W, `\`WSAPROTOCOL_INFO.dwServiceFlags1\` bit: ${en}`, `Бит \`WSAPROTOCOL_INFO.dwServiceFlags1\`: ${ru}`, ['WSAPROTOCOL_INFOW', 'WSAEnumProtocolsW', ...related]);
}

const serviceFlags: readonly ConstantEntry[] = [
  xp1('XP1_CONNECTIONLESS', '0x00000001', 0x1, 'the protocol is connectionless (datagrams).', 'протокол без установления соединения (датаграммы).'),
  xp1('XP1_GUARANTEED_DELIVERY', '0x00000002', 0x2, 'the protocol guarantees that all data sent is delivered.', 'протокол гарантирует доставку всех отправленных данных.'),
  xp1('XP1_GUARANTEED_ORDER', '0x00000004', 0x4, 'data arrives in the order it was sent.', 'данные приходят в том порядке, в котором были отправлены.'),
  xp1('XP1_MESSAGE_ORIENTED', '0x00000008', 0x8, 'the protocol keeps message boundaries.', 'протокол сохраняет границы сообщений.'),
  xp1('XP1_PSEUDO_STREAM', '0x00000010', 0x10, 'a message-oriented protocol whose boundaries are ignored on receive.', 'протокол, ориентированный на сообщения, границы которых при приёме не учитываются.'),
  xp1('XP1_GRACEFUL_CLOSE', '0x00000020', 0x20, 'the protocol supports a two-phase (graceful) close; without it only abortive closes happen.', 'протокол поддерживает двухфазное (корректное) закрытие; без этого бита возможно только аварийное.', ['shutdown']),
  xp1('XP1_EXPEDITED_DATA', '0x00000040', 0x40, 'the protocol supports urgent (out-of-band) data.', 'протокол поддерживает срочные (внеполосные) данные.', ['MSG_OOB']),
  xp1('XP1_CONNECT_DATA', '0x00000080', 0x80, 'the protocol can carry data with the connection request.', 'протокол может передавать данные вместе с запросом на подключение.'),
  xp1('XP1_DISCONNECT_DATA', '0x00000100', 0x100, 'the protocol can carry disconnect data, the data `WSASendDisconnect` sends and `WSARecvDisconnect` reads. The Windows TCP/IP provider does not set it.', 'протокол может передавать данные отключения — те, что отправляет `WSASendDisconnect` и читает `WSARecvDisconnect`. Поставщик TCP/IP Windows этот бит не устанавливает.', ['WSASendDisconnect', 'WSARecvDisconnect', 'WSAENOPROTOOPT']),
  xp1('XP1_SUPPORT_BROADCAST', '0x00000200', 0x200, 'the protocol supports broadcast.', 'протокол поддерживает широковещательную рассылку.'),
  xp1('XP1_SUPPORT_MULTIPOINT', '0x00000400', 0x400, 'the protocol supports multipoint (multicast) communication.', 'протокол поддерживает многоточечную (групповую) связь.'),
  xp1('XP1_MULTIPOINT_CONTROL_PLANE', '0x00000800', 0x800, 'multipoint control plane is rooted (unset: non-rooted).', 'управляющая плоскость многоточечной связи имеет корень (без бита — без корня).'),
  xp1('XP1_MULTIPOINT_DATA_PLANE', '0x00001000', 0x1000, 'multipoint data plane is rooted (unset: non-rooted).', 'плоскость данных многоточечной связи имеет корень (без бита — без корня).'),
  xp1('XP1_QOS_SUPPORTED', '0x00002000', 0x2000, 'the protocol supports quality of service requests.', 'протокол поддерживает запросы качества обслуживания (QoS).'),
  xp1('XP1_INTERRUPT', '0x00004000', 0x4000, 'reserved.', 'зарезервирован.'),
  xp1('XP1_UNI_SEND', '0x00008000', 0x8000, 'the protocol is unidirectional in the sending direction.', 'протокол однонаправленный, только на отправку.'),
  xp1('XP1_UNI_RECV', '0x00010000', 0x10000, 'the protocol is unidirectional in the receiving direction.', 'протокол однонаправленный, только на приём.', ['shutdown']),
  xp1('XP1_IFS_HANDLES', '0x00020000', 0x20000, 'the provider\'s socket handles are real file system handles (usable with ReadFile/WriteFile).', 'дескрипторы сокетов поставщика — настоящие дескрипторы файловой системы (пригодны для ReadFile/WriteFile).'),
  xp1('XP1_PARTIAL_MESSAGE', '0x00040000', 0x40000, 'the provider honours `MSG_PARTIAL` in `WSASend` / `WSASendTo`.', 'поставщик поддерживает `MSG_PARTIAL` в `WSASend` / `WSASendTo`.'),
  xp1('XP1_SAN_SUPPORT_SDP', '0x00080000', 0x80000, 'the protocol supports the Sockets Direct Protocol (SAN).', 'протокол поддерживает Sockets Direct Protocol (SAN).'),
];

const options: readonly ConstantEntry[] = [
  k('SOL_SOCKET', '0xffff', 0xffff, W, 'The socket-level option level for `setsockopt` / `getsockopt` (SO_LINGER, SO_RCVTIMEO and friends).', 'Уровень параметров самого сокета для `setsockopt` / `getsockopt` (SO_LINGER, SO_RCVTIMEO и другие).', ['setsockopt', 'getsockopt']),
  k('SO_LINGER', '0x0080', 0x80, W, 'Socket option (a `LINGER` value) that decides what `closesocket` does with unsent data: return at once with a graceful close in the background (l_onoff = 0), reset at once (l_onoff ≠ 0, l_linger = 0), or wait up to l_linger seconds. `WSASendDisconnect` and `shutdown` never block, whatever it says.', 'Параметр сокета (значение `LINGER`), задающий, что `closesocket` делает с неотправленными данными: сразу вернуться и корректно закрыть соединение в фоне (l_onoff = 0), сразу сбросить его (l_onoff ≠ 0, l_linger = 0) или ждать до l_linger секунд. `WSASendDisconnect` и `shutdown` не блокируются при любом его значении.', ['LINGER', 'closesocket', 'SO_DONTLINGER', 'setsockopt']),
  k('SO_DONTLINGER', '(int)(~SO_LINGER)', -129, W, 'Socket option (a BOOL): TRUE sets `l_onoff` of SO_LINGER to 0, i.e. `closesocket` returns at once and closes gracefully in the background — it is not a hard close.', 'Параметр сокета (BOOL): TRUE обнуляет `l_onoff` в SO_LINGER, то есть `closesocket` сразу возвращает управление и корректно закрывает соединение в фоне — это не аварийное закрытие.', ['SO_LINGER', 'closesocket']),
  k('SO_RCVTIMEO', '0x1006', 0x1006, W, 'Socket option: time-out in milliseconds (a DWORD) for blocking receive calls; on expiry they fail with WSAETIMEDOUT.', 'Параметр сокета: тайм-аут блокирующих вызовов приёма в миллисекундах (DWORD); по его истечении они завершаются с WSAETIMEDOUT.', ['setsockopt', 'recv', 'WSAETIMEDOUT', 'SO_SNDTIMEO']),
  k('SO_SNDTIMEO', '0x1005', 0x1005, W, 'Socket option: time-out in milliseconds (a DWORD) for blocking send calls; on expiry they fail with WSAETIMEDOUT.', 'Параметр сокета: тайм-аут блокирующих вызовов отправки в миллисекундах (DWORD); по его истечении они завершаются с WSAETIMEDOUT.', ['setsockopt', 'send', 'WSAETIMEDOUT', 'SO_RCVTIMEO']),
  k('SO_REUSEADDR', '0x0004', 4, W, 'Socket option: allow `bind` to an address already in use.', 'Параметр сокета: разрешить `bind` к уже занятому адресу.', ['bind', 'SO_EXCLUSIVEADDRUSE']),
  k('SO_EXCLUSIVEADDRUSE', '((int)(~SO_REUSEADDR))', -5, W, 'Socket option: forbid any other socket from binding to the same address, even with SO_REUSEADDR.', 'Параметр сокета: запретить другим сокетам привязываться к тому же адресу, даже с SO_REUSEADDR.', ['bind', 'SO_REUSEADDR']),
  k('SO_KEEPALIVE', '0x0008', 8, W, 'Socket option: send TCP keep-alive probes on an idle connection.', 'Параметр сокета: посылать пробы TCP keep-alive на простаивающем соединении.', ['setsockopt']),
  k('SO_BROADCAST', '0x0020', 0x20, W, 'Socket option: allow sending broadcast datagrams.', 'Параметр сокета: разрешить отправку широковещательных датаграмм.', ['setsockopt', 'WSAEACCES']),
  k('SO_SNDBUF', '0x1001', 0x1001, W, 'Socket option: size of the send buffer.', 'Параметр сокета: размер буфера отправки.', ['setsockopt']),
  k('SO_RCVBUF', '0x1002', 0x1002, W, 'Socket option: size of the receive buffer.', 'Параметр сокета: размер буфера приёма.', ['setsockopt']),
  k('SO_ERROR', '0x1007', 0x1007, W, 'Socket option (read only): the socket\'s pending error, cleared by reading it — how a non-blocking `connect` reports its outcome.', 'Параметр сокета (только чтение): отложенная ошибка сокета, сбрасываемая при чтении; так неблокирующий `connect` сообщает результат.', ['getsockopt', 'connect']),
  k('SO_TYPE', '0x1008', 0x1008, W, 'Socket option (read only): the socket type, e.g. SOCK_STREAM.', 'Параметр сокета (только чтение): тип сокета, например SOCK_STREAM.', ['getsockopt', 'SOCK_STREAM']),
  k('SO_PROTOCOL_INFOA', '0x2004', 0x2004, W, 'Socket option (read only): the socket\'s `WSAPROTOCOL_INFOA`, ANSI version.', 'Параметр сокета (только чтение): `WSAPROTOCOL_INFOA` сокета, ANSI-версия.', ['WSAPROTOCOL_INFOA', 'getsockopt']),
  k('SO_PROTOCOL_INFOW', '0x2005', 0x2005, W, 'Socket option (read only): the socket\'s `WSAPROTOCOL_INFOW`. Check `dwServiceFlags1 & XP1_DISCONNECT_DATA` before passing disconnect data to `WSASendDisconnect`.', 'Параметр сокета (только чтение): `WSAPROTOCOL_INFOW` сокета. Проверьте `dwServiceFlags1 & XP1_DISCONNECT_DATA`, прежде чем передавать данные отключения в `WSASendDisconnect`.', ['WSAPROTOCOL_INFOW', 'getsockopt', 'XP1_DISCONNECT_DATA']),
  k('SO_PROTOCOL_INFO', 'SO_PROTOCOL_INFOW (UNICODE) / SO_PROTOCOL_INFOA', 0x2005, W, 'Maps to SO_PROTOCOL_INFOW when UNICODE is defined, otherwise to SO_PROTOCOL_INFOA (0x2004).', 'Соответствует SO_PROTOCOL_INFOW, если определён UNICODE, иначе SO_PROTOCOL_INFOA (0x2004).', ['SO_PROTOCOL_INFOW', 'SO_PROTOCOL_INFOA']),
  k('SO_UPDATE_ACCEPT_CONTEXT', '0x700B', 0x700b, M, 'Socket option: after `AcceptEx`, give the accepted socket the listening socket\'s properties so that `shutdown`, `getpeername` and the like work on it.', 'Параметр сокета: после `AcceptEx` передать принятому сокету свойства слушающего, чтобы на нём работали `shutdown`, `getpeername` и подобные.', ['AcceptEx', 'setsockopt']),
  k('SO_UPDATE_CONNECT_CONTEXT', '0x7010', 0x7010, M, 'Socket option: after `ConnectEx`, update the socket\'s context so that `shutdown`, `getpeername` and the like work on it.', 'Параметр сокета: после `ConnectEx` обновить контекст сокета, чтобы на нём работали `shutdown`, `getpeername` и подобные.', ['ConnectEx', 'setsockopt']),
];

function guid(name: string, value: string, fn: string): ConstantEntry {
  return k(name, value, undefined, M, `GUID that \`WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)\` takes to return a pointer to \`${fn}\`.`, `GUID, по которому \`WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)\` возвращает указатель на \`${fn}\`.`, [fn, 'SIO_GET_EXTENSION_FUNCTION_POINTER']);
}

const extension: readonly ConstantEntry[] = [
  k('SIO_GET_EXTENSION_FUNCTION_POINTER', '_WSAIORW(IOC_WS2,6)', 0xc8000006, W, '`WSAIoctl` control code: given a GUID such as WSAID_DISCONNECTEX, returns the provider\'s pointer to that extension function (DisconnectEx, ConnectEx, AcceptEx…).', 'Управляющий код `WSAIoctl`: по GUID вроде WSAID_DISCONNECTEX возвращает указатель поставщика на соответствующую функцию расширения (DisconnectEx, ConnectEx, AcceptEx…).', ['WSAIoctl', 'WSAID_DISCONNECTEX', 'DisconnectEx']),
  guid('WSAID_DISCONNECTEX', '{0x7fda2e11,0x8630,0x436f,{0xa0,0x31,0xf5,0x36,0xa6,0xee,0xc1,0x57}}', 'DisconnectEx'),
  guid('WSAID_CONNECTEX', '{0x25a207b9,0xddf3,0x4660,{0x8e,0xe9,0x76,0xe5,0x8c,0x74,0x06,0x3e}}', 'ConnectEx'),
  guid('WSAID_ACCEPTEX', '{0xb5367df1,0xcbac,0x11cf,{0x95,0xca,0x00,0x80,0x5f,0x48,0xa1,0x92}}', 'AcceptEx'),
  guid('WSAID_TRANSMITFILE', '{0xb5367df0,0xcbac,0x11cf,{0x95,0xca,0x00,0x80,0x5f,0x48,0xa1,0x92}}', 'TransmitFile'),
  k('FIONBIO', "_IOW('f', 126, u_long)", 0x8004667e, W, '`ioctlsocket` command: a non-zero argument makes the socket non-blocking, zero makes it blocking again.', 'Команда `ioctlsocket`: ненулевой аргумент делает сокет неблокирующим, ноль — снова блокирующим.', ['ioctlsocket', 'WSAEWOULDBLOCK']),
  k('FIONREAD', "_IOR('f', 127, u_long)", 0x4004667f, W, '`ioctlsocket` command: how many bytes can be read at once.', 'Команда `ioctlsocket`: сколько байт можно прочитать сразу.', ['ioctlsocket', 'recv']),
];

const addressing: readonly ConstantEntry[] = [
  k('AF_UNSPEC', '0', 0, W, 'Address family left open (e.g. for `getaddrinfo` hints).', 'Семейство адресов не задано (например, в подсказках `getaddrinfo`).', ['AF_INET', 'AF_INET6']),
  k('AF_INET', '2', 2, W, 'The IPv4 address family (`sockaddr_in`).', 'Семейство адресов IPv4 (`sockaddr_in`).', ['socket', 'sockaddr_in', 'AF_INET6']),
  k('AF_INET6', '23', 23, W, 'The IPv6 address family (`sockaddr_in6`). Its value on Windows is 23, unlike Linux (10).', 'Семейство адресов IPv6 (`sockaddr_in6`). В Windows его значение 23, в отличие от Linux (10).', ['socket', 'AF_INET']),
  k('SOCK_STREAM', '1', 1, W, 'A connection-oriented byte stream (TCP for AF_INET/AF_INET6). The socket type the shutdown family is about.', 'Потоковый сокет с установлением соединения (TCP для AF_INET/AF_INET6). Именно к этому типу относятся функции завершения соединения.', ['socket', 'IPPROTO_TCP', 'WSASendDisconnect']),
  k('SOCK_DGRAM', '2', 2, W, 'Connectionless datagrams (UDP for AF_INET/AF_INET6).', 'Датаграммы без установления соединения (UDP для AF_INET/AF_INET6).', ['socket', 'IPPROTO_UDP']),
  k('SOCK_RAW', '3', 3, W, 'A raw socket: the application builds protocol headers itself.', 'Сырой сокет: заголовки протокола приложение формирует само.', ['socket']),
  k('SOCK_RDM', '4', 4, W, 'Reliably delivered messages (PGM).', 'Надёжно доставляемые сообщения (PGM).', ['socket']),
  k('SOCK_SEQPACKET', '5', 5, W, 'Sequenced, reliable, connection-oriented packets with message boundaries.', 'Упорядоченные надёжные пакеты с установлением соединения и границами сообщений.', ['socket']),
  k('IPPROTO_TCP', '6', 6, W, 'The TCP protocol number (for `socket` and the IPPROTO_TCP option level).', 'Номер протокола TCP (для `socket` и уровня параметров IPPROTO_TCP).', ['socket', 'SOCK_STREAM']),
  k('IPPROTO_UDP', '17', 17, W, 'The UDP protocol number.', 'Номер протокола UDP.', ['socket', 'SOCK_DGRAM']),
  k('INADDR_ANY', '(ULONG)0x00000000', 0, W, 'The IPv4 wildcard address 0.0.0.0: bind to every local interface.', 'IPv4-адрес 0.0.0.0: привязка ко всем локальным интерфейсам.', ['bind', 'sockaddr_in']),
  k('INADDR_LOOPBACK', '0x7f000001', 0x7f000001, W, 'The IPv4 loopback address 127.0.0.1 (in host byte order: pass it through `htonl`).', 'IPv4-адрес обратной петли 127.0.0.1 (в порядке байтов узла: передавайте через `htonl`).', ['sockaddr_in']),
  k('SOMAXCONN', '0x7fffffff', 0x7fffffff, W, '`listen` backlog meaning "as many as the provider thinks reasonable".', 'Размер очереди для `listen`, означающий «столько, сколько поставщик сочтёт разумным».', ['listen']),
];

const flags: readonly ConstantEntry[] = [
  k('MSG_OOB', '0x1', 1, W, 'Send or receive urgent (out-of-band) data.', 'Отправить или принять срочные (внеполосные) данные.', ['send', 'recv']),
  k('MSG_PEEK', '0x2', 2, W, 'Look at incoming data without removing it from the queue.', 'Посмотреть входящие данные, не удаляя их из очереди.', ['recv']),
  k('MSG_DONTROUTE', '0x4', 4, W, 'Send without routing (providers may ignore it).', 'Отправить без маршрутизации (поставщик может игнорировать флаг).', ['send']),
  k('MSG_WAITALL', '0x8', 8, W, 'Let `recv` return only when the buffer is full, the connection closes, or an error occurs.', 'Заставить `recv` вернуться только при заполнении буфера, закрытии соединения или ошибке.', ['recv']),
  k('WSA_FLAG_OVERLAPPED', '0x01', 1, W, '`WSASocket` flag: create a socket that supports overlapped I/O (what `socket` does by default).', 'Флаг `WSASocket`: создать сокет с поддержкой перекрывающегося ввода-вывода (так по умолчанию делает `socket`).', ['WSASocketW']),
];

const events: readonly ConstantEntry[] = [
  k('FD_READ', '0x01', 1, W, 'Network event: data can be read.', 'Сетевое событие: можно читать данные.', ['recv', 'FD_CLOSE']),
  k('FD_WRITE', '0x02', 2, W, 'Network event: data can be sent.', 'Сетевое событие: можно отправлять данные.', ['send', 'FD_CLOSE']),
  k('FD_OOB', '0x04', 4, W, 'Network event: urgent (out-of-band) data has arrived.', 'Сетевое событие: пришли срочные (внеполосные) данные.', ['MSG_OOB', 'FD_READ']),
  k('FD_ACCEPT', '0x08', 8, W, 'Network event: a connection is waiting to be accepted.', 'Сетевое событие: подключение ожидает приёма.', ['accept', 'listen']),
  k('FD_CONNECT', '0x10', 0x10, W, 'Network event: a connection attempt has finished.', 'Сетевое событие: попытка подключения завершилась.', ['connect', 'FD_CLOSE']),
  k('FD_CLOSE', '0x20', 0x20, W, 'Network event: the peer closed the connection. One of the ways to learn that a circuit closed before reading disconnect data; not posted after `closesocket`.', 'Сетевое событие: удалённая сторона закрыла соединение. Один из способов узнать о закрытии канала перед чтением данных отключения; после `closesocket` не отправляется.', ['shutdown', 'WSARecvDisconnect', 'closesocket', 'recv']),
];

const sizes: readonly ConstantEntry[] = [
  k('WSADESCRIPTION_LEN', '256', 256, W, 'Size of `WSADATA.szDescription` minus the terminating null.', 'Размер `WSADATA.szDescription` без завершающего нуля.', ['WSADATA']),
  k('WSASYS_STATUS_LEN', '128', 128, W, 'Size of `WSADATA.szSystemStatus` minus the terminating null.', 'Размер `WSADATA.szSystemStatus` без завершающего нуля.', ['WSADATA']),
];

export const constants: readonly ConstantEntry[] = [
  ...shutdownHow,
  ...results,
  ...transmitFlags,
  ...serviceFlags,
  ...options,
  ...extension,
  ...addressing,
  ...flags,
  ...events,
  ...sizes,
];
