// Every string the sandbox webview shows, localised here on the host (extension/uiText.ts) and sent in
// PanelState.strings: the webview itself holds no user-visible text.
import type { Lang } from '../core/model/types';
import { RECIPE_TABLE } from '../core/sandbox/recipes';
import * as ui from './uiText';
import { docsLanguage } from './docsLanguage';

/** The panel's language: the docs language, like every string of the extension (extension/uiText.ts). */
export function uiLanguage(): Lang {
  return docsLanguage();
}

export function panelStrings(): Record<string, string> {
  const t = (message: string) => ui.t(message);
  const lang = uiLanguage();
  const s: Record<string, string> = {
    title: t('Winsock Sandbox'),
    backend: t('Backend'),
    platform: t('Platform'),
    emulated: t('emulated'),
    emulatedTitle: t('The posix backend emulated this Winsock behaviour rather than calling Winsock.'),
    'status.starting': t('Starting the sandbox worker…'),
    'status.ready': t('Ready'),
    'status.crashed': t('The sandbox worker crashed'),
    'status.disabled': t('The sandbox is off in untrusted workspaces'),
    sockets: t('Sockets'),
    noSockets: t('No sockets yet: make one with socket().'),
    noOpenSockets: t('No open sockets: the ones in the journal are closed. Make a new one with socket().'),
    state: t('State'),
    kernelState: t('Kernel TCP state'),
    port: t('Local port'),
    select: t('Show in the diagram'),
    peer: t('Loopback peer'),
    peerBehaviour: t('Behaviour'),
    peerStart: t('Start peer'),
    peerNotRunning: t('Not running: it starts with a recipe or with Start peer.'),
    peerPort: t('listening on 127.0.0.1:{0}'),
    'behaviour.echo': t('echo: sends back what it receives'),
    'behaviour.sink': t('sink: reads and discards'),
    'behaviour.send-then-close': t('send-then-close: greets, then sends FIN'),
    'behaviour.abortive-reset': t('abortive-reset: answers with RST'),
    'behaviour.silent': t('silent: never reads or writes'),
    recipes: t('Recipes'),
    calls: t('Make a call'),
    callButton: t('Call'),
    function: t('Function'),
    socketArg: t('Socket'),
    noSocketArg: t('(no socket)'),
    needSocket: t('This call needs a socket: make one with socket() first.'),
    text: t('Text'),
    maxBytes: t('Bytes at most'),
    how: t('How'),
    dataNull: t('NULL (no disconnect data)'),
    dataBuffer: t('A buffer with this text'),
    wantData: t('With a buffer for disconnect data'),
    onoff: t('l_onoff'),
    linger: t('l_linger (seconds)'),
    reuse: t('TF_REUSE_SOCKET'),
    addressFamily: t('Address family'),
    socketType: t('Type'),
    journal: t('Journal'),
    journalEmpty: t('No calls yet: run a recipe or make a call.'),
    sideApp: t('application'),
    sidePeer: t('peer'),
    returned: t('returned'),
    error: t('error'),
    stateChange: t('socket state'),
    divergence: t('differs from the model'),
    predicted: t('The model predicted'),
    explanation: t('What this error means'),
    timedOut: t('timed out'),
    cancelled: t('cancelled'),
    diagram: t('State of the selected socket'),
    diagramNone: t('Select a socket to see its state.'),
    diagramNote: t('closesocket leads from any state to closed: that arrow is drawn only where the socket took it.'),
    legend: t('Legend'),
    legendCurrent: t('the socket\'s state now'),
    legendPath: t('the path the socket took, numbered in call order'),
    legendEdge: t('a call that takes a socket from one state to another (its name on the arrow)'),
    pathOf: t('Path of {0}'),
    diagramLabel: t('Socket state diagram; the current state is {0}'),
    exportC: t('Export as C'),
    clear: t('Clear journal'),
    restart: t('Restart session'),
    actions: t('Session'),
  };
  for (const r of RECIPE_TABLE) {
    s[`recipe.${r.id}`] = r.title[lang];
    s[`recipe.${r.id}.description`] = r.description[lang];
  }
  return s;
}
