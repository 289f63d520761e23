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
  -p, --compile-commands P   compile_commands.json, or the folder holding it (default: the nearest
                             one up the tree from each file, in it or in its build/ folder)
  -o, --output FILE          write the report to FILE instead of stdout
  -j, --jobs N               lint in N worker threads (default: the number of cores)
  --baseline FILE            a SARIF file of an earlier run: its findings are not reported again
  --shard I/N                lint only part I of N of the files (a stable split, for CI)
  --lang en|ru               language of the messages (default en)
  -h, --help                 show this text
  --version                  show the version

Default defines: _WIN32, WIN32, _WINDOWS, _MSC_VER=1940; then each file's compile command (-D/-U),
the nearest .winsock-lens.json and the #defines of its quoted headers; --define/--undefine last.
Rules: {rules}

Exit codes: 0 no error-severity finding, 1 at least one error-severity finding,
2 a usage error, a path or file that could not be read, or no file checked at all.
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
  -p, --compile-commands P   compile_commands.json или папка с ним (по умолчанию — ближайший вверх
                             по дереву от каждого файла, в папке или в её подпапке build/)
  -o, --output ФАЙЛ          записать отчёт в ФАЙЛ, а не в stdout
  -j, --jobs N               проверять в N потоках (по умолчанию — по числу ядер)
  --baseline ФАЙЛ            SARIF-файл прежнего запуска: его находки не сообщаются повторно
  --shard I/N                проверить только часть I из N файлов (устойчивое деление, для CI)
  --lang en|ru               язык сообщений (по умолчанию en)
  -h, --help                 показать эту справку
  --version                  показать версию

Стандартные определения: _WIN32, WIN32, _WINDOWS, _MSC_VER=1940; затем команда компиляции файла (-D/-U),
ближайший .winsock-lens.json и #define из его заголовков в кавычках; --define/--undefine — последними.
Правила: {rules}

Коды выхода: 0 — нет находок уровня error, 1 — есть хотя бы одна находка уровня error,
2 — ошибка в аргументах, путь или файл, который не удалось прочитать, или не проверено ни одного файла.
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
    en: "winsock-lens lint: '{path}' does not exist. Check the path (it is resolved from {cwd}); the other paths are still checked.",
    ru: "winsock-lens lint: '{path}' не существует. Проверьте путь (он отсчитывается от {cwd}); остальные пути всё равно проверяются.",
  },
  pathInaccessible: {
    en: "winsock-lens lint: cannot access '{path}': {reason}. Skipped; the other paths are still checked.",
    ru: "winsock-lens lint: нет доступа к '{path}': {reason}. Пропущен; остальные пути всё равно проверяются.",
  },
  specialFile: {
    en: 'winsock-lens lint: {path} is on the special filesystem {where}, whose files can block or never end. Skipped; name source files or folders.',
    ru: 'winsock-lens lint: {path} находится в специальной файловой системе {where}, чтение из неё может зависнуть или не кончиться. Пропущен; указывайте файлы исходников или папки.',
  },
  tooLarge: {
    en: 'winsock-lens lint: {path} is {mb} MB, over the {limit} MB limit for a source file. Skipped; is it really C/C++ source?',
    ru: 'winsock-lens lint: {path} занимает {mb} МБ, больше предела {limit} МБ для файла исходника. Пропущен; это действительно исходник C/C++?',
  },
  nothingChecked: {
    en: 'winsock-lens lint: no file could be checked, so nothing is known about this code. Name C/C++ sources that exist and are text.',
    ru: 'winsock-lens lint: не удалось проверить ни одного файла, о коде ничего не известно. Укажите существующие текстовые исходники C/C++.',
  },
  badJobs: {
    en: "winsock-lens lint: '{value}' is not a number of threads. Write --jobs N with N from 1 to 256.",
    ru: "winsock-lens lint: '{value}' — не число потоков. Пишите --jobs N, где N от 1 до 256.",
  },
  badShard: {
    en: "winsock-lens lint: '{value}' is not a shard. Write --shard I/N with 1 <= I <= N, e.g. --shard 2/4.",
    ru: "winsock-lens lint: '{value}' — не номер части. Пишите --shard I/N, где 1 <= I <= N, например --shard 2/4.",
  },
  badBaseline: {
    en: 'winsock-lens lint: the baseline {path} {reason}. Give a SARIF file written by winsock-lens lint --format sarif.',
    ru: 'winsock-lens lint: базовый файл {path}: {reason}. Укажите SARIF-файл, записанный winsock-lens lint --format sarif.',
  },
  baselineKnown: {
    en: '{count} finding(s) already in the baseline not shown.',
    ru: 'Не показано находок, уже бывших в базовом файле: {count}.',
  },
  ignoredCount: {
    en: '{count} file(s) ignored by .winsock-lens.json.',
    ru: 'Файлов, исключённых в .winsock-lens.json: {count}.',
  },
  outputFailed: {
    en: 'winsock-lens lint: cannot write the report to {path}: {reason}. Free some space or choose another --output.',
    ru: 'winsock-lens lint: не удалось записать отчёт в {path}: {reason}. Освободите место или укажите другой --output.',
  },
  stdoutFailed: {
    en: 'winsock-lens lint: cannot write the report to standard output: {reason}. Free some space or use --output FILE.',
    ru: 'winsock-lens lint: не удалось вывести отчёт в стандартный вывод: {reason}. Освободите место или используйте --output ФАЙЛ.',
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
