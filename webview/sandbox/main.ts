// The sandbox panel's browser side. It draws what the host sends (PanelState) and posts typed
// WebviewToHost messages; the host validates every one. All text comes from the host (localised
// there) and is set with textContent, never parsed as HTML. State survives hide/show through the
// webview's getState/setState.
import type {
  HostToWebview,
  JournalEntry,
  PanelState,
  PeerBehaviour,
  RecipeId,
  SandboxCall,
  SocketView,
  StateDiagram,
  WebviewToHost,
} from '../../core/protocol/sandbox';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

const RECIPE_IDS: readonly RecipeId[] = ['graceful-close', 'send-after-disconnect', 'reuse-after-disconnect', 'disconnect-data-on-tcp', 'close-without-shutdown'];
const BEHAVIOURS: readonly PeerBehaviour[] = ['echo', 'sink', 'send-then-close', 'abortive-reset', 'silent'];
const CALL_FORMS = [
  'WSAStartup', 'WSACleanup', 'socket', 'connect', 'send', 'recv', 'shutdown', 'WSASendDisconnect', 'WSARecvDisconnect',
  'setsockopt SO_LINGER', 'setsockopt SO_DONTLINGER', 'closesocket', 'DisconnectEx', 'WSAGetLastError', 'WSAEnumProtocolsW',
] as const;
type CallForm = (typeof CALL_FORMS)[number];

/** What the webview remembers across hide/show (and a reload, through the serializer). */
interface SavedState {
  panel?: PanelState;
  selectedSocket?: number;
  form?: CallForm;
  fields?: Record<string, string>;
  peerBehaviour?: PeerBehaviour;
  openDetails?: number[];
}

const saved: SavedState = (() => {
  const s = vscode.getState();
  return s && typeof s === 'object' ? (s as SavedState) : {};
})();
let panel: PanelState | undefined = saved.panel;
let errorMessage: string | undefined;

function save(): void {
  vscode.setState(saved);
}
function post(m: WebviewToHost): void {
  if (errorMessage !== undefined && m.type !== 'ready') {
    errorMessage = undefined;
    render();
  }
  vscode.postMessage(m);
}
function str(key: string, ...args: (string | number)[]): string {
  let s = panel?.strings[key] ?? key;
  args.forEach((a, i) => (s = s.replace(`{${i}}`, String(a))));
  return s;
}

// ---- tiny DOM helpers ------------------------------------------------------------------------

