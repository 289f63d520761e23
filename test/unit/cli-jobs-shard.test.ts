// --jobs and --shard through the real process: worker threads give the same report as one thread,
// and the shards of a tree cover every file exactly once.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { CORPUS, ensureCliBuilt, runCli, tempDir } from './cli-helpers';

const SEND_AFTER = path.join(CORPUS, 'send-after-disconnect', 'trailer-after-shutdown.c');

before(ensureCliBuilt);

function tree(n: number): string {
  const dir = tempDir('tree');
  for (let i = 0; i < n; i++) {
    const sub = path.join(dir, `m${i % 5}`);
    mkdirSync(sub, { recursive: true });
    copyFileSync(SEND_AFTER, path.join(sub, `f${i}.c`));
  }
  return dir;
}

test('--jobs 3 prints exactly what --jobs 1 prints, in the same order', () => {
  const dir = tree(24);
  const one = runCli(['lint', '--jobs', '1', '.'], { cwd: dir });
  const three = runCli(['lint', '--jobs', '3', '.'], { cwd: dir });
  assert.equal(one.status, 1);
  assert.equal(three.status, 1);
  assert.equal(three.stdout, one.stdout);
  assert.equal(three.stdout.split('\n').filter((l) => l.includes('[send-after-disconnect]')).length, 24);
  assert.match(runCli(['lint', '--jobs', '0', '.'], { cwd: dir }).stderr, /'0' is not a number of threads/);
});

test('--shard I/N: every file is in exactly one shard, and the split does not depend on the other files', () => {
  const dir = tree(40);
  const filesOf = (args: string[]) =>
    new Set((JSON.parse(runCli(['lint', '--format', 'json', ...args, '.'], { cwd: dir }).stdout) as { file: string }[]).map((f) => f.file));
  const all = filesOf([]);
  assert.equal(all.size, 40);
  const shards = [1, 2, 3].map((i) => filesOf(['--shard', `${i}/3`]));
  const seen = new Map<string, number>();
  for (const s of shards) for (const f of s) seen.set(f, (seen.get(f) ?? 0) + 1);
  assert.deepEqual([...seen.keys()].sort(), [...all].sort());
  assert.ok([...seen.values()].every((n) => n === 1));
  assert.ok(shards.every((s) => s.size > 0), shards.map((s) => s.size).join(','));
  // Linting one folder alone puts its files in the same shards (the key is the path, not the list).
  const sub = filesOf(['--shard', '2/3', 'm1']);
  for (const f of sub) assert.ok(shards[1]!.has(f), f);
  assert.match(runCli(['lint', '--shard', '4/3', '.'], { cwd: dir }).stderr, /'4\/3' is not a shard/);
  // A shard with no file of a small tree is not a failure.
  const small = tree(1);
  const codes = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => runCli(['lint', '--shard', `${i}/8`, '.'], { cwd: small }).status);
  assert.ok(codes.includes(0) && codes.includes(1), codes.join(','));
});
