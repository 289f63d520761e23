// Expands a VS Code snippet body the way the editor would if the user accepted every default:
// a placeholder becomes its default text, a mirror ($1 after ${1:x}) repeats it, a choice becomes
// its first option, a variable becomes a fixed, plausible value. Used by the snippet tests to turn
// each snippet into C that a compiler can check.
//
// Grammar (as VS Code's snippet syntax documents it):
//   tabstop     $1  ${1}  ${1/regex/format/options}
//   placeholder ${1:any}            (nested constructs allowed inside)
//   choice      ${1|one,two|}       (inside a choice, \ escapes , | and \)
//   variable    $NAME  ${NAME}  ${NAME:any}  ${NAME/regex/format/options}
//   text        \ escapes $ } and \ ; a $ that starts nothing valid is literal text.

export type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: SnippetNode[]; hasDefault: boolean; transform?: Transform }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children: SnippetNode[]; hasDefault: boolean; transform?: Transform };

type FormatPart =
  | { kind: 'text'; value: string }
  | { kind: 'group'; group: number; op?: 'upcase' | 'downcase' | 'capitalize' | 'camelcase' | 'pascalcase' }
  | { kind: 'conditional'; group: number; ifText?: string; elseText?: string };

export interface Transform {
  regex: RegExp;
  format: FormatPart[];
}

