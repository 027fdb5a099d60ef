// Every rewrite rule of rules/simplify: both sides agree numerically on random inputs of
// compatible shapes. Both sides are elaborated in one elaborator with their wildcards as
// undeclared variables (A, B, C matrices; c, d become numbers), their shapes unified, then
// instantiated with distinct sizes and compared entry by entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRewriteRules } from '../../rules/simplify/registry.js';
import { parse } from '../../src/expr/parser.js';
import { Elaborator } from '../../src/expr/elaborate.js';
import { LineMap } from '../../src/report/diagnostic.js';
import { instantiate } from '../../src/numeric/instantiate.js';
import { Evaluator } from '../../src/numeric/evaluate.js';

const NUMBERS: Record<string, string> = { c: '1.7', d: '(-0.6)' };

function sides(rule: string) {
  const [l, r] = rule.split('->').map((s) => s.trim().replace(/\b[cd]\b/g, (w) => NUMBERS[w]!)) as [string, string];
  const el = new Elaborator(new LineMap(`${l}\n${r}`));
  const la = parse(l);
  const ra = parse(r);
  const tl = el.check(la, l);
  const tr = el.check(ra, r);
  assert.ok(tl !== 'error' && tr !== 'error', `${rule}: a side does not elaborate`);
  assert.ok(el.requireShape(tl, tr), `${rule}: the two sides cannot have the same shape`);
  const done = el.finish();
  assert.ok(done.ok, `${rule}: ${done.diagnostics.map((d) => d.message).join('; ')}`);
  return { left: done.lower(la), right: done.lower(ra) };
}

for (const r of allRewriteRules) {
  test(`rewrite rule ${r.rule}: both sides agree numerically`, () => {
    const { left, right } = sides(r.rule);
    for (const seed of [1, 2, 3]) {
      const inst = instantiate([left, right], { seed });
      const ev = new Evaluator([left, right]);
      const vals = ev.run(inst.env);
      const a = ev.valueOf(vals, left);
      const b = ev.valueOf(vals, right);
      assert.deepEqual([a.rows, a.cols], [b.rows, b.cols], r.rule);
      for (let i = 0; i < a.data.length; i++) {
        const x = a.data[i]!;
        const y = b.data[i]!;
        assert.ok(Number.isFinite(x) && Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(x), Math.abs(y)), `${r.rule} (seed ${seed}): entry ${i}: ${x} vs ${y}`);
      }
    }
  });
}

test('a wrong rewrite rule would be caught: (A*B)\' -> A\'*B\' for square matrices', () => {
  const { left, right } = sides("(A*B)' + 0*A*B -> A'*B'");
  const inst = instantiate([left, right], { seed: 1 });
  const ev = new Evaluator([left, right]);
  const vals = ev.run(inst.env);
  const a = ev.valueOf(vals, left).data;
  const b = ev.valueOf(vals, right).data;
  assert.ok(a.some((x, i) => Math.abs(x - b[i]!) > 1e-6));
});
