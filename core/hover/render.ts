// Markdown for the hover (compact) and the reference page (everything) of a Winsock model entry.
import type { ApiEntry, ConstantEntry, ErrorEntry, FunctionEntry, Lang, Localized, Remark, TypeEntry } from '../model/types';
import { allEntries, lookupSymbol } from '../model/registry';
import { LABELS, fill, type DocLabels } from './labels';

/** The command that opens a reference page; its hover link carries the symbol as the argument. */
export const OPEN_REFERENCE_COMMAND = 'winsockLens.openReference';

/** A `command:` URI that opens the reference page of `symbol` (what a hover link points at). */
export function referenceCommandUri(symbol: string): string {
  return `command:${OPEN_REFERENCE_COMMAND}?${encodeURIComponent(JSON.stringify([symbol]))}`;
}

interface RenderOptions {
  /** Turns a symbol name into a link target; names stay plain code when it gives undefined. */
  readonly link?: (symbol: string) => string | undefined;
}

const hoverOptions: RenderOptions = { link: (s) => (lookupSymbol(s) ? referenceCommandUri(s) : undefined) };

/** The hover of an entry: signature, summary, parameters, return value, errors, key remarks, requirements, links. */
export function renderHover(entry: ApiEntry, lang: Lang): string {
  return render(entry, lang, 'hover', hoverOptions);
}

/** The full reference page of an entry: every remark, every error, the requirements table, attribution. */
export function renderReferencePage(entry: ApiEntry, lang: Lang, options: RenderOptions = {}): string {
  return render(entry, lang, 'page', options);
}

/** The hover of an integer literal that is a Winsock error code (`err == 10058`). */
export function renderErrorCodeHover(literal: string, entry: ErrorEntry, lang: Lang): string {
  const L = LABELS[lang];
  return [
    fill(L.numberIsError, literal, entry.name),
    pick(entry.summary, lang),
    ...(entry.note ? [`*${L.note}:* ${pick(entry.note, lang)}`] : []),
    openLink(entry.name, L),
  ].join('\n\n');
}

type Mode = 'hover' | 'page';

function render(entry: ApiEntry, lang: Lang, mode: Mode, options: RenderOptions): string {
  const L = LABELS[lang];
  const parts: string[] = [];
  if (mode === 'page') parts.push(`# ${entry.name}`, `*${L.kind[entry.kind]}*`);
  switch (entry.kind) {
    case 'function':
      parts.push(...functionParts(entry, lang, mode, L));
      break;
    case 'constant':
      parts.push(...constantParts(entry, lang, mode, L));
      break;
    case 'type':
      parts.push(...typeParts(entry, lang, mode, L));
      break;
    case 'error':
      parts.push(...errorParts(entry, lang, mode, L, options));
      break;
  }
  if (entry.related.length > 0) {
    const names = entry.related.map((s) => symbolLink(s, options));
    parts.push(mode === 'page' ? `## ${L.seeAlso}\n\n${names.join(', ')}` : `**${L.seeAlso}:** ${names.join(', ')}`);
  }
  if (mode === 'hover') parts.push(openLink(entry.name, L));
  else parts.push('---', `*${L.attribution}*`);
  return parts.join('\n\n') + '\n';
}

function functionParts(f: FunctionEntry, lang: Lang, mode: Mode, L: DocLabels): string[] {
  const parts = [codeBlock(f.signature), pick(f.summary, lang)];
  if (f.extension) parts.push(`*${L.extensionFunction}*`);
  if (f.params.length > 0) {
    const rows = f.params.map((p) => {
      const tags = [L.direction[p.direction], ...(p.optional ? [L.optional] : [])].join(', ');
      const type = mode === 'page' ? ` \`${p.type}\`` : '';
      return `- \`${p.name}\`${type} *(${tags})*: ${pick(p.doc, lang)}`;
    });
    parts.push(`${heading(L.parameters, mode)}\n\n${rows.join('\n')}`);
  }
  parts.push(`${heading(L.returnValue, mode)}\n\n${pick(f.returns.doc, lang)}`);
  if (f.errors.length > 0) {
    const C = L.errorColumns;
    const rows = f.errors.map((e) => `| \`${e.code}\` | ${errorValue(e.code)} | ${cell(pick(e.when, lang))} |`);
    parts.push(`${heading(L.errors, mode)}\n\n| ${C.code} | ${C.value} | ${C.when} |\n|---|---|---|\n${rows.join('\n')}`);
  }
  parts.push(...remarkParts(f.remarks, lang, mode, L));
  if (f.deprecated) parts.push(`**${fill(L.deprecated, f.deprecated.replacement)}** ${pick(f.deprecated.note, lang)}`);
  parts.push(requirementsPart(f, mode, L));
  return parts;
}

