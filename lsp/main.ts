// `winsock-lens-lsp --stdio`: the Winsock Lens language server for editors other than VS Code
// (Neovim, Helix, Emacs eglot, …). Reads the .wasm parser files from the folder of this bundle
// (dist/) and points each diagnostic at its rule page in the package's docs/rules/.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeFileAccess } from '../cli/nodeFileAccess';
import { renewTreeSitterFrom } from '../cli/treeSitterCopies';
import { startServer } from './server';

const here = __dirname;
renewTreeSitterFrom(path.join(here, 'web-tree-sitter.cjs'));

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(here, '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const USAGE = `winsock-lens-lsp: the Winsock Lens language server (diagnostics, hover, quick fixes for C and C++).
Usage: winsock-lens-lsp --stdio        talk LSP over stdin/stdout (what editors start)
       winsock-lens-lsp --version
Settings come from the client (workspace/configuration, section "winsockLens"): see README.md.
`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (args.includes('--version')) {
  process.stdout.write(`${packageVersion()}\n`);
  process.exit(0);
}
if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
  process.stderr.write(`winsock-lens-lsp: say how the editor talks to the server: add --stdio (or --node-ipc, --socket=N, --pipe=NAME).\n\n${USAGE}`);
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);
startServer(connection, {
  loadWasm: async (file) => {
    const where = path.join(here, file);
    try {
      return new Uint8Array(await readFile(where));
    } catch (err) {
      throw new Error(`cannot read ${where} (${err instanceof Error ? err.message : String(err)}); reinstall the winsock-lens package`);
    }
  },
  ruleDoc: (rule) => pathToFileURL(path.join(here, '..', 'docs', 'rules', `${rule}.md`)).href,
  version: packageVersion(),
  project: {
    access: nodeFileAccess,
    pathOf: (uri) => (uri.startsWith('file:') ? fileURLToPath(uri).split(path.sep).join('/') : undefined),
  },
});
connection.listen();
