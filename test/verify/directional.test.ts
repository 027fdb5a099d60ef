// The directional method (large inputs, `--verify=directional`): all the variables are probed
// together along one random direction, so a wrong gradient of ONE variable must still be caught
// and named — also when its gradient is far smaller than the others'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { randomExpression } from './gen.js';
import { analyzed, deriveChecked, explain, gradientMutations, type Shapes } from './helpers.js';
import { checkGradient, DEFAULT_DIRECTIONS, type CheckResult } from '../../src/numeric/gradcheck.js';
import { deriveAll } from '../../src/calculus/derive.js';
import { verifyDerivation, verifyLine } from '../../src/numeric/verify.js';

const RUNS = process.env.SHAPEGRAD_LONG ? 3000 : 300;

/** The check failed, on `wrt`: the worst probe and the per-variable verdict name it, the others pass. */
function failedOn(r: CheckResult, wrt: string, others: string[] = []): void {
  assert.equal(r.passed, false, `a wrong gradient by ${wrt} passed (max rel ${r.maxRelError})`);
  assert.equal(r.worst?.wrt, wrt, JSON.stringify(r.worst));
  assert.equal(r.perVariable.find((v) => v.wrt === wrt)?.passed, false, JSON.stringify(r.perVariable));
  for (const o of others) assert.equal(r.perVariable.find((v) => v.wrt === o)?.passed, true, `${o}: ${JSON.stringify(r.perVariable)}`);
}

test(`directional: derived gradients of ${RUNS} random expressions pass; one mutated variable among all fails and is named`, () => {
  let mutationsCaught = 0;
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fc.integer({ min: 1, max: 4 }), (seed, depth) => {
      const g = randomExpression(seed, depth);
      const x = deriveChecked(g.text, g.shapes, g.wrt, { method: 'directional' });
      assert.ok(x.check.passed, explain(x));
      assert.equal(x.check.method, 'directional');
      const inst = x.check.instance;
      for (const { derivative: k, wrong } of gradientMutations(x, inst)) {
        for (const w of wrong) {
          // Every variable's gradient is claimed; only k's is wrong.
          const claims = x.d.derivatives.map((q) => ({ wrt: q.wrt, expr: q === k ? w : q.expr }));
          const r = checkGradient(x.a.expr!, claims, { instance: inst, method: 'directional' });
          assert.equal(r.passed, false, `${g.text}: mutated d/d${k.wrt} (${w.op}) passed the directional check`);
          assert.equal(r.worst?.wrt, k.wrt, `${g.text}: mutated d/d${k.wrt} (${w.op}) was reported on ${r.worst?.wrt}`);
          mutationsCaught++;
        }
      }
    }),
    { numRuns: RUNS, seed: Number(process.env.SHAPEGRAD_SEED ?? 20261129) },
  );
  assert.ok(mutationsCaught > RUNS, `only ${mutationsCaught} mutations were checked`);
});

// A 2-layer MLP with biases, large enough for the automatic method to go directional.
const MLP = '0.5*sum((σ(W2*σ(W1*x + b1) + b2) - y).^2)';
const MLP_SHAPES: Shapes = { W1: ['m', 'n'], W2: ['k', 'm'], b1: ['m'], b2: ['k'], x: ['n'], y: ['k'] };
const MLP_SIZES = new Map([['n', 60], ['m', 50], ['k', 40]]);

test('directional, large MLP: the right gradients pass in 2 evaluations per direction', () => {
  const x = deriveChecked(MLP, MLP_SHAPES, ['W1', 'W2', 'b1', 'b2'], { sizes: MLP_SIZES });
  assert.equal(x.check.method, 'directional');
  assert.ok(x.check.passed, explain(x));
  assert.ok(x.check.maxRelError < 1e-7, explain(x));
  // One joint probe per direction, each a 2-point difference: no escalation, no per-variable probe.
  assert.equal(x.check.evaluations, 2 * DEFAULT_DIRECTIONS);
  assert.deepEqual(x.check.perVariable.map((v) => v.passed), [true, true, true, true]);
});

