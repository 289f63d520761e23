// What the project model could not use, said once, in English and Russian: a compilation database
// or config file that does not parse, an entry with a wrong value. The run goes on without it.
import type { Localized } from '../model/types';

export interface ProjectProblem {
  /** The file the problem is in (absolute, forward slashes). */
  readonly file: string;
  /** 1-based line and column, when the problem is at one place in the file. */
  readonly line?: number;
  readonly column?: number;
  readonly message: Localized;
}

/** 1-based line and column of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** `file:line:col: message` in one language (the form compilers and the CLI print). */
export function formatProblem(p: ProjectProblem, lang: keyof Localized): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: ${p.message[lang]}`;
}
