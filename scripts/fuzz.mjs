// `npm run fuzz [-- --count N --seed S --every N --max-ms MS]`: feeds the lint mutated C/C++ files
// (the lint fixtures and examples, cut, repeated, nested, re-lined, salted with tokens) and
// generated shapes of the kinds that once broke it (deep nesting, long else-if chains, huge
// switches, macro bombs, unterminated comments, `!` chains), up to 1 MB each, all from one seed,
// so a run is repeatable. The lint runs in a worker; this thread is the watchdog per input.
// Reports throws, hangs, inputs over --max-ms, the slowest inputs and memory every --every inputs.
// Exit 1 when any input threw, hung or took longer than --max-ms.
import { Worker } from 'node:worker_threads';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const COUNT = arg('count', 20000);
const SEED = arg('seed', 1);
const EVERY = arg('every', Math.max(500, Math.floor(COUNT / 10)));
const MAX_MS = arg('max-ms', 2000);
const HANG_MS = Math.max(10000, MAX_MS * 3);
const MAX_BYTES = 1 << 20;
// `--only N --dump FILE`: generate the inputs up to #N (same seed) and write #N to FILE, to study one.
const ONLY = arg('only', -1);
const dumpAt = process.argv.indexOf('--dump');

// ---- a seeded generator (mulberry32) --------------------------------------------------------
let state = SEED >>> 0;
function rnd() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rnd() * n);
const pick = (xs) => xs[int(xs.length)];

// ---- seeds ----------------------------------------------------------------------------------
function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(c|cc|cpp|h|hpp)$/.test(name) ? [{ file: name, text: readFileSync(p, 'utf8') }] : [];
  });
}
const seeds = [...sources(path.join(root, 'test/fixtures/lint')), ...sources(path.join(root, 'examples'))];

const TOKENS = ['{', '}', '(', ')', ';', '/*', '*/', '//', '"', "'", '#if X\n', '#endif\n', '#else\n', '#define X X+X\n', '\\\n', 'goto cleanup;', 'cleanup:', 'case 1:', 'default:', 'switch (x) {', 'if (x)', 'else', 'while (1)', 'do', 'break;', 'return s;', 'closesocket(s);', 'shutdown(s, SD_SEND);', 'WSASendDisconnect(s, NULL);', 'send(s, b, 1, 0);', 'WSAStartup(v, &d);', 'WSACleanup();', '!', '&&', '||', '?', ':', '\r', '\r\n', '\n', '\t', '\u00e9', '\ud83d\ude00', '\ud800', 'R"(', '[](){', 'template<', 'class C {', '::', '\0'];

const fn = (body) => `void f(SOCKET s, int x) {\n    shutdown(s, SD_SEND);\n${body}\n    send(s, "x", 1, 0);\n    closesocket(s);\n}\n`;
const SHAPES = {
  nest: (n) => fn('{'.repeat(n) + 'closesocket(s);' + '}'.repeat(n)),
  ifs: (n) => fn('if (x) {'.repeat(n) + 'closesocket(s);' + '}'.repeat(n)),
  elseIf: (n) => fn('    if (x == 0) closesocket(s);\n' + Array.from({ length: n }, (_, i) => `    else if (x == ${i + 1}) send(s, "", 0, 0);`).join('\n')),
  switch: (n) => fn('    switch (x) {\n' + Array.from({ length: n }, (_, i) => `    case ${i}: closesocket(s); break;`).join('\n') + '\n    }'),
  bangs: (n) => fn(`    if (${'!'.repeat(n)}send(s, "", 0, 0)) x++;`),
  parens: (n) => fn(`    x = ${'('.repeat(n)}send(s, "", 0, 0)${')'.repeat(n)};`),
  ands: (n) => fn(`    if (${Array.from({ length: n }, (_, i) => `x > ${i}`).join(' && ')}) closesocket(s);`),
  comments: (n) => fn('    // old code\n'.repeat(n)),
  dangling: (n) => '/* x\n'.repeat(n),
  macros: (n) => `#define X ${Array.from({ length: 2 + (n % 4) }, () => 'X').join('+')}\n` + Array.from({ length: n % 60 }, (_, i) => `#define M${i + 1} (M${i} + M${i})`).join('\n') + `\n#define M0 1\n#if X || M${n % 60}\nint a;\n#endif\n`,
  labels: (n) => fn(Array.from({ length: n }, (_, i) => `l${i}: /* c */ if (x == ${i}) goto l${(i * 7) % n};`).join('\n')),
  calls: (n) => fn(Array.from({ length: n }, (_, i) => `    helper_${i}(s);`).join('\n')),
  bigFunction: (n) => fn(Array.from({ length: n }, (_, i) => `    if (x == ${i}) send(s, "abc", 3, 0);`).join('\n')),
};

