// Hover benchmark (plain Node, real WASM parser): cold parser start, full parse, incremental
// re-parse after a one-character edit, and the per-hover work (symbolAt + model lookup + Markdown).
// Run: node --import tsx bench/hover.ts [lines]   (figures are printed, never asserted)
import { performance } from 'node:perf_hooks';
import { CParser, DocumentParse } from '../core/parse/parser';
import { hoverAt } from '../core/hover/hoverAt';
import { definesName } from '../core/hover/symbolAt';
import { nodeWasmLoader } from '../test/unit/parse-helpers';

const FUNCTION = (i: number) => `
int close_conn_${i}(SOCKET s, char *buf, int len)
{
    /* half close, then drain: WSASendDisconnect stops sending */
    if (WSASendDisconnect(s, NULL) == SOCKET_ERROR) {
        int err = WSAGetLastError();
        if (err == 10058 || err == WSAENOTCONN) return err;
    }
    while (recv(s, buf, len, 0) > 0) {
    }
    return closesocket(s);
}
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function main(): Promise<void> {
const targetLines = Number(process.argv[2] ?? 20_000);
let text = '#include <winsock2.h>\n';
for (let i = 0; text.split('\n').length < targetLines; i++) text += FUNCTION(i);
const lines = text.split('\n').length;

let t0 = performance.now();
const parser = await CParser.create(nodeWasmLoader);
const init = performance.now() - t0;

const full: number[] = [];
for (let i = 0; i < 5; i++) {
  t0 = performance.now();
  parser.parse(text, 'c').delete();
  full.push(performance.now() - t0);
}

const doc = new DocumentParse(parser);
doc.update(text, 'c');
const incremental: number[] = [];
let current = text;
const mid = text.indexOf('err == 10058', text.length >> 1);
for (let i = 0; i < 50; i++) {
  current = current.slice(0, mid) + (i % 2 ? 'e' : 'E') + current.slice(mid + 1);
  t0 = performance.now();
  doc.update(current, 'c');
  incremental.push(performance.now() - t0);
}

const tree = doc.update(current, 'c');
const at = current.indexOf('WSASendDisconnect(s', current.length >> 1) + 3;
const num = current.indexOf('10058', current.length >> 1) + 1;
t0 = performance.now();
definesName(tree, 'WSASendDisconnect'); // worst case: the name occurs in every function
const scan = performance.now() - t0;
t0 = performance.now();
definesName(tree, 'WSARecvDisconnect'); // the usual case: few or no occurrences
const scanRare = performance.now() - t0;
const hovers: number[] = [];
for (let i = 0; i < 200; i++) {
  t0 = performance.now();
  const h = hoverAt(tree, i % 2 ? at : num, i % 4 < 2 ? 'en' : 'ru');
  hovers.push(performance.now() - t0);
  if (!h) throw new Error('no hover in the benchmark text');
}
doc.dispose();
parser.dispose();

console.log(`text: ${lines} lines, ${(text.length / 1024).toFixed(0)} KiB of C`);
console.log(`parser cold start (runtime + C + C++ grammars): ${init.toFixed(1)} ms`);
console.log(`full parse: median ${median(full).toFixed(1)} ms (${((text.length / 1024 / 1024) / (median(full) / 1000)).toFixed(1)} MB/s)`);
console.log(`incremental re-parse after a one-character edit (diff + edit + parse): median ${median(incremental).toFixed(2)} ms`);
console.log(`own-definition check, once per name and tree version: ${scan.toFixed(1)} ms for a name called in every function, ${scanRare.toFixed(2)} ms for an absent name`);
console.log(`hoverAt (symbolAt + lookup + Markdown, after the scan): median ${median(hovers).toFixed(3)} ms, max ${Math.max(...hovers).toFixed(2)} ms`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
