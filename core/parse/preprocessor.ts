// Conditional compilation before parsing: evaluates #if/#ifdef/#ifndef/#elif/#else/#endif against a
// set of defines and blanks what the compiler would not see, keeping every offset and line number.
//
// Policy for conditions that cannot be evaluated (an identifier that is neither defined nor tested
// with `defined`, a function-like macro call, `__has_include`, a division by zero):
//   the first branch of the group whose condition is true OR unknown is active, every later branch
//   of that group is inactive. Exactly one branch (or none) of each group therefore survives, so
//   braces opened in alternative branches never pile up and the parse stays healthy. `#ifdef X` and
//   `#ifndef X` are always decidable: a name absent from the defines is not defined. `#if 0` is
//   always inactive.
// All conditional directive lines themselves are blanked too (the parser sees flat code); `#define`
// and `#undef` lines in active regions update the defines for the lines after them.

export interface PreprocessResult {
  /** The text with inactive lines and conditional directives replaced by spaces (newlines kept). */
  readonly text: string;
  /** Zero-based line ranges (inclusive) that were blanked because their branch is inactive. */
  readonly inactive: readonly { readonly startLine: number; readonly endLine: number }[];
  /** Names of function-like macros defined in active code (`#define F(x) ...`). */
  readonly functionMacros: ReadonlySet<string>;
  /** How many conditions went over {@link MAX_EXPANSIONS} and were taken as undecidable. */
  readonly overExpansionCap: number;
}

interface Group {
  /** Some branch of the group was already taken (or claimed by an unknown condition). */
  taken: boolean;
  /** The current branch is active. */
  active: boolean;
  /** The enclosing region was active when the group opened. */
  parentActive: boolean;
}

type Value = number | null; // null: cannot be evaluated

