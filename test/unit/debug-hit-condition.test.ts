// The debugger's hit counts: the DAP hitCondition forms, the ignore count gdb starts with, and what
// the adapter does after a stop (the real gdb runs them in test/debug/features.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { afterHit, initialIgnoreCount, parseHitCondition } from '../../debug-adapter/handlers/hitCondition';

describe('hit conditions', () => {
  const cases: [string, string | undefined, number | undefined, ReturnType<typeof afterHit>][] = [
    ['3', '==', 2, { disable: true }],
    ['== 3', '==', 2, { disable: true }],
    ['=1', '==', 0, { disable: true }],
    ['>= 4', '>=', 3, undefined],
    ['>4', '>', 4, undefined],
    ['> 0', '>', 0, undefined],
    ['% 2', '%', 1, { ignore: 1 }],
    ['%1', '%', 0, undefined],
  ];
  for (const [text, op, ignore, after] of cases) {
    it(`"${text}": ${op}, ignore ${ignore} first, then ${JSON.stringify(after)}`, () => {
      const c = parseHitCondition(text);
      assert.equal(c?.op, op);
      assert.equal(initialIgnoreCount(c!), ignore);
      assert.deepEqual(afterHit(c!), after);
    });
  }
  for (const bad of ['often', '0', '== 0', '% 0', '>= 0', '-1', '2.5', '3 times', '', '99999999999999999999']) {
    it(`"${bad}" is refused`, () => assert.equal(parseHitCondition(bad), undefined));
  }
});
