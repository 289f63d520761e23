// Where the report goes (stdout or --output FILE) and how stream failures end the run: a closed
// pipe (`… | head`) ends it quietly, a full disk or another write error is a clear I/O error with
// exit code 2, never a stack trace.
import { closeSync, openSync, writeSync } from 'node:fs';

export type WriteOutcome = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

function codeOf(err: unknown): string {
  return err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : 'EIO';
}

function describe(err: unknown): string {
  const code = codeOf(err);
  if (code === 'ENOSPC') return 'no space left on the device (ENOSPC)';
  if (code === 'EDQUOT') return 'disk quota exceeded (EDQUOT)';
  if (code === 'EACCES') return 'permission denied (EACCES)';
  if (code === 'ENOENT') return 'the folder does not exist (ENOENT)';
  if (code === 'EISDIR') return 'it is a folder (EISDIR)';
  if (code === 'EROFS') return 'read-only filesystem (EROFS)';
  return err instanceof Error ? err.message : code;
}

/** Writes `text` to the file `path` (created or truncated). */
export function writeFileReport(path: string, text: string): WriteOutcome {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w');
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    closeSync(fd);
    fd = undefined;
    return { ok: true };
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    return { ok: false, code: codeOf(err), message: describe(err) };
  }
}

/**
 * Writes `text` to a process stream and waits until it is handed to the OS (so that a message on
 * the other stream cannot land in the middle of it). Errors come back as an outcome.
 */
export function writeStream(stream: NodeJS.WriteStream, text: string): Promise<WriteOutcome> {
  if (!text) return Promise.resolve({ ok: true });
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: WriteOutcome) => {
      if (settled) return;
      settled = true;
      stream.off('error', onError);
      resolve(o);
    };
    const onError = (err: unknown) => done({ ok: false, code: codeOf(err), message: describe(err) });
    stream.on('error', onError);
    try {
      stream.write(text, (err) => (err ? onError(err) : done({ ok: true })));
    } catch (err) {
      onError(err);
    }
  });
}

/** Later errors on a stream (after a failed write) must not become an uncaught exception. */
export function guardStream(stream: NodeJS.WriteStream): void {
  stream.on('error', () => undefined);
}