/** Values for the variables VS Code resolves; anything else counts as unknown. */
export const defaultVariables: Readonly<Record<string, string>> = {
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  TM_FILENAME: 'client.c',
  TM_FILENAME_BASE: 'client',
  TM_DIRECTORY: '/home/user/project',
  TM_FILEPATH: '/home/user/project/client.c',
  RELATIVE_FILEPATH: 'client.c',
  CLIPBOARD: '',
  WORKSPACE_NAME: 'project',
  WORKSPACE_FOLDER: '/home/user/project',
  CURSOR_INDEX: '0',
  CURSOR_NUMBER: '1',
  CURRENT_YEAR: '2026',
  CURRENT_YEAR_SHORT: '26',
  CURRENT_MONTH: '01',
  CURRENT_MONTH_NAME: 'January',
  CURRENT_MONTH_NAME_SHORT: 'Jan',
  CURRENT_DATE: '02',
  CURRENT_DAY_NAME: 'Friday',
  CURRENT_DAY_NAME_SHORT: 'Fri',
  CURRENT_HOUR: '03',
  CURRENT_MINUTE: '04',
  CURRENT_SECOND: '05',
  CURRENT_SECONDS_UNIX: '1767322800',
  CURRENT_TIMEZONE_OFFSET: '+00:00',
  RANDOM: '123456',
  RANDOM_HEX: 'a1b2c3',
  UUID: '00000000-0000-4000-8000-000000000000',
  BLOCK_COMMENT_START: '/*',
  BLOCK_COMMENT_END: '*/',
  LINE_COMMENT: '//',
};

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  /** Parses until the end of input, or until an unescaped `}` when `nested`. */
  parseSequence(nested: boolean): SnippetNode[] {
    const out: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && '$}\\'.includes(this.src[this.pos + 1] ?? '')) {
        text += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === '}' && nested) {
        break;
      } else if (c === '$') {
        const start = this.pos;
        const node = this.parseDollar();
        if (node) {
          flush();
          out.push(node);
        } else {
          this.pos = start + 1;
          text += '$';
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return out;
  }

  /** At a `$`: returns the construct it starts, or undefined (position then undefined). */
  private parseDollar(): SnippetNode | undefined {
    this.pos++; // '$'
    const int = this.match(/[0-9]+/y);
    if (int !== undefined) return { kind: 'tabstop', index: Number(int), children: [], hasDefault: false };
    const name = this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y);
    if (name !== undefined) return { kind: 'variable', name, children: [], hasDefault: false };
    if (this.src[this.pos] !== '{') return undefined;
    this.pos++;
    const index = this.match(/[0-9]+/y);
    if (index !== undefined) return this.parseAfterIndex(Number(index));
    const varName = this.match(/[_a-zA-Z][_a-zA-Z0-9]*/y);
    if (varName !== undefined) return this.parseAfterVariable(varName);
    return undefined;
  }

  private parseAfterIndex(index: number): SnippetNode | undefined {
    const c = this.src[this.pos];
    if (c === '}') {
      this.pos++;
      return { kind: 'tabstop', index, children: [], hasDefault: false };
    }
    if (c === ':') {
      this.pos++;
      const children = this.parseSequence(true);
      if (this.src[this.pos] !== '}') return undefined;
      this.pos++;
      return { kind: 'tabstop', index, children, hasDefault: true };
    }
    if (c === '|') {
      this.pos++;
      const options = this.parseChoiceOptions();
      if (!options) return undefined;
      return { kind: 'choice', index, options };
    }
    if (c === '/') {
      const transform = this.parseTransform();
      if (!transform) return undefined;
      return { kind: 'tabstop', index, children: [], hasDefault: false, transform };
    }
    return undefined;
  }

  private parseAfterVariable(name: string): SnippetNode | undefined {
    const c = this.src[this.pos];
    if (c === '}') {
      this.pos++;
      return { kind: 'variable', name, children: [], hasDefault: false };
    }
    if (c === ':') {
      this.pos++;
      const children = this.parseSequence(true);
      if (this.src[this.pos] !== '}') return undefined;
      this.pos++;
      return { kind: 'variable', name, children, hasDefault: true };
    }
    if (c === '/') {
      const transform = this.parseTransform();
      if (!transform) return undefined;
      return { kind: 'variable', name, children: [], hasDefault: false, transform };
    }
    return undefined;
  }

  /** After `${1|`: options up to `|}`. */
  private parseChoiceOptions(): string[] | undefined {
    const options: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && ',|\\'.includes(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        options.push(current);
        current = '';
        this.pos++;
      } else if (c === '|') {
        if (this.src[this.pos + 1] !== '}') return undefined;
        options.push(current);
        this.pos += 2;
        return options;
      } else {
        current += c;
        this.pos++;
      }
    }
    return undefined;
  }

  /** At `/`: `/regex/format/options}`. */
  private parseTransform(): Transform | undefined {
    this.pos++; // '/'
    let regex = '';
    while (this.pos < this.src.length && this.src[this.pos] !== '/') {
      if (this.src[this.pos] === '\\' && this.src[this.pos + 1] === '/') {
        regex += '/';
        this.pos += 2;
      } else {
        regex += this.src[this.pos++];
      }
    }
    if (this.src[this.pos] !== '/') return undefined;
    this.pos++;
    const format: FormatPart[] = [];
    let text = '';
    while (this.pos < this.src.length && this.src[this.pos] !== '/') {
      const c = this.src[this.pos];
      if (c === '\\' && '/$\\}'.includes(this.src[this.pos + 1] ?? '')) {
        text += this.src[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '$') {
        const save = this.pos;
        const part = this.parseFormatGroup();
        if (part) {
          if (text) format.push({ kind: 'text', value: text });
          text = '';
          format.push(part);
          continue;
        }
        this.pos = save;
      }
      text += c;
      this.pos++;
    }
    if (text) format.push({ kind: 'text', value: text });
    if (this.src[this.pos] !== '/') return undefined;
    this.pos++;
    const flags = this.match(/[a-z]*/y) ?? '';
    if (this.src[this.pos] !== '}') return undefined;
    this.pos++;
    try {
      return { regex: new RegExp(regex, flags), format };
    } catch {
      return undefined;
    }
  }

  private parseFormatGroup(): FormatPart | undefined {
    this.pos++; // '$'
    const plain = this.match(/[0-9]+/y);
    if (plain !== undefined) return { kind: 'group', group: Number(plain) };
    if (this.src[this.pos] !== '{') return undefined;
    this.pos++;
    const g = this.match(/[0-9]+/y);
    if (g === undefined) return undefined;
    const group = Number(g);
    if (this.src[this.pos] === '}') {
      this.pos++;
      return { kind: 'group', group };
    }
    if (this.src[this.pos] !== ':') return undefined;
    this.pos++;
    const op = this.match(/\/(upcase|downcase|capitalize|camelcase|pascalcase)\}/y);
    if (op !== undefined) return { kind: 'group', group, op: op.slice(1, -1) as 'upcase' };
    const readUntil = (stops: string): string | undefined => {
      let s = '';
      while (this.pos < this.src.length && !stops.includes(this.src[this.pos])) {
        if (this.src[this.pos] === '\\' && this.pos + 1 < this.src.length) {
          s += this.src[this.pos + 1];
          this.pos += 2;
        } else {
          s += this.src[this.pos++];
        }
      }
      return this.pos < this.src.length ? s : undefined;
    };
    const lead = this.src[this.pos];
    if (lead === '+') {
      this.pos++;
      const ifText = readUntil('}');
      if (ifText === undefined) return undefined;
      this.pos++;
      return { kind: 'conditional', group, ifText };
    }
    if (lead === '?') {
      this.pos++;
      const ifText = readUntil(':');
      if (ifText === undefined) return undefined;
      this.pos++;
      const elseText = readUntil('}');
      if (elseText === undefined) return undefined;
      this.pos++;
      return { kind: 'conditional', group, ifText, elseText };
    }
    if (lead === '-') this.pos++;
    const elseText = readUntil('}');
    if (elseText === undefined) return undefined;
    this.pos++;
    return { kind: 'conditional', group, elseText };
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
}

