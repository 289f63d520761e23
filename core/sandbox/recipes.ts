// One-click recipes of the sandbox panel, as data: a peer behaviour and a sequence of calls whose
// socket arguments are placeholders ('$s1'), bound when the socket() step returns a handle. The
// host runs the steps one by one through the worker; a failing step does not stop the recipe (the
// failure is usually the lesson), but a step whose socket was never created does.
import type { Localized } from '../model/types';
import type { JournalEntry, PeerBehaviour, RecipeId, SandboxCall, SocketHandle } from '../protocol/sandbox';

/** A placeholder for a socket handle that an earlier step of the recipe created. */
export type SocketPlaceholder = `$${string}`;

/** A SandboxCall whose `socket` field (if any) is a placeholder instead of a handle. */
export type RecipeCall = SandboxCall extends infer C
  ? C extends { readonly socket: SocketHandle }
    ? Omit<C, 'socket'> & { readonly socket: SocketPlaceholder }
    : C
  : never;

export interface RecipeStep {
  readonly call: RecipeCall;
  /** For socket()/WSASocketW()/accept(): the placeholder the new handle is bound to. */
  readonly binds?: SocketPlaceholder;
}

export interface Recipe {
  readonly id: RecipeId;
  readonly title: Localized;
  readonly description: Localized;
  /** What the loopback peer does during the recipe (the host starts it with this behaviour). */
  readonly peer: PeerBehaviour;
  readonly steps: readonly RecipeStep[];
}

const startup: RecipeStep = { call: { fn: 'WSAStartup' } };
const cleanup: RecipeStep = { call: { fn: 'WSACleanup' } };
const newSocket: RecipeStep = { call: { fn: 'socket', af: 'AF_INET', type: 'SOCK_STREAM' }, binds: '$s1' };
const connectPeer: RecipeStep = { call: { fn: 'connect', socket: '$s1', address: 'peer', port: 0 } };
const disconnect: RecipeStep = { call: { fn: 'WSASendDisconnect', socket: '$s1', data: null } };
const close: RecipeStep = { call: { fn: 'closesocket', socket: '$s1' } };