function mutate(text) {
  const ops = [];
  let t = text;
  const rounds = 1 + int(4);
  for (let r = 0; r < rounds; r++) {
    const at = int(t.length + 1);
    const len = int(Math.min(400, t.length - at + 1));
    switch (int(9)) {
      case 0:
        t = t.slice(0, at) + t.slice(at + len);
        ops.push(`cut ${len}@${at}`);
        break;
      case 1: {
        const times = 1 + int(rnd() < 0.1 ? 2000 : 20);
        t = t.slice(0, at) + t.slice(at, at + len).repeat(times) + t.slice(at);
        ops.push(`repeat ${len}x${times}@${at}`);
        break;
      }
      case 2: {
        const tok = pick(TOKENS);
        const times = rnd() < 0.1 ? 1 + int(3000) : 1;
        t = t.slice(0, at) + tok.repeat(times) + t.slice(at);
        ops.push(`insert ${JSON.stringify(tok)}x${times}@${at}`);
        break;
      }
      case 3:
        t = t.replace(/\r?\n/g, pick(['\r', '\r\n', '\n']));
        ops.push('line ends');
        break;
      case 4:
        t = t.slice(0, at);
        ops.push(`truncate@${at}`);
        break;
      case 5: {
        const depth = 1 + int(rnd() < 0.2 ? 3000 : 30);
        t = t.slice(0, at) + '{'.repeat(depth) + t.slice(at, at + len) + '}'.repeat(depth) + t.slice(at + len);
        ops.push(`nest ${depth}@${at}`);
        break;
      }
      case 6: {
        const n = 1 + int(3000);
        t = t.slice(0, at) + '    // old code\n'.repeat(n) + t.slice(at);
        ops.push(`comment block ${n}@${at}`);
        break;
      }
      case 7: {
        const other = pick(seeds).text;
        const from = int(other.length);
        t = t.slice(0, at) + other.slice(from, from + 1 + int(2000)) + t.slice(at);
        ops.push(`splice@${at}`);
        break;
      }
      default: {
        const lines = t.split('\n');
        const i = int(lines.length);
        const j = int(lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        t = lines.join('\n');
        ops.push(`swap lines ${i},${j}`);
      }
    }
  }
  return { text: t, how: ops.join(', ') };
}

function nextInput(i) {
  if (i % 5 === 4) {
    const name = pick(Object.keys(SHAPES));
    const n = 1 + int(rnd() < 0.3 ? 20000 : 2000);
    let text = SHAPES[name](n);
    if (text.length > MAX_BYTES) text = text.slice(0, MAX_BYTES);
    return { file: pick(['shape.c', 'shape.cpp', 'shape.h']), text, how: `shape ${name}(${n})` };
  }
  const seed = pick(seeds);
  const m = mutate(seed.text);
  const text = m.text.length > MAX_BYTES ? m.text.slice(0, MAX_BYTES) : m.text;
  return { file: seed.file, text, how: `${seed.file}: ${m.how}` };
}

if (ONLY >= 0) {
  let input;
  for (let i = 0; i <= ONLY; i++) input = nextInput(i);
  const out = dumpAt > 0 ? process.argv[dumpAt + 1] : `fuzz-${ONLY}-${input.file}`;
  (await import('node:fs')).writeFileSync(out, input.text);
  console.log(`#${ONLY} (${input.how}), ${input.text.length} bytes, written to ${out}`);
  process.exit(0);
}

// ---- the run ----------------------------------------------------------------------------------
// The lint core bundled once (as the CLI is), so the worker runs the same code without a loader.
const bundle = path.join(root, 'dist', 'fuzz', 'lint-core.cjs');
await build({ stdin: { contents: "export * from './core/lint/index'; export { renewTreeSitterFrom } from './cli/treeSitterCopies';", resolveDir: root, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'warning', alias: { 'web-tree-sitter': path.join(root, 'node_modules/web-tree-sitter/web-tree-sitter.cjs') } });
process.env.WINSOCK_LENS_FUZZ_BUNDLE = bundle;
const workerUrl = new URL('./fuzz-worker.mjs', import.meta.url);
let worker;
function startWorker() {
  worker = new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
  return new Promise((resolve, reject) => {
    const onMessage = (m) => {
      if (m.ready) {
        worker.off('message', onMessage);
        resolve();
      }
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}

function run(input, id) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      worker.removeAllListeners('message');
      worker.removeAllListeners('error');
      void worker.terminate();
      resolve({ hang: true });
    }, HANG_MS);
    worker.once('message', (m) => {
      clearTimeout(timer);
      worker.removeAllListeners('error');
      resolve(m);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      worker.removeAllListeners('message');
      resolve({ error: `worker died: ${err.message}`, died: true });
    });
    worker.postMessage({ id, text: input.text, file: input.file });
  });
}

