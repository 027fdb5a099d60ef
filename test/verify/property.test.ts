// Property: for random well-shaped expressions over the whole op set, the derived gradient
// passes the finite-difference check — and mutated (wrong) gradients do not.
// 300 cases in `npm test`; SHAPEGRAD_LONG=1 runs 3000 (SHAPEGRAD_SEED=N picks another fast-check seed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { randomExpression, randomVectorExpression } from './gen.js';
import { deriveChecked, explain, gradientMutations } from './helpers.js';
import { checkGradient, checkJacobian } from '../../src/numeric/gradcheck.js';
import { analyze } from '../../src/expr/analyze.js';
import { deriveAll, DeriveError } from '../../src/calculus/derive.js';
import { instantiate } from '../../src/numeric/instantiate.js';
import type { Expr } from '../../src/expr/expr.js';

const RUNS = process.env.SHAPEGRAD_LONG ? 3000 : 300;

test(`derived gradients of ${RUNS} random expressions pass the numeric check; mutations fail it`, () => {
  let mutationsCaught = 0;
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fc.integer({ min: 1, max: 4 }), (seed, depth) => {
      const g = randomExpression(seed, depth);
      const x = deriveChecked(g.text, g.shapes, g.wrt, { method: 'full' });
      assert.ok(x.check.passed, explain(x));
      // Mutations: a wrong constant factor, a sign error, a missing transpose.
      const inst = x.check.instance;
      for (const { derivative: k, wrong } of gradientMutations(x, inst)) {
        for (const w of wrong) {
          const r = checkGradient(x.a.expr!, [{ wrt: k.wrt, expr: w }], { instance: inst, method: 'full' });
          assert.equal(r.passed, false, `${g.text}: mutated d/d${k.wrt} (${w.op}) passed the check`);
          mutationsCaught++;
        }
      }
    }),
    { numRuns: RUNS, seed: Number(process.env.SHAPEGRAD_SEED ?? 20261128) },
  );
  assert.ok(mutationsCaught > RUNS, `only ${mutationsCaught} mutations were checked`);
});

test('Hessians of random expressions by their vector variables pass the Jacobian-of-the-gradient check', () => {
  let checked = 0;
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fc.integer({ min: 1, max: 4 }), (seed, depth) => {
      const g = randomExpression(seed, depth);
      const a = analyze(g.text, { shapes: g.shapes });
      for (const v of g.wrt.filter((w) => g.shapes[w]!.length === 1)) {
        let H: Expr;
        let G: Expr;
        try {
          H = deriveAll(a, { wrt: [v], hessian: true }).derivatives[0]!.expr;
          G = deriveAll(a, { wrt: [v] }).derivatives[0]!.expr;
        } catch (e) {
          if (e instanceof DeriveError) continue; // a documented limit (matrix intermediates, ∇F)
          throw e;
        }
        const r = checkJacobian(G, v, H, { instance: instantiate([a.expr!, G, H], { seed: 1 }) });
        assert.ok(r.passed, `${g.text}: Hessian by ${v}: ${r.maxRelError} ${r.message ?? ''}`);
        checked++;
      }
    }),
    { numRuns: RUNS, seed: Number(process.env.SHAPEGRAD_SEED ?? 20261128) },
  );
  assert.ok(checked >= RUNS / 30, `only ${checked} Hessians checked`);
});

test('Jacobians of random vector expressions by their vector variables pass the check', () => {
  let checked = 0;
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fc.integer({ min: 1, max: 4 }), (seed, depth) => {
      const g = randomVectorExpression(seed, depth);
      const a = analyze(g.text, { shapes: g.shapes });
      for (const v of g.wrt.filter((w) => g.shapes[w]!.length === 1)) {
        let J: Expr;
        try {
          J = deriveAll(a, { wrt: [v] }).derivatives[0]!.expr;
        } catch (e) {
          if (e instanceof DeriveError) continue;
          throw e;
        }
        const r = checkJacobian(a.expr!, v, J, { instance: instantiate([a.expr!, J], { seed: 1 }) });
        assert.ok(r.passed, `${g.text}: Jacobian by ${v}: ${r.maxRelError} ${r.message ?? ''}`);
        checked++;
      }
    }),
    { numRuns: RUNS, seed: Number(process.env.SHAPEGRAD_SEED ?? 20261128) },
  );
  assert.ok(checked >= RUNS / 3, `only ${checked} Jacobians checked`);
});
