// Shared by the lint unit tests: one real linter (web-tree-sitter + the real grammars) per process.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter, resolveOptions, type Finding, type Linter, type LintOptions, type RuleId, type TextEdit } from '../../core/lint/index';

const root = path.resolve(__dirname, '../..');
let linterPromise: Promise<Linter> | undefined;

export function linter(): Promise<Linter> {
  linterPromise ??= createLinter(async (file) => {
    const p = file === 'web-tree-sitter.wasm' ? 'node_modules/web-tree-sitter/web-tree-sitter.wasm' : `node_modules/${file.replace(/\.wasm$/, '')}/${file}`;
    return new Uint8Array(readFileSync(path.join(root, p)));
  });
  return linterPromise;
}

export async function lint(code: string, file = 'test.cpp', options: Partial<LintOptions> = {}): Promise<Finding[]> {
  return (await linter()).lintText(code, file, resolveOptions(options));
}

/** The findings of one rule as "line:severity" (1-based lines). */
export async function found(code: string, rule: RuleId, file = 'test.cpp', options: Partial<LintOptions> = {}): Promise<string[]> {
  return (await lint(code, file, options)).filter((f) => f.rule === rule).map((f) => `${f.span.start.line + 1}:${f.severity}`);
}

/** Applies text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const off = (p: { line: number; column: number }) => starts[p.line]! + p.column;
  const sorted = [...edits].sort((a, b) => off(b.span.start) - off(a.span.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.span.start)) + e.text + out.slice(off(e.span.end));
  return out;
}