/** Blanks the inactive branches of `text` for the given defines (NAME → value, '' for a plain define). */
export function preprocess(source: string, defines: Readonly<Record<string, string>>): PreprocessResult {
  // A lone CR ends a line for the compiler (old Mac files); the parser and the line counts here
  // know only LF, so it becomes one (same length, offsets kept).
  const text = blankComments(source.indexOf('\r') === -1 ? source : source.replace(/\r(?!\n)/g, '\n'));
  if (text.indexOf('#') === -1) return { text: blankBareMacroLines(text), inactive: [], functionMacros: new Set(), overExpansionCap: 0 };
  const macros = new Map<string, string>(Object.entries(defines));
  const values = new MacroValues(macros);
  const functionMacros = new Set<string>();
  // Ranges to blank, merged when they touch; the output is built once at the end.
  const blanks: number[] = [];
  const blankRange = (from: number, to: number): void => {
    if (blanks.length > 0 && blanks[blanks.length - 1]! >= from - 1) blanks[blanks.length - 1] = to;
    else blanks.push(from, to);
  };
  const inactive: { startLine: number; endLine: number }[] = [];
  const stack: Group[] = [];
  let active = true;
  let pos = 0;
  let line = 0;
  const n = text.length;

  const markInactive = (l: number): void => {
    const last = inactive[inactive.length - 1];
    if (last && last.endLine === l - 1) last.endLine = l;
    else inactive.push({ startLine: l, endLine: l });
  };

  while (pos < n) {
    // One logical line: physical lines joined by a trailing backslash when it is a directive.
    let end = text.indexOf('\n', pos);
    if (end === -1) end = n;
    // Comments are already blanked (blankComments): a `#` first on a line starts a directive.
    const firstNonSpace = skipSpaces(text, pos, end);
    const isDirective = text.charCodeAt(firstNonSpace) === 35; /* # */
    let logicalEnd = end;
    let physicalLines = 1;
    if (isDirective) {
      while (logicalEnd < n && endsWithBackslash(text, pos, logicalEnd)) {
        const next = text.indexOf('\n', logicalEnd + 1);
        logicalEnd = next === -1 ? n : next;
        physicalLines++;
      }
    }
    let blank = !active;
    if (isDirective) {
      const raw = text.slice(pos, logicalEnd);
      const body = raw.slice(firstNonSpace - pos + 1).replace(/\\\r?\n/g, ' ').trim();
      const m = /^([A-Za-z_]+)\s*([\s\S]*)$/.exec(body);
      const word = m?.[1] ?? '';
      const rest = (m?.[2] ?? '').trim();
      switch (word) {
        case 'if':
        case 'ifdef':
        case 'ifndef': {
          const parentActive: boolean = active;
          let cond: Value = 0;
          if (parentActive) {
            if (word === 'if') cond = evaluate(rest, values);
            else {
              const name = /^[A-Za-z_]\w*/.exec(rest)?.[0] ?? '';
              const isDefined = macros.has(name) || functionMacros.has(name);
              cond = (word === 'ifdef') === isDefined ? 1 : 0;
            }
          }
          const on: boolean = parentActive && cond !== 0; // unknown counts as taken
          stack.push({ taken: on, active: on, parentActive });
          active = on;
          blank = true;
          break;
        }
        case 'elif':
        case 'elifdef':
        case 'elifndef': {
          const g = stack[stack.length - 1];
          if (g) {
            let on = false;
            if (g.parentActive && !g.taken) {
              let cond: Value;
              if (word === 'elif') cond = evaluate(rest, values);
              else {
                const name = /^[A-Za-z_]\w*/.exec(rest)?.[0] ?? '';
                cond = (word === 'elifdef') === (macros.has(name) || functionMacros.has(name)) ? 1 : 0;
              }
              on = cond !== 0;
            }
            g.active = on;
            g.taken ||= on;
            active = on;
          }
          blank = true;
          break;
        }
        case 'else': {
          const g = stack[stack.length - 1];
          if (g) {
            const on = g.parentActive && !g.taken;
            g.active = on;
            g.taken = true;
            active = on;
          }
          blank = true;
          break;
        }
        case 'endif': {
          const g = stack.pop();
          if (g) active = g.parentActive;
          blank = true;
          break;
        }
        case 'define':
          if (active) {
            const d = /^([A-Za-z_]\w*)(\()?\s*([\s\S]*)$/.exec(rest);
            if (d?.[1]) {
              if (d[2]) functionMacros.add(d[1]);
              else macros.set(d[1], (d[3] ?? '').trim());
              values.changed();
            }
          }
          break;
        case 'undef':
          if (active) {
            const name = /^[A-Za-z_]\w*/.exec(rest)?.[0];
            if (name) {
              macros.delete(name);
              functionMacros.delete(name);
              values.changed();
            }
          }
          break;
        default:
          break;
      }
    }
    if (blank) {
      if (logicalEnd > pos) blankRange(pos, logicalEnd);
      if (!isDirective) for (let i = 0; i < physicalLines; i++) markInactive(line + i);
    }
    line += physicalLines;
    pos = logicalEnd + 1;
  }
  if (blanks.length === 0) return { text: blankBareMacroLines(text), inactive, functionMacros, overExpansionCap: values.overCap };
  const parts: string[] = [];
  let last = 0;
  for (let i = 0; i < blanks.length; i += 2) {
    const from = blanks[i]!;
    const to = blanks[i + 1]!;
    parts.push(text.slice(last, from), blankOut(text.slice(from, to)));
    last = to;
  }
  parts.push(text.slice(last));
  return { text: blankBareMacroLines(parts.join('')), inactive, functionMacros, overExpansionCap: values.overCap };
}

/** A line that holds nothing but an upper-case name (`PROJ_NAMESPACE_BEGIN`, `Q_OBJECT`). */
const BARE_MACRO_LINE = /^[ \t]*[A-Z][A-Z0-9_]*[ \t]*$/gm;
/** What may follow a bracketing macro but never a type name: a namespace, a declaration keyword, a brace, a directive, an access label. */
const AFTER_BARE_MACRO = /^[ \t]*(?:namespace\b|template\b|using\b|typedef\b|extern\b|static\b|class\b|struct\b|union\b|enum\b|public\b|private\b|protected\b|[{}#]|$)/;

/**
 * Blanks the lines that hold only a parameterless macro between declarations, such as
 * `ASIO_INLINE_NAMESPACE_BEGIN` before `namespace detail {` or `Q_OBJECT` before `public:`. The
 * parser takes such a name for the return type of a function whose body is the next braces, so a
 * whole namespace became one function and a socket closed in one function seemed closed in the
 * next. A line is blanked only where a type name cannot stand: after a complete declaration, a
 * brace or a directive, and before a namespace, a declaration keyword, a brace, a directive, an
 * access label or the end of the text (a return type on its own line is followed by the name).
 */
function blankBareMacroLines(text: string): string {
  BARE_MACRO_LINE.lastIndex = 0;
  let m: RegExpExecArray | null;
  const parts: string[] = [];
  let kept = 0;
  while ((m = BARE_MACRO_LINE.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0].length === 0) {
      BARE_MACRO_LINE.lastIndex++;
      continue;
    }
    if (!endsDeclaration(text, start) || !AFTER_BARE_MACRO.test(nextLine(text, end))) continue;
    parts.push(text.slice(kept, start), blankOut(m[0]));
    kept = end;
  }
  if (kept === 0) return text;
  parts.push(text.slice(kept));
  return parts.join('');
}

/** Whether the last non-blank line before `lineStart` ends a declaration (`;`, a brace, a directive) or there is none. */
function endsDeclaration(text: string, lineStart: number): boolean {
  let i = lineStart - 1;
  while (i >= 0 && /\s/.test(text.charAt(i))) i--;
  if (i < 0) return true;
  const c = text.charAt(i);
  if (c === ';' || c === '{' || c === '}') return true;
  if (c === '\\') return false;
  const from = text.lastIndexOf('\n', i) + 1;
  return text.charCodeAt(skipSpaces(text, from, i)) === 35; /* # */
}

/** The first non-blank line after `from` (empty at the end of the text). */
function nextLine(text: string, from: number): string {
  let i = from;
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  const nl = text.indexOf('\n', i);
  return text.slice(i, nl === -1 ? text.length : nl);
}

/**
 * Every comment blanked, offsets and line breaks kept: the parser never sees one. Nothing the lint
 * or the hover reads is in a comment (suppression comments are read from the original text), and
 * comments are what broke the parser: a few thousand comment lines after an ambiguous statement
 * (`report(why);`, a call or a declaration) overflow tree-sitter's wasm stack while it keeps both
 * readings, and a `/*` never closed makes it retry every later `/*` (minutes on such a file). A
 * `/*` that is never closed makes the rest of the file a comment, as for the compiler. Strings,
 * character literals and C++ raw strings hide comment openers. One pass over the text.
 */
export function blankComments(text: string): string {
  if (text.indexOf('/*') === -1 && text.indexOf('//') === -1) return text;
  const n = text.length;
  const parts: string[] = [];
  let kept = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 47 /* / */) {
      const d = text.charCodeAt(i + 1);
      let end = -1;
      if (d === 42 /* * */) {
        const close = text.indexOf('*/', i + 2);
        end = close === -1 ? n : close + 2;
      } else if (d === 47) end = lineCommentEnd(text, i + 2);
      if (end === -1) {
        i++;
        continue;
      }
      parts.push(text.slice(kept, i), blankOut(text.slice(i, end)));
      kept = i = end;
    } else if (c === 34 /* " */) {
      i = isRawStringStart(text, i) ? rawStringEnd(text, i) : quotedEnd(text, i) + 1;
    } else if (c === 39 /* ' */) i = quotedEnd(text, i) + 1;
    else i++;
  }
  if (kept === 0) return text;
  parts.push(text.slice(kept));
  return parts.join('');
}

