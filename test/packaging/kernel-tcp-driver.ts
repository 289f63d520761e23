// Runs in the Windows node.exe under Wine (test/unit/debug-kernel-tcp-wine.test.ts): the debugger's
// Windows kernel-state lookup (GetTcpTable through koffi) on a real loopback connection, read
// while it is established and after the client's FIN. Writes one JSON object to the file named by
// its argument (node.exe's stdout is not a pipe Wine hands over reliably).
import { writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { kernelTcpLookupFor } from '../../debug-adapter/winsock/kernelTcp';

async function main(): Promise<void> {
  const lookup = await kernelTcpLookupFor(process.platform);
  let serverSide: Socket | undefined;
  const gotFin = new Promise<void>((resolve) => {
    const server = createServer({ allowHalfOpen: true }, (s) => {
      serverSide = s;
      s.on('end', () => resolve());
      s.resume();
    });
    server.listen(0, '127.0.0.1');
    void new Promise((r) => server.once('listening', r)).then(async () => {
      const port = (server.address() as AddressInfo).port;
      const client = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
      await new Promise((r) => client.once('connect', r));
      // The accept side may lag the connect a little: poll with a deadline.
      const until = Date.now() + 10_000;
      while (!serverSide && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      const local = { family: 2, ip: '127.0.0.1', port: client.localPort ?? 0 };
      const peer = { family: 2, ip: '127.0.0.1', port };
      const established = lookup(local, peer)?.state;
      const establishedLocal = lookup(local, peer)?.local;
      client.end();
      await new Promise<void>((r) => serverSide?.once('end', () => r()));
      let afterFin = lookup(local, peer)?.state;
      for (let i = 0; i < 50 && afterFin !== 'FIN_WAIT2'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        afterFin = lookup(local, peer)?.state;
      }
      const listening = lookup({ ...peer }, undefined, true)?.state;
      writeFileSync(process.argv[2]!, JSON.stringify({ platform: process.platform, established, establishedLocal, afterFin, listening }));
      client.destroy();
      serverSide?.destroy();
      server.close();
    });
  });
  await gotFin;
}

main().catch((e: unknown) => {
  writeFileSync(process.argv[2]!, JSON.stringify({ error: e instanceof Error ? e.message : String(e) }));
});
