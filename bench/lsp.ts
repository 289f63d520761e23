// Language server benchmark: winsock-lens-lsp (the bundle dist/winsock-lens-lsp.js, started as an
// editor starts it, `--stdio`) on a generated C file of 5,000 lines (argument: another count),
// driven over JSON-RPC by vscode-languageserver-protocol's own client-side connection.
// Figures: first diagnostics after didOpen (cold: the grammars load during initialize), the
// diagnostics after a one-character edit (the server's 150 ms debounce subtracted and also shown),
// hover round trips (median and 95th percentile of 60). The peer is the same work done in-process
// by the core (no LSP, no JSON-RPC, no process boundary): the ratio is what the server adds.
// Run: npm run bench:lsp [-- lines]   (needs `node esbuild.mjs`; figures are printed, never asserted)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, HoverRequest,
  InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { createLinter, resolveOptions } from '../core/lint/index';
import { hoverAt } from '../core/hover/hoverAt';
import { CParser, DocumentParse } from '../core/parse/parser';
import { preprocess } from '../core/parse/preprocessor';
import { nodeWasmLoader } from '../test/unit/parse-helpers';

const root = path.resolve(__dirname, '..');
const DEBOUNCE_MS = 150;

const FUNCTION = (i: number) => `
int finish_${i}(SOCKET s, const char *bye, int len)
{
    /* stop sending, then say goodbye: the send fails with WSAESHUTDOWN */
    if (WSASendDisconnect(s, NULL) == SOCKET_ERROR) {
        int err = WSAGetLastError();
        closesocket(s);
        return err;
    }
    send(s, bye, len, 0);
    char buf[256];
    while (recv(s, buf, sizeof buf, 0) > 0) {
    }
    return closesocket(s);
}
`;

function stats(xs: number[]): { median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[s.length >> 1]!, p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]! };
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main(): Promise<void> {
  const targetLines = Number(process.argv[2] ?? 5_000);
  let text = '#include <winsock2.h>\n';
  for (let i = 0; text.split('\n').length < targetLines; i++) text += FUNCTION(i);
  const lines = text.split('\n');
  const hoverLines = lines.flatMap((l, i) => (l.includes('if (WSASendDisconnect(') ? [i] : []));
  const uri = pathToFileURL(path.join(root, 'out', 'bench-lsp.c')).href;

  const child = spawn(process.execPath, [path.join(root, 'dist/winsock-lens-lsp.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters: { version: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    for (const w of waiters.splice(0)) {
      if (p.uri === uri && p.version === w.version) w.resolve(p);
      else waiters.push(w);
    }
  });
  conn.listen();
  const diagnosticsFor = (version: number) => new Promise<PublishDiagnosticsParams>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version} within 60 s`)), 60_000);
    waiters.push({ version, resolve: (p) => { clearTimeout(timer); resolve(p); } });
  });

  try {
    const t0 = performance.now();
    await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, locale: 'en' });
    await conn.sendNotification(InitializedNotification.type, {});
    const initMs = performance.now() - t0;
    let version = 1;
    const t1 = performance.now();
    const first = diagnosticsFor(version);
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'c', version, text } });
    const firstDiagnostics = (await first).diagnostics.length;
    const openMs = performance.now() - t1;

    // One-character edits in the middle of the file (a space into a comment line, then out again).
    const editTimes: number[] = [];
    const mid = hoverLines[hoverLines.length >> 1]! - 1;
    for (let i = 0; i < 10; i++) {
      version++;
      const done = diagnosticsFor(version);
      const t = performance.now();
      const change = i % 2 === 0
        ? { range: { start: { line: mid, character: 0 }, end: { line: mid, character: 0 } }, text: ' ' }
        : { range: { start: { line: mid, character: 0 }, end: { line: mid, character: 1 } }, text: '' };
      await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
      await done;
      editTimes.push(performance.now() - t);
    }

    const hoverTimes: number[] = [];
    let hoverChars = 0;
    for (let i = 0; i < 60; i++) {
      const line = hoverLines[Math.floor((i / 60) * hoverLines.length)]!;
      const character = lines[line]!.indexOf('WSASendDisconnect') + 3;
      const t = performance.now();
      const h = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
      hoverTimes.push(performance.now() - t);
      if (!h) throw new Error(`no hover at ${line}:${character}`);
      hoverChars = typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value.length : 0;
    }

    // The peer: the same lint and hover in this process, straight through the core.
    const parser = await CParser.create(nodeWasmLoader);
    const linter = await createLinter(parser);
    const options = resolveOptions({});
    const tl = performance.now();
    const coreFindings = linter.lintText(text, 'bench.c', options).length;
    const coreLintMs = performance.now() - tl;
    const parse = new DocumentParse(parser, (t) => preprocess(t, options.defines).text);
    const tree = parse.update(text, 'c');
    const coreHover: number[] = [];
    for (let i = 0; i < 60; i++) {
      const line = hoverLines[Math.floor((i / 60) * hoverLines.length)]!;
      const offset = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + lines[line]!.indexOf('WSASendDisconnect') + 3;
      const t = performance.now();
      hoverAt(tree, offset, 'en');
      coreHover.push(performance.now() - t);
    }
    parse.dispose();
    linter.dispose();
    parser.dispose();

    const edit = stats(editTimes);
    const hover = stats(hoverTimes);
    const peerHover = stats(coreHover);
    console.log(`winsock-lens-lsp on a ${lines.length}-line C file (${(text.length / 1024).toFixed(0)} KiB), Node ${process.version}`);
    console.log(`  initialize (server start, grammars loading)       ${ms(initMs)}`);
    console.log(`  didOpen → diagnostics (${firstDiagnostics} findings)          ${ms(openMs)}`);
    console.log(`  edit → diagnostics, median / p95                  ${ms(edit.median)} / ${ms(edit.p95)}  (of which ${DEBOUNCE_MS} ms debounce: work ${ms(edit.median - DEBOUNCE_MS)})`);
    console.log(`  hover round trip, median / p95 (${hoverChars} chars)     ${ms(hover.median)} / ${ms(hover.p95)}`);
    console.log(`peer: the core in-process (no server)`);
    console.log(`  full lint of the file (${coreFindings} findings)             ${ms(coreLintMs)}   ratio didOpen/peer ${(openMs / coreLintMs).toFixed(2)}`);
    console.log(`  hoverAt, median                                   ${ms(peerHover.median)}   ratio LSP/peer ${(hover.median / Math.max(peerHover.median, 0.001)).toFixed(1)}`);
  } finally {
    conn.dispose();
    child.kill();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
