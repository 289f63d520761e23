// Validation of messages from the sandbox webview: the webview is untrusted input (a page could be
// scripted), so the host acts only on a message that is exactly a known WebviewToHost shape. A call
// is checked by validateCall (the same rules the worker applies), and its address here: 'peer' or a
// loopback literal unless the machine setting allows remote hosts.
import {
  PEER_BEHAVIOURS,
  RECIPES,
  type RecipeId,
  type PeerBehaviour,
  type SandboxCall,
  type WebviewToHost,
} from '../protocol/sandbox';
import { isLoopbackLiteral } from './loopback';
import { describeValue, isPlainObject, totally, ValidationError, validateCall } from './validate';

export { ValidationError };

export interface WebviewValidationOptions {
  /** winsockLens.sandbox.allowRemoteHosts (machine scope). */
  readonly allowRemoteHosts: boolean;
}

/** Largest message the host looks at, as JSON text (a send of 64 KiB of text fits). */
export const MAX_WEBVIEW_MESSAGE_CHARS = 70_000;

type Obj = Record<string, unknown>;
const isObj = isPlainObject;

function only(o: Obj, keys: readonly string[], where: string): void {
  for (const k of Object.keys(o)) {
    if (!keys.includes(k)) throw new ValidationError(`${where}: unexpected field "${k}" (allowed: ${keys.join(', ')})`);
  }
}

function checkAddress(call: SandboxCall, options: WebviewValidationOptions): void {
  if (call.fn !== 'connect' && call.fn !== 'WSAConnect' && call.fn !== 'bind') return;
  if (call.address === 'peer' && call.fn !== 'bind') return;
  if (options.allowRemoteHosts || isLoopbackLiteral(call.address)) return;
  throw new ValidationError(
    `call.address: ${describeValue(call.address)} is not 'peer' or a loopback address (127.0.0.0/8, ::1); ` +
      'turn on the machine setting winsockLens.sandbox.allowRemoteHosts to reach other hosts',
  );
}

/** The message as a WebviewToHost, or a ValidationError saying what is wrong and where. */
export function validateWebviewMessage(v: unknown, options: WebviewValidationOptions): WebviewToHost {
  return totally('message', () => webviewMessageOf(v, options));
}
function webviewMessageOf(v: unknown, options: WebviewValidationOptions): WebviewToHost {
  if (!isObj(v)) throw new ValidationError('message: expected an object with a "type" field');
  let size: number;
  try {
    size = JSON.stringify(v).length;
  } catch {
    throw new ValidationError('message: not plain JSON data');
  }
  if (size > MAX_WEBVIEW_MESSAGE_CHARS) throw new ValidationError(`message: ${size} characters long; at most ${MAX_WEBVIEW_MESSAGE_CHARS} are accepted`);
  const type = v['type'];
  switch (type) {
    case 'ready':
    case 'clear':
    case 'restart':
    case 'exportC':
      only(v, ['type'], 'message');
      return { type };
    case 'call': {
      only(v, ['type', 'call'], 'message');
      const call = validateCall(v['call'], 'call');
      checkAddress(call, options);
      return { type, call };
    }
    case 'recipe': {
      only(v, ['type', 'recipe'], 'message');
      const recipe = v['recipe'];
      if (typeof recipe !== 'string' || !(RECIPES as readonly string[]).includes(recipe)) {
        throw new ValidationError(`message.recipe: expected one of ${RECIPES.join(', ')}, got ${describeValue(recipe)}`);
      }
      return { type, recipe: recipe as RecipeId };
    }
    case 'peer': {
      only(v, ['type', 'behaviour'], 'message');
      const behaviour = v['behaviour'];
      if (typeof behaviour !== 'string' || !(PEER_BEHAVIOURS as readonly string[]).includes(behaviour)) {
        throw new ValidationError(`message.behaviour: expected one of ${PEER_BEHAVIOURS.join(', ')}, got ${describeValue(behaviour)}`);
      }
      return { type, behaviour: behaviour as PeerBehaviour };
    }
    default:
      throw new ValidationError(`message.type: unknown message type ${describeValue(type)}`);
  }
}
