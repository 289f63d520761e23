// Running and stepping: continue, next, step in, step out, pause. Each is an MI command on the
// thread the user stopped in; pause works while the program is blocked in recv or accept because
// mi-async is on before gdb connects.
import type { Debuggee } from '../debuggee';

export type StepKind = 'next' | 'stepIn' | 'stepOut' | 'continue';

const COMMANDS: Readonly<Record<StepKind, string>> = {
  next: '-exec-next',
  stepIn: '-exec-step',
  stepOut: '-exec-finish',
  continue: '-exec-continue',
};

export class Execution {
  constructor(
    private readonly debuggee: () => Debuggee | undefined,
    private readonly beforeRun: () => Promise<void>,
  ) {}

  async run(kind: StepKind, threadId: number | undefined): Promise<void> {
    const d = this.debuggee();
    if (!d) return;
    await this.beforeRun();
    const thread = kind === 'continue' || threadId === undefined ? '' : ` --thread ${threadId}`;
    // -exec-finish from the outermost frame is refused by gdb: step over instead.
    try {
      await d.resume(`${COMMANDS[kind]}${thread}`);
    } catch (e) {
      if (kind !== 'stepOut') throw e;
      await d.resume(`-exec-next${thread}`);
    }
  }

  async pause(): Promise<void> {
    const d = this.debuggee();
    if (!d || !d.running) return;
    await d.interrupt();
  }
}