export const RECIPE_TABLE: readonly Recipe[] = [
  {
    id: 'graceful-close',
    title: { en: 'Graceful close', ru: 'Корректное закрытие' },
    description: {
      en: 'Send, then WSASendDisconnect(s, NULL): the peer reads the data and then its recv returns 0 (FIN). Keep receiving until recv returns 0, then closesocket.',
      ru: 'Отправка, затем WSASendDisconnect(s, NULL): удалённая сторона читает данные, после чего её recv возвращает 0 (FIN). Принимаем, пока recv не вернёт 0, затем closesocket.',
    },
    peer: 'sink',
    steps: [
      startup,
      newSocket,
      connectPeer,
      { call: { fn: 'send', socket: '$s1', text: 'hello' } },
      disconnect,
      { call: { fn: 'recv', socket: '$s1', maxBytes: 512 } },
      close,
      cleanup,
    ],
  },
  {
    id: 'send-after-disconnect',
    title: { en: 'Send after disconnect', ru: 'Отправка после разъединения' },
    description: {
      en: 'After WSASendDisconnect the sending direction is shut: send fails with WSAESHUTDOWN (10058), while recv still works: it reads what the echo peer sent back before the disconnect.',
      ru: 'После WSASendDisconnect направление отправки закрыто: send завершается с WSAESHUTDOWN (10058), а recv по-прежнему работает: он читает то, что удалённая сторона в режиме echo вернула до разъединения.',
    },
    peer: 'echo',
    steps: [
      startup,
      newSocket,
      connectPeer,
      { call: { fn: 'send', socket: '$s1', text: 'ping' } },
      disconnect,
      { call: { fn: 'send', socket: '$s1', text: 'too late' } },
      { call: { fn: 'recv', socket: '$s1', maxBytes: 512 } },
      close,
      cleanup,
    ],
  },
  {
    id: 'reuse-after-disconnect',
    title: { en: 'Reuse after disconnect', ru: 'Повторное использование после разъединения' },
    description: {
      en: 'WSASendDisconnect does not free the socket for a new connection: connect on it fails with WSAEISCONN (10056). Only DisconnectEx with TF_REUSE_SOCKET makes a socket reusable.',
      ru: 'WSASendDisconnect не освобождает сокет для нового соединения: connect на нём завершается с WSAEISCONN (10056). Сделать сокет пригодным для повторного использования может только DisconnectEx с TF_REUSE_SOCKET.',
    },
    peer: 'sink',
    steps: [startup, newSocket, connectPeer, disconnect, { call: { fn: 'connect', socket: '$s1', address: 'peer', port: 0 } }, close, cleanup],
  },
  {
    id: 'disconnect-data-on-tcp',
    title: { en: 'Disconnect data on TCP', ru: 'Данные разъединения в TCP' },
    description: {
      en: 'TCP has no disconnect data: a non-NULL buffer gives WSAENOPROTOOPT (10042) on the native TCP/IP provider.',
      ru: 'В TCP нет данных разъединения: ненулевой буфер даёт WSAENOPROTOOPT (10042) у штатного поставщика TCP/IP.',
    },
    peer: 'sink',
    steps: [startup, newSocket, connectPeer, { call: { fn: 'WSASendDisconnect', socket: '$s1', data: 'bye' } }, close, cleanup],
  },
  {
    id: 'close-without-shutdown',
    title: { en: 'Close without shutdown', ru: 'Закрытие без shutdown' },
    description: {
      en: 'closesocket right after send, with no WSASendDisconnect or shutdown: the peer still gets the data and a FIN, but the application never learns whether the peer had more to say.',
      ru: 'closesocket сразу после send, без WSASendDisconnect и shutdown: удалённая сторона всё равно получает данные и FIN, но приложение так и не узнаёт, хотела ли она что-то ещё сказать.',
    },
    peer: 'echo',
    steps: [startup, newSocket, connectPeer, { call: { fn: 'send', socket: '$s1', text: 'hello' } }, close, cleanup],
  },
];

export function recipeById(id: RecipeId): Recipe {
  const r = RECIPE_TABLE.find((x) => x.id === id);
  if (!r) throw new Error(`no recipe "${id}"`);
  return r;
}

/** Thrown when a step names a placeholder that no earlier step bound (its socket() failed). */
export class UnboundPlaceholderError extends Error {
  constructor(readonly placeholder: SocketPlaceholder) {
    super(`the socket ${placeholder} was never created (its socket() call failed), so the recipe stops here`);
    this.name = 'UnboundPlaceholderError';
  }
}

/** The step's call with its placeholder replaced by the bound handle. */
export function resolveStep(step: RecipeStep, bound: ReadonlyMap<SocketPlaceholder, SocketHandle>): SandboxCall {
  const call = step.call;
  if (!('socket' in call)) return call;
  const handle = bound.get(call.socket);
  if (handle === undefined) throw new UnboundPlaceholderError(call.socket);
  return { ...call, socket: handle } as SandboxCall;
}

/** What running a recipe needs: the host's client (or a test's). */
export interface RecipeRunner {
  startPeer(behaviour: PeerBehaviour): Promise<unknown>;
  call(call: SandboxCall): Promise<JournalEntry>;
}

/**
 * Starts the recipe's peer, then makes its calls in order, binding new sockets to placeholders.
 * Resolves with the app-side entries; rejects when a call could not be made at all (timeout,
 * worker crash) or a step's socket was never created (UnboundPlaceholderError).
 */
export async function runRecipe(recipe: Recipe, runner: RecipeRunner, shouldStop: () => boolean = () => false): Promise<JournalEntry[]> {
  await runner.startPeer(recipe.peer);
  const bound = new Map<SocketPlaceholder, SocketHandle>();
  const entries: JournalEntry[] = [];
  for (const step of recipe.steps) {
    if (shouldStop()) break;
    const entry = await runner.call(resolveStep(step, bound));
    entries.push(entry);
    if (step.binds && entry.newSocket !== undefined) bound.set(step.binds, entry.newSocket);
  }
  return entries;
}