function constantParts(c: ConstantEntry, lang: Lang, mode: Mode, L: DocLabels): string[] {
  const numeric = c.numeric !== undefined && String(c.numeric) !== c.value ? ` // ${c.numeric}` : '';
  const parts = [codeBlock(`#define ${c.name} ${c.value}${numeric}`), pick(c.summary, lang)];
  parts.push(...remarkParts(c.remarks, lang, mode, L));
  parts.push(mode === 'page' ? `## ${L.requirements}\n\n| | |\n|---|---|\n| ${L.header} | \`${c.header}\` |` : `**${L.header}:** \`${c.header}\``);
  return parts;
}

function typeParts(t: TypeEntry, lang: Lang, mode: Mode, L: DocLabels): string[] {
  const parts = [codeBlock(t.definition), pick(t.summary, lang)];
  if (t.aliases.length > 0) parts.push(`**${L.aliases}:** ${t.aliases.map((a) => `\`${a}\``).join(', ')}`);
  if (t.fields.length > 0) {
    const C = L.fieldColumns;
    const rows = t.fields.map((f) => `| \`${f.name}\` | \`${cell(f.type)}\` | ${cell(pick(f.doc, lang))} |`);
    parts.push(`${heading(L.fields, mode)}\n\n| ${C.name} | ${C.type} | ${C.meaning} |\n|---|---|---|\n${rows.join('\n')}`);
  }
  parts.push(...remarkParts(t.remarks, lang, mode, L));
  parts.push(mode === 'page' ? `## ${L.requirements}\n\n| | |\n|---|---|\n| ${L.header} | \`${t.header}\` |` : `**${L.header}:** \`${t.header}\``);
  return parts;
}

function errorParts(e: ErrorEntry, lang: Lang, mode: Mode, L: DocLabels, options: RenderOptions): string[] {
  const hex = `0x${e.value.toString(16).toUpperCase()}`;
  const parts = [codeBlock(`#define ${e.name} ${e.value} // ${hex}`), pick(e.summary, lang)];
  if (e.aliases.length > 0) parts.push(`**${L.aliases}:** ${e.aliases.map((a) => `\`${a}\``).join(', ')}`);
  if (e.note) parts.push(`*${L.note}:* ${pick(e.note, lang)}`);
  if (mode === 'page') {
    const users = allEntries().flatMap((f) =>
      f.kind === 'function' ? f.errors.filter((c) => c.code === e.name || e.aliases.includes(c.code)).map((c) => ({ f, c })) : [],
    );
    if (users.length > 0) {
      const rows = users.map(({ f, c }) => `- ${symbolLink(f.name, options)}: ${pick(c.when, lang)}`);
      parts.push(`## ${L.documentedBy}\n\n${rows.join('\n')}`);
    }
  }
  return parts;
}

function remarkParts(remarks: readonly Remark[], lang: Lang, mode: Mode, L: DocLabels): string[] {
  const shown = mode === 'page' ? remarks : remarks.filter((r) => r.key);
  const more = remarks.length - shown.length;
  if (shown.length === 0 && more === 0) return [];
  const lines = shown.map((r) => `- ${pick(r.text, lang)}`);
  if (mode === 'hover' && more > 0) lines.push(`- *${fill(L.moreRemarks, more)}*`);
  return [`${heading(L.remarks, mode)}\n\n${lines.join('\n')}`];
}

function requirementsPart(f: FunctionEntry, mode: Mode, L: DocLabels): string {
  const r = f.requirements;
  const R = L.requirementRows;
  if (mode === 'hover') {
    return `**${L.requirements}:** \`${r.header}\`, ${r.library}, ${r.dll}; ${r.minClient} / ${r.minServer}`;
  }
  const rows: [string, string][] = [
    [R.header, `\`${r.header}\``],
    [R.library, r.library],
    [R.dll, r.dll],
    [R.minClient, r.minClient],
    [R.minServer, r.minServer],
  ];
  if (r.targetPlatform) rows.push([R.targetPlatform, r.targetPlatform]);
  return `## ${L.requirements}\n\n| | |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${cell(v)} |`).join('\n')}`;
}

function heading(text: string, mode: Mode): string {
  return mode === 'page' ? `## ${text}` : `**${text}**`;
}

function codeBlock(code: string): string {
  return '```c\n' + code.trim() + '\n```';
}

function pick(text: Localized, lang: Lang): string {
  return text[lang];
}

/** Table cells: one line, and `|` must not end the cell. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function errorValue(code: string): string {
  const e = lookupSymbol(code);
  return e?.kind === 'error' ? String(e.value) : '—';
}

function symbolLink(symbol: string, options: RenderOptions): string {
  const target = options.link?.(symbol);
  return target ? `[\`${symbol}\`](${target})` : `\`${symbol}\``;
}

function openLink(symbol: string, L: DocLabels): string {
  return `[${L.openFullPage}](${referenceCommandUri(symbol)})`;
}
