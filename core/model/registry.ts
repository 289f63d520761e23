// The API table: every symbol the extension speaks of, looked up by name or alias.
import type { ApiEntry, ErrorEntry, FunctionEntry } from './types';
import { functions } from './api/functions';
import { constants } from './api/constants';
import { types } from './api/types';
import { errors } from './api/errors';

const byName = new Map<string, ApiEntry>();
const errorsByValue = new Map<number, ErrorEntry>();

function add(name: string, entry: ApiEntry): void {
  if (byName.has(name)) throw new Error(`Winsock model: ${name} is defined twice`);
  byName.set(name, entry);
}

for (const entry of [...functions, ...constants, ...types, ...errors]) {
  add(entry.name, entry);
  if (entry.kind === 'type' || entry.kind === 'error') for (const alias of entry.aliases) add(alias, entry);
}
for (const e of errors) errorsByValue.set(e.value, e);

/** The entry a symbol names (aliases included), or undefined. */
export function lookupSymbol(name: string): ApiEntry | undefined {
  return byName.get(name);
}

/** The error whose number this is, or undefined. */
export function lookupErrorByValue(value: number): ErrorEntry | undefined {
  return errorsByValue.get(value);
}

/** The function entry of this name, or undefined. */
export function lookupFunction(name: string): FunctionEntry | undefined {
  const e = byName.get(name);
  return e?.kind === 'function' ? e : undefined;
}

/** Every entry once (aliases not repeated). */
export function allEntries(): readonly ApiEntry[] {
  return [...functions, ...constants, ...types, ...errors];
}