type Attrs = Record<string, string | number | boolean | undefined>;
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | undefined | false)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== undefined && c !== false) el.append(c);
  return el;
}
const SVG = 'http://www.w3.org/2000/svg';
function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== false) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}
function button(label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

// ---- sections ----------------------------------------------------------------------------------

function header(p: PanelState): HTMLElement {
  const status = h('p', { class: `status status-${p.status}`, role: 'status', id: 'status' }, str(`status.${p.status}`));
  if (p.statusMessage) status.append(h('span', { class: 'status-detail' }, ` ${p.statusMessage}`));
  return h(
    'header',
    {},
    h('h1', {}, str('title')),
    h('p', { class: 'backend', id: 'backend' }, `${str('backend')}: `, h('strong', {}, p.backend ?? '…'), p.platform ? ` (${p.platform})` : ''),
    status,
    h(
      'div',
      { class: 'actions', role: 'group', 'aria-label': str('actions') },
      button(str('exportC'), () => post({ type: 'exportC' }), { id: 'export-c' }),
      button(str('clear'), () => post({ type: 'clear' }), { id: 'clear', class: 'secondary' }),
      button(str('restart'), () => post({ type: 'restart' }), { id: 'restart', class: 'secondary' }),
    ),
    errorMessage ? h('p', { class: 'error-banner', role: 'alert' }, errorMessage) : undefined,
  );
}

function recipes(): HTMLElement {
  const list = h('ul', { class: 'recipes' });
  for (const id of RECIPE_IDS) {
    const desc = `recipe-${id}-desc`;
    list.append(
      h(
        'li',
        {},
        button(str(`recipe.${id}`), () => post({ type: 'recipe', recipe: id }), { id: `recipe-${id}`, 'data-recipe': id, 'aria-describedby': desc }),
        h('p', { class: 'hint', id: desc }, str(`recipe.${id}.description`)),
      ),
    );
  }
  return h('section', { 'aria-labelledby': 'recipes-h' }, h('h2', { id: 'recipes-h' }, str('recipes')), list);
}

function peerSection(p: PanelState): HTMLElement {
  const select = h('select', { id: 'peer-behaviour' });
  const current = saved.peerBehaviour ?? p.peer?.behaviour ?? 'echo';
  for (const b of BEHAVIOURS) {
    const o = h('option', { value: b }, str(`behaviour.${b}`));
    o.selected = b === current;
    select.append(o);
  }
  select.addEventListener('change', () => {
    saved.peerBehaviour = select.value as PeerBehaviour;
    save();
  });
  const info = p.peer ? `${str(`behaviour.${p.peer.behaviour}`)}; ${str('peerPort', p.peer.port)}` : str('peerNotRunning');
  return h(
    'section',
    { 'aria-labelledby': 'peer-h' },
    h('h2', { id: 'peer-h' }, str('peer')),
    h('p', { class: 'peer-info', id: 'peer-info' }, info),
    h('div', { class: 'row' }, h('label', { for: 'peer-behaviour' }, str('peerBehaviour')), select, button(str('peerStart'), () => post({ type: 'peer', behaviour: select.value as PeerBehaviour }), { id: 'peer-start' })),
  );
}

/** A labelled input whose value is remembered. */
function field(key: string, label: string, input: HTMLInputElement | HTMLSelectElement): HTMLElement {
  input.id = `f-${key}`;
  const fields = (saved.fields ??= {});
  const stored = fields[key];
  if (stored !== undefined) {
    if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = stored === 'true';
    else input.value = stored;
  }
  input.addEventListener('change', () => {
    fields[key] = input instanceof HTMLInputElement && input.type === 'checkbox' ? String(input.checked) : input.value;
    save();
  });
  return h('div', { class: 'row' }, h('label', { for: input.id }, label), input);
}
function options(values: readonly string[], labels?: readonly string[]): HTMLSelectElement {
  const sel = h('select');
  values.forEach((v, i) => sel.append(h('option', { value: v }, labels?.[i] ?? v)));
  return sel;
}
const value = (key: string) => (document.getElementById(`f-${key}`) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
const checked = (key: string) => (document.getElementById(`f-${key}`) as HTMLInputElement | null)?.checked ?? false;

function callForm(p: PanelState): HTMLElement {
  const form = h('form', { class: 'call-form', id: 'call-form' });
  const which = options(CALL_FORMS);
  which.id = 'f-form';
  which.value = saved.form ?? 'socket';
  const args = h('div', { class: 'args' });
  const live = p.sockets.filter((x) => x.state !== 'closed');
  const fillArgs = () => {
    args.replaceChildren();
    const f = which.value as CallForm;
    const needsSocket = !['WSAStartup', 'WSACleanup', 'socket', 'WSAGetLastError', 'WSAEnumProtocolsW'].includes(f);
    if (needsSocket) {
      const sel = h('select');
      if (live.length === 0) sel.append(h('option', { value: '' }, str('noSocketArg')));
      for (const so of live) sel.append(h('option', { value: String(so.handle) }, `${so.name ?? so.handle} (${so.handle})`));
      if (saved.selectedSocket !== undefined && live.some((x) => x.handle === saved.selectedSocket)) sel.value = String(saved.selectedSocket);
      args.append(field('socket', str('socketArg'), sel));
    }
    if (f === 'socket') {
      args.append(field('af', str('addressFamily'), options(['AF_INET', 'AF_INET6'])), field('type', str('socketType'), options(['SOCK_STREAM', 'SOCK_DGRAM'])));
    } else if (f === 'send') {
      args.append(field('text', str('text'), h('input', { type: 'text', value: 'hello', maxlength: 65536 })));
    } else if (f === 'recv') {
      args.append(field('maxBytes', str('maxBytes'), h('input', { type: 'number', value: 512, min: 1, max: 65536 })));
    } else if (f === 'shutdown') {
      args.append(field('how', str('how'), options(['SD_SEND', 'SD_RECEIVE', 'SD_BOTH'])));
    } else if (f === 'WSASendDisconnect') {
      args.append(
        field('dataMode', str('how'), options(['null', 'buffer'], [str('dataNull'), str('dataBuffer')])),
        field('data', str('text'), h('input', { type: 'text', value: 'bye', maxlength: 65536 })),
      );
    } else if (f === 'WSARecvDisconnect') {
      args.append(field('wantData', str('wantData'), h('input', { type: 'checkbox' })));
    } else if (f === 'setsockopt SO_LINGER') {
      args.append(
        field('onoff', str('onoff'), h('input', { type: 'number', value: 1, min: 0, max: 65535 })),
        field('linger', str('linger'), h('input', { type: 'number', value: 0, min: 0, max: 65535 })),
      );
    } else if (f === 'setsockopt SO_DONTLINGER') {
      args.append(field('dontLinger', 'SO_DONTLINGER', h('input', { type: 'checkbox', checked: true })));
    } else if (f === 'DisconnectEx') {
      args.append(field('reuse', str('reuse'), h('input', { type: 'checkbox', checked: true })));
    }
  };
  which.addEventListener('change', () => {
    saved.form = which.value as CallForm;
    save();
    fillArgs();
  });
  fillArgs();
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const call = buildCall(which.value as CallForm);
    if (call) post({ type: 'call', call });
    else {
      errorMessage = str('needSocket');
      render();
    }
  });
  form.append(
    h('div', { class: 'row' }, h('label', { for: 'f-form' }, str('function')), which),
    args,
    h('div', { class: 'row' }, h('button', { type: 'submit', id: 'call-submit' }, str('callButton'))),
  );
  return h('section', { 'aria-labelledby': 'calls-h' }, h('h2', { id: 'calls-h' }, str('calls')), form);
}