test('directional, large MLP: a wrong gradient in only one of four variables is caught and reported on that variable', () => {
  const x = deriveChecked(MLP, MLP_SHAPES, ['W1', 'W2', 'b1', 'b2'], { sizes: MLP_SIZES });
  const right = new Map(x.d.derivatives.map((k) => [k.wrt, k.expr]));
  const slips: Array<[string, string]> = [
    // W1 without the σ'(z1) factor.
    ['W1', "(W2'*((σ(W2*σ(W1*x + b1) + b2) - y) .* σ(W2*σ(W1*x + b1) + b2) .* (1 - σ(W2*σ(W1*x + b1) + b2))))*x'"],
    // b2 with the sign flipped.
    ['b2', '(y - σ(W2*σ(W1*x + b1) + b2)) .* σ(W2*σ(W1*x + b1) + b2) .* (1 - σ(W2*σ(W1*x + b1) + b2))'],
    // W2 off by a factor 1.001 (a relative error of 1e-3, a hundred times the tolerance).
    ['W2', `1.001*((σ(W2*σ(W1*x + b1) + b2) - y) .* σ(W2*σ(W1*x + b1) + b2) .* (1 - σ(W2*σ(W1*x + b1) + b2)))*σ(W1*x + b1)'`],
  ];
  for (const [wrt, text] of slips) {
    const claims = [...right].map(([w, e]) => ({ wrt: w, expr: w === wrt ? analyzed(text, MLP_SHAPES).expr! : e }));
    const r = checkGradient(x.a.expr!, claims, { instance: x.check.instance });
    assert.equal(r.method, 'directional');
    failedOn(r, wrt, [...right.keys()].filter((w) => w !== wrt));
  }
});

test('directional: a wrong gradient of a variable whose gradient is 1e-6 of the others is not drowned by them', () => {
  // dE/du = 1e-6·(1 − tanh(u).^2): about a millionth of dE/dW. A joint probe of W and u alone would
  // see u's error far below the tolerance of W's contribution.
  const shapes: Shapes = { W: ['m', 'n'], x: ['n'], y: ['m'], u: ['p'] };
  const sizes = new Map([['m', 60], ['n', 70], ['p', 30]]);
  const text = '0.5*sum((σ(W*x) - y).^2) + 0.000001*sum(tanh(u))';
  const x = deriveChecked(text, shapes, ['W', 'u'], { sizes });
  assert.equal(x.check.method, 'directional');
  assert.ok(x.check.passed, explain(x));
  const dW = x.d.derivatives.find((k) => k.wrt === 'W')!.expr;
  for (const wrong of ['-0.000001*(1 - tanh(u).^2)', '0.000001*ones(p, 1)', '0.000001*tanh(u)']) {
    const r = checkGradient(x.a.expr!, [{ wrt: 'W', expr: dW }, { wrt: 'u', expr: analyzed(wrong, shapes).expr! }], { instance: x.check.instance });
    failedOn(r, 'u', ['W']);
  }
});

test('directional: a variable with a 70× smaller gradient scale is weighted up in the joint probe; a 5e-4 error in it is caught', () => {
  // s·‖dE/du‖ is 1/70 of s·‖dE/dW‖: within JOINT_RANGE, so u shares W's probe, weighted so that
  // both contribute equally. Unweighted, u's error of 5e-4 would be ~7e-6 of the joint derivative,
  // under the tolerance (missed at 3 of these 12 seeds); weighted it is ~3.5e-4.
  const shapes: Shapes = { W: ['m', 'n'], x: ['n'], y: ['m'], u: ['p'] };
  const sizes = new Map([['m', 60], ['n', 70], ['p', 30]]);
  for (let seed = 1; seed <= 12; seed++) {
    const x = deriveChecked('0.5*sum((σ(W*x) - y).^2) + 0.005*sum(tanh(u))', shapes, ['W', 'u'], { sizes, seed });
    assert.ok(x.check.passed, explain(x));
    assert.equal(x.check.evaluations, 2 * DEFAULT_DIRECTIONS, 'one joint probe per direction');
    const dW = x.d.derivatives.find((k) => k.wrt === 'W')!.expr;
    const r = checkGradient(x.a.expr!, [{ wrt: 'W', expr: dW }, { wrt: 'u', expr: analyzed('0.0050025*(1 - tanh(u).^2)', shapes).expr! }], { instance: x.check.instance });
    failedOn(r, 'u', ['W']);
  }
});

