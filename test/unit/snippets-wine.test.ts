// The close snippets and the reference example do what they say against a real ws2_32.dll (Wine's)
// talking to a real TCP peer on 127.0.0.1: the snippets are expanded with their defaults, built
// with MinGW-w64, and run under Wine; the peer is a Node server in this process.
//
// Wine is not Windows (see docs: Wine ignores disconnect data and accepts some calls Windows
// refuses), so these tests check only behaviour both share: FIN on shutdown(SD_SEND), recv
// returning 0 after the peer's FIN, SO_RCVTIMEO ending a wait on a silent peer.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expandSnippet } from './snippets-expander';
import { loadContributedSnippets } from './snippets-files';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const gcc = 'x86_64-w64-mingw32-gcc';
// A prefix of our own, so that we never race another suite creating the shared one.
const prefix = path.join(root, '.cache', 'wine-prefix-snippets');
const wineEnv = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };

function missingTools(): string | undefined {
  for (const tool of [gcc, 'wine']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0) {
      return `${tool} is not installed: run scripts/install-system-deps.sh`;
    }
  }
  return undefined;
}

/** The body of the snippet with this prefix, with its final tab stop replaced by `code`. */
function expandedWith(prefixName: string, code = ''): string {
  const snippet = loadContributedSnippets(root).find((s) => s.prefix === prefixName);
  assert.ok(snippet, `no snippet ${prefixName}`);
  const marker = 'FINAL_TAB_STOP_MARKER';
  return expandSnippet(snippet.body.map((l) => l.replace('$0', marker))).replace(marker, code);
}

const driverCode = `
	const char *mode = argc > 2 ? argv[1] : "";
	struct sockaddr_in peer;
	SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
	memset(&peer, 0, sizeof peer);
	peer.sin_family = AF_INET;
	peer.sin_port = htons((u_short)atoi(argc > 2 ? argv[2] : "0"));
	peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s == INVALID_SOCKET || connect(s, (struct sockaddr *)&peer, sizeof peer) == SOCKET_ERROR) {
		printf("connect failed %d\\n", WSAGetLastError());
		return 2;
	}
	if (send(s, "ping", 4, 0) != 4) {
		printf("send failed %d\\n", WSAGetLastError());
		return 2;
	}
	if (strcmp(mode, "graceful") == 0) {
		int r = graceful_close(s, 1500);
		printf("graceful_close=%d err=%d\\n", r, r == 0 ? 0 : WSAGetLastError());
	} else if (strcmp(mode, "data") == 0) {
		char bye[] = "bye";
		char scratch[64];
		int r = send_disconnect_data(s, bye, 3);
		printf("send_disconnect_data=%d err=%d\\n", r, r == 0 ? 0 : WSAGetLastError());
		while (recv(s, scratch, sizeof scratch, 0) > 0) {
		}
		closesocket(s);
	} else if (strcmp(mode, "reuse") == 0) {
		LPFN_DISCONNECTEX fn = load_disconnectex(s);
		OVERLAPPED ov;
		BOOL started, finished = FALSE;
		memset(&ov, 0, sizeof ov);
		ov.hEvent = WSACreateEvent();
		started = fn != NULL && begin_reuse_disconnect(fn, s, &ov);
		if (started)
			finished = finish_reuse_disconnect(s, &ov);
		printf("loaded=%d started=%d finished=%d err=%d\\n", fn != NULL, started, finished, finished ? 0 : WSAGetLastError());
		WSACloseEvent(ov.hEvent);
		closesocket(s);
	} else if (strcmp(mode, "enum") == 0) {
		list_disconnect_data_providers();
		closesocket(s);
	}
	fflush(stdout);
`;

function driverSource(): string {
  return [
    '#include <winsock2.h>',
    '#include <ws2tcpip.h>',
    '#include <mswsock.h>',
    '#include <windows.h>',
    '#include <stdio.h>',
    '#include <stdlib.h>',
    '#include <string.h>',
    '',
    expandedWith('wsa-graceful-close'),
    expandedWith('wsa-disconnect-data'),
    expandedWith('wsa-disconnectex-reuse'),
    expandedWith('wsa-enum-disconnect-data'),
    'int main(int argc, char **argv)',
    '{',
    expandedWith('wsa-startup', driverCode),
    '\treturn 0;',
    '}',
    '',
  ].join('\n');
}

