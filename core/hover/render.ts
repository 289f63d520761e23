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

/**
 * The file name of a symbol's reference page. The pages of one language sit side by side, so a
 * page links to another by this relative name (the "See also" links work in the Markdown preview
 * and in a text editor alike).
 */
export function referencePageFileName(symbol: string): string {
  return `${encodeURIComponent(symbol)}.md`;
}

const pageOptions: RenderOptions = { link: (s) => (lookupSymbol(s) ? `./${referencePageFileName(s)}` : undefined) };

/**
 * The hover of an entry, short enough for one screen: the link to the full page first, then the
 * prototype, the one-line summary, each parameter on one line, the return convention, the
 * documented errors on one line (each a link to its page), and the one remark that matters most.
 * Everything else is on the full page.
 */
export function renderHover(entry: ApiEntry, lang: Lang): string {
  return render(entry, lang, 'hover', hoverOptions);
}

/** The full reference page of an entry: every remark, every error, the requirements table, attribution. */
export function renderReferencePage(entry: ApiEntry, lang: Lang, options: RenderOptions = pageOptions): string {
  return render(entry, lang, 'page', options);
}

/** The hover of an integer literal that is a Winsock error code (`err == 10058`). */
export function renderErrorCodeHover(literal: string, entry: ErrorEntry, lang: Lang): string {
  const L = LABELS[lang];
  return [
    openLink(entry.name, L),
    fill(L.numberIsError, literal, entry.name),
    pick(entry.summary, lang),
    ...(entry.note ? [`*${L.note}:* ${pick(entry.note, lang)}`] : []),
  ].join('\n\n');
}

type Mode = 'hover' | 'page';

function render(entry: ApiEntry, lang: Lang, mode: Mode, options: RenderOptions): string {
  const L = LABELS[lang];
  const parts: string[] = [];
  if (mode === 'page') parts.push(`# ${entry.name}`, `*${L.kind[entry.kind]}*`);
  else parts.push(openLink(entry.name, L));
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
  if (mode === 'page') {
    const links = entry.related.map((s) => `- ${symbolLink(s, options)}`);
    if (entry.kind === 'function') for (const page of entry.seeAlsoPages ?? []) links.push(`- [${pick(page.title, lang)}](${page.url})`);
    if (links.length > 0) parts.push(`## ${L.seeAlso}\n\n${links.join('\n')}`);
    parts.push('---', `*${L.attribution}*`);
  }
  return parts.join('\n\n') + '\n';
}

function functionParts(f: FunctionEntry, lang: Lang, mode: Mode, L: DocLabels): string[] {
  return mode === 'hover' ? functionHoverParts(f, lang, L) : functionPageParts(f, lang, L);
}

function functionHoverParts(f: FunctionEntry, lang: Lang, L: DocLabels): string[] {
  const parts = [codeBlock(f.signature), firstSentence(pick(f.summary, lang))];
  if (f.params.length > 0) {
    const rows = f.params.map((p) => `- \`${p.name}\` *(${paramTags(p, L)})*: ${firstSentence(pick(p.doc, lang))}`);
    parts.push(`**${L.parameters}**\n\n${rows.join('\n')}`);
  }
  parts.push(`**${L.returns}:** ${L.returnConvention[f.returns.convention]}`);
  const codes = [...new Set(f.errors.map((e) => e.code))];
  if (codes.length > 0) parts.push(`**${L.errors}:** ${codes.map((c) => symbolLink(c, hoverOptions)).join(' · ')}`);
  parts.push(...leadRemarkPart(f, lang, L));
  return parts;
}

function functionPageParts(f: FunctionEntry, lang: Lang, L: DocLabels): string[] {
  const parts = [codeBlock(f.signature), pick(f.summary, lang)];
  if (f.extension) parts.push(`*${L.extensionFunction}*`);
  if (f.deprecated) parts.push(`> **${L.deprecatedTitle}** ${fill(L.deprecated, f.deprecated.replacement)} ${pick(f.deprecated.note, lang)}`);
  if (f.params.length > 0) {
    const rows = f.params.map((p) => `- \`${p.name}\` \`${p.type}\` *(${paramTags(p, L)})*: ${pick(p.doc, lang)}`);
    parts.push(`## ${L.parameters}\n\n${rows.join('\n')}`);
  }
  parts.push(`## ${L.returnValue}\n\n${pick(f.returns.doc, lang)}`);
  if (f.errors.length > 0) {
    const C = L.errorColumns;
    const rows = f.errors.map((e) => `| \`${e.code}\` | ${errorValue(e.code)} | ${cell(pick(e.when, lang))} |`);
    parts.push(`## ${L.errors}\n\n| ${C.code} | ${C.value} | ${C.when} |\n|---|---|---|\n${rows.join('\n')}`);
  }
  parts.push(...remarkParts(f.remarks, lang, 'page', L));
  parts.push(requirementsPart(f, lang, L));
  return parts;
}

