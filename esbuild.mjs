// Builds every target of Winsock Lens. Flags: --production (minified, no source maps),
// --watch (rebuild on change, with problem-matcher friendly output), --tests (also the
// integration-test bundle that runs inside VS Code).
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests') || watch;

/** Prints start/finish and errors in the shape the `$esbuild-watch` problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * Fails the browser build on any import of a Node built-in (core/ and the web entry must not need
 * one). The one exception is web-tree-sitter, whose package.json maps fs, fs/promises and module to
 * nothing for browsers ("browser" field): it reaches them only when it detects Node at run time.
 */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^node:|^(fs|path|os|child_process|crypto|net|url|util|module|worker_threads)(\/|$)/ }, (args) => {
      const fromTreeSitter = /[\\/]node_modules[\\/]web-tree-sitter[\\/]/.test(args.importer);
      if (fromTreeSitter && ['fs', 'fs/promises', 'module'].includes(args.path)) return { path: args.path, namespace: 'browser-empty' };
      return { errors: [{ text: `the browser build imports the Node built-in '${args.path}' (from ${args.importer}); VS Code for the Web has none` }] };
    });
    build.onLoad({ filter: /.*/, namespace: 'browser-empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

const nodeCommon = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  // koffi carries native prebuilds and must be loaded from node_modules at run time.
  external: ['vscode', 'koffi'],
  // web-tree-sitter's ESM build reads import.meta.url, which a CJS bundle lacks: use its CJS build.
  // jsonc-parser's UMD build requires its parts at run time, which a bundle cannot follow: use its ESM build.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs', 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  // The CLI bundles the rule pages (docs/rules/*.md) for SARIF's rule help; the debugger its
  // gdb-side tracer (debug-adapter/winsock/tracer.py).
  loader: { '.md': 'text', '.py': 'text' },
  plugins: [problemMatcherPlugin],
};

const all = [
  { ...nodeCommon, entryPoints: { extension: 'extension/main.ts' }, outdir: 'dist' },
  { ...nodeCommon, entryPoints: { cli: 'cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  { ...nodeCommon, entryPoints: { 'sandbox-worker': 'sandbox/worker.ts' }, outdir: 'dist' },
  // The language server for other editors (`winsock-lens-lsp --stdio`), shipped in the npm package.
  { ...nodeCommon, entryPoints: { 'winsock-lens-lsp': 'lsp/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // VS Code for the Web: the web worker extension host loads dist/web/extension.js (package.json
  // "browser"). platform 'browser' makes any Node built-in that sneaks in a build error.
  {
    bundle: true, format: 'cjs', platform: 'browser', target: 'es2022', minify: production,
    sourcemap: !production, sourcesContent: false, logLevel: 'silent', plugins: [problemMatcherPlugin, noNodeBuiltins],
    external: ['vscode'],
    alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
    entryPoints: { extension: 'extension/browser.ts' }, outdir: 'dist/web',
  },
  // The debug adapter (standalone: `node dist/debugAdapter.js`); its gdb-side tracer is bundled as text.
  { ...nodeCommon, entryPoints: { debugAdapter: 'debug-adapter/adapter.ts' }, outdir: 'dist' },
  {
    bundle: true, format: 'iife', platform: 'browser', target: 'es2022', minify: production,
    sourcemap: !production, sourcesContent: false, logLevel: 'silent', plugins: [problemMatcherPlugin],
    entryPoints: { sandbox: 'webview/sandbox/main.ts' }, outdir: 'dist/webview',
  },
];
if (withTests) {
  all.push({
    ...nodeCommon, minify: false, sourcemap: true,
    entryPoints: { integration: 'test/integration/index.ts' }, outdir: 'out/test',
    external: ['vscode', 'koffi', 'mocha'],
  });
}

// A target whose entry file does not exist yet is skipped, so that features can land one by one.
const targets = all.filter((t) => existsSync(Object.values(t.entryPoints)[0]));

async function copyAssets() {
  await mkdir('dist', { recursive: true });
  const assets = [
    ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/web-tree-sitter.wasm'],
    ['node_modules/tree-sitter-c/tree-sitter-c.wasm', 'dist/tree-sitter-c.wasm'],
    ['node_modules/tree-sitter-cpp/tree-sitter-cpp.wasm', 'dist/tree-sitter-cpp.wasm'],
    // A second copy of web-tree-sitter for the Node bundles to load after a wasm trap (cli/treeSitterCopies.ts).
    ['node_modules/web-tree-sitter/web-tree-sitter.cjs', 'dist/web-tree-sitter.cjs'],
  ];
  for (const [from, to] of assets) await cp(from, to);
  const webviewMedia = 'webview/sandbox/media';
  if (existsSync(webviewMedia)) await cp(webviewMedia, path.join('dist/webview'), { recursive: true });
}

/**
 * koffi is external to the bundles (native prebuilds): ship its runtime beside them, in
 * dist/node_modules/, where `require('koffi')` from dist/*.js finds it first. The .vsix is packed
 * with --no-dependencies, which leaves the root node_modules/ out. Copied: koffi's loader files
 * and every installed prebuild package @koromix/koffi-<os>-<arch> (the host's, plus win32-x64 when
 * it was installed for the Wine route); not its C sources, docs or vendored headers.
 */
async function copyKoffiRuntime() {
  if (!existsSync('node_modules/koffi')) return;
  const out = 'dist/node_modules';
  await rm(out, { recursive: true, force: true });
  const runtimeFile = (src) => {
    const rel = path.relative('node_modules/koffi', src).split(path.sep).join('/');
    if (rel === '' || rel === 'src' || rel === 'src/koffi' || rel === 'src/koffi/src') return true;
    return /^(package\.json|LICENSE\.txt|index\.c?js|indirect\.c?js|src\/koffi\/(index|indirect)\.c?js|src\/koffi\/src\/(static|trampolines)\.c?js)$/.test(rel);
  };
  await cp('node_modules/koffi', `${out}/koffi`, { recursive: true, filter: runtimeFile });
  const scope = 'node_modules/@koromix';
  if (!existsSync(scope)) return;
  for (const name of await readdir(scope)) {
    if (!name.startsWith('koffi-')) continue;
    await cp(path.join(scope, name), `${out}/@koromix/${name}`, {
      recursive: true,
      filter: (src) => !/\.md$/i.test(src),
    });
  }
}

await copyAssets();
await copyKoffiRuntime();
if (watch) {
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.allSettled(targets.map((t) => esbuild.build(t)));
  const failed = results.filter((r) => r.status === 'rejected');
  for (const f of failed) console.error(String(f.reason));
  if (failed.length > 0) process.exit(1);
}
