// Headings and labels of the hover and the reference page, one table per language.
// Core code has no vscode.l10n, so these are plain data; `{0}`-style holes are filled by `fill`.
import type { Lang, ParamDirection } from '../model/types';

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
  readonly direction: Readonly<Record<ParamDirection, string>>;
  readonly optional: string;
  /** {0}: the replacement function. */
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
  /** {0}: how many more remarks the full page has. */
  readonly moreRemarks: string;
  readonly openFullPage: string;
  readonly attribution: string;
}

const en: DocLabels = {
  kind: { function: 'function', constant: 'constant', type: 'type', error: 'error code' },
  parameters: 'Parameters',
  returnValue: 'Return value',
  errors: 'Errors',
  errorColumns: { code: 'code', value: 'value', when: 'when' },
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
  direction: { in: 'in', out: 'out', 'in-out': 'in, out' },
  optional: 'optional',
  deprecated: 'Deprecated (MSVC warning C4996); suggested replacement: `{0}`.',
  extensionFunction: 'Microsoft extension: get the pointer at run time with `WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)`.',
  fields: 'Fields',
  fieldColumns: { name: 'field', type: 'type', meaning: 'meaning' },
  value: 'Value',
  header: 'Header',
  aliases: 'Also named',
  note: 'Note',
  numberIsError: '`{0}` is the Winsock error code **{1}**.',
  documentedBy: 'Functions that document this error',
  moreRemarks: '{0} more remarks on the full page.',
  openFullPage: 'Open the full reference page',
  attribution:
    'Facts from Microsoft\u2019s Windows SDK documentation (CC BY 4.0); the text is written for Winsock Lens.',
};

const ru: DocLabels = {
  kind: { function: 'функция', constant: 'константа', type: 'тип', error: 'код ошибки' },
  parameters: 'Параметры',
  returnValue: 'Возвращаемое значение',
  errors: 'Ошибки',
  errorColumns: { code: 'код', value: 'значение', when: 'когда' },
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
  direction: { in: 'вход', out: 'выход', 'in-out': 'вход, выход' },
  optional: 'необязательный',
  deprecated: 'Устарела (предупреждение MSVC C4996); рекомендуемая замена: `{0}`.',
  extensionFunction: 'Расширение Microsoft: указатель на функцию получают во время выполнения через `WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER)`.',
  fields: 'Поля',
  fieldColumns: { name: 'поле', type: 'тип', meaning: 'смысл' },
  value: 'Значение',
  header: 'Заголовок',
  aliases: 'Другие имена',
  note: 'Примечание',
  numberIsError: '`{0}` — код ошибки Winsock **{1}**.',
  documentedBy: 'Функции, у которых описана эта ошибка',
  moreRemarks: 'Ещё примечаний на полной странице: {0}.',
  openFullPage: 'Открыть полную справочную страницу',
  attribution:
    'Сведения взяты из документации Microsoft к Windows SDK (CC BY 4.0); текст написан для Winsock Lens.',
};

export const LABELS: Readonly<Record<Lang, DocLabels>> = { en, ru };

/** Replaces `{0}`, `{1}` … in `template` with `args`. */
export function fill(template: string, ...args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (hole, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : hole));
}