function buildCall(f: CallForm): SandboxCall | undefined {
  const socket = Number(value('socket'));
  const hasSocket = value('socket') !== '' && Number.isInteger(socket);
  switch (f) {
    case 'WSAStartup':
    case 'WSACleanup':
    case 'WSAGetLastError':
    case 'WSAEnumProtocolsW':
      return { fn: f };
    case 'socket':
      return { fn: 'socket', af: value('af') === 'AF_INET6' ? 'AF_INET6' : 'AF_INET', type: value('type') === 'SOCK_DGRAM' ? 'SOCK_DGRAM' : 'SOCK_STREAM' };
  }
  if (!hasSocket) return undefined;
  switch (f) {
    case 'connect':
      return { fn: 'connect', socket, address: 'peer', port: 0 };
    case 'send':
      return { fn: 'send', socket, text: value('text') };
    case 'recv':
      return { fn: 'recv', socket, maxBytes: Number(value('maxBytes')) };
    case 'shutdown':
      return { fn: 'shutdown', socket, how: value('how') as 'SD_SEND' | 'SD_RECEIVE' | 'SD_BOTH' };
    case 'WSASendDisconnect':
      return { fn: 'WSASendDisconnect', socket, data: value('dataMode') === 'buffer' ? value('data') : null };
    case 'WSARecvDisconnect':
      return { fn: 'WSARecvDisconnect', socket, wantData: checked('wantData') };
    case 'setsockopt SO_LINGER':
      return { fn: 'setsockopt', socket, option: { name: 'SO_LINGER', onoff: Number(value('onoff')), linger: Number(value('linger')) } };
    case 'setsockopt SO_DONTLINGER':
      return { fn: 'setsockopt', socket, option: { name: 'SO_DONTLINGER', value: checked('dontLinger') } };
    case 'closesocket':
      return { fn: 'closesocket', socket };
    case 'DisconnectEx':
      return { fn: 'DisconnectEx', socket, reuse: checked('reuse') };
  }
}

function socketsSection(p: PanelState): HTMLElement {
  // "No sockets yet" only while the session has had none: once the journal names one (and the
  // diagram shows it), an empty table means they are all closed.
  const everHad = p.journal.some((e) => e.side === 'app' && (e.socketName !== undefined || e.newSocketName !== undefined));
  const body =
    p.sockets.length === 0
      ? h('p', { class: 'hint', id: 'no-sockets' }, everHad ? str('noOpenSockets') : str('noSockets'))
      : h(
          'table',
          { class: 'sockets', id: 'sockets' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, str('socketArg')), h('th', { scope: 'col' }, str('state')), h('th', { scope: 'col' }, str('kernelState')), h('th', { scope: 'col' }, str('port')), h('th', { scope: 'col' }, ''))),
          h('tbody', {}, ...p.sockets.map((so) => socketRow(so))),
        );
  return h('section', { 'aria-labelledby': 'sockets-h' }, h('h2', { id: 'sockets-h' }, str('sockets')), body);
}
function socketRow(so: SocketView): HTMLElement {
  const selected = saved.selectedSocket === so.handle;
  return h(
    'tr',
    { class: selected ? 'selected' : undefined, 'data-socket': so.handle },
    h('td', {}, h('code', {}, `${so.name ?? ''} (${so.handle})`)),
    h('td', { class: 'state' }, so.state),
    h('td', { class: 'kernel' }, so.kernelState ?? '–'),
    h('td', {}, so.localPort !== undefined ? String(so.localPort) : '–'),
    h(
      'td',
      {},
      button(str('select'), () => {
        saved.selectedSocket = so.handle;
        save();
        render();
      }, { id: `select-socket-${so.handle}`, class: 'secondary small', 'aria-pressed': selected ? 'true' : 'false' }),
    ),
  );
}

