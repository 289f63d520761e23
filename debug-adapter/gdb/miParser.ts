// A pure parser of gdb/MI output lines (GDB manual, "GDB/MI Output Syntax"): each line becomes a
// typed record. No processes and no DAP here; tested on literal lines in test/unit/debug-mi-parser.test.ts.

/** An MI value: a C string, a tuple `{a="1",b=…}` or a list `[…]` (of values, or of results kept in order). */
export type MIValue = string | MITuple | MIValue[];
export interface MITuple {
  [key: string]: MIValue;
}

/** `^done`, `^running`, `^connected`, `^error`, `^exit`: the answer to the command with this token. */
export interface MIResultRecord {
  readonly kind: 'result';
  readonly token?: number;
  readonly cls: 'done' | 'running' | 'connected' | 'error' | 'exit';
  readonly results: MITuple;
}
/** `*stopped`, `*running` (exec), `+download` (status), `=thread-created` & co. (notify). */
export interface MIAsyncRecord {
  readonly kind: 'exec' | 'status' | 'notify';
  readonly token?: number;
  readonly cls: string;
  readonly results: MITuple;
}
/** `~"text"` (console), `@"text"` (the target's output), `&"text"` (gdb's log). */
export interface MIStreamRecord {
  readonly kind: 'console' | 'target' | 'log';
  readonly text: string;
}
export interface MIPrompt {
  readonly kind: 'prompt';
}
/** A line that is not MI (the program's own output when it shares gdb's terminal). */
export interface MIUnknown {
  readonly kind: 'unknown';
  readonly text: string;
}
export type MIRecord = MIResultRecord | MIAsyncRecord | MIStreamRecord | MIPrompt | MIUnknown;

