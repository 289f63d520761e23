// The backend for this platform: ws2_32 on Windows, posix elsewhere.
import type { Backend } from '../backend';
import { PosixBackend } from './posix';
import { Ws2_32Backend } from './ws2_32';

export function createBackend(platform: NodeJS.Platform = process.platform): Backend {
  return platform === 'win32' ? new Ws2_32Backend() : new PosixBackend();
}
