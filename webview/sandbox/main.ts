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

// Hand-placed positions of the model's states (the edges come from the model).
const POS: Record<string, [number, number]> = {
  created: [70, 40], bound: [70, 120], listening: [70, 200], connecting: [230, 40], connected: [230, 120],
  'send-shut': [390, 60], 'receive-shut': [390, 180], 'both-shut': [550, 120], reusable: [230, 200], closed: [550, 210],
};
function diagramSection(p: PanelState): HTMLElement {
  const d: StateDiagram | undefined = p.diagram;
  const sel = p.sockets.find((x) => x.handle === saved.selectedSocket) ?? p.sockets.filter((x) => x.state !== 'closed').at(-1);
  // With no live socket, the socket of the latest application call (often just closed).
  const last = sel ? undefined : [...p.journal].reverse().find((e) => e.side === 'app' && e.stateAfter !== undefined && (e.socketName ?? e.newSocketName));
  const current = sel?.state ?? last?.stateAfter;
  const shownName = sel ? (sel.name ?? String(sel.handle)) : (last?.socketName ?? last?.newSocketName);
  const title = h('h2', { id: 'diagram-h' }, str('diagram'), shownName ? ` — ${shownName}` : '');
  if (!d) return h('section', {}, title);
  const label = (id: string) => d.states.find((x) => x.id === id)?.label ?? id;
  const svg = s('svg', { viewBox: '0 0 640 250', class: 'diagram', role: 'img', 'aria-label': current ? str('diagramLabel', label(current)) : str('diagramNone') });
  svg.append(s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' }, s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }))));
  for (const e of d.edges) {
    const a = POS[e.from];
    const b = POS[e.to];
    if (!a || !b) continue;
    // Stop the line at the node's edge (nodes are 120×34 boxes).
    const [x1, y1] = clip(a, b);
    const [x2, y2] = clip(b, a);
    const line = s('line', { x1, y1, x2, y2, class: `edge${current === e.from ? ' edge-out' : ''}`, 'marker-end': 'url(#arrow)' });
    line.append(s('title', {}, `${label(e.from)} → ${label(e.to)}: ${e.calls.join(', ')}`));
    svg.append(line);
  }
  for (const st of d.states) {
    const pos = POS[st.id];
    if (!pos) continue;
    const on = st.id === current;
    svg.append(
      s('g', { class: `node${on ? ' current' : ''}`, 'data-state': st.id },
        s('rect', { x: pos[0] - 60, y: pos[1] - 17, width: 120, height: 34, rx: 6 }),
        s('text', { x: pos[0], y: pos[1] + 4, 'text-anchor': 'middle' }, st.id),
        s('title', {}, st.label)),
    );
  }
  return h('section', { 'aria-labelledby': 'diagram-h' }, title, current ? svg : h('p', { class: 'hint' }, str('diagramNone')), current ? h('p', { class: 'hint' }, str('diagramNote')) : undefined);
}
function clip(from: [number, number], to: [number, number]): [number, number] {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const t = Math.min(dx === 0 ? Infinity : 60 / Math.abs(dx), dy === 0 ? Infinity : 17 / Math.abs(dy));
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
