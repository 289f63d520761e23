import type { FunctionEntry } from '../../types';

/** Creating, connecting, sending, receiving and configuring sockets. */
export const socketIoFunctions: readonly FunctionEntry[] = [];
