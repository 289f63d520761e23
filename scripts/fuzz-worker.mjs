// The fuzz worker: one real linter (web-tree-sitter + the real grammars), one input per message.
// The main thread (scripts/fuzz.mjs) is its watchdog: a worker that does not answer in time is
// terminated and replaced, and that input counts as a hang.
import { parentPort } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';

// The lint core as scripts/fuzz.mjs bundled it (worker threads do not take tsx's loader).
const { createLinter, resolveOptions, renewTreeSitterFrom } = createRequire(import.meta.url)(process.env.WINSOCK_LENS_FUZZ_BUNDLE);

const root = path.resolve(import.meta.dirname, '..');
const where = {
  'web-tree-sitter.wasm': 'node_modules/web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-c.wasm': 'node_modules/tree-sitter-c/tree-sitter-c.wasm',
  'tree-sitter-cpp.wasm': 'node_modules/tree-sitter-cpp/tree-sitter-cpp.wasm',
};
// After a wasm trap the parser loads web-tree-sitter afresh, as the CLI and the editor do.
renewTreeSitterFrom(path.join(root, 'node_modules/web-tree-sitter/web-tree-sitter.cjs'));
const linter = await createLinter(async (file) => new Uint8Array(await readFile(path.join(root, where[file]))));
const options = resolveOptions();

parentPort.on('message', async ({ id, text, file }) => {
  await linter.ready();
  const started = performance.now();
  let error = null;
  let notices = [];
  let findings = 0;
  let trap;
  try {
    const r = linter.checkText(text, file, options);
    notices = r.notices.map((n) => n.kind);
    trap = r.notices.find((n) => n.kind === 'parser-failure')?.message.en;
    findings = r.findings.length;
    // Every finding must point into the text.
    const lines = text.split(/\r\n|\r|\n/).length;
    for (const f of r.findings) if (f.span.start.line >= lines || f.span.end.line >= lines) throw new Error(`finding ${f.rule} at line ${f.span.start.line + 1} of ${lines}`);
  } catch (err) {
    error = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack?.split('\n').slice(1, 4).join('\n')}` : String(err);
  }
  const ms = performance.now() - started;
  const mem = process.memoryUsage();
  parentPort.postMessage({ id, ms, error, trap, notices, findings, heap: mem.heapUsed, external: mem.external + mem.arrayBuffers, rss: mem.rss });
});
parentPort.postMessage({ ready: true });
