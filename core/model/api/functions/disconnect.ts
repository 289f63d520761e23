import type { FunctionEntry } from '../../types';

/** The disconnect and lifetime family: WSASendDisconnect and its closest neighbours. */
export const disconnectFunctions: readonly FunctionEntry[] = [];
