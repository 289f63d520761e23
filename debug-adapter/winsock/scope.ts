// The Sockets scope and the Winsock calls journal as plain trees of {name, value, children}: no DAP
// here; the variables handler turns them into DAP variables. The kernel's TCP state comes in
// through an injected lookup (/proc/net/tcp on Linux, GetExtendedTcpTable on Windows).
import { msg, type AdapterLang } from '../strings';
import { describeError, stateLabel, type JournalEntry, type SockAddr, type SocketRecord, type WinsockTracker } from './tracker';

export interface TreeNode {
  readonly name: string;
  readonly value: string;
  readonly children?: readonly TreeNode[];
}

/** The kernel's TCP state of a connection (undefined: no row; null: the lookup is not available). */
/** What the kernel's table says of a socket: its TCP state, and its local address when the row has one. */
export interface KernelTcpRow {
  readonly state: string;
  readonly local?: SockAddr;
}
/** The kernel's row for a socket's ports; undefined: no row; null: no table on this system. */
export type KernelTcpLookup = (local: SockAddr | undefined, peer: SockAddr | undefined, listening?: boolean) => KernelTcpRow | undefined | null;

function addr(a: SockAddr | undefined, lang: AdapterLang): string {
  if (!a) return msg(lang, 'notKnown');
  if (a.family !== 2) return `family ${a.family}`;
  return `${a.ip}:${a.port}`;
}

function since(s: SocketRecord, lang: AdapterLang): string {
  return s.since.line !== undefined ? msg(lang, 'since', s.since.fn, s.since.line) : msg(lang, 'sinceNoLine', s.since.fn);
}

export function socketSummary(s: SocketRecord, kernel: string | undefined | null, lang: AdapterLang): string {
  const k = kernel ? `, ${kernel}` : '';
  return `${stateLabel(s.state, lang)} (${since(s, lang)})${k}`;
}

export function socketsTree(tracker: WinsockTracker, kernelTcp: KernelTcpLookup, lang: AdapterLang): TreeNode[] {
  const out: TreeNode[] = [];
  for (const s of tracker.sockets.values()) {
    // A closed socket is looked up too: its connection may live on in the kernel (TIME_WAIT).
    const kernel = s.local?.port || s.peer?.port || s.state !== 'closed' ? kernelTcp(s.local, s.peer, s.state === 'listening') : undefined;
    const kernelText = kernel === null ? msg(lang, 'noProcNet') : kernel?.state ?? msg(lang, 'noKernelRow');
    // The program did not ask (getsockname), or holds a wildcard (an accepted socket takes its
    // listener's 0.0.0.0): the kernel's row knows the address the connection uses.
    const local = kernel?.local && (!s.local || !s.local.ip || s.local.ip === '0.0.0.0') ? kernel.local : s.local;
    const label = stateLabel(s.state, lang);
    out.push({
      name: `socket ${s.handle}`,
      value: socketSummary(s, kernel === null ? null : kernel?.state, lang),
      children: [
        { name: 'handle', value: String(s.handle) },
        { name: msg(lang, 'socketState'), value: `${label === s.state ? '' : `${s.state}: `}${label} (${since(s, lang)})` },
        { name: msg(lang, 'kernelState'), value: kernelText },
        { name: msg(lang, 'localAddress'), value: addr(local, lang) },
        { name: msg(lang, 'peerAddress'), value: addr(s.peer, lang) },
        { name: msg(lang, 'bytesSent'), value: String(s.sent) },
        { name: msg(lang, 'bytesReceived'), value: String(s.received) },
        { name: msg(lang, 'lastCall'), value: s.lastCall ? `${s.lastCall} → ${s.lastResult}` : msg(lang, 'none') },
        { name: msg(lang, 'lastError'), value: s.lastError !== undefined ? describeError(s.lastError, lang) : msg(lang, 'none') },
      ],
    });
  }
  return out;
}

function argText(v: number): string {
  return v > 0xffff ? `0x${v.toString(16)}` : String(v);
}

/** One line of the journal: `send(56, 0x140004005, 5, 0) = -1 WSAESHUTDOWN · send-shut → send-shut · line 20`. */
/**
 * One journal entry as a console line. With `mainFile` (the program's source), a call in another
 * file names that file after its line; without it (a user-built .exe), every known file is named.
 */
export function journalLine(j: JournalEntry, lang: AdapterLang, mainFile?: string): string {
  const c = j.call;
  const err = j.errorName ? ` ${j.errorName}` : '';
  const states = j.before || j.after ? ` · ${j.before ?? '?'} → ${j.after ?? '?'}` : '';
  const where = c.file && c.file !== mainFile ? ` (${c.file.split(/[\\/]/).pop()})` : '';
  const line = c.line !== undefined ? ` · ${msg(lang, 'callLine')} ${c.line}${where}` : '';
  const mismatch = j.mismatch ? ` · ${msg(lang, 'callModel')}: ${j.mismatch[lang]}` : '';
  return `${c.fn}(${c.args.map(argText).join(', ')}) = ${c.ret}${err}${states}${line}${mismatch}`;
}

export function callsTree(tracker: WinsockTracker, lang: AdapterLang, last = 100): TreeNode[] {
  return tracker.journal.slice(-last).map((j) => ({
    name: `#${j.call.seq} ${j.call.fn}`,
    value: journalLine(j, lang),
    children: [
      { name: msg(lang, 'callArgs'), value: j.call.args.map(argText).join(', ') },
      { name: msg(lang, 'callReturn'), value: String(j.call.ret) },
      { name: msg(lang, 'callError'), value: j.call.failed ? describeError(j.call.err, lang) : msg(lang, 'none') },
      { name: msg(lang, 'callStates'), value: `${j.before ?? '—'} → ${j.after ?? '—'}` },
      { name: msg(lang, 'callLine'), value: j.call.line !== undefined ? `${j.call.file ?? ''}:${j.call.line}` : msg(lang, 'notKnown') },
      { name: msg(lang, 'callModel'), value: j.mismatch ? j.mismatch[lang] : j.prediction ? (j.prediction.uncertain ? j.prediction.reason[lang] : msg(lang, 'modelAgrees')) : msg(lang, 'notKnown') },
    ],
  }));
}
