// The loopback peer: a TCP server on 127.0.0.1 with an ephemeral port, inside the worker, that
// plays the other end of the user's connections. It uses Node's net module, whose observations are
// the kernel's: 'end' is the FIN (a read returned 0), ECONNRESET is the RST, resetAndDestroy() sends
// one (SO_LINGER {1,0} then close).
import { createServer, type Server, type Socket } from 'node:net';
import type { JournalEntry, PeerBehaviour } from '../core/protocol/sandbox';

export interface PeerObservation {
  readonly event: NonNullable<JournalEntry['peerEvent']>;
  readonly text: string;
  /** The peer's side of the connection. */
  readonly localPort: number;
  /** The application's side (the user's socket's local port). */
  readonly remotePort: number;
  readonly bytes?: number;
  readonly data?: string;
}

/** At most 1 KiB of received data is shown in the journal. */
function preview(chunk: Buffer): string {
  return chunk.length <= 1024 ? chunk.toString('utf8') : `${chunk.subarray(0, 1024).toString('utf8')}… (${chunk.length - 1024} more bytes)`;
}

/** What the peer sends in 'send-then-close' mode. */
export const PEER_GREETING = 'hello from the peer\n';

export class LoopbackPeer {
  private server: Server | undefined;
  private readonly conns = new Set<Socket>();
  port = 0;

  constructor(
    public behaviour: PeerBehaviour,
    private readonly observe: (o: PeerObservation) => void,
  ) {}

  /** Listens on 127.0.0.1 at `port` (0: a free port the system chooses). */
  start(port = 0): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (sock) => this.accepted(sock));
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const a = server.address();
        this.port = typeof a === 'object' && a ? a.port : 0;
        this.server = server;
        resolve();
      });
    });
  }

  private accepted(sock: Socket): void {
    const behaviour = this.behaviour;
    const localPort = sock.localPort ?? this.port;
    const remotePort = sock.remotePort ?? 0;
    const see = (event: PeerObservation['event'], text: string, more: { bytes?: number; data?: string } = {}) =>
      this.observe({ event, text, localPort, remotePort, ...more });
    this.conns.add(sock);
    // Adding a 'data' listener would start reading: a silent peer must stay explicitly paused.
    if (behaviour === 'silent') sock.pause();
    see('accepted', `peer (${behaviour}) accepted a connection from 127.0.0.1:${remotePort}`);
    sock.on('data', (chunk: Buffer) => {
      see('received', `peer received ${chunk.length} bytes`, { bytes: chunk.length, data: preview(chunk) });
      if (behaviour === 'echo' && sock.writable) {
        sock.write(chunk);
        see('sent', `peer echoed ${chunk.length} bytes`, { bytes: chunk.length, data: preview(chunk) });
      }
    });
    sock.on('end', () => {
      see('fin', 'peer saw FIN: its recv returned 0');
      if (behaviour === 'echo' || behaviour === 'sink') {
        sock.end();
        see('closed', 'peer closed its side in answer (shutdown(SD_SEND) then close)');
      }
    });
    sock.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET') see('reset', 'peer saw RST: recv failed with ECONNRESET (WSAECONNRESET on Windows)');
      else see('closed', `peer's socket failed: ${err.code ?? err.message}`);
    });
    sock.on('close', () => {
      this.conns.delete(sock);
    });
    switch (behaviour) {
      case 'echo':
      case 'sink':
        sock.resume();
        break;
      case 'send-then-close':
        sock.resume();
        sock.end(PEER_GREETING);
        see('sent', `peer sent ${Buffer.byteLength(PEER_GREETING)} bytes and closed its sending side (FIN)`, { bytes: Buffer.byteLength(PEER_GREETING), data: PEER_GREETING });
        break;
      case 'abortive-reset':
        sock.resetAndDestroy();
        see('closed', 'peer closed abortively (SO_LINGER {1,0} then close): an RST went out');
        break;
      case 'silent':
        // Never reads, never writes, never closes: data piles up in its receive buffer.
        break;
    }
  }

  /** Closes the listening socket and every connection at once (RST), then resolves. */
  stop(): Promise<void> {
    for (const c of this.conns) c.resetAndDestroy();
    this.conns.clear();
    const server = this.server;
    this.server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}
