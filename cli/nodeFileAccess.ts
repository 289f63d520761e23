// The project model's FileAccess over node:fs: regular files only, none on /proc, /sys or /dev,
// at most MAX_FILE_BYTES (the same rules as the sources themselves).
import type { FileAccess } from '../core/project/fileAccess';
import { MAX_FILE_BYTES, readBytes } from './files';

/** Core paths use forward slashes; node:fs takes them on every platform. */
export const nodeFileAccess: FileAccess = {
  async read(path) {
    const r = readBytes(path, MAX_FILE_BYTES);
    if (r.kind === 'bytes') return r.bytes;
    if (r.kind === 'unreadable' && !/ENOENT|ENOTDIR|EISDIR/.test(r.reason)) throw new Error(r.reason);
    return undefined;
  },
};
