// Node hosts (the CLI, the language server, the desktop extension, the tests) can load
// web-tree-sitter more than once: each copy of its CJS file has its own wasm instance. The parser
// asks for a fresh copy after a WebAssembly trap, since the trapped instance cannot be used again.
import { createRequire } from 'node:module';
import { provideTreeSitterCopies, type TreeSitterLibrary } from '../core/parse/parser';

/** `file`: web-tree-sitter's CJS build (dist/web-tree-sitter.cjs beside a bundle, or the one in node_modules). */
export function renewTreeSitterFrom(file: string): void {
  const load = createRequire(file);
  provideTreeSitterCopies(() => {
    delete load.cache[file];
    return load(file) as TreeSitterLibrary;
  });
}
