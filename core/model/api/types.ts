import type { TypeEntry } from '../types';

export const types: readonly TypeEntry[] = [];
