// The state diagram the panel draws: the model's socket states and, for the functions the sandbox
// can call, the transitions of their success rows (from → to), so the picture is the model's own.
import type { Lang, SocketState } from '../core/model/types';
import { lookupFunction } from '../core/model/registry';
import { stateLabels } from '../core/model/stateMachine';
import type { SandboxFunction, StateDiagram } from '../core/protocol/sandbox';

const SANDBOX_FUNCTIONS: readonly SandboxFunction[] = [
  'socket', 'WSASocketW', 'bind', 'listen', 'accept', 'connect', 'WSAConnect', 'send', 'WSASend', 'recv', 'WSARecv',
  'shutdown', 'WSASendDisconnect', 'WSARecvDisconnect', 'closesocket', 'DisconnectEx', 'setsockopt', 'ioctlsocket',
];

const cache = new Map<Lang, StateDiagram>();

export function stateDiagram(lang: Lang): StateDiagram {
  const hit = cache.get(lang);
  if (hit) return hit;
  const states = Object.keys(stateLabels) as SocketState[];
  const edges = new Map<string, { from: SocketState; to: SocketState; calls: string[] }>();
  const add = (from: SocketState, to: SocketState, fn: string) => {
    if (from === to) return;
    const key = `${from}>${to}`;
    const e = edges.get(key) ?? { from, to, calls: [] };
    if (!e.calls.includes(fn)) e.calls.push(fn);
    edges.set(key, e);
  };
  for (const fn of SANDBOX_FUNCTIONS) {
    const entry = lookupFunction(fn);
    for (const row of entry?.transitions ?? []) {
      if (row.error || row.undetermined) continue;
      if (row.newSocket) add('closed', row.newSocket, fn);
      if (!row.to) continue;
      // '*' rows (closesocket from any state) are not drawn as edges: every state would have one;
      // the panel says so under the diagram instead.
      if (row.from === '*') continue;
      for (const f of row.from) add(f, row.to, fn);
    }
  }
  // A new socket starts in 'created': drawn as an entry mark, not as an edge out of 'closed'.
  const diagram: StateDiagram = {
    states: states.map((id) => ({ id, label: stateLabels[id][lang] })),
    edges: [...edges.values()].filter((e) => e.from !== 'closed'),
  };
  cache.set(lang, diagram);
  return diagram;
}