/** Where a `//` comment ends: at the line break not escaped by a backslash (the break itself is kept). */
function lineCommentEnd(text: string, from: number): number {
  for (let nl = text.indexOf('\n', from); ; nl = text.indexOf('\n', nl + 1)) {
    if (nl === -1) return text.length;
    if (!endsWithBackslash(text, from, nl)) return nl;
  }
}

/** `R"` of a C++ raw string (also `u8R"`, `uR"`, `UR"`, `LR"`): R right before the quote, not ending a longer name. */
function isRawStringStart(text: string, quote: number): boolean {
  if (text.charCodeAt(quote - 1) !== 82 /* R */) return false;
  let k = quote - 2;
  if (text.startsWith('u8', k - 1)) k -= 2;
  else if (/[uUL]/.test(text.charAt(k))) k--;
  return k < 0 || !/[A-Za-z0-9_$]/.test(text.charAt(k));
}

/** Just past the `)delim"` that closes the raw string opening at `quote`; the text's end when it is not closed. */
function rawStringEnd(text: string, quote: number): number {
  const open = text.indexOf('(', quote + 1);
  if (open === -1 || open - quote - 1 > 16) return quotedEnd(text, quote) + 1; // not a raw string after all
  const close = text.indexOf(`)${text.slice(quote + 1, open)}"`, open + 1);
  return close === -1 ? text.length : close + open - quote + 1;
}

function skipSpaces(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11) break;
    i++;
  }
  return i;
}

