// Every text the CLI prints itself, in English and Russian. Findings bring their own texts from
// the lint core; these are the CLI's usage, progress and error lines.
import type { Lang } from '../core/model/types';

type Texts = Record<string, { en: string; ru: string }>;

const texts = {
  usage: {
    en: `Usage: winsock-lens lint [options] <files or folders...>

Checks C and C++ files for misuse of WSASendDisconnect, shutdown, DisconnectEx and closesocket.
Folders are searched for .c .cc .cpp .cxx .h .hh .hpp .hxx files (node_modules and .git are skipped).

Options:
  --format text|json|sarif   output format (default text)
  --define NAME[=VALUE]      add a preprocessor define (repeatable; -D NAME[=VALUE] also works)
  --undefine NAME            remove a define, including a default one (repeatable; -U NAME)
  --rule ID=SEVERITY         set a rule's severity: error, warning, info, hint or off (repeatable)
  --close-function NAME      a function that closes sockets besides closesocket (repeatable)
  --lang en|ru               language of the messages (default en)
  -h, --help                 show this text
  --version                  show the version

Default defines: _WIN32, WIN32, _WINDOWS, _MSC_VER=1940.
Rules: {rules}

Exit codes: 0 no error-severity finding, 1 at least one error-severity finding,
2 a usage error or a file that could not be read.
Rule documentation: docs/rules/<rule>.md`,
    ru: `Использование: winsock-lens lint [параметры] <файлы или папки...>

Проверяет файлы C и C++ на ошибки в использовании WSASendDisconnect, shutdown, DisconnectEx и closesocket.
В папках ищутся файлы .c .cc .cpp .cxx .h .hh .hpp .hxx (node_modules и .git пропускаются).

Параметры:
  --format text|json|sarif   формат вывода (по умолчанию text)
  --define ИМЯ[=ЗНАЧЕНИЕ]    добавить определение препроцессора (можно повторять; также -D ИМЯ[=ЗНАЧЕНИЕ])
  --undefine ИМЯ             убрать определение, в том числе стандартное (можно повторять; -U ИМЯ)
  --rule ПРАВИЛО=УРОВЕНЬ     уровень правила: error, warning, info, hint или off (можно повторять)
  --close-function ИМЯ       функция, закрывающая сокеты, кроме closesocket (можно повторять)
  --lang en|ru               язык сообщений (по умолчанию en)
  -h, --help                 показать эту справку
  --version                  показать версию

Стандартные определения: _WIN32, WIN32, _WINDOWS, _MSC_VER=1940.
Правила: {rules}

Коды выхода: 0 — нет находок уровня error, 1 — есть хотя бы одна находка уровня error,
2 — ошибка в аргументах или файл, который не удалось прочитать.
Документация правил: docs/rules/<правило>.md`,
  },
  unknownCommand: {
    en: "winsock-lens: unknown command '{arg}'. The only command is 'lint': winsock-lens lint [options] <files or folders...> (see --help).",
    ru: "winsock-lens: неизвестная команда '{arg}'. Есть только команда 'lint': winsock-lens lint [параметры] <файлы или папки...> (см. --help).",
  },
  noCommand: {
    en: 'winsock-lens: no command given. Run: winsock-lens lint [options] <files or folders...> (see --help).',
    ru: 'winsock-lens: не указана команда. Запустите: winsock-lens lint [параметры] <файлы или папки...> (см. --help).',
  },
  noPaths: {
    en: 'winsock-lens lint: no files or folders given. Name at least one, e.g. winsock-lens lint src/',
    ru: 'winsock-lens lint: не указаны файлы или папки. Укажите хотя бы один путь, например: winsock-lens lint src/',
  },
  unknownOption: {
    en: "winsock-lens lint: unknown option '{arg}'. See winsock-lens lint --help for the options.",
    ru: "winsock-lens lint: неизвестный параметр '{arg}'. Список параметров: winsock-lens lint --help.",
  },
  missingValue: {
    en: "winsock-lens lint: option '{arg}' needs a value, e.g. {example}.",
    ru: "winsock-lens lint: параметру '{arg}' нужно значение, например {example}.",
  },
  badFormat: {
    en: "winsock-lens lint: unknown format '{value}'. Use --format text, --format json or --format sarif.",
    ru: "winsock-lens lint: неизвестный формат '{value}'. Используйте --format text, --format json или --format sarif.",
  },
  badLang: {
    en: "winsock-lens lint: unknown language '{value}'. Use --lang en or --lang ru.",
    ru: "winsock-lens lint: неизвестный язык '{value}'. Используйте --lang en или --lang ru.",
  },
  badDefine: {
    en: "winsock-lens lint: '{value}' is not a valid define. Write NAME or NAME=VALUE, where NAME is a C identifier (e.g. --define USE_IOCP=1).",
    ru: "winsock-lens lint: '{value}' — недопустимое определение. Пишите ИМЯ или ИМЯ=ЗНАЧЕНИЕ, где ИМЯ — идентификатор C (например, --define USE_IOCP=1).",
  },
  badRuleSyntax: {
    en: "winsock-lens lint: '{value}' is not a rule setting. Write --rule ID=SEVERITY, e.g. --rule unchecked-result=warning.",
    ru: "winsock-lens lint: '{value}' — не настройка правила. Пишите --rule ПРАВИЛО=УРОВЕНЬ, например --rule unchecked-result=warning.",
  },
  badRuleId: {
    en: "winsock-lens lint: unknown rule '{value}'. Known rules: {rules}.",
    ru: "winsock-lens lint: неизвестное правило '{value}'. Известные правила: {rules}.",
  },
  badSeverity: {
    en: "winsock-lens lint: unknown severity '{value}' for rule {rule}. Use error, warning, info, hint or off.",
    ru: "winsock-lens lint: неизвестный уровень '{value}' для правила {rule}. Используйте error, warning, info, hint или off.",
  },
  badIdentifier: {
    en: "winsock-lens lint: '{value}' is not a C identifier; --close-function needs a function name such as SafeClose.",
    ru: "winsock-lens lint: '{value}' — не идентификатор C; --close-function ожидает имя функции, например SafeClose.",
  },
  pathMissing: {
    en: "winsock-lens lint: '{path}' does not exist. Check the path (it is resolved from {cwd}).",
    ru: "winsock-lens lint: '{path}' не существует. Проверьте путь (он отсчитывается от {cwd}).",
  },
  pathUnreadable: {
    en: 'winsock-lens lint: cannot read {path}: {reason}. Skipped; check its permissions.',
    ru: 'winsock-lens lint: не удалось прочитать {path}: {reason}. Пропущен; проверьте права доступа.',
  },
  folderUnreadable: {
    en: 'winsock-lens lint: cannot list the folder {path}: {reason}. Skipped; check its permissions.',
    ru: 'winsock-lens lint: не удалось прочитать папку {path}: {reason}. Пропущена; проверьте права доступа.',
  },
  binarySkipped: {
    en: 'winsock-lens lint: {path} looks binary (it contains a NUL byte). Skipped; save C/C++ sources as UTF-8 text.',
    ru: 'winsock-lens lint: {path} похож на двоичный файл (в нём есть байт NUL). Пропущен; сохраняйте исходники C/C++ как текст UTF-8.',
  },
  notAFile: {
    en: 'winsock-lens lint: {path} is not a regular file (a pipe, socket or device). Skipped; name source files or folders.',
    ru: 'winsock-lens lint: {path} — не обычный файл (канал, сокет или устройство). Пропущен; указывайте файлы исходников или папки.',
  },
  noSources: {
    en: 'winsock-lens lint: no C or C++ files found in {paths}.',
    ru: 'winsock-lens lint: в {paths} не найдено файлов C или C++.',
  },
  engineFailed: {
    en: 'winsock-lens lint: the analysis of {path} failed: {reason}. Skipped; please report this with the file.',
    ru: 'winsock-lens lint: анализ {path} завершился ошибкой: {reason}. Пропущен; сообщите об этом, приложив файл.',
  },
  startFailed: {
    en: 'winsock-lens lint: could not start the C/C++ parser: {reason}. The .wasm files are expected next to the CLI in {dir}; rebuild with npm run build.',
    ru: 'winsock-lens lint: не удалось запустить разбор C/C++: {reason}. Файлы .wasm должны лежать рядом с CLI в {dir}; пересоберите командой npm run build.',
  },
  summary: {
    en: '{files} file(s) checked, {skipped} skipped: {errors} error(s), {warnings} warning(s), {infos} info, {hints} hint(s).',
    ru: 'Проверено файлов: {files}, пропущено: {skipped}; ошибок: {errors}, предупреждений: {warnings}, сведений: {infos}, подсказок: {hints}.',
  },
  related: {
    en: 'note',
    ru: 'note',
  },
} satisfies Texts;

export type MessageId = keyof typeof texts;

/** The text `id` in `lang` with `{name}` placeholders filled from `args`. */
export function msg(lang: Lang, id: MessageId, args: Record<string, string | number> = {}): string {
  return texts[id][lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in args ? String(args[name]) : whole));
}