interface PeerLog {
  received: string;
  gotFin: boolean;
  error?: string;
}

/** A TCP peer on 127.0.0.1 that echoes and, if `closeBack`, ends its side once it sees the client's FIN. */
async function startPeer(closeBack: boolean): Promise<{ port: number; log: PeerLog; stop: () => Promise<void> }> {
  const log: PeerLog = { received: '', gotFin: false };
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (sock) => {
    sockets.add(sock);
    sock.on('data', (d) => {
      log.received += d.toString('latin1');
      sock.write(d);
    });
    sock.on('end', () => {
      log.gotFin = true;
      if (closeBack) sock.end();
    });
    sock.on('error', (e) => { log.error = (e as NodeJS.ErrnoException).code ?? e.message; });
    sock.on('close', () => sockets.delete(sock));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    log,
    stop: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Runs a Windows program under Wine with a deadline; kills it (by pid) if the deadline passes. */
function runUnderWine(exe: string, args: string[], stdin: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('wine', [exe, ...args], { env: wineEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(exe)} ${args.join(' ')} did not finish within ${timeoutMs} ms; stdout: ${stdout}; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    child.stdin.end(stdin);
  });
}

async function prepareWine(): Promise<void> {
  mkdirSync(prefix, { recursive: true });
  // A fresh prefix: let wineboot finish before the first program runs (tens of seconds once).
  const r = spawnSync('wineboot', ['-i'], { env: wineEnv, stdio: 'ignore', timeout: 300_000 });
  if (r.error || r.status !== 0) {
    rmSync(prefix, { recursive: true, force: true });
    throw new Error(`creating the Wine prefix ${prefix} failed (${r.error?.message ?? `wineboot exit ${r.status}`}); it was removed`);
  }
}

// On a developer machine without MinGW or Wine the tests are skipped with the reason; in CI
// (CI=true) they run and fail with it, since scripts/install-system-deps.sh installs both.
const missing = missingTools();
const skip = process.env.CI ? false : missing ?? false;

// Our prefix's wineserver would linger a few seconds after the last program; end it now.
after(() => {
  if (!missing) spawnSync('wineserver', ['-k'], { env: wineEnv, stdio: 'ignore', timeout: 30_000 });
});

test('snippets under Wine: wsa-graceful-close sees the peer\'s FIN and returns 0, and gives up with SOCKET_ERROR on a silent peer; wsa-disconnect-data falls back to a plain FIN on TCP; wsa-disconnectex-reuse completes; wsa-enum-disconnect-data lists the providers', { skip, timeout: 600_000 }, async (t) => {
  assert.equal(missing, undefined, missing);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'winsock-lens-wine-'));
  try {
    const source = driverSource();
    const file = path.join(dir, 'close_driver.c');
    writeFileSync(file, source);
    const exe = path.join(dir, 'close_driver.exe');
    await run(gcc, ['-Wall', '-Wextra', '-Werror', file, '-o', exe, '-lws2_32', '-lmswsock']).catch((e: { stderr?: string }) => {
      throw new Error(`the driver did not build:\n${e.stderr}\n${source}`);
    });
    await prepareWine();

    // 1. A peer that closes back: graceful.
    let peer = await startPeer(true);
    try {
      const r = await runUnderWine(exe, ['graceful', String(peer.port)], '', 120_000);
      assert.equal(r.code, 0, `exit code; stdout: ${r.stdout}; stderr: ${r.stderr}`);
      assert.match(r.stdout, /graceful_close=0 err=0/);
      assert.equal(peer.log.received, 'ping');
      assert.ok(peer.log.gotFin, 'the peer saw our FIN');
      assert.equal(peer.log.error, undefined, 'no reset');
    } finally {
      await peer.stop();
    }

    // 2. A peer that never closes its side: the receive timeout ends the wait, no graceful close.
    peer = await startPeer(false);
    try {
      const r = await runUnderWine(exe, ['graceful', String(peer.port)], '', 120_000);
      assert.equal(r.code, 0, `exit code; stdout: ${r.stdout}; stderr: ${r.stderr}`);
      assert.match(r.stdout, /graceful_close=-1 err=10060\b/, 'WSAETIMEDOUT from the SO_RCVTIMEO the snippet sets');
      assert.ok(peer.log.gotFin, 'the peer still saw our FIN');
      t.diagnostic(`silent peer: ${r.stdout.trim()}`);
    } finally {
      await peer.stop();
    }

    // 3. Disconnect data on TCP: the provider has no XP1_DISCONNECT_DATA, so a plain FIN goes out
    //    and the data is not sent inline.
    peer = await startPeer(true);
    try {
      const r = await runUnderWine(exe, ['data', String(peer.port)], '', 120_000);
      assert.equal(r.code, 0, `exit code; stdout: ${r.stdout}; stderr: ${r.stderr}`);
      assert.match(r.stdout, /send_disconnect_data=0 err=0/);
      assert.ok(peer.log.gotFin, 'the peer saw the FIN');
      assert.equal(peer.log.received, 'ping', 'the disconnect data must not arrive as stream data');
    } finally {
      await peer.stop();
    }

    // 4. DisconnectEx(TF_REUSE_SOCKET) through the snippet's three functions: loaded, started
    //    (TRUE or FALSE + WSA_IO_PENDING), completed, and the peer sees the FIN.
    peer = await startPeer(true);
    try {
      const r = await runUnderWine(exe, ['reuse', String(peer.port)], '', 120_000);
      t.diagnostic(`DisconnectEx: ${r.stdout.trim()}`);
      assert.equal(r.code, 0, `exit code; stdout: ${r.stdout}; stderr: ${r.stderr}`);
      assert.match(r.stdout, /loaded=1 started=1 finished=1 err=0/);
      assert.ok(peer.log.gotFin, 'the peer saw the FIN of DisconnectEx');
    } finally {
      await peer.stop();
    }

    // 5. The provider list: WSAEnumProtocolsW's size query then the real call; Wine's TCP/IP
    //    providers, like Microsoft's, carry no disconnect data.
    peer = await startPeer(true);
    try {
      const r = await runUnderWine(exe, ['enum', String(peer.port)], '', 120_000);
      t.diagnostic(`providers: ${r.stdout.trim().split(/\r?\n/).length} lines`);
      assert.equal(r.code, 0, `exit code; stdout: ${r.stdout}; stderr: ${r.stderr}`);
      assert.doesNotMatch(r.stdout + r.stderr, /WSAEnumProtocolsW failed/);
      const lines = r.stdout.trim().split(/\r?\n/);
      assert.ok(lines.length >= 2, `several providers listed: ${r.stdout}`);
      for (const line of lines) assert.match(line, /: disconnect data (not )?supported$/);
      assert.ok(lines.some((l) => /TCP/i.test(l) && /not supported$/.test(l)), `a TCP provider without disconnect data: ${r.stdout}`);
    } finally {
      await peer.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('examples/echo_client.c under Wine echoes a line and closes gracefully (FIN, then the peer\'s FIN, exit 0)', { skip, timeout: 600_000 }, async () => {
  assert.equal(missing, undefined, missing);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'winsock-lens-wine-'));
  try {
    const exe = path.join(dir, 'echo_client.exe');
    await run(gcc, ['-Wall', path.join(root, 'examples', 'echo_client.c'), '-o', exe, '-lws2_32']);
    await prepareWine();
    const peer = await startPeer(true);
    try {
      const r = await runUnderWine(exe, ['127.0.0.1', String(peer.port)], 'hello winsock\n', 120_000);
      assert.equal(r.code, 0, `exit code; stdout: ${r.stdout}; stderr: ${r.stderr}`);
      assert.match(r.stdout, /hello winsock/);
      assert.equal(peer.log.received, 'hello winsock\n');
      assert.ok(peer.log.gotFin, 'the server saw the client\'s FIN');
      assert.equal(peer.log.error, undefined, 'no reset');
    } finally {
      await peer.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
