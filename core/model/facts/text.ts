// Everything an entry says in one language, as one string: what a reader of the full page could
// see. Fact checks walk it (a fact counts as stated when its tokens occur here).
import type { ApiEntry, Lang, Localized } from '../types';

function pick(text: Localized | undefined, lang: Lang): string[] {
  return text ? [text[lang]] : [];
}

/** The texts of an entry in one language (Localized fields), plus its language-neutral parts. */
export function entryTexts(entry: ApiEntry, lang: Lang): string[] {
  const out: string[] = [entry.name, ...pick(entry.summary, lang)];
  switch (entry.kind) {
    case 'function':
      out.push(entry.signature);
      for (const p of entry.params) out.push(`${p.name} (${p.type})`, p.doc[lang]);
      out.push(entry.returns.doc[lang]);
      for (const e of entry.errors) out.push(e.code, e.when[lang]);
      for (const r of entry.remarks) out.push(r.text[lang]);
      if (entry.deprecated) out.push(entry.deprecated.replacement, entry.deprecated.note[lang]);
      for (const t of entry.transitions ?? []) out.push(...pick(t.reason, lang), ...pick(t.undetermined, lang));
      {
        const q = entry.requirements;
        out.push(q.header, q.library, q.dll, q.minClient, q.minServer, q.targetPlatform ?? '');
      }
      for (const page of entry.seeAlsoPages ?? []) out.push(page.title[lang], page.url);
      if (entry.extension) out.push(entry.extension.guid);
      break;
    case 'constant':
      out.push(entry.value, entry.header);
      for (const r of entry.remarks) out.push(r.text[lang]);
      break;
    case 'type':
      out.push(...entry.aliases, entry.definition, entry.header);
      for (const f of entry.fields) out.push(f.name, f.type, f.doc[lang]);
      for (const r of entry.remarks) out.push(r.text[lang]);
      break;
    case 'error':
      out.push(...entry.aliases, String(entry.value), ...pick(entry.note, lang));
      break;
  }
  out.push(...entry.related);
  return out.filter((s) => s.length > 0);
}

/** All of `entryTexts` joined with new lines. */
export function entryText(entry: ApiEntry, lang: Lang): string {
  return entryTexts(entry, lang).join('\n');
}

/** Every Localized field of an entry, with a path naming where it sits (for integrity checks). */
export function localizedFields(entry: ApiEntry): { readonly path: string; readonly text: Localized }[] {
  const out: { path: string; text: Localized }[] = [{ path: 'summary', text: entry.summary }];
  switch (entry.kind) {
    case 'function':
      entry.params.forEach((p) => out.push({ path: `params.${p.name}`, text: p.doc }));
      out.push({ path: 'returns', text: entry.returns.doc });
      entry.errors.forEach((e) => out.push({ path: `errors.${e.code}`, text: e.when }));
      entry.remarks.forEach((r) => out.push({ path: `remarks.${r.id}`, text: r.text }));
      if (entry.deprecated) out.push({ path: 'deprecated', text: entry.deprecated.note });
      (entry.transitions ?? []).forEach((t, i) => {
        if (t.reason) out.push({ path: `transitions[${i}].reason`, text: t.reason });
        if (t.undetermined) out.push({ path: `transitions[${i}].undetermined`, text: t.undetermined });
      });
      (entry.seeAlsoPages ?? []).forEach((p, i) => out.push({ path: `seeAlsoPages[${i}]`, text: p.title }));
      break;
    case 'constant':
      entry.remarks.forEach((r) => out.push({ path: `remarks.${r.id}`, text: r.text }));
      break;
    case 'type':
      entry.fields.forEach((f) => out.push({ path: `fields.${f.name}`, text: f.doc }));
      entry.remarks.forEach((r) => out.push({ path: `remarks.${r.id}`, text: r.text }));
      break;
    case 'error':
      if (entry.note) out.push({ path: 'note', text: entry.note });
      break;
  }
  return out;
}
