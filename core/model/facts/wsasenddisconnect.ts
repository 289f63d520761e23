// The facts of the WSASendDisconnect reference page, each with the tokens that prove a text states
// it, per language. The model's entry must carry all of them (test/unit/model-facts.test.ts);
// other surfaces (the hover, the reference page) can check their rendering against the same list.
import type { Lang } from '../types';

export interface FactCheck {
  /** A stable name of the fact, reported when a text misses it. */
  readonly id: string;
  /** Every pattern of the language must match the text for the fact to count as stated. */
  readonly tokens: Readonly<Record<Lang, readonly RegExp[]>>;
}

function fact(id: string, en: readonly RegExp[], ru: readonly RegExp[]): FactCheck {
  return { id, tokens: { en, ru } };
}

/** Tokens that are the same in both languages (names, header files, numbers). */
function neutral(id: string, tokens: readonly RegExp[]): FactCheck {
  return fact(id, tokens, tokens);
}

export const wsaSendDisconnectFacts: readonly FactCheck[] = [
  neutral('prototype', [/int\s+WSAAPI\s+WSASendDisconnect\(/, /_In_\s+SOCKET\s+s/, /_In_opt_\s+LPWSABUF\s+lpOutboundDisconnectData/]),
  fact('param-s', [/descriptor of the socket/i], [/Дескриптор сокета/i]),
  fact('param-outbound-data', [/outgoing disconnect data/i, /NULL/], [/исходящие данные отключения/i, /NULL/]),
  fact('returns-zero', [/Returns 0 on success/i], [/При успехе возвращает 0/i]),
  fact('returns-socket-error', [/SOCKET_ERROR/, /WSAGetLastError\(\)/], [/SOCKET_ERROR/, /WSAGetLastError\(\)/]),
  fact(
    'connection-oriented',
    [/connection-oriented sockets/i, /disables transmission/i, /terminating the connection/i],
    [/ориентированных на соединение/i, /запрещает передачу/i, /завершение соединения/i],
  ),
  fact('like-shutdown-sd-send', [/shutdown\(s, SD_SEND\)/, /equivalent/i, /except/i], [/shutdown\(s, SD_SEND\)/, /равносилен/i, /с той разницей/i]),
  fact('disconnect-data-where-supported', [/disconnect data on protocols that support it/i], [/на протоколах с такой возможностью/i]),
  fact('no-more-sends', [/no further sends are allowed/i], [/отправлять данные через этот сокет больше нельзя/i]),
  fact('sends-fail-with-shutdown', [/WSAESHUTDOWN/], [/WSAESHUTDOWN/]),
  fact('peer-reads-with-wsarecvdisconnect', [/remote side/i, /WSARecvDisconnect/], [/удалённой стороне/i, /WSARecvDisconnect/]),
  fact('native-tcp-no-disconnect-data', [/native Windows TCP\/IP implementation does not support disconnect data/i], [/Штатная реализация TCP\/IP в Windows данные отключения не поддерживает/i]),
  fact('xp1-disconnect-data', [/XP1_DISCONNECT_DATA/, /WSAPROTOCOL_INFO/], [/XP1_DISCONNECT_DATA/, /WSAPROTOCOL_INFO/]),
  fact('enum-protocols-lists-providers', [/WSAEnumProtocols/, /every installed provider/i], [/WSAEnumProtocols/, /всех установленных поставщиков/i]),
  fact('does-not-close', [/does not close the socket/i, /closesocket/], [/не закрывает сокет/i, /closesocket/]),
  fact('resources-freed-by-closesocket', [/resources attached to it are released only when `closesocket`/i], [/ресурсы освобождаются только вызовом `closesocket`/i]),
  fact('does-not-block', [/does not block/i, /SO_LINGER/], [/не блокируется/i, /SO_LINGER/]),
  fact('no-reuse', [/not count on reusing the socket/i, /`connect`/, /`WSAConnect`/], [/не следует рассчитывать на повторное использование сокета/i, /`connect`/, /`WSAConnect`/]),
  fact('apc-alertable-wait', [/waits alertably/i, /asynchronous procedure call \(APC\)/i, /same thread/i], [/alertable wait/i, /асинхронный вызов процедуры \(APC\)/i, /этого же потока/i]),
  fact('apc-nested-call-undefined', [/another blocking Winsock call inside that APC/i, /undefined behaviour/i, /must never/i], [/внутри такого APC другой блокирующий вызов Winsock/i, /неопределённое поведение/i, /никогда не должны/i]),
  neutral('deprecated-by-wsasend', [/_WINSOCK_DEPRECATED_BY\("WSASend\(\)"\)/, /C4996/, /_WINSOCK_DEPRECATED_NO_WARNINGS/]),
  neutral('header', [/winsock2\.h/i]),
  neutral('library', [/Ws2_32\.lib/]),
  neutral('dll', [/Ws2_32\.dll/]),
  neutral('min-client', [/Windows 2000 Professional/]),
  neutral('min-server', [/Windows 2000 Server/]),
  neutral('target-platform', [/(^|:\*\* )Windows$/m]), // a line of its own, or the page's "- **Target platform:** Windows"
  fact('see-also-pages', [/Winsock functions/, /Winsock reference/], [/Функции Winsock/, /Справочник по Winsock/]),
];

/** The seven errors of the page, each with tokens its condition must carry, per language. */
export const wsaSendDisconnectErrors: Readonly<Record<string, Readonly<Record<Lang, readonly RegExp[]>>>> = {
  WSANOTINITIALISED: { en: [/WSAStartup/], ru: [/WSAStartup/] },
  WSAENETDOWN: { en: [/network subsystem has failed/i], ru: [/сбой сетевой подсистемы/i] },
  WSAENOPROTOOPT: { en: [/lpOutboundDisconnectData/, /not NULL/, /does not support disconnect data/i], ru: [/lpOutboundDisconnectData/, /не равен NULL/, /не поддерживает данные отключения/i] },
  WSAEINPROGRESS: { en: [/Windows Sockets 1\.1/, /callback/i], ru: [/Windows Sockets 1\.1/, /обратного вызова/i] },
  WSAENOTCONN: { en: [/not connected/i, /connection-oriented sockets only/i], ru: [/не подключён/i, /только для сокетов, ориентированных на соединение/i] },
  WSAENOTSOCK: { en: [/not a socket/i], ru: [/не является сокетом/i] },
  WSAEFAULT: { en: [/lpOutboundDisconnectData/, /user address space/i], ru: [/lpOutboundDisconnectData/, /адресного пространства пользователя/i] },
};

/** The see-also symbols of the page (and the neighbours it names), which `related` must list. */
export const wsaSendDisconnectSeeAlso: readonly string[] = [
  'WSARecvDisconnect',
  'shutdown',
  'closesocket',
  'connect',
  'socket',
  'WSAEnumProtocolsW',
  'WSAPROTOCOL_INFOW',
];

/** Which facts of the list fail for a text, in one language. */
export function missingFacts(facts: readonly FactCheck[], text: string, lang: Lang): string[] {
  return facts.filter((f) => !f.tokens[lang].every((re) => re.test(text))).map((f) => f.id);
}