class Reader {
  pos = 0;
  constructor(readonly s: string) {}
  peek(): string {
    return this.s[this.pos] ?? '';
  }
  eat(ch: string): void {
    if (this.s[this.pos] !== ch) throw new SyntaxError(`MI: expected '${ch}' at column ${this.pos} of ${JSON.stringify(this.s)}`);
    this.pos++;
  }
  done(): boolean {
    return this.pos >= this.s.length;
  }
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b' };

const UTF8_ENCODER = new TextEncoder();
const UTF8_DECODER = new TextDecoder('utf-8');

/** A C string as gdb writes it; octal escapes are bytes of UTF-8 text. */
function cString(r: Reader): string {
  r.eat('"');
  const bytes: number[] = [];
  const pushText = (t: string) => {
    for (const b of UTF8_ENCODER.encode(t)) bytes.push(b);
  };
  for (;;) {
    const ch = r.s[r.pos];
    if (ch === undefined) throw new SyntaxError(`MI: unterminated string in ${JSON.stringify(r.s)}`);
    r.pos++;
    if (ch === '"') break;
    if (ch !== '\\') {
      pushText(ch);
      continue;
    }
    const e = r.s[r.pos] ?? '';
    r.pos++;
    if (/[0-7]/.test(e)) {
      let oct = e;
      while (oct.length < 3 && /[0-7]/.test(r.s[r.pos] ?? '')) oct += r.s[r.pos++];
      bytes.push(parseInt(oct, 8) & 0xff);
    } else pushText(ESCAPES[e] ?? e);
  }
  return UTF8_DECODER.decode(new Uint8Array(bytes));
}

function variable(r: Reader): string {
  const start = r.pos;
  while (!r.done() && !'={}[],"'.includes(r.peek())) r.pos++;
  return r.s.slice(start, r.pos);
}

function value(r: Reader): MIValue {
  const ch = r.peek();
  if (ch === '"') return cString(r);
  if (ch === '{') {
    r.eat('{');
    const t: MITuple = {};
    if (r.peek() === '}') {
      r.eat('}');
      return t;
    }
    for (;;) {
      const [k, v] = result(r);
      addResult(t, k, v);
      if (r.peek() === ',') r.eat(',');
      else break;
    }
    r.eat('}');
    return t;
  }
  if (ch === '[') {
    r.eat('[');
    const list: MIValue[] = [];
    if (r.peek() === ']') {
      r.eat(']');
      return list;
    }
    for (;;) {
      if (r.peek() === '"' || r.peek() === '{' || r.peek() === '[') list.push(value(r));
      else {
        // A list of results (`[frame={…},frame={…}]`): keep the values in order; the name is the same for all.
        const [, v] = result(r);
        list.push(v);
      }
      if (r.peek() === ',') r.eat(',');
      else break;
    }
    r.eat(']');
    return list;
  }
  throw new SyntaxError(`MI: unexpected '${ch}' at column ${r.pos} of ${JSON.stringify(r.s)}`);
}

function result(r: Reader): [string, MIValue] {
  const k = variable(r);
  r.eat('=');
  return [k, value(r)];
}

/** gdb repeats a name in some tuples (`bkpt={…},{…}` for multi-location breakpoints): keep them all. */
function addResult(t: MITuple, k: string, v: MIValue): void {
  if (!(k in t)) {
    t[k] = v;
    return;
  }
  const prev = t[k] as MIValue;
  t[k] = Array.isArray(prev) && (prev as MIValue[] & { repeated?: true }).repeated ? [...prev, v] : Object.assign([prev, v], { repeated: true as const });
}

function results(r: Reader): MITuple {
  const t: MITuple = {};
  while (r.peek() === ',') {
    r.eat(',');
    // Multi-location breakpoints: `bkpt={…},{number="1.1",…}` — a bare tuple after a result.
    if (r.peek() === '{') {
      const extra = value(r);
      const locs = (t.locations as MIValue[] | undefined) ?? [];
      locs.push(extra);
      t.locations = locs;
      continue;
    }
    const [k, v] = result(r);
    addResult(t, k, v);
  }
  return t;
}

const RESULT_CLASSES = new Set(['done', 'running', 'connected', 'error', 'exit']);

/** Parses one line of gdb's MI output (without its newline). Lines that are not MI give `unknown`. */
export function parseMILine(line: string): MIRecord {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (/^\(gdb\)\s*$/.test(text)) return { kind: 'prompt' };
  const m = /^(\d*)([\^*+=~@&])/.exec(text);
  if (!m) return { kind: 'unknown', text };
  const tokenText = m[1] as string;
  const sigil = m[2] as string;
  const token = tokenText === '' ? undefined : Number(tokenText);
  const r = new Reader(text);
  r.pos = m[0].length;
  try {
    if (sigil === '~' || sigil === '@' || sigil === '&') {
      if (tokenText !== '') return { kind: 'unknown', text };
      const s = cString(r);
      return { kind: sigil === '~' ? 'console' : sigil === '@' ? 'target' : 'log', text: s };
    }
    const cls = variable(r);
    const res = results(r);
    if (!r.done()) throw new SyntaxError(`MI: trailing text at column ${r.pos} of ${JSON.stringify(text)}`);
    if (sigil === '^') {
      if (!RESULT_CLASSES.has(cls)) return { kind: 'unknown', text };
      return { kind: 'result', ...(token !== undefined ? { token } : {}), cls: cls as MIResultRecord['cls'], results: res };
    }
    const kind = sigil === '*' ? 'exec' : sigil === '+' ? 'status' : 'notify';
    return { kind, ...(token !== undefined ? { token } : {}), cls, results: res };
  } catch (e) {
    if (e instanceof SyntaxError) return { kind: 'unknown', text };
    throw e;
  }
}

/** Quotes a string for an MI command argument (`"a b\"c"`). */
export function miQuote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

// Small typed readers for the values above.
export function miString(v: MIValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
export function miTuple(v: MIValue | undefined): MITuple | undefined {
  return v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}
export function miList(v: MIValue | undefined): MIValue[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}
