// The C types the Winsock functions of the model take. Layouts are the Windows SDK's (winsock2.h,
// ws2def.h, minwinbase.h, mswsock.h); the explanations are our own.
import type { Localized, TypeEntry } from '../types';

type Field = TypeEntry['fields'][number];

function f(name: string, type: string, en: string, ru: string): Field {
  return { name, type, doc: { en, ru } };
}

function ty(
  name: string,
  aliases: readonly string[],
  header: string,
  definition: string,
  summary: Localized,
  fields: readonly Field[],
  related: readonly string[],
  remarks: TypeEntry['remarks'] = [],
): TypeEntry {
  return { kind: 'type', name, aliases, definition, header, summary, fields, remarks, related };
}

function protocolInfo(variant: 'A' | 'W'): TypeEntry {
  const text = variant === 'A' ? 'CHAR ' : 'WCHAR';
  return ty(
    `WSAPROTOCOL_INFO${variant}`,
    variant === 'W' ? ['LPWSAPROTOCOL_INFOW', 'WSAPROTOCOL_INFO', 'LPWSAPROTOCOL_INFO'] : ['LPWSAPROTOCOL_INFOA'],
    'winsock2.h',
    `typedef struct _WSAPROTOCOL_INFO${variant} {
  DWORD            dwServiceFlags1;
  DWORD            dwServiceFlags2;
  DWORD            dwServiceFlags3;
  DWORD            dwServiceFlags4;
  DWORD            dwProviderFlags;
  GUID             ProviderId;
  DWORD            dwCatalogEntryId;
  WSAPROTOCOLCHAIN ProtocolChain;
  int              iVersion;
  int              iAddressFamily;
  int              iMaxSockAddr;
  int              iMinSockAddr;
  int              iSocketType;
  int              iProtocol;
  int              iProtocolMaxOffset;
  int              iNetworkByteOrder;
  int              iSecurityScheme;
  DWORD            dwMessageSize;
  DWORD            dwProviderReserved;
  ${text}            szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFO${variant}, *LPWSAPROTOCOL_INFO${variant};`,
    {
      en: `Describes one transport protocol of a provider (${variant === 'A' ? 'ANSI' : 'Unicode'} name). \`WSAEnumProtocols${variant}\` fills an array of them; \`getsockopt(SO_PROTOCOL_INFO${variant})\` returns the one of a socket.${variant === 'W' ? ' `WSAPROTOCOL_INFO` maps to this version under UNICODE.' : ''}`,
      ru: `Описывает один транспортный протокол поставщика (имя в ${variant === 'A' ? 'ANSI' : 'Unicode'}). \`WSAEnumProtocols${variant}\` заполняет их массив; \`getsockopt(SO_PROTOCOL_INFO${variant})\` возвращает структуру для сокета.${variant === 'W' ? ' При UNICODE `WSAPROTOCOL_INFO` соответствует этой версии.' : ''}`,
    },
    [
      f('dwServiceFlags1', 'DWORD', 'The services the protocol offers, as XP1_* bits; `XP1_DISCONNECT_DATA` (0x100) says it carries disconnect data.', 'Возможности протокола в виде битов XP1_*; `XP1_DISCONNECT_DATA` (0x100) означает поддержку данных отключения.'),
      f('dwServiceFlags2', 'DWORD', 'Reserved for more service flags.', 'Зарезервировано для дополнительных флагов возможностей.'),
      f('dwServiceFlags3', 'DWORD', 'Reserved for more service flags.', 'Зарезервировано для дополнительных флагов возможностей.'),
      f('dwServiceFlags4', 'DWORD', 'Reserved for more service flags.', 'Зарезервировано для дополнительных флагов возможностей.'),
      f('dwProviderFlags', 'DWORD', 'PFL_* flags on how the protocol is presented in the catalog.', 'Флаги PFL_* о том, как протокол представлен в каталоге.'),
      f('ProviderId', 'GUID', 'The provider\'s identifier.', 'Идентификатор поставщика.'),
      f('dwCatalogEntryId', 'DWORD', 'The protocol\'s unique catalog entry number.', 'Уникальный номер записи протокола в каталоге.'),
      f('ProtocolChain', 'WSAPROTOCOLCHAIN', 'Whether this is a base protocol, a layered one or a chain, and the chain\'s entries.', 'Базовый ли это протокол, многоуровневый или цепочка, и элементы цепочки.'),
      f('iVersion', 'int', 'The protocol version.', 'Версия протокола.'),
      f('iAddressFamily', 'int', 'The address family, e.g. AF_INET.', 'Семейство адресов, например AF_INET.'),
      f('iMaxSockAddr', 'int', 'The largest address length in bytes.', 'Наибольшая длина адреса в байтах.'),
      f('iMinSockAddr', 'int', 'The smallest address length in bytes.', 'Наименьшая длина адреса в байтах.'),
      f('iSocketType', 'int', 'The socket type, e.g. SOCK_STREAM.', 'Тип сокета, например SOCK_STREAM.'),
      f('iProtocol', 'int', 'The protocol number, e.g. IPPROTO_TCP.', 'Номер протокола, например IPPROTO_TCP.'),
      f('iProtocolMaxOffset', 'int', 'The largest offset that may be added to iProtocol.', 'Наибольшее смещение, которое можно прибавить к iProtocol.'),
      f('iNetworkByteOrder', 'int', 'BIGENDIAN (0) or LITTLEENDIAN (1).', 'BIGENDIAN (0) или LITTLEENDIAN (1).'),
      f('iSecurityScheme', 'int', 'The security scheme, if any.', 'Схема безопасности, если есть.'),
      f('dwMessageSize', 'DWORD', 'The largest message size; 0 for stream protocols.', 'Наибольший размер сообщения; 0 для потоковых протоколов.'),
      f('dwProviderReserved', 'DWORD', 'Reserved for the provider.', 'Зарезервировано для поставщика.'),
      f('szProtocol', `${text.trim()}[WSAPROTOCOL_LEN + 1]`, 'A readable name of the protocol.', 'Понятное человеку имя протокола.'),
    ],
    [`WSAEnumProtocols${variant}`, 'XP1_DISCONNECT_DATA', `SO_PROTOCOL_INFO${variant}`, 'WSASendDisconnect'],
    variant === 'W'
      ? [
          {
            id: 'size',
            text: { en: 'It is 628 bytes on x64.', ru: 'На x64 её размер 628 байт.' },
          },
        ]
      : [],
  );
}

