// Headings and labels of the hover and the reference page, one table per language.
// Core code has no vscode.l10n, so these are plain data; `{0}`-style holes are filled by `fill`.
import type { Lang, ParamDirection, ReturnConvention } from '../model/types';

export interface DocLabels {
  readonly kind: { readonly function: string; readonly constant: string; readonly type: string; readonly error: string };
  readonly parameters: string;
  readonly returnValue: string;
  readonly errors: string;
  readonly errorColumns: { readonly code: string; readonly value: string; readonly when: string };
  readonly remarks: string;
  readonly requirements: string;
  readonly requirementRows: {
    readonly header: string;
    readonly library: string;
    readonly dll: string;
    readonly minClient: string;
    readonly minServer: string;
    readonly targetPlatform: string;
  };
  readonly seeAlso: string;
  /** The hover's one-line return convention: its label and a line per convention. */
  readonly returns: string;
  readonly returnConvention: Readonly<Record<ReturnConvention, string>>;
  /** The hover's one remark. */
  readonly remark: string;
  /** {0}: the other file to include (the SDK's "winsock.h (include Winsock2.h)"). */
  readonly headerIncludeOther: string;
  /** The requirement phrases of the SDK pages (and ours) in this language, English → local. */
  readonly requirementPhrases: Readonly<Record<string, string>>;
  readonly deprecatedTitle: string;
  readonly direction: Readonly<Record<ParamDirection, string>>;
  readonly optional: string;
  /** {0}: the replacement the SDK header names. */
  readonly deprecated: string;
  readonly extensionFunction: string;
  readonly fields: string;
  readonly fieldColumns: { readonly name: string; readonly type: string; readonly meaning: string };
  readonly value: string;
  readonly header: string;
  readonly aliases: string;
  readonly note: string;
  /** {0}: the literal as written, {1}: the error's name. */
  readonly numberIsError: string;
  /** Heading of the list of functions that document an error. */
  readonly documentedBy: string;
  /** How many more remarks the full page has, as a Russian or English speaker says it. */
  readonly moreRemarks: (count: number) => string;
  readonly openFullPage: string;
  readonly attribution: string;
}

const en: DocLabels = {
  kind: { function: 'function', constant: 'constant', type: 'type', error: 'error code' },
  parameters: 'Parameters',
  returnValue: 'Return value',
  errors: 'Errors',
  errorColumns: { code: 'Error', value: 'Value', when: 'When' },
  remarks: 'Remarks',
  requirements: 'Requirements',
  requirementRows: {
    header: 'Header',
    library: 'Library',
    dll: 'DLL',
    minClient: 'Minimum client',
    minServer: 'Minimum server',
    targetPlatform: 'Target platform',
  },
  seeAlso: 'See also',
  returns: 'Returns',
  returnConvention: {
    'zero-or-socket-error': '`0` on success; `SOCKET_ERROR` on failure, the code from `WSAGetLastError()`.',
    'count-or-socket-error': 'the number of bytes on success; `SOCKET_ERROR` on failure, the code from `WSAGetLastError()`.',
    'socket-or-invalid-socket': 'the new `SOCKET`; `INVALID_SOCKET` on failure, the code from `WSAGetLastError()`.',
    bool: '`TRUE` on success; `FALSE` on failure, the code from `WSAGetLastError()`.',
    'error-code': '`0` on success, otherwise the error code itself (not through `WSAGetLastError()`).',
    'count-or-socket-error-enum': 'the number of entries; `SOCKET_ERROR` on failure, the code from `WSAGetLastError()`.',
    'last-error': 'the calling thread\u2019s last Winsock error code.',
    dword: 'a `DWORD`; see the full page for what it means.',
    void: 'nothing (`void`).',
  },
  remark: 'Remark',
  headerIncludeOther: '{0} (include {1})',
  requirementPhrases: {},
  deprecatedTitle: 'Deprecated in the SDK.',
  direction: { in: 'in', out: 'out', 'in-out': 'in, out' },
  optional: 'optional',
  deprecated: 'MSVC warns C4996 on the call. \u201cUse `{0}`\u201d is the SDK header\u2019s advice, not a call that does the same thing.',
  extensionFunction: 'Microsoft extension: get the pointer at run time with `WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)`.',
  fields: 'Fields',
  fieldColumns: { name: 'field', type: 'type', meaning: 'meaning' },
  value: 'Value',
  header: 'Header',
  aliases: 'Also named',
  note: 'Note',
  numberIsError: '`{0}` is the Winsock error code **{1}**.',
  documentedBy: 'Functions that document this error',
  moreRemarks: (n) => (n === 1 ? '1 more remark on the full page.' : `${n} more remarks on the full page.`),
  openFullPage: 'Open the full reference page',
  attribution:
    'Facts from Microsoft\u2019s Windows SDK documentation (CC BY 4.0); the text is written for Winsock Lens.',
};