function endsWithBackslash(text: string, from: number, end: number): boolean {
  let i = end - 1;
  if (i >= from && text.charCodeAt(i) === 13) i--;
  return i >= from && text.charCodeAt(i) === 92;
}

/** Replaces every character but line breaks with a space. */
function blankOut(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}

// ---- #if expressions: integers, defined(), arithmetic, comparison, logic, ?: ----

type Token = { kind: 'num'; value: number } | { kind: 'id'; name: string } | { kind: 'op'; op: string };

const OPS = ['<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '(', ')', '!', '~', '-', '+', '*', '/', '%', '<', '>', '&', '^', '|', '?', ':', ','];

function tokenize(s: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|\d+)[uUlL]*/.exec(s.slice(i, i + 40));
    if (num && /\d/.test(c)) {
      const t = num[1]!;
      let v: number;
      if (/^0[xX]/.test(t)) v = parseInt(t.slice(2), 16);
      else if (/^0[bB]/.test(t)) v = parseInt(t.slice(2), 2);
      else if (t.length > 1 && t.startsWith('0')) v = parseInt(t, 8);
      else v = parseInt(t, 10);
      out.push({ kind: 'num', value: v });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_]\w*/.exec(s.slice(i, i + 256));
    if (id) {
      out.push({ kind: 'id', name: id[0] });
      i += id[0].length;
      continue;
    }
    const ch = /^'(\\.|[^'\\])'/.exec(s.slice(i, i + 8));
    if (ch) {
      const body = ch[1]!;
      out.push({ kind: 'num', value: body.length === 1 ? body.charCodeAt(0) : body === '\\0' ? 0 : body.charCodeAt(1) });
      i += ch[0].length;
      continue;
    }
    const op = OPS.find((o) => s.startsWith(o, i));
    if (!op) return null;
    out.push({ kind: 'op', op });
    i += op.length;
  }
  return out;
}

/** Macro expansions one `#if` may make before it counts as undecidable. */
export const MAX_EXPANSIONS = 10000;

/**
 * What evaluating the conditions of one file remembers: the value of each macro (valid until the
 * next #define or #undef), the macros being expanded (a macro is not expanded inside itself, as in
 * C: the name is left as an identifier, which a `#if` reads as 0), and a count of expansions.
 */
export class MacroValues {
  private readonly memo = new Map<string, Value>();
  readonly expanding = new Set<string>();
  /** Set while an evaluation met a macro that was not expanded inside itself (its value then depends on the context). */
  metSelf = false;
  expansions = 0;
  /** Conditions given up over the expansion cap (they count as undecidable). */
  overCap = 0;

  constructor(readonly macros: ReadonlyMap<string, string>) {}

  /** Call after a #define or #undef. */
  changed(): void {
    this.memo.clear();
  }

  value(name: string, body: string): Value {
    const hit = this.memo.get(name);
    if (hit !== undefined) return hit;
    if (this.expanding.has(name)) {
      this.metSelf = true;
      return 0;
    }
    if (++this.expansions > MAX_EXPANSIONS) throw new Error('too many macro expansions');
    const outer = this.metSelf;
    this.metSelf = false;
    this.expanding.add(name);
    let v: Value;
    try {
      v = evaluateWith(body, this);
    } finally {
      this.expanding.delete(name);
    }
    // A value that did not depend on which macros were being expanded holds for every use.
    if (!this.metSelf) this.memo.set(name, v);
    this.metSelf ||= outer;
    return v;
  }
}

/** Evaluates a `#if` condition; null when it cannot be decided. */
export function evaluate(expr: string, macros: ReadonlyMap<string, string> | MacroValues): Value {
  const values = macros instanceof MacroValues ? macros : new MacroValues(macros);
  values.expansions = 0;
  try {
    return evaluateWith(expr, values);
  } catch {
    values.overCap++;
    return null; // over the expansion cap
  }
}

function evaluateWith(expr: string, values: MacroValues): Value {
  const tokens = tokenize(expr);
  if (!tokens || tokens.length === 0) return null;
  const p = new ExprParser(tokens, values);
  let v: Value;
  try {
    v = p.conditional();
  } catch (err) {
    if (err instanceof Error && err.message === 'too many macro expansions') throw err;
    return null;
  }
  return p.atEnd() ? v : null;
}

class ExprParser {
  private i = 0;
  constructor(
    private readonly t: Token[],
    private readonly values: MacroValues,
  ) {}

