// Source lines of code addresses in a program the adapter built, read with binutils' addr2line
// (beside the MinGW-w64 compiler): the call recorder gives each call's return address relative to
// the program's base, and the journal wants the line of the call. Each address is looked up once.
import { spawn } from 'node:child_process';
import { openSync, readSync, closeSync } from 'node:fs';
import path from 'node:path';

export interface SourceLine {
  readonly file: string;
  readonly line: number;
}

/** addr2line beside `compiler`: `x86_64-w64-mingw32-gcc` → `x86_64-w64-mingw32-addr2line`, `C:\…\gcc.exe` → `C:\…\addr2line.exe`. */
export function addr2lineFor(compiler: string): string {
  const dir = path.dirname(compiler);
  const base = path.basename(compiler).replace(/(?:gcc|g\+\+|c\+\+|cc|clang\+\+|clang)(-\d+)?(\.exe)?$/i, (_m, _v, exe: string | undefined) => `addr2line${exe ?? ''}`);
  return dir === '.' ? base : path.join(dir, base);
}

/** The preferred base address of a PE32+ image (its optional header's ImageBase). */
export function peImageBase(exe: string): bigint {
  const fd = openSync(exe, 'r');
  try {
    const head = Buffer.alloc(4096);
    readSync(fd, head, 0, head.length, 0);
    const pe = head.readUInt32LE(0x3c);
    if (pe + 32 > head.length || head.toString('latin1', pe, pe + 4) !== 'PE\0\0') throw new Error(`${exe} is not a PE image`);
    const optional = pe + 24;
    if (head.readUInt16LE(optional) !== 0x20b) throw new Error(`${exe} is not a 64-bit (PE32+) image`);
    return head.readBigUInt64LE(optional + 24);
  } finally {
    closeSync(fd);
  }
}

export class SourceLineLookup {
  private readonly known = new Map<number, SourceLine | null>();
  private readonly base: bigint;

  constructor(
    private readonly exe: string,
    private readonly addr2line: string,
    /** What relative file names (as the compiler saw them) are relative to. */
    private readonly baseDir: string,
  ) {
    this.base = peImageBase(exe);
  }

  /** The line of the instruction before each return address (`rva`: relative to the image base). */
  async linesOf(rvas: readonly number[]): Promise<Map<number, SourceLine | null>> {
    const missing = [...new Set(rvas)].filter((r) => !this.known.has(r));
    if (missing.length > 0) {
      const found = await this.run(missing.map((r) => `0x${(this.base + BigInt(r) - 1n).toString(16)}`));
      missing.forEach((r, i) => this.known.set(r, found[i] ?? null));
    }
    return new Map(rvas.map((r) => [r, this.known.get(r) ?? null]));
  }

  private run(addresses: string[]): Promise<(SourceLine | null)[]> {
    return new Promise((resolve) => {
      const p = spawn(this.addr2line, ['-e', this.exe, ...addresses], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      p.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      // Without addr2line the journal goes on without lines.
      p.once('error', () => resolve([]));
      p.once('close', () => {
        resolve(
          out.split(/\r?\n/).slice(0, addresses.length).map((l) => {
            const m = /^(.*):(\d+)(?: \(discriminator \d+\))?$/.exec(l.trim());
            return m && m[1] !== '??' && Number(m[2]) > 0 ? { file: path.resolve(this.baseDir, m[1] as string), line: Number(m[2]) } : null;
          }),
        );
      });
    });
  }
}
