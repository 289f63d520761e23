// Reads the snippet files that package.json contributes, as the snippet tests need them.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Contribution {
  language: string;
  path: string;
}

export interface ContributedSnippet {
  /** The snippet's key in its file, which VS Code shows as its name. */
  name: string;
  prefix: string;
  body: string[];
  description: string;
  /** The file, relative to the repository root. */
  file: string;
  /** Every language the file is contributed for. */
  languages: string[];
}

export function snippetContributions(root: string): Contribution[] {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes?: { snippets?: Contribution[] };
  };
  return manifest.contributes?.snippets ?? [];
}

/** The raw JSON object of each contributed file, keyed by its normalised relative path. */
export function snippetFiles(root: string): Map<string, Record<string, unknown>> {
  const files = new Map<string, Record<string, unknown>>();
  for (const c of snippetContributions(root)) {
    const rel = path.normalize(c.path);
    if (files.has(rel)) continue;
    const text = readFileSync(path.join(root, rel), 'utf8');
    try {
      files.set(rel, JSON.parse(text) as Record<string, unknown>);
    } catch (e) {
      throw new Error(`${rel} is not valid JSON (${(e as Error).message}); snippet files here are plain JSON without comments`);
    }
  }
  return files;
}

/** Every snippet of every contributed file, with string fields normalised (arrays joined). */
export function loadContributedSnippets(root: string): ContributedSnippet[] {
  const contributions = snippetContributions(root);
  const out: ContributedSnippet[] = [];
  for (const [file, json] of snippetFiles(root)) {
    const languages = contributions.filter((c) => path.normalize(c.path) === file).map((c) => c.language);
    for (const [name, raw] of Object.entries(json)) {
      const s = raw as { prefix?: unknown; body?: unknown; description?: unknown };
      out.push({
        name,
        prefix: String(s.prefix ?? ''),
        body: Array.isArray(s.body) ? s.body.map(String) : [String(s.body ?? '')],
        description: Array.isArray(s.description) ? s.description.join('\n') : String(s.description ?? ''),
        file,
        languages,
      });
    }
  }
  return out;
}