  atEnd(): boolean {
    return this.i >= this.t.length;
  }
  private peekOp(): string | undefined {
    const tok = this.t[this.i];
    return tok?.kind === 'op' ? tok.op : undefined;
  }
  private expect(op: string): void {
    if (this.peekOp() !== op) throw new Error(`expected ${op}`);
    this.i++;
  }

  conditional(): Value {
    const c = this.binary(0);
    if (this.peekOp() !== '?') return c;
    this.i++;
    const a = this.conditional();
    this.expect(':');
    const b = this.conditional();
    if (c === null) return a !== null && a === b ? a : null;
    return c !== 0 ? a : b;
  }

  private static readonly PREC: Record<string, number> = {
    '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '>': 7, '<=': 7, '>=': 7,
    '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
  };

  private binary(minPrec: number): Value {
    let left = this.unary();
    for (;;) {
      const op = this.peekOp();
      const prec = op ? ExprParser.PREC[op] : undefined;
      if (!op || prec === undefined || prec < minPrec) break;
      this.i++;
      const right = this.binary(prec + 1);
      left = apply(op, left, right);
    }
    return left;
  }

  private unary(): Value {
    const tok = this.t[this.i];
    if (!tok) throw new Error('unexpected end');
    if (tok.kind === 'op') {
      if (tok.op === '(') {
        this.i++;
        const v = this.conditional();
        this.expect(')');
        return v;
      }
      if (tok.op === '!' || tok.op === '~' || tok.op === '-' || tok.op === '+') {
        // A run of prefix operators, applied innermost first (a loop: runs can be thousands long).
        const ops: string[] = [];
        for (let op = this.peekOp(); op === '!' || op === '~' || op === '-' || op === '+'; op = this.peekOp()) {
          ops.push(op);
          this.i++;
        }
        let v = this.unary();
        for (let k = ops.length - 1; k >= 0 && v !== null; k--) {
          const op = ops[k];
          v = op === '!' ? (v === 0 ? 1 : 0) : op === '~' ? ~v : op === '-' ? -v : v;
        }
        return v;
      }
      throw new Error(`unexpected ${tok.op}`);
    }
    this.i++;
    if (tok.kind === 'num') return tok.value;
    if (tok.name === 'defined') {
      let paren = false;
      if (this.peekOp() === '(') {
        paren = true;
        this.i++;
      }
      const name = this.t[this.i];
      if (name?.kind !== 'id') throw new Error('defined without a name');
      this.i++;
      if (paren) this.expect(')');
      return this.values.macros.has(name.name) ? 1 : 0;
    }
    if (this.peekOp() === '(') {
      // A function-like macro (or __has_include and friends): cannot be evaluated.
      this.skipParens();
      return null;
    }
    if (tok.name === 'true') return 1;
    if (tok.name === 'false') return 0;
    const body = this.values.macros.get(tok.name);
    if (body === undefined) return null; // unknown to us: the compiler might know it from a header
    if (body === '') return null; // defined as nothing: used as a value it is an error; undecidable
    return this.values.value(tok.name, body);
  }

  private skipParens(): void {
    let depth = 0;
    do {
      const tok = this.t[this.i++];
      if (!tok) throw new Error('unbalanced');
      if (tok.kind === 'op' && tok.op === '(') depth++;
      else if (tok.kind === 'op' && tok.op === ')') depth--;
    } while (depth > 0);
  }
}

function apply(op: string, a: Value, b: Value): Value {
  // Short-circuit logic decides even with one unknown side.
  if (op === '&&') {
    if (a === 0 || b === 0) return 0;
    return a === null || b === null ? null : 1;
  }
  if (op === '||') {
    if ((a !== null && a !== 0) || (b !== null && b !== 0)) return 1;
    return a === null || b === null ? null : 0;
  }
  if (a === null || b === null) return null;
  switch (op) {
    case '|': return a | b;
    case '^': return a ^ b;
    case '&': return a & b;
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case '<': return a < b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '<<': return a << b;
    case '>>': return a >> b;
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? null : Math.trunc(a / b);
    case '%': return b === 0 ? null : a % b;
    default: return null;
  }
}

/** The index of the quote that closes the string or character literal opening at `start` (or of the line end, or the text's end, when it is not closed). */
export function quotedEnd(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  let j = start + 1;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 92) j += 2;
    else if (d === quote || d === 10) break;
    else j++;
  }
  return j;
}
