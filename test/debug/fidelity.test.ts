// Fidelity: each sandbox recipe runs in a real sandbox worker (posix backend, the loopback peer),
// its journal is exported as C ("Export as C"), and that program runs under the debugger (built by
// the adapter, real gdb, Wine's ws2_32.dll). The debugger's Winsock journal must hold the exported
// calls in order with the same outcome (success, or the same WSA error) as the sandbox's journal.
// The exported program plays the peer itself, so its own peer-side calls sit between them.
// Wine's one known difference (WSASendDisconnect ignores disconnect data: 0 where the sandbox, as
// Windows, says WSAENOPROTOOPT; toolchain-notes.md §4) is allowed as such.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { RECIPES, type JournalEntry, type RecipeId } from '../../core/protocol/sandbox';
import { errorName } from '../../core/model/stateMachine';
import { exportC, exportedCalls } from '../../core/sandbox/exportC';
import { recipeById, runRecipe } from '../../core/sandbox/recipes';
import type { SandboxClient } from '../../sandbox/client';
import { recordEvents, startClient, waitFor as waitForSandbox } from '../unit/sandbox-harness';
import { leftovers, newClient, storageDir, waitFor } from './helpers';

const dir = path.join(storageDir, 'fidelity');
mkdirSync(dir, { recursive: true });

/** `[winsock] fn(args) = ret ERR · …` lines of the debug console. */
function journalOf(output: readonly string[]): { fn: string; error?: string }[] {
  return output.flatMap((o) => {
    const m = /^\[winsock\] (\w+)\(.*?\) = -?\d+( WSA\w+)?/.exec(o);
    return m ? [{ fn: m[1] as string, ...(m[2] ? { error: m[2].trim() } : {}) }] : [];
  });
}

describe('fidelity: Export as C under the debugger gives the sandbox\'s journal', { timeout: 600_000 }, () => {
  let client: SandboxClient;
  let rec: ReturnType<typeof recordEvents>;
  before(async () => {
    client = await startClient();
    rec = recordEvents(client);
  });
  after(async () => {
    await client.dispose();
  });

  async function sandboxJournal(id: RecipeId): Promise<JournalEntry[]> {
    await client.reset();
    const mark = rec.journal().at(-1)?.seq ?? 0;
    const app = await runRecipe(recipeById(id), client);
    const last = app.at(-1)?.seq ?? 0;
    await waitForSandbox('the recipe\'s journal', () => (rec.journal().some((e) => e.seq === last) ? true : undefined));
    return rec.journal().filter((e) => e.seq > mark);
  }

  for (const id of RECIPES) {
    it(id, async () => {
      const j = await sandboxJournal(id);
      const program = path.join(dir, `${id}.c`);
      writeFileSync(program, exportC(j, { backend: 'posix' }));
      const dc = newClient();
      const output: string[] = [];
      dc.on('output', (e: DebugProtocol.OutputEvent) => output.push(e.body.output));
      try {
        await dc.start();
        const terminated = dc.waitForEvent('terminated', 180_000);
        const init = dc.waitForEvent('initialized', 120_000);
        const launched = dc.launch({ program, storageDir, language: 'en', compilerArgs: ['-std=c11'] } as DebugProtocol.LaunchRequestArguments);
        await init;
        await dc.configurationDoneRequest();
        await launched;
        await terminated;
      } finally {
        await dc.stop().catch(() => {});
      }
      const got = journalOf(output);
      const expected = exportedCalls(j);
      let at = 0;
      for (const [i, e] of expected.entries()) {
        const fn = e.call?.fn ?? '';
        const wineDiffers = id === 'disconnect-data-on-tcp' && fn === 'WSASendDisconnect';
        const want = wineDiffers || !e.wsaError ? undefined : errorName(e.wsaError);
        const found = got.findIndex((g, k) => k >= at && g.fn === fn);
        assert.ok(found >= 0, `step ${i + 1} (${e.text}) is in the debugger's journal after entry ${at}:\n${got.map((g) => `${g.fn} ${g.error ?? ''}`).join('\n')}`);
        assert.equal(got[found]?.error, want, `step ${i + 1} ${e.text}: the debugger saw ${got[found]?.error ?? 'success'}`);
        at = found + 1;
      }
      await waitFor('no process left', () => (leftovers().length === 0 ? true : undefined), 20_000).catch(() => assert.deepEqual(leftovers(), []));
    });
  }
});
