import type { ConstantEntry } from '../types';

export const constants: readonly ConstantEntry[] = [];