export const types: readonly TypeEntry[] = [
  ty(
    'SOCKET',
    [],
    'winsock2.h',
    'typedef UINT_PTR SOCKET;',
    {
      en: 'A socket handle. It is unsigned and pointer-sized, so the failure value is `INVALID_SOCKET`, not -1, and a test like `s < 0` is always false.',
      ru: 'Дескриптор сокета. Тип беззнаковый и размером с указатель, поэтому значение ошибки — `INVALID_SOCKET`, а не -1, и проверка вида `s < 0` всегда ложна.',
    },
    [],
    ['INVALID_SOCKET', 'socket', 'closesocket'],
  ),
  ty(
    'WSABUF',
    ['LPWSABUF'],
    'ws2def.h (include Winsock2.h)',
    `typedef struct _WSABUF {
  ULONG     len;
  CHAR FAR *buf;
} WSABUF, *LPWSABUF;`,
    {
      en: 'A buffer for the WSA functions: a length and a pointer. Note that `len` comes first — the reverse of POSIX `struct iovec` (base, then length).',
      ru: 'Буфер для функций WSA: длина и указатель. Обратите внимание: `len` идёт первым — в обратном порядке по сравнению с POSIX `struct iovec` (сначала адрес, затем длина).',
    },
    [
      f('len', 'ULONG', 'The length of the buffer, in bytes.', 'Длина буфера в байтах.'),
      f('buf', 'CHAR FAR *', 'Pointer to the buffer.', 'Указатель на буфер.'),
    ],
    ['WSASendDisconnect', 'WSARecvDisconnect', 'WSASend', 'WSARecv'],
    [
      {
        id: 'field-order',
        text: {
          en: 'Code that fills a WSABUF positionally (`{buf, len}`) from iovec habits compiles with a warning at best and sends garbage.',
          ru: 'Код, заполняющий WSABUF по позициям (`{buf, len}`) по привычке от iovec, в лучшем случае скомпилируется с предупреждением и отправит мусор.',
        },
        key: true,
      },
    ],
  ),
  protocolInfo('A'),
  protocolInfo('W'),
  ty(
    'LINGER',
    ['linger', 'PLINGER', 'LPLINGER'],
    'winsock2.h',
    `typedef struct linger {
  u_short l_onoff;
  u_short l_linger;
} LINGER, *PLINGER, *LPLINGER;`,
    {
      en: 'The value of the `SO_LINGER` option: what `closesocket` does with data not yet sent.',
      ru: 'Значение параметра `SO_LINGER`: что `closesocket` делает с ещё не отправленными данными.',
    },
    [
      f('l_onoff', 'u_short', '0: `closesocket` returns at once and closes gracefully in the background. Non-zero: use l_linger.', '0: `closesocket` сразу возвращает управление и корректно закрывает соединение в фоне. Не 0: действует l_linger.'),
      f('l_linger', 'u_short', 'Seconds to wait for the data to go out; 0 means a hard (abortive) close at once.', 'Сколько секунд ждать отправки данных; 0 означает немедленное аварийное закрытие.'),
    ],
    ['SO_LINGER', 'SO_DONTLINGER', 'closesocket'],
  ),
  ty(
    'WSADATA',
    ['LPWSADATA'],
    'winsock2.h',
    `typedef struct WSAData {
  WORD           wVersion;
  WORD           wHighVersion;
#ifdef _WIN64
  unsigned short iMaxSockets;
  unsigned short iMaxUdpDg;
  char FAR      *lpVendorInfo;
  char           szDescription[WSADESCRIPTION_LEN + 1];
  char           szSystemStatus[WSASYS_STATUS_LEN + 1];
#else
  char           szDescription[WSADESCRIPTION_LEN + 1];
  char           szSystemStatus[WSASYS_STATUS_LEN + 1];
  unsigned short iMaxSockets;
  unsigned short iMaxUdpDg;
  char FAR      *lpVendorInfo;
#endif
} WSADATA, *LPWSADATA;`,
    {
      en: 'What `WSAStartup` reports about the Winsock implementation. The field order differs between 32-bit and 64-bit builds (408 bytes on x64).',
      ru: 'Сведения о реализации Winsock, которые сообщает `WSAStartup`. Порядок полей в 32- и 64-разрядных сборках различается (на x64 — 408 байт).',
    },
    [
      f('wVersion', 'WORD', 'The version the caller is expected to use (low byte major, high byte minor).', 'Версия, которую должен использовать вызывающий (младший байт — основной номер, старший — дополнительный).'),
      f('wHighVersion', 'WORD', 'The highest version this DLL supports.', 'Наибольшая версия, которую поддерживает библиотека.'),
      f('iMaxSockets', 'unsigned short', 'Obsolete since Winsock 2; ignore it.', 'Устарело начиная с Winsock 2; не используйте.'),
      f('iMaxUdpDg', 'unsigned short', 'Obsolete since Winsock 2; ignore it.', 'Устарело начиная с Winsock 2; не используйте.'),
      f('lpVendorInfo', 'char FAR *', 'Obsolete since Winsock 2; ignore it.', 'Устарело начиная с Winsock 2; не используйте.'),
      f('szDescription', 'char[WSADESCRIPTION_LEN + 1]', 'A description of the implementation.', 'Описание реализации.'),
      f('szSystemStatus', 'char[WSASYS_STATUS_LEN + 1]', 'Status or configuration text.', 'Текст о состоянии или конфигурации.'),
    ],
    ['WSAStartup', 'WSADESCRIPTION_LEN', 'WSASYS_STATUS_LEN'],
  ),
  ty(
    'OVERLAPPED',
    ['LPOVERLAPPED', 'WSAOVERLAPPED', 'LPWSAOVERLAPPED'],
    'minwinbase.h (include Windows.h); WSAOVERLAPPED in winsock2.h',
    `typedef struct _OVERLAPPED {
  ULONG_PTR Internal;
  ULONG_PTR InternalHigh;
  union {
    struct {
      DWORD Offset;
      DWORD OffsetHigh;
    } DUMMYSTRUCTNAME;
    PVOID Pointer;
  } DUMMYUNIONNAME;
  HANDLE    hEvent;
} OVERLAPPED, *LPOVERLAPPED;

#define WSAOVERLAPPED   OVERLAPPED
typedef struct _OVERLAPPED *LPWSAOVERLAPPED;`,
    {
      en: 'The state of one overlapped (asynchronous) operation. It must stay valid, untouched, until the operation completes — including after `closesocket`, whose cancellations complete later.',
      ru: 'Состояние одной перекрывающейся (асинхронной) операции. Структура должна оставаться действительной и неизменной до завершения операции — в том числе после `closesocket`, чьи отмены завершаются позже.',
    },
    [
      f('Internal', 'ULONG_PTR', 'Reserved for the system: the status code of the operation.', 'Зарезервировано системой: код состояния операции.'),
      f('InternalHigh', 'ULONG_PTR', 'Reserved for the system: the number of bytes transferred.', 'Зарезервировано системой: число переданных байт.'),
      f('Offset', 'DWORD', 'Low half of the file position (file operations, TransmitFile).', 'Младшая половина позиции в файле (файловые операции, TransmitFile).'),
      f('OffsetHigh', 'DWORD', 'High half of the file position.', 'Старшая половина позиции в файле.'),
      f('Pointer', 'PVOID', 'Reserved.', 'Зарезервировано.'),
      f('hEvent', 'HANDLE', 'An event signalled at completion, or NULL (or unused with a completion routine).', 'Событие, которое устанавливается при завершении, или NULL (не используется с процедурой завершения).'),
    ],
    ['DisconnectEx', 'TransmitFile', 'WSASend', 'WSARecv', 'closesocket', 'WSA_IO_PENDING'],
  ),
  ty(
    'LPFN_DISCONNECTEX',
    [],
    'mswsock.h',
    `typedef BOOL (PASCAL FAR *LPFN_DISCONNECTEX)(
  _In_        SOCKET       s,
  _Inout_opt_ LPOVERLAPPED lpOverlapped,
  _In_        DWORD        dwFlags,
  _In_        DWORD        dwReserved
);`,
    {
      en: 'The pointer type of `DisconnectEx`, filled in by `WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)` with `WSAID_DISCONNECTEX`.',
      ru: 'Тип указателя на `DisconnectEx`; его заполняет `WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)` с `WSAID_DISCONNECTEX`.',
    },
    [],
    ['DisconnectEx', 'WSAID_DISCONNECTEX', 'SIO_GET_EXTENSION_FUNCTION_POINTER'],
  ),
  ty(
    'sockaddr',
    ['SOCKADDR', 'PSOCKADDR', 'LPSOCKADDR'],
    'ws2def.h (include Winsock2.h)',
    `typedef struct sockaddr {
  ADDRESS_FAMILY sa_family;
  CHAR           sa_data[14];
} SOCKADDR, *PSOCKADDR, *LPSOCKADDR;`,
    {
      en: 'The generic socket address that functions take by pointer; cast a `sockaddr_in` (or `sockaddr_in6`) to it and pass the real size.',
      ru: 'Обобщённый адрес сокета, который функции принимают по указателю; приводите к нему `sockaddr_in` (или `sockaddr_in6`) и передавайте настоящий размер.',
    },
    [
      f('sa_family', 'ADDRESS_FAMILY', 'The address family (AF_INET, AF_INET6…).', 'Семейство адресов (AF_INET, AF_INET6…).'),
      f('sa_data', 'CHAR[14]', 'The address, in the family\'s own layout.', 'Адрес в формате, принятом в этом семействе.'),
    ],
    ['sockaddr_in', 'bind', 'connect'],
  ),
  ty(
    'sockaddr_in',
    ['SOCKADDR_IN', 'PSOCKADDR_IN', 'LPSOCKADDR_IN'],
    'ws2def.h (include Winsock2.h)',
    `typedef struct sockaddr_in {
  ADDRESS_FAMILY sin_family;
  USHORT         sin_port;
  IN_ADDR        sin_addr;
  CHAR           sin_zero[8];
} SOCKADDR_IN, *PSOCKADDR_IN;`,
    {
      en: 'An IPv4 socket address. Port and address are in network byte order: fill them with `htons` / `htonl` (or `inet_pton`).',
      ru: 'Адрес сокета IPv4. Порт и адрес хранятся в сетевом порядке байтов: заполняйте их через `htons` / `htonl` (или `inet_pton`).',
    },
    [
      f('sin_family', 'ADDRESS_FAMILY', 'Always AF_INET.', 'Всегда AF_INET.'),
      f('sin_port', 'USHORT', 'The port, in network byte order.', 'Порт в сетевом порядке байтов.'),
      f('sin_addr', 'IN_ADDR', 'The IPv4 address, in network byte order.', 'IPv4-адрес в сетевом порядке байтов.'),
      f('sin_zero', 'CHAR[8]', 'Padding; set it to zero.', 'Выравнивание; заполните нулями.'),
    ],
    ['sockaddr', 'AF_INET', 'INADDR_ANY', 'INADDR_LOOPBACK', 'bind', 'connect'],
  ),
];
