// Every rewrite rule as the engine applies it: the left side is instantiated with wildcards of
// many concrete shapes (vectors, rows, scalars, square and non-square matrices — not just the
// shapes under which the identity holds), and wherever the engine fires the rule, the result
// must agree numerically with the input. This catches a rule whose pattern matches more than
// its identity allows (diag(A*B') -> A .* B on matrices was such a rule).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRewriteRules } from '../../rules/simplify/registry.js';
import { analyze } from '../../src/expr/analyze.js';
import { Algebra } from '../../src/calculus/algebra.js';
import { rewriteOnce } from '../../src/calculus/rewrite.js';
import { instantiate } from '../../src/numeric/instantiate.js';
import { Evaluator } from '../../src/numeric/evaluate.js';

const SHAPES: Array<[number, number]> = [[1, 1], [2, 1], [1, 2], [2, 2], [3, 2], [2, 3], [3, 3], [3, 1], [1, 3]];

for (const r of allRewriteRules) {
  test(`rewrite rule ${r.rule}: sound wherever the engine applies it`, () => {
    const lhs = r.rule.split('->')[0]!.trim().replace(/\bc\b/g, '1.7').replace(/\bd\b/g, '(-0.6)').replace(/\bm\b/g, 'M_').replace(/\bn\b/g, 'N_');
    const wildcards = [...new Set(lhs.match(/\b[A-Z]\b/g) ?? [])];
    const dimSyms = [...new Set(lhs.match(/\b[MN]_/g) ?? [])];
    let applied = 0;
    // Every assignment of shapes to wildcards (bounded), dims of ones/eye from {1, 2, 3}.
    const total = SHAPES.length ** wildcards.length * 3 ** dimSyms.length;
    for (let code = 0; code < Math.min(total, 20000); code++) {
      let rest = code;
      const shapes: Record<string, number[]> = {};
      for (const w of wildcards) {
        shapes[w] = [...SHAPES[rest % SHAPES.length]!];
        rest = Math.floor(rest / SHAPES.length);
      }
      let text = lhs;
      for (const d of dimSyms) {
        text = text.replaceAll(d, String((rest % 3) + 1));
        rest = Math.floor(rest / 3);
      }
      const a = analyze(text, { shapes });
      if (!a.ok) continue;
      const alg = new Algebra(a.elaborated!.builder);
      const out = rewriteOnce(alg, a.expr!);
      if (!out) continue;
      applied++;
      const inst = instantiate([a.expr!, out], { seed: 7 });
      const ev = new Evaluator([a.expr!, out]);
      const vals = ev.run(inst.env);
      const x = ev.valueOf(vals, a.expr!);
      const y = ev.valueOf(vals, out);
      assert.deepEqual([y.rows, y.cols], [x.rows, x.cols], `${text}: shape changed`);
      for (let i = 0; i < x.data.length; i++) {
        assert.ok(Math.abs(x.data[i]! - y.data[i]!) <= 1e-9 * Math.max(1, Math.abs(x.data[i]!)), `${r.rule} on ${text} ${JSON.stringify(shapes)}: entry ${i}: ${x.data[i]} vs ${y.data[i]}`);
      }
    }
    assert.ok(applied > 0, `${r.rule}: the engine never applied it to its own left side`);
  });
}