// ---- state diagram ---------------------------------------------------------------------------
//
// Drawn at the editor's font size (--vscode-editor-font-size), not scaled down to fit: the SVG has
// its natural size and its box scrolls sideways when the panel is narrow. Boxes are sized by
// measuring the labels in the editor font. Each arrow carries the names of the calls that take it;
// the path the selected socket took (from the journal) is drawn thick and numbered in call order,
// including closesocket's arrow into closed, which is left out otherwise (it leads from any state).

/** Grid places of the model's states: [column, row]. The edges come from the model. */
const GRID: Record<string, [number, number]> = {
  created: [0, 0], bound: [0, 1], listening: [0, 2],
  connecting: [1, 0], connected: [1, 1], reusable: [1, 2],
  'send-shut': [2, 0], 'receive-shut': [2, 2],
  // closed at the top right: the usual way there (connected → send-shut → closed) stays level.
  'both-shut': [3, 1], closed: [3, 0],
};
/** Where along an arrow its call names may sit (0 = start, 1 = end), tried in this order. */
const LABEL_PLACES = [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8];
type Box = readonly [number, number, number, number]; // x, y, width, height
const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));

function editorFontPx(): number {
  const v = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-font-size'));
  return Number.isFinite(v) && v >= 6 ? v : 14;
}
let measureCtx: CanvasRenderingContext2D | null | undefined;
function textWidth(text: string, px: number): number {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  if (!measureCtx) return text.length * px * 0.62;
  const family = getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-font-family').trim() || 'monospace';
  measureCtx.font = `${px}px ${family}`;
  return measureCtx.measureText(text).width;
}

interface PathStep {
  readonly n: number;
  readonly from: string;
  readonly to: string;
  readonly fn: string;
}
/** The transitions the socket named `name` went through, in journal order (since it was last made). */
function socketPath(journal: readonly JournalEntry[], name: string): PathStep[] {
  const app = journal.filter((e) => e.side === 'app');
  const born = app.map((e) => e.newSocketName).lastIndexOf(name);
  const steps: PathStep[] = [];
  for (const e of app.slice(Math.max(0, born))) {
    if (e.socketName !== name || !e.stateBefore || !e.stateAfter || e.stateBefore === e.stateAfter || !e.call) continue;
    steps.push({ n: steps.length + 1, from: e.stateBefore, to: e.stateAfter, fn: e.call.fn });
  }
  return steps;
}