export function parseSnippet(body: string): SnippetNode[] {
  return new Parser(body).parseSequence(false);
}

function applyTransform(value: string, t: Transform): string {
  return value.replace(t.regex, (...args: unknown[]) => {
    // Arguments: the match, each numbered capture, the offset, the whole string, and (only when
    // the regex has named groups) an object of them. Keep the match and the numbered captures.
    const last = args[args.length - 1];
    const end = args.length - (typeof last === 'object' && last !== null ? 3 : 2);
    const caps = args.slice(0, end) as (string | undefined)[];
    let out = '';
    for (const part of t.format) {
      if (part.kind === 'text') out += part.value;
      else if (part.kind === 'group') {
        const g = caps[part.group] ?? '';
        switch (part.op) {
          case 'upcase': out += g.toUpperCase(); break;
          case 'downcase': out += g.toLowerCase(); break;
          case 'capitalize': out += g.charAt(0).toUpperCase() + g.slice(1); break;
          case 'camelcase':
          case 'pascalcase': {
            const words = g.split(/[^A-Za-z0-9]+/).filter(Boolean);
            const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
            out += part.op === 'camelcase' ? joined.charAt(0).toLowerCase() + joined.slice(1) : joined;
            break;
          }
          default: out += g;
        }
      } else {
        const g = caps[part.group];
        out += g ? (part.ifText ?? g) : (part.elseText ?? '');
      }
    }
    return out;
  });
}

export interface ExpandOptions {
  /** Variable values; defaults to `defaultVariables`. */
  variables?: Readonly<Record<string, string>>;
  /** The option picked for the choice with this tab stop index; the first one by default. */
  pick?: (index: number, options: readonly string[]) => string;
}

/** Every choice in a snippet body: its tab stop index and options, in order of appearance. */
export function choicesOf(body: string | readonly string[]): { index: number; options: string[] }[] {
  const out: { index: number; options: string[] }[] = [];
  const walk = (list: SnippetNode[]) => {
    for (const n of list) {
      if (n.kind === 'choice') out.push({ index: n.index, options: n.options });
      else if (n.kind === 'tabstop' || n.kind === 'variable') walk(n.children);
    }
  };
  walk(parseSnippet(typeof body === 'string' ? body : body.join('\n')));
  return out;
}

/** Expands a snippet body (a string, or the body array of a snippet file) with every default accepted. */
export function expandSnippet(body: string | readonly string[], options: ExpandOptions = {}): string {
  const text = typeof body === 'string' ? body : body.join('\n');
  const variables = options.variables ?? defaultVariables;
  const pick = options.pick ?? ((_index: number, opts: readonly string[]) => opts[0] ?? '');
  const nodes = parseSnippet(text);

  // First pass: the value of each tab stop is its first placeholder's default or choice's first option.
  const defaults = new Map<number, SnippetNode[] | string>();
  const collect = (list: SnippetNode[]) => {
    for (const n of list) {
      if (n.kind === 'tabstop') {
        if (n.hasDefault && !defaults.has(n.index)) defaults.set(n.index, n.children);
        collect(n.children);
      } else if (n.kind === 'choice') {
        if (!defaults.has(n.index)) defaults.set(n.index, pick(n.index, n.options));
      } else if (n.kind === 'variable') {
        collect(n.children);
      }
    }
  };
  collect(nodes);

  const render = (list: SnippetNode[], depth: number): string => {
    if (depth > 50) throw new Error('snippet placeholders refer to each other in a cycle');
    let out = '';
    for (const n of list) {
      if (n.kind === 'text') out += n.value;
      else if (n.kind === 'choice') out += pick(n.index, n.options);
      else if (n.kind === 'tabstop') {
        let value: string;
        if (n.hasDefault) value = render(n.children, depth + 1);
        else {
          const d = defaults.get(n.index);
          value = d === undefined ? '' : typeof d === 'string' ? d : render(d, depth + 1);
        }
        out += n.transform ? applyTransform(value, n.transform) : value;
      } else {
        const known = Object.prototype.hasOwnProperty.call(variables, n.name);
        const resolved = known ? variables[n.name] : undefined;
        if (n.transform) out += applyTransform(resolved ?? '', n.transform);
        else if (resolved) out += resolved;
        else if (n.hasDefault) out += render(n.children, depth + 1);
        // VS Code turns an unknown variable into a placeholder holding its name.
        else if (!known) out += n.name;
      }
    }
    return out;
  };
  return render(nodes, 0);
}
