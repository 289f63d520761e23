import type { FunctionEntry } from '../types';
import { disconnectFunctions } from './functions/disconnect';
import { socketIoFunctions } from './functions/socket-io';

export const functions: readonly FunctionEntry[] = [...disconnectFunctions, ...socketIoFunctions];