const ru: DocLabels = {
  kind: { function: 'функция', constant: 'константа', type: 'тип', error: 'код ошибки' },
  parameters: 'Параметры',
  returnValue: 'Возвращаемое значение',
  errors: 'Ошибки',
  errorColumns: { code: 'Ошибка', value: 'Значение', when: 'Когда возникает' },
  remarks: 'Примечания',
  requirements: 'Требования',
  requirementRows: {
    header: 'Заголовок',
    library: 'Библиотека',
    dll: 'DLL',
    minClient: 'Минимальный клиент',
    minServer: 'Минимальный сервер',
    targetPlatform: 'Целевая платформа',
  },
  seeAlso: 'См. также',
  returns: 'Возвращает',
  returnConvention: {
    'zero-or-socket-error': '`0` при успехе; `SOCKET_ERROR` при ошибке, код — из `WSAGetLastError()`.',
    'count-or-socket-error': 'число байтов при успехе; `SOCKET_ERROR` при ошибке, код — из `WSAGetLastError()`.',
    'socket-or-invalid-socket': 'новый `SOCKET`; `INVALID_SOCKET` при ошибке, код — из `WSAGetLastError()`.',
    bool: '`TRUE` при успехе; `FALSE` при ошибке, код — из `WSAGetLastError()`.',
    'error-code': '`0` при успехе, иначе сам код ошибки (не через `WSAGetLastError()`).',
    'count-or-socket-error-enum': 'число записей; `SOCKET_ERROR` при ошибке, код — из `WSAGetLastError()`.',
    'last-error': 'последний код ошибки Winsock вызывающего потока.',
    dword: 'значение `DWORD`; что оно значит — на полной странице.',
    void: 'ничего (`void`).',
  },
  remark: 'Главное',
  headerIncludeOther: '{0} (подключайте {1})',
  requirementPhrases: {
    '[desktop apps only]': '[только классические приложения]',
    '[desktop apps | UWP apps]': '[классические приложения | приложения UWP]',
    'none (pointer from WSAIoctl SIO_GET_EXTENSION_FUNCTION_POINTER)': 'нет (указатель получают через WSAIoctl SIO_GET_EXTENSION_FUNCTION_POINTER)',
    '(through the service provider)': '(через поставщика услуг)',
  },
  deprecatedTitle: 'Помечена в SDK как устаревшая.',
  direction: { in: 'вход', out: 'выход', 'in-out': 'вход, выход' },
  optional: 'необязательный',
  deprecated: 'На вызов MSVC выдаёт предупреждение C4996. «Используйте `{0}`» — совет заголовка SDK, а не вызов, делающий то же самое.',
  extensionFunction: 'Расширение Microsoft: указатель на функцию получают во время выполнения через `WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)`.',
  fields: 'Поля',
  fieldColumns: { name: 'поле', type: 'тип', meaning: 'смысл' },
  value: 'Значение',
  header: 'Заголовок',
  aliases: 'Другие имена',
  note: 'Примечание',
  numberIsError: '`{0}` — код ошибки Winsock **{1}**.',
  documentedBy: 'Функции, у которых описана эта ошибка',
  moreRemarks: (n) => `Ещё ${n} ${russianPlural(n, 'примечание', 'примечания', 'примечаний')} — на полной странице.`,
  openFullPage: 'Открыть полную справочную страницу',
  attribution:
    'Сведения взяты из документации Microsoft к Windows SDK (CC BY 4.0); текст написан для Winsock Lens.',
};

export const LABELS: Readonly<Record<Lang, DocLabels>> = { en, ru };

/** The Russian noun form for a count: 1 примечание, 3 примечания, 7 примечаний, 11 примечаний, 21 примечание. */
export function russianPlural(n: number, one: string, few: string, many: string): string {
  const form = new Intl.PluralRules('ru').select(n);
  return form === 'one' ? one : form === 'few' ? few : many;
}

/** Replaces `{0}`, `{1}` … in `template` with `args`. */
export function fill(template: string, ...args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (hole, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : hole));
}
