// The process entry of the Winsock Lens debug adapter (dist/debugAdapter.js): DAP on stdin/stdout,
// for VS Code's external mode, nvim-dap or Emacs dap-mode. `--server=PORT` serves DAP on a TCP port
// instead (development: point a launch configuration's "debugServer" at it). When the client goes
// away (stdin closes, SIGTERM), the program, gdb, gdbserver and the adapter's Wine prefix are ended.
import { DebugSession } from '@vscode/debugadapter';
import { WinsockDebugSession } from './session';

if (process.argv.some((a) => a.startsWith('--server='))) {
  DebugSession.run(WinsockDebugSession);
} else {
  const session = new WinsockDebugSession();
  let leaving = false;
  const leave = (code: number) => {
    if (leaving) return;
    leaving = true;
    void session.shutdownNow().finally(() => process.exit(code));
  };
  process.stdin.on('end', () => leave(0));
  process.on('SIGTERM', () => leave(0));
  process.on('SIGINT', () => leave(0));
  session.start(process.stdin, process.stdout);
}
