// Native Windows cannot run here, so the start-up for it is checked against a FAKE gdb process
// (injected through the backend's process factory) that answers every MI command: on win32 the
// debuggee runs gdb alone (no wine, no gdbserver.exe), passes the arguments and working folder,
// starts the program to main with `-exec-run --start`, and loads the Winsock tracer only then.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import type { ChildProcess } from 'node:child_process';
import { Debuggee } from '../../debug-adapter/debuggee';
import type { ProcessFactory } from '../../debug-adapter/gdb/backend';

function fakeGdb(commands: string[], spawned: string[]): ProcessFactory {
  return (command) => {
    spawned.push(command);
    const proc = new EventEmitter() as ChildProcess & EventEmitter;
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const stdin = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          const m = /^(\d+)(.*)$/.exec(line);
          if (!m) continue;
          const [, token, cmd] = m as unknown as [string, string, string];
          commands.push(cmd);
          if (cmd.startsWith('-exec-run')) {
            stdout.write(`${token}^running\n*running,thread-id="all"\n`);
            setTimeout(() => stdout.write('*stopped,reason="breakpoint-hit",disp="del",bkptno="1",frame={func="main",file="a.c",fullname="C:\\\\a.c",line="5"},thread-id="1",stopped-threads="all"\n'), 5);
          } else if (cmd.startsWith('-gdb-exit')) {
            stdout.write(`${token}^exit\n`);
            setTimeout(() => proc.emit('exit', 0, null), 1);
          } else stdout.write(`${token}^done\n(gdb) \n`);
        }
        done();
      },
    });
    Object.assign(proc, { stdin, stdout, stderr, pid: 4242, kill: () => proc.emit('exit', null, 'SIGKILL') });
    setImmediate(() => proc.emit('spawn'));
    return proc;
  };
}

describe('native Windows start-up (fake gdb process)', () => {
  it('runs gdb alone, starts the program to main, then loads the tracer', async () => {
    const commands: string[] = [];
    const spawned: string[] = [];
    const work = mkdtempSync(path.join(os.tmpdir(), 'winsock-lens-native-'));
    const d = new Debuggee(fakeGdb(commands, spawned));
    try {
      await d.start({
        exe: 'C:\\work\\client.exe', args: ['127.0.0.1', '5000'], cwd: 'C:\\work', env: {},
        gdbPath: 'gdb.exe', winePath: 'wine', gdbserverPath: 'unused', native: true,
        tracerScript: '# tracer', workDir: work, traceWinsock: true,
      });
      assert.deepEqual(spawned, ['gdb.exe'], 'no wine, no gdbserver.exe');
      assert.ok(commands.includes('-exec-arguments "127.0.0.1" "5000"'));
      assert.ok(commands.includes('-environment-cd "C:\\\\work"'));
      const run = commands.indexOf('-exec-run --start');
      const tracer = commands.findIndex((c) => c.includes('python wsl_setup('));
      assert.ok(run >= 0 && tracer > run, `the tracer is loaded after the program reached main: ${commands.join(' | ')}`);
      assert.ok(!commands.some((c) => c.startsWith('-target-select')), 'no remote target');
      assert.ok(!commands.some((c) => c.includes('skip -gfi')), 'no Wine DLL skip');
      assert.ok(commands.indexOf('-gdb-set mi-async on') < run, 'mi-async before the program runs');
    } finally {
      await d.end();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
