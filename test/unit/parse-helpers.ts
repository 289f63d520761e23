// Test helper: loads the real .wasm files from node_modules (what dist/ ships), for plain-Node tests.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { renewTreeSitterFrom } from '../../cli/treeSitterCopies';
import { CParser, type WasmFile, type WasmLoader } from '../../core/parse/parser';

const where: Record<WasmFile, string> = {
  'web-tree-sitter.wasm': 'node_modules/web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-c.wasm': 'node_modules/tree-sitter-c/tree-sitter-c.wasm',
  'tree-sitter-cpp.wasm': 'node_modules/tree-sitter-cpp/tree-sitter-cpp.wasm',
};

// After a wasm trap the tests' parsers load web-tree-sitter afresh, as the Node hosts do.
renewTreeSitterFrom(path.resolve('node_modules/web-tree-sitter/web-tree-sitter.cjs'));

export const nodeWasmLoader: WasmLoader = async (file) => new Uint8Array(await readFile(path.resolve(where[file])));

let shared: Promise<CParser> | undefined;
/** One parser per test process. */
export function testParser(): Promise<CParser> {
  shared ??= CParser.create(nodeWasmLoader);
  return shared;
}