function paramTags(p: FunctionEntry['params'][number], L: DocLabels): string {
  return [L.direction[p.direction], ...(p.optional ? [L.optional] : [])].join(', ');
}

/** The remark the hover shows: the entry's `leadRemark`, else its first key remark. */
export function leadRemark(entry: { readonly remarks: readonly Remark[]; readonly leadRemark?: string }): Remark | undefined {
  return (entry.leadRemark ? entry.remarks.find((r) => r.id === entry.leadRemark) : undefined) ?? entry.remarks.find((r) => r.key);
}

/** The hover's one remark, with how many more the full page has. */
function leadRemarkPart(entry: { readonly remarks: readonly Remark[]; readonly leadRemark?: string }, lang: Lang, L: DocLabels): string[] {
  const lead = leadRemark(entry);
  if (!lead) return [];
  const more = entry.remarks.length - 1;
  return [`**${L.remark}:** ${pick(lead.text, lang)}${more > 0 ? ` *${L.moreRemarks(more)}*` : ''}`];
}

/** The first sentence of a text (the hover keeps one line per item; the page has the rest). */
function firstSentence(text: string): string {
  // A sentence ends at . ! ? followed by a space and a capital letter, a backtick or a digit.
  const m = /^(.+?[.!?])\s+(?=[A-ZА-ЯЁ`0-9])/s.exec(text);
  return m ? m[1]! : text;
}

function constantParts(c: ConstantEntry, lang: Lang, mode: Mode, L: DocLabels): string[] {
  const numeric = c.numeric !== undefined && String(c.numeric) !== c.value ? ` // ${c.numeric}` : '';
  const parts = [codeBlock(`#define ${c.name} ${c.value}${numeric}`), pick(c.summary, lang)];
  parts.push(...remarkParts(c.remarks, lang, mode, L));
  parts.push(mode === 'page' ? `## ${L.requirements}\n\n- **${L.header}:** ${headerText(c.header, lang)}` : `**${L.header}:** ${headerText(c.header, lang)}`);
  return parts;
}

function typeParts(t: TypeEntry, lang: Lang, mode: Mode, L: DocLabels): string[] {
  const parts = [codeBlock(t.definition), pick(t.summary, lang)];
  if (t.aliases.length > 0) parts.push(`**${L.aliases}:** ${t.aliases.map((a) => `\`${a}\``).join(', ')}`);
  if (t.fields.length > 0 && mode === 'page') {
    const C = L.fieldColumns;
    const rows = t.fields.map((f) => `| \`${f.name}\` | \`${cell(f.type)}\` | ${cell(pick(f.doc, lang))} |`);
    parts.push(`${heading(L.fields, mode)}\n\n| ${C.name} | ${C.type} | ${C.meaning} |\n|---|---|---|\n${rows.join('\n')}`);
  }
  parts.push(...remarkParts(t.remarks, lang, mode, L));
  parts.push(mode === 'page' ? `## ${L.requirements}\n\n- **${L.header}:** ${headerText(t.header, lang)}` : `**${L.header}:** ${headerText(t.header, lang)}`);
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
  if (mode === 'hover') return leadRemarkPart({ remarks }, lang, L);
  if (remarks.length === 0) return [];
  return [`## ${L.remarks}\n\n${remarks.map((r) => `- ${pick(r.text, lang)}`).join('\n')}`];
}

/** The requirements as a list (a two-column table would need an empty header row). */
function requirementsPart(f: FunctionEntry, lang: Lang, L: DocLabels): string {
  const r = f.requirements;
  const R = L.requirementRows;
  const rows: [string, string][] = [
    [R.header, headerText(r.header, lang)],
    [R.library, requirementText(r.library, lang)],
    [R.dll, requirementText(r.dll, lang)],
    [R.minClient, requirementText(r.minClient, lang)],
    [R.minServer, requirementText(r.minServer, lang)],
  ];
  if (r.targetPlatform) rows.push([R.targetPlatform, r.targetPlatform]);
  return `## ${L.requirements}\n\n${rows.map(([k, v]) => `- **${k}:** ${v}`).join('\n')}`;
}

/**
 * The SDK's "winsock2.h (include Winsock2.h)": the header once when the file to include is the
 * same one; both names when they differ (`winsock.h`, include `Winsock2.h`).
 */
export function headerText(header: string, lang: Lang): string {
  const m = /^(\S+)\s*\(include\s+(\S+)\)$/.exec(header.trim());
  if (!m) return `\`${header}\``;
  const [, declared, include] = m as unknown as [string, string, string];
  if (declared.toLowerCase() === include.toLowerCase()) return `\`${declared}\``;
  return fill(LABELS[lang].headerIncludeOther, `\`${declared}\``, `\`${include}\``);
}

/** Requirement values in the page's language (the SDK's bracketed app kinds and our own notes). */
export function requirementText(value: string, lang: Lang): string {
  const T = LABELS[lang].requirementPhrases;
  let out = value;
  for (const [en, local] of Object.entries(T)) out = out.split(en).join(local);
  return out;
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
