import type { FunctionEntry } from '../types';

export const functions: readonly FunctionEntry[] = [];