function diagramSection(p: PanelState): HTMLElement {
  const d: StateDiagram | undefined = p.diagram;
  const sel = p.sockets.find((x) => x.handle === saved.selectedSocket) ?? p.sockets.filter((x) => x.state !== 'closed').at(-1);
  // With no live socket, the socket of the latest application call (often just closed).
  const last = sel ? undefined : [...p.journal].reverse().find((e) => e.side === 'app' && e.stateAfter !== undefined && (e.socketName ?? e.newSocketName));
  const current = sel?.state ?? last?.stateAfter;
  const shownName = sel ? (sel.name ?? String(sel.handle)) : (last?.socketName ?? last?.newSocketName);
  const title = h('h2', { id: 'diagram-h' }, str('diagram'), shownName ? ` — ${shownName}` : '');
  if (!d) return h('section', {}, title);
  if (!current) return h('section', { 'aria-labelledby': 'diagram-h' }, title, h('p', { class: 'hint' }, str('diagramNone')));
  const label = (id: string) => d.states.find((x) => x.id === id)?.label ?? id;
  const steps = shownName ? socketPath(p.journal, shownName) : [];

  const fs = editorFontPx();
  const lineH = fs * 1.3;
  const nodeW = Math.ceil(Math.max(...d.states.map((st) => textWidth(st.id, fs))) + fs * 1.6);
  const nodeH = Math.ceil(fs * 2.1);
  // Labels of slanted arrows sit between the rows and may be wider than the gap between columns;
  // those of level arrows (connect, DisconnectEx, closesocket) must fit in it.
  const levelCall = Math.max(...['connect', 'WSAConnect', 'DisconnectEx', 'closesocket'].map((c) => textWidth(c, fs)));
  const gapX = Math.ceil(levelCall + fs * 2.4);
  const gapY = Math.ceil(lineH * 3 + fs * 1.4);
  const pad = Math.ceil(fs * 0.8);
  const cx = (c: number) => pad + nodeW / 2 + c * (nodeW + gapX);
  const cy = (r: number) => pad + nodeH / 2 + r * (nodeH + gapY);
  const at = (id: string): [number, number] | undefined => {
    const g = GRID[id];
    return g ? [cx(g[0]), cy(g[1])] : undefined;
  };
  const width = Math.ceil(cx(3) + nodeW / 2 + pad);
  const height = Math.ceil(cy(2) + nodeH / 2 + pad);
  const pathWords = steps.map((x) => `${x.n}. ${x.fn}: ${x.from} → ${x.to}`).join('; ');
  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`, width, height, class: 'diagram', role: 'img',
    'aria-label': `${str('diagramLabel', label(current))}${pathWords ? `. ${pathWords}` : ''}`,
  });
  svg.append(
    s('defs', {},
      s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' })),
      s('marker', { id: 'arrow-path', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 11, markerHeight: 11, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead-path' }))),
  );
  const edgeLayer = s('g', { class: 'edges' });
  const labelLayer = s('g', { class: 'labels' });
  const clipTo = (a: [number, number], b: [number, number]) => clip(a, b, nodeW / 2 + 2, nodeH / 2 + 2);
  /** Call names on a light box, one per line, centred at (x, y). */
  const callLabel = (x: number, y: number, calls: readonly string[], cls: string) => {
    const w = Math.max(...calls.map((c) => textWidth(c, fs))) + fs * 0.5;
    const hgt = calls.length * lineH + fs * 0.2;
    const g = s('g', { class: cls });
    g.append(s('rect', { x: x - w / 2, y: y - hgt / 2, width: w, height: hgt, rx: 3, class: 'label-bg' }));
    calls.forEach((c, i) => g.append(s('text', { x, y: y - hgt / 2 + fs * 0.1 + lineH * (i + 0.5), 'dominant-baseline': 'central', 'text-anchor': 'middle' }, c)));
    return g;
  };
  const badge = (x: number, y: number, text: string) => {
    const w = Math.max(fs * 1.5, textWidth(text, fs) + fs * 0.7);
    return s('g', { class: 'step' },
      s('rect', { x: x - w / 2, y: y - fs * 0.75, width: w, height: fs * 1.5, rx: fs * 0.75 }),
      s('text', { x, y, 'dominant-baseline': 'central', 'text-anchor': 'middle' }, text));
  };
  const stepsOn = (from: string, to: string) => steps.filter((x) => x.from === from && x.to === to);
  const nodeBoxes: Box[] = d.states.flatMap((st) => {
    const pos = at(st.id);
    return pos ? [[pos[0] - nodeW / 2 - 2, pos[1] - nodeH / 2 - 2, nodeW + 4, nodeH + 4] as const] : [];
  });
  const placed: Box[] = [];
  const drawEdge = (from: string, to: string, calls: readonly string[], pathOnly: boolean) => {
    const a = at(from);
    const b = at(to);
    if (!a || !b) return;
    const key = `${from}>${to}`;
    const taken = stepsOn(from, to);
    const [x1, y1] = clipTo(a, b);
    const [x2, y2] = clipTo(b, a);
    const onPath = taken.length > 0;
    const line = s('line', {
      x1, y1, x2, y2,
      class: `edge${onPath ? ' edge-path' : ''}${!onPath && current === from ? ' edge-out' : ''}`,
      'marker-end': onPath ? 'url(#arrow-path)' : 'url(#arrow)',
      'data-from': from, 'data-to': to,
    });
    line.append(s('title', {}, `${label(from)} → ${label(to)}: ${calls.join(', ')}`));
    edgeLayer.append(line);
    const names = pathOnly ? [...new Set(taken.map((x) => x.fn))] : calls;
    // The first place along the arrow where the names hit no box and no other label (else the least bad).
    const w = Math.max(...names.map((c) => textWidth(c, fs))) + fs * 0.5;
    const hgt = names.length * lineH + fs * 0.2;
    // Failing that, a little to one side of the arrow (for a slanted one, up or down).
    const len = Math.hypot(x2 - x1, y2 - y1) || 1;
    const [nx, ny] = [-(y2 - y1) / len, (x2 - x1) / len];
    const side = Math.abs(ny) > 0.2 ? hgt / 2 + fs * 0.4 : 0;
    let best = { x: (x1 + x2) / 2, y: (y1 + y2) / 2, cost: Infinity };
    search: for (const off of side ? [0, side, -side] : [0]) {
      for (const t of LABEL_PLACES) {
        const x = x1 + (x2 - x1) * t + nx * off;
        const y = y1 + (y2 - y1) * t + ny * off;
        const m = fs * 0.6;
        const box: Box = [x - w / 2 - m, y - hgt / 2, w + 2 * m, hgt];
        const cost = taken.length > 0 && t < 0.3 ? Infinity : [...nodeBoxes, ...placed].reduce((sum, b) => sum + overlap(box, b), 0);
        if (cost < best.cost) best = { x, y, cost };
        if (cost === 0) break search;
      }
    }
    const lx = best.x;
    const ly = best.y;
    const t = Math.max(0, Math.min(1, Math.hypot(lx - x1, ly - y1) / len));
    placed.push([lx - w / 2, ly - hgt / 2, w, hgt]);
    const g = callLabel(lx, ly, names, `edge-label${onPath ? ' on-path' : ''}`);
    g.setAttribute('data-edge', key);
    labelLayer.append(g);
    if (onPath) {
      // The step numbers sit between the arrow's start and its call names, where they hit nothing.
      const text = taken.map((x) => String(x.n)).join(', ');
      const bw = Math.max(fs * 1.5, textWidth(text, fs) + fs * 0.7);
      let bestB = { bt: Math.max(0.1, t - 0.3), cost: Infinity };
      for (let bt = t - 0.15; bt >= 0.05; bt -= 0.05) {
        const bbox: Box = [x1 + (x2 - x1) * bt - bw / 2, y1 + (y2 - y1) * bt - fs * 0.75, bw, fs * 1.5];
        const cost = [...nodeBoxes, ...placed].reduce((sum, b) => sum + overlap(bbox, b), 0);
        if (cost < bestB.cost) bestB = { bt, cost };
        if (cost === 0) break;
      }
      const bt = bestB.bt;
      placed.push([x1 + (x2 - x1) * bt - bw / 2, y1 + (y2 - y1) * bt - fs * 0.75, bw, fs * 1.5]);
      labelLayer.append(badge(x1 + (x2 - x1) * bt, y1 + (y2 - y1) * bt, text));
    }
  };
  // Steps the model's drawn edges do not hold (closesocket into closed, above all) are drawn too.
  // The path's arrows are placed first, so their names and numbers get the clear places.
  const modelKeys = new Set(d.edges.map((e) => `${e.from}>${e.to}`));
  const extra = [...new Map(steps.filter((x) => !modelKeys.has(`${x.from}>${x.to}`)).map((x) => [`${x.from}>${x.to}`, { from: x.from, to: x.to, calls: [x.fn], pathOnly: true }])).values()];
  const all = [...d.edges.map((e) => ({ from: e.from, to: e.to, calls: e.calls, pathOnly: false })), ...extra];
  all.sort((a, b) => Number(stepsOn(b.from, b.to).length > 0) - Number(stepsOn(a.from, a.to).length > 0));
  for (const e of all) drawEdge(e.from, e.to, e.calls, e.pathOnly);
  svg.append(edgeLayer);
  const visited = new Set(steps.flatMap((x) => [x.from, x.to]));
  for (const st of d.states) {
    const pos = at(st.id);
    if (!pos) continue;
    const on = st.id === current;
    svg.append(
      s('g', { class: `node${on ? ' current' : ''}${visited.has(st.id) && !on ? ' visited' : ''}`, 'data-state': st.id },
        s('rect', { x: pos[0] - nodeW / 2, y: pos[1] - nodeH / 2, width: nodeW, height: nodeH, rx: 6 }),
        s('text', { x: pos[0], y: pos[1], 'dominant-baseline': 'central', 'text-anchor': 'middle' }, st.id),
        s('title', {}, st.label)),
    );
  }
  svg.append(labelLayer);

  const swatch = (...children: SVGElement[]) => s('svg', { width: fs * 2.6, height: fs * 1.4, viewBox: `0 0 ${fs * 2.6} ${fs * 1.4}`, 'aria-hidden': 'true', class: 'swatch' }, ...children);
  const legend = h('ul', { class: 'diagram-legend', id: 'diagram-legend', 'aria-label': str('legend') },
    h('li', {}, swatch(s('rect', { x: 1, y: 1, width: fs * 2.6 - 2, height: fs * 1.4 - 2, rx: 4, class: 'legend-current' })), str('legendCurrent')),
    h('li', {}, swatch(s('line', { x1: 2, y1: fs * 0.7, x2: fs * 2.4, y2: fs * 0.7, class: 'edge edge-path', 'marker-end': 'url(#arrow-path)' })), str('legendPath')),
    h('li', {}, swatch(s('line', { x1: 2, y1: fs * 0.7, x2: fs * 2.4, y2: fs * 0.7, class: 'edge', 'marker-end': 'url(#arrow)' })), str('legendEdge')),
    h('li', { class: 'hint' }, str('diagramNote')),
  );
  const pathList = steps.length
    ? h('ol', { class: 'diagram-path', id: 'diagram-path', 'aria-label': str('pathOf', shownName ?? '') }, ...steps.map((x) => h('li', { value: String(x.n) }, h('code', {}, x.fn), `: ${x.from} → ${x.to}`)))
    : undefined;
  const box = h('div', { class: 'diagram-box', id: 'diagram-box' }, svg);
  const cur = at(current);
  if (cur) diagramFocusX = cur[0];
  return h('section', { 'aria-labelledby': 'diagram-h' }, title, box, legend, pathList);
}
/** Where the current state is, so that a diagram wider than its box scrolls to it after a redraw. */
let diagramFocusX: number | undefined;
function scrollDiagramToCurrent(): void {
  const box = document.getElementById('diagram-box');
  if (!box || diagramFocusX === undefined || box.scrollWidth <= box.clientWidth) return;
  box.scrollLeft = Math.max(0, diagramFocusX - box.clientWidth / 2);
}
function clip(from: [number, number], to: [number, number], halfW: number, halfH: number): [number, number] {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const t = Math.min(dx === 0 ? Infinity : halfW / Math.abs(dx), dy === 0 ? Infinity : halfH / Math.abs(dy));
  return [Math.round(from[0] + dx * t), Math.round(from[1] + dy * t)];
}

function journalSection(p: PanelState): HTMLElement {
  const list = h('ol', { class: 'journal', id: 'journal' });
  for (const e of p.journal) list.append(entryView(e, p));
  return h(
    'section',
    { 'aria-labelledby': 'journal-h', class: 'journal-section' },
    h('h2', { id: 'journal-h' }, str('journal')),
    p.journal.length === 0 ? h('p', { class: 'hint' }, str('journalEmpty')) : list,
  );
}
function entryView(e: JournalEntry, p: PanelState): HTMLElement {
  const failed = e.wsaError !== undefined && e.wsaError !== 0;
  const li = h('li', { class: `entry side-${e.side}${failed ? ' failed' : ''}${e.divergence ? ' diverged' : ''}`, 'data-seq': e.seq, 'data-fn': e.call?.fn ?? e.peerEvent ?? '' });
  const head = h(
    'div',
    { class: 'entry-head' },
    h('span', { class: 'seq' }, `#${e.seq}`),
    h('span', { class: `side side-${e.side}` }, e.side === 'app' ? str('sideApp') : str('sidePeer')),
    h('code', { class: 'call' }, e.text),
  );
  if (e.returnValue !== undefined) head.append(h('span', { class: 'ret' }, `→ ${e.returnValue}`));
  if (e.outcome) head.append(h('span', { class: 'outcome' }, e.outcome === 'timeout' ? str('timedOut') : str('cancelled')));
  li.append(head);
  const facts = h('div', { class: 'entry-facts' });
  if (failed && e.wsaErrorName) {
    const help = p.errorHelp[e.wsaErrorName];
    facts.append(h('span', { class: 'wsa-error', title: help ?? '' }, `${e.wsaErrorName} (${e.wsaError})`));
  }
  if (e.stateBefore || e.stateAfter) facts.append(h('span', { class: 'state-change' }, `${str('stateChange')}: ${e.stateBefore ?? '–'} → ${e.stateAfter ?? '–'}`));
  if (e.kernelState) facts.append(h('span', { class: 'kernel-state' }, `TCP ${e.kernelState}`));
  if (e.bytesIn !== undefined || e.bytesOut !== undefined) facts.append(h('span', { class: 'bytes' }, `${e.bytesOut !== undefined ? `↑${e.bytesOut}` : ''}${e.bytesIn !== undefined ? ` ↓${e.bytesIn}` : ''}`));
  if (e.emulated) facts.append(h('span', { class: 'emulated', title: e.emulationNote ?? str('emulatedTitle') }, str('emulated')));
  if (e.divergence) facts.append(h('span', { class: 'divergence', title: e.divergence }, `⚠ ${str('divergence')}: ${e.divergence}`));
  if (facts.childNodes.length) li.append(facts);
  if (failed && e.wsaErrorName && p.errorHelp[e.wsaErrorName]) {
    const det = h('details', { class: 'explanation' }, h('summary', {}, `${str('explanation')}: ${e.wsaErrorName}`), h('p', {}, p.errorHelp[e.wsaErrorName] ?? ''));
    det.open = saved.openDetails?.includes(e.seq) ?? false;
    det.addEventListener('toggle', () => {
      const set = new Set(saved.openDetails ?? []);
      if (det.open) set.add(e.seq);
      else set.delete(e.seq);
      saved.openDetails = [...set].slice(-50);
      save();
    });
    li.append(det);
  }
  if (e.prediction && e.divergence) {
    li.append(h('p', { class: 'hint' }, `${str('predicted')}: ${e.prediction.ok ? 'OK' : e.prediction.error ?? '?'}${e.prediction.next ? ` → ${e.prediction.next}` : ''}`));
  }
  return li;
}