test('directional: a probe the 2-point stencil cannot resolve goes on to the 4-point one, along the same direction', () => {
  // exp(300·x) curves too fast for the 2-point difference at h = 1e-4 (its truncation error is
  // ~1e-4 relative): the ladder continues with the direction drawn again from its seed, which
  // must be the very D the claim ⟨G, D⟩ was computed with (drawn on the fly, never stored).
  const shapes: Shapes = { x: ['n'], W: ['m', 'n'] };
  const x = deriveChecked('sum(exp(300*x)) + sum(exp(250*(W*x)))', shapes, ['x', 'W'], { method: 'directional' });
  assert.ok(x.check.passed, explain(x));
  assert.ok(x.check.evaluations > 2 * DEFAULT_DIRECTIONS, `${x.check.evaluations} evaluations: the 4-point stencil was not needed`);
  const y = deriveChecked('sum(exp(300*x))', shapes, ['x'], { method: 'directional' });
  assert.ok(y.check.passed, explain(y));
  assert.ok(y.check.evaluations > 2 * DEFAULT_DIRECTIONS);
});

test('smaller steps do not let a wrong claim through by inflating the noise floor', () => {
  // f carries a large constant, so the rounding floor (∝ |f| / h) is large: at h = 1e-5 it exceeds
  // the 1e-3 error of the claim. A smaller step counts only if it shrinks the disagreement.
  const shapes: Shapes = { c: ['n'], x: ['n'] };
  const x = deriveChecked('1000000 + sum(c .* x)', shapes, ['x'], { method: 'directional' });
  assert.ok(x.check.passed, explain(x));
  const r = checkGradient(x.a.expr!, [{ wrt: 'x', expr: analyzed('1.001*c', shapes).expr! }], { instance: x.check.instance, method: 'directional' });
  assert.equal(r.passed, false, `${r.maxRelError}`);
  // The same for the element-wise method (small inputs, `--verify=full`, `shapegrad check`).
  const full = deriveChecked('1000000 + sum(c .* x)', shapes, ['x'], { method: 'full' });
  assert.ok(full.check.passed, explain(full));
  const wrong = checkGradient(full.a.expr!, [{ wrt: 'x', expr: analyzed('1.001*c', shapes).expr! }], { instance: full.check.instance, method: 'full' });
  assert.equal(wrong.passed, false, `${wrong.maxRelError}`);
});

test('--verify on a large MLP: the failure message names the wrong variable', () => {
  const a = analyzed(MLP, MLP_SHAPES);
  const d = deriveAll(a, { wrt: ['W1', 'W2', 'b1', 'b2'] });
  const ok = verifyDerivation(a, d, { sizes: MLP_SIZES });
  assert.ok(ok.passed, ok.summary);
  assert.match(verifyLine(ok), /directional\) ✓$/);
  // dE/db1 without the σ'(z1) factor.
  const wrong = analyzed("W2'*((σ(W2*σ(W1*x + b1) + b2) - y) .* σ(W2*σ(W1*x + b1) + b2) .* (1 - σ(W2*σ(W1*x + b1) + b2)))", MLP_SHAPES);
  const bad = verifyDerivation(a, { ...d, derivatives: d.derivatives.map((k) => (k.wrt === 'b1' ? { ...k, expr: wrong.expr! } : k)) }, { sizes: MLP_SIZES });
  assert.equal(bad.passed, false);
  assert.equal(bad.failure?.wrt, 'b1');
  assert.match(bad.failure?.message ?? '', /^the gradient by b1 disagrees with finite differences along a random direction/);
});
