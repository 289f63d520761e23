// Every message the adapter shows, in English and Russian. The adapter runs outside VS Code too
// (nvim-dap, dap-mode), so it carries its own table; the language comes from the launch
// configuration (the extension passes VS Code's) or the LANG environment variable.
export type AdapterLang = 'en' | 'ru';

const MESSAGES = {
  noProgram: { en: 'The launch configuration has no "program": give a .c/.cpp file or an .exe.', ru: 'В конфигурации запуска нет "program": укажите файл .c/.cpp или .exe.' },
  badProgram: { en: '"program" must be a .c, .cpp or .exe file: {0}', ru: '"program" должен быть файлом .c, .cpp или .exe: {0}' },
  badPeer: { en: '"peer" must be one of echo, sink, send-then-close, abortive-reset, silent (got {0}).', ru: '"peer" должен быть одним из echo, sink, send-then-close, abortive-reset, silent (получено {0}).' },
  badPeerPort: { en: '"peer.port" must be a whole number from 1 to 65535 (got {0}); leave it out to have a free port chosen.', ru: '"peer.port" должен быть целым числом от 1 до 65535 (получено {0}); не указывайте его, чтобы порт был выбран свободный.' },
  peerPortBusy: { en: 'The peer could not listen on 127.0.0.1:{0} ({1}): choose another "peer.port", or leave it out to have a free port chosen.', ru: 'Удалённая сторона не смогла слушать 127.0.0.1:{0} ({1}): выберите другой "peer.port" или не указывайте его, чтобы порт был выбран свободный.' },
  badHitCondition: { en: 'Hit count "{0}" is not understood: write N or == N (the Nth hit only), >= N (the Nth and later), > N, or % N (every Nth), with N at least 1.', ru: 'Число попаданий «{0}» не распознано: укажите N или == N (только N-е попадание), >= N (N-е и далее), > N или % N (каждое N-е), где N не меньше 1.' },
  badConsole: { en: '"console" must be internalConsole, integratedTerminal or externalTerminal (got {0}).', ru: '"console" должен быть internalConsole, integratedTerminal или externalTerminal (получено {0}).' },
  consoleUnsupported: { en: 'This client cannot open a terminal for the program ("console": "{0}"): its output goes to the debug console.', ru: 'Этот клиент не умеет открывать терминал для программы ("console": "{0}"): её вывод идёт в консоль отладки.' },
  consoleNative: { en: 'On Windows gdb runs the program itself, so its output goes to the debug console ("console": "{0}" is used under Wine only).', ru: 'В Windows программу запускает сам gdb, поэтому её вывод идёт в консоль отладки ("console": "{0}" действует только под Wine).' },
  terminalTitle: { en: 'Winsock Lens: {0}', ru: 'Winsock Lens: {0}' },
  terminalFailed: { en: 'The client could not open a terminal for the program: {0}', ru: 'Клиент не смог открыть терминал для программы: {0}' },
  programMissing: { en: 'The program {0} does not exist.', ru: 'Программа {0} не существует.' },
  compileFailed: { en: 'Building {0} failed ({1}); the compiler said:\n{2}', ru: 'Сборка {0} не удалась ({1}); вывод компилятора:\n{2}' },
  compiling: { en: 'Building {0} with {1}…', ru: 'Сборка {0} компилятором {1}…' },
  startFailed: { en: 'The debugger could not start: {0}', ru: 'Отладчик не запустился: {0}' },
  gdbMissing: { en: 'gdb was not found ({0}). Install gdb-mingw-w64 (Debian: apt-get install gdb-mingw-w64 gdb-mingw-w64-target) or set "miDebuggerPath".', ru: 'gdb не найден ({0}). Установите gdb-mingw-w64 (Debian: apt-get install gdb-mingw-w64 gdb-mingw-w64-target) или задайте "miDebuggerPath".' },
  prefix: { en: 'Preparing the debugger\'s own Wine prefix (once, about 10 s): {0}', ru: 'Подготовка собственного префикса Wine отладчика (один раз, около 10 с): {0}' },
  traced: { en: 'Winsock calls traced: {0}', ru: 'Отслеживаемые вызовы Winsock: {0}' },
  failedFilter: { en: 'Winsock call failed', ru: 'Вызов Winsock завершился ошибкой' },
  failedFilterDescription: { en: 'Stops after a Winsock call that fails by its own convention (SOCKET_ERROR, INVALID_SOCKET, FALSE). Condition: error names, e.g. WSAESHUTDOWN WSAECONNRESET.', ru: 'Остановка после вызова Winsock, завершившегося ошибкой по его соглашению (SOCKET_ERROR, INVALID_SOCKET, FALSE). Условие: имена ошибок, например WSAESHUTDOWN WSAECONNRESET.' },
  failedFilterCondition: { en: 'Error names (space-separated), empty for any', ru: 'Имена ошибок через пробел, пусто — любая' },
  lintFilter: { en: 'Line with a lint finding', ru: 'Строка с замечанием линтера' },
  lintFilterDescription: { en: 'Stops before each line of the program\'s sources where the Winsock lint reports a finding.', ru: 'Остановка перед каждой строкой исходников программы, на которой линтер Winsock выдаёт замечание.' },
  failureStop: { en: '{0} failed: {1}', ru: '{0} завершился ошибкой: {1}' },
  lintStop: { en: 'Lint [{0}]: {1}', ru: 'Линтер [{0}]: {1}' },
  unknownErrorName: { en: 'Unknown error name(s) in the "Winsock call failed" condition: {0}', ru: 'Неизвестные имена ошибок в условии «Вызов Winsock завершился ошибкой»: {0}' },
  scopeLocals: { en: 'Locals', ru: 'Локальные' },
  scopeSockets: { en: 'Sockets', ru: 'Сокеты' },
  scopeCalls: { en: 'Winsock calls', ru: 'Вызовы Winsock' },
  socketState: { en: 'state', ru: 'состояние' },
  kernelState: { en: 'kernel TCP state', ru: 'состояние TCP в ядре' },
  localAddress: { en: 'local address', ru: 'локальный адрес' },
  peerAddress: { en: 'peer address', ru: 'адрес удалённой стороны' },
  bytesSent: { en: 'bytes sent', ru: 'отправлено байт' },
  bytesReceived: { en: 'bytes received', ru: 'получено байт' },
  lastCall: { en: 'last call', ru: 'последний вызов' },
  lastError: { en: 'last WSA error', ru: 'последняя ошибка WSA' },
  since: { en: 'since {0} on line {1}', ru: 'после {0} в строке {1}' },
  sinceNoLine: { en: 'since {0}', ru: 'после {0}' },
  notKnown: { en: 'not known', ru: 'неизвестно' },
  noKernelRow: { en: 'no row in /proc/net/tcp', ru: 'нет строки в /proc/net/tcp' },
  noProcNet: { en: 'not available on this system', ru: 'недоступно в этой системе' },
  none: { en: 'none', ru: 'нет' },
  callArgs: { en: 'arguments', ru: 'аргументы' },
  callReturn: { en: 'returned', ru: 'вернул' },
  callError: { en: 'WSA error', ru: 'ошибка WSA' },
  callStates: { en: 'state before → after', ru: 'состояние до → после' },
  callLine: { en: 'line', ru: 'строка' },
  callModel: { en: 'model', ru: 'модель' },
  modelAgrees: { en: 'as predicted', ru: 'как предсказано' },
  socketValue: { en: '{0} ({1})', ru: '{0} ({1})' },
  noSockets: { en: 'no sockets yet', ru: 'сокетов пока нет' },
  breakpointNoCode: { en: 'No code on or after this line.', ru: 'Нет кода на этой строке и после неё.' },
  breakpointRefused: { en: 'gdb refused the breakpoint: {0}', ru: 'gdb отклонил точку останова: {0}' },
  notStopped: { en: 'The program is running: pause it first.', ru: 'Программа выполняется: сначала приостановите её.' },
  evaluateFailed: { en: '{0}', ru: '{0}' },
  peerStarted: { en: 'Loopback peer ({0}) on 127.0.0.1:{1}', ru: 'Удалённая сторона на loopback ({0}) на 127.0.0.1:{1}' },
  exited: { en: 'The program exited with code {0}.', ru: 'Программа завершилась с кодом {0}.' },
  gdbDied: { en: 'gdb ended unexpectedly ({0}); the session is over.', ru: 'gdb неожиданно завершился ({0}); сеанс окончен.' },
  logpointFailed: { en: '<error: {0}>', ru: '<ошибка: {0}>' },
} as const;

export type MessageKey = keyof typeof MESSAGES;

export function pickLanguage(asked: string | undefined, env: NodeJS.ProcessEnv = process.env): AdapterLang {
  const l = (asked ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? 'en').toLowerCase();
  return l.startsWith('ru') ? 'ru' : 'en';
}

export function msg(lang: AdapterLang, key: MessageKey, ...args: (string | number)[]): string {
  return MESSAGES[key][lang].replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}

export function allMessages(): Readonly<Record<string, { en: string; ru: string }>> {
  return MESSAGES;
}