// ---- render ------------------------------------------------------------------------------------

/**
 * The journal is redrawn whole, so screen readers hear new entries through one live region that
 * outlives the redraws: the newest entries in a line each.
 */
let announced = saved.panel?.journal.at(-1)?.seq ?? 0;
function announce(next: PanelState): void {
  const fresh = next.journal.filter((e) => e.seq > announced);
  announced = next.journal.at(-1)?.seq ?? 0;
  if (fresh.length === 0) return;
  const region = document.getElementById('announce');
  if (!region) return;
  region.textContent = fresh
    .slice(-3)
    .map((e) => `${e.text}${e.returnValue !== undefined ? ` → ${e.returnValue}` : ''}${e.wsaError ? `, ${e.wsaErrorName ?? ''} (${e.wsaError})` : ''}`)
    .join('. ');
}

function render(): void {
  const app = document.getElementById('app');
  if (!app || !panel) return;
  // Keep keyboard focus on the same control across a re-render.
  const focusedId = document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  const journalScroll = document.getElementById('journal')?.parentElement?.scrollTop;
  const p = panel;
  app.replaceChildren(
    header(p),
    h('div', { class: 'columns' },
      h('div', { class: 'left' }, recipes(), diagramSection(p), socketsSection(p), peerSection(p), callForm(p)),
      h('div', { class: 'right' }, journalSection(p))),
  );
  app.setAttribute('aria-busy', p.status === 'starting' ? 'true' : 'false');
  scrollDiagramToCurrent();
  if (focusedId) document.getElementById(focusedId)?.focus();
  const list = document.getElementById('journal');
  if (list) list.lastElementChild?.scrollIntoView({ block: 'nearest' });
  else if (journalScroll !== undefined) document.getElementById('journal')?.parentElement?.scrollTo({ top: journalScroll });
}

window.addEventListener('message', (ev: MessageEvent<HostToWebview>) => {
  const m = ev.data;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'state') {
    announce(m.state);
    panel = m.state;
    saved.panel = m.state;
    save();
    render();
  } else if (m.type === 'error') {
    errorMessage = m.message;
    render();
  }
});

render();
post({ type: 'ready' });