const started = Date.now();
await startWorker();
const throws = [];
const hangs = [];
const slow = [];
// Inputs on which the wasm parser trapped (reported as a parser-failure notice, not a throw).
const traps = [];
const notices = { 'too-large': 0, 'parser-failure': 0, 'parse-errors': 0 };
let slowest = [];
let maxHeap = 0;
let maxExternal = 0;
let maxRss = 0;
let bytes = 0;
for (let i = 0; i < COUNT; i++) {
  const input = nextInput(i);
  bytes += input.text.length;
  const r = await run(input, i);
  if (r.hang || r.died) {
    (r.hang ? hangs : throws).push({ i, how: input.how, size: input.text.length, error: r.error ?? `no answer in ${HANG_MS} ms` });
    await startWorker();
    continue;
  }
  if (r.error) throws.push({ i, how: input.how, size: input.text.length, error: r.error });
  for (const k of r.notices) notices[k] = (notices[k] ?? 0) + 1;
  if (r.notices.includes('parser-failure')) traps.push({ i, how: input.how, size: input.text.length, reason: r.trap });
  if (r.ms > MAX_MS) {
    slow.push({ i, ms: Math.round(r.ms), how: input.how, size: input.text.length });
    // Said at once too, so a long run shows which input it was (and can be studied with --only) before it ends.
    console.log(`slow: #${i} ${Math.round(r.ms)} ms, ${(input.text.length / 1024).toFixed(0)} KB (${input.how.slice(0, 120)})`);
  }
  slowest.push({ i, ms: r.ms, how: input.how, size: input.text.length });
  if (slowest.length > 20) slowest = slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
  maxHeap = Math.max(maxHeap, r.heap);
  maxExternal = Math.max(maxExternal, r.external);
  maxRss = Math.max(maxRss, r.rss);
  if ((i + 1) % EVERY === 0) {
    const mb = (x) => (x / 1048576).toFixed(0);
    console.log(`${i + 1}/${COUNT} inputs, ${((Date.now() - started) / 1000).toFixed(0)} s: ${throws.length} throws, ${hangs.length} hangs, ${slow.length} over ${MAX_MS} ms; heap ${mb(r.heap)} MB (max ${mb(maxHeap)}), external+wasm ${mb(r.external)} MB (max ${mb(maxExternal)}), rss ${mb(r.rss)} MB`);
  }
}
await worker.terminate();
slowest = slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
const seconds = (Date.now() - started) / 1000;
console.log(`\nfuzz: ${COUNT} inputs (seed ${SEED}, ${(bytes / 1048576).toFixed(0)} MB in all, largest ≤ 1 MB) in ${seconds.toFixed(0)} s`);
console.log(`throws: ${throws.length}; hangs (no answer in ${HANG_MS} ms): ${hangs.length}; over ${MAX_MS} ms: ${slow.length}`);
console.log(`notices: ${Object.entries(notices).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`memory (worker): heap max ${(maxHeap / 1048576).toFixed(0)} MB, external+wasm max ${(maxExternal / 1048576).toFixed(0)} MB, rss max ${(maxRss / 1048576).toFixed(0)} MB`);
console.log('slowest inputs:');
for (const s of slowest) console.log(`  ${s.ms.toFixed(0)} ms, ${(s.size / 1024).toFixed(0)} KB: #${s.i} ${s.how.slice(0, 140)}`);
for (const t of throws.slice(0, 10)) console.log(`THROW #${t.i} (${t.how.slice(0, 120)}): ${t.error}`);
for (const t of traps.slice(0, 10)) console.log(`TRAP #${t.i} (${t.how.slice(0, 120)}), ${(t.size / 1024).toFixed(0)} KB: ${t.reason}`);
for (const h of hangs.slice(0, 10)) console.log(`HANG #${h.i} (${h.how.slice(0, 120)})`);
for (const s of slow.slice(0, 10)) console.log(`SLOW #${s.i} ${s.ms} ms, ${(s.size / 1024).toFixed(0)} KB (${s.how.slice(0, 120)})`);
process.exit(throws.length + hangs.length + slow.length > 0 ? 1 : 0);
