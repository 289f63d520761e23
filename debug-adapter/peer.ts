// The `peer` launch attribute: the sandbox's loopback peer (sandbox/peer.ts, imported, not copied)
// on 127.0.0.1, playing the other end of the program's connection. Its observations go to the debug
// console.
import type { PeerBehaviour } from '../core/protocol/sandbox';
import { LoopbackPeer } from '../sandbox/peer';
import type { PeerConfig, PeerMode } from './launchArgs';

export interface RunningPeer {
  readonly behaviour: PeerBehaviour;
  readonly port: number;
  stop(): Promise<void>;
}

export async function startPeer(config: PeerConfig | PeerMode, log: (text: string) => void): Promise<RunningPeer> {
  const behaviour = typeof config === 'string' ? config : config.behaviour;
  const peer = new LoopbackPeer(behaviour, (o) => log(o.text));
  await peer.start(typeof config === 'string' ? 0 : (config.port ?? 0));
  return { behaviour, port: peer.port, stop: () => peer.stop() };
}
