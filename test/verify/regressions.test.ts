// Regressions and hard cases of the numeric check: ill-conditioned matrices, tiny and huge values,
// relu kinks, deep compositions, and the engine bugs the property test found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzed, deriveChecked, explain, type Shapes } from './helpers.js';
import { checkGradient, type CheckResult } from '../../src/numeric/gradcheck.js';
import { deriveAll } from '../../src/calculus/derive.js';
import type { Instance } from '../../src/numeric/instantiate.js';
import { evaluate } from '../../src/numeric/evaluate.js';
import { fromRows, scale, mulberry32, randUniform, columnVector, type Mat } from '../../src/numeric/kernels/index.js';

/** Check the derived gradient at given values (not the random instantiation). */
function checkAt(text: string, shapes: Shapes, wrt: string[], values: Record<string, Mat>, dims: Record<string, number>, claim?: string): CheckResult {
  const a = analyzed(text, shapes);
  const d = deriveAll(a, { wrt });
  const inst: Instance = { env: { dims: new Map(Object.entries(dims)), values: new Map(Object.entries(values)) }, sizes: new Map(Object.entries(dims)), seed: 0, kinds: new Map() };
  const claims = claim ? [{ wrt: wrt[0]!, expr: analyzed(claim, shapes).expr! }] : d.derivatives.map((k) => ({ wrt: k.wrt, expr: k.expr }));
  return checkGradient(a.expr!, claims, { instance: inst, method: 'full' });
}

test('ill-conditioned: logdet and inv of a matrix with condition number ~1e4 still verify (smaller steps)', () => {
  const X = fromRows([[1, 1], [1, 1.0001]]);
  const a = checkAt('logdet(X)', { X: ['n', 'n'] }, ['X'], { X }, { n: 2 });
  assert.ok(a.passed, `${a.maxRelError} ${a.message ?? ''}`);
  const b = checkAt("a'*inv(X)*b", { X: ['n', 'n'], a: ['n'], b: ['n'] }, ['X'], { X, a: columnVector([1, -2]), b: columnVector([0.5, 1]) }, { n: 2 });
  assert.ok(b.passed, `${b.maxRelError} ${b.message ?? ''}`);
  // …and a wrong claim is still caught there.
  const w = checkAt('logdet(X)', { X: ['n', 'n'] }, ['X'], { X: fromRows([[1, 2], [0.5, 1.0001 + 1]]) }, { n: 2 }, 'inv(X)');
  assert.equal(w.passed, false);
});

test('tiny (1e-8) and huge (1e6) values: the step follows the scale of the values', () => {
  const rng = mulberry32(3);
  for (const s of [1e-8, 1e6]) {
    const W = scale(randUniform(rng, 2, 3), s);
    const x = scale(randUniform(rng, 3, 1), s);
    const r = checkAt("x'*W'*W*x", { W: ['m', 'n'], x: ['n'] }, ['W', 'x'], { W, x }, { m: 2, n: 3 });
    assert.ok(r.passed, `scale ${s}: ${r.maxRelError}`);
    const p = checkAt('sum(log(X))', { X: ['m', 'n'] }, ['X'], { X: scale(randUniform(rng, 2, 3, 0.5, 2), s) }, { m: 2, n: 3 });
    assert.ok(p.passed, `log at scale ${s}: ${p.maxRelError}`);
    const wrong = checkAt("x'*W'*W*x", { W: ['m', 'n'], x: ['n'] }, ['x'], { W, x }, { m: 2, n: 3 }, "W'*W*x");
    assert.equal(wrong.passed, false, `scale ${s}: a missing factor 2 must be caught`);
  }
});

test('relu kink exactly at a test point: that probe is skipped, the others still check', () => {
  const x = columnVector([0.7, 0, -0.4]);
  const r = checkAt('sum(relu(x).^2)', { x: ['n'] }, ['x'], { x }, { n: 3 });
  // relu(x)^2 is differentiable at 0, but the sign pattern of relu's argument flips there.
  assert.ok(r.passed);
  assert.equal(r.skipped, 1);
  const w = checkAt('sum(relu(x).^2)', { x: ['n'] }, ['x'], { x }, { n: 3 }, 'relu(x)');
  assert.equal(w.passed, false);
});

test('random instantiation keeps relu arguments away from their kinks', () => {
  for (let seed = 1; seed <= 20; seed++) {
    const x = deriveChecked('sum(relu(W*x + b))', { W: ['m', 'n'], x: ['n'], b: ['m'] }, ['W', 'x', 'b'], { seed });
    assert.ok(x.check.passed, explain(x));
    assert.equal(x.check.skipped, 0);
  }
});

test('a 12-deep sigmoid chain verifies, and a missing σ\'(x) factor in the innermost layer is caught', () => {
  let e = 'x';
  for (let i = 0; i < 12; i++) e = `σ(${e})`;
  const x = deriveChecked(`sum(${e})`, { x: ['n'] }, ['x'], { method: 'full' });
  assert.ok(x.check.passed, explain(x));
  // The derived gradient is ∏ σ'(layer i); dropping the innermost factor σ(x) .* (1 - σ(x)):
  const inner = e.slice(2, -1); // σ^11(x)
  let claim = `${inner} .* (1 - ${inner})`;
  for (let k = 10; k >= 1; k--) {
    let s = 'x';
    for (let i = 0; i < k; i++) s = `σ(${s})`;
    claim += ` .* ${s} .* (1 - ${s})`;
  }
  const w = checkGradient(x.a.expr!, [{ wrt: 'x', expr: analyzed(claim, { x: ['n'] }).expr! }], { instance: x.check.instance });
  assert.equal(w.passed, false, `${w.maxRelError}`);
});

test("rewrite bug: M*X - s*X is not (M - s)*X when s is a scalar (found by the property test)", () => {
  const x = deriveChecked('sum(A .* (M*X - s*X))', { A: ['m', 'k'], M: ['m', 'm'], X: ['m', 'k'], s: [] }, ['A', 'X', 's'], { method: 'full' });
  assert.ok(x.check.passed, explain(x));
});

test('abstract functions: E(o) evaluates as Σ c·tanh(o) + ½ d·o², the same for the same name and seed', () => {
  const a = analyzed('E(o)', { o: ['n'] });
  const env = { dims: new Map([['n', 3]]), values: new Map([['o', columnVector([0.1, -0.2, 0.3])]]), seed: 5 };
  const v1 = evaluate(a.expr!, env).data[0]!;
  const v2 = evaluate(a.expr!, { ...env, functions: new Map() }).data[0]!;
  assert.equal(v1, v2);
  assert.ok(Number.isFinite(v1));
});

test('a claim of the wrong shape fails with a message, not an exception', () => {
  const a = analyzed("a'*X*b", { a: ['m'], X: ['m', 'n'], b: ['n'] });
  const r = checkGradient(a.expr!, [{ wrt: 'X', expr: analyzed("b*a'", { a: ['m'], X: ['m', 'n'], b: ['n'] }).expr! }]);
  assert.equal(r.passed, false);
  assert.match(r.message ?? '', /claimed gradient by X is 3×2, but it must be 2×3/);
});

test('large inputs use random directions; full forces element-wise', () => {
  const shapes: Shapes = { W: ['m', 'n'], x: ['n'], y: ['m'] };
  const sizes = new Map([['m', 80], ['n', 60]]);
  const d = deriveChecked('0.5*norm2(σ(W*x) - y)^2', shapes, ['W'], { sizes });
  assert.equal(d.check.method, 'directional');
  assert.ok(d.check.passed, explain(d));
  const f = deriveChecked('0.5*norm2(σ(W*x) - y)^2', shapes, ['W'], { sizes, method: 'full' });
  assert.equal(f.check.method, 'element-wise');
  assert.ok(f.check.passed);
  const wrong = checkGradient(d.a.expr!, [{ wrt: 'W', expr: analyzed("(σ(W*x) - y)*x'", shapes).expr! }], { instance: d.check.instance });
  assert.equal(wrong.method, 'directional');
  assert.equal(wrong.passed, false);
});

test('Jacobian and Hessian checks: right ones pass, a transposed Jacobian and a wrong Hessian fail', async () => {
  const { checkJacobian } = await import('../../src/numeric/gradcheck.js');
  const shapes: Shapes = { W: ['m', 'n'], x: ['n'], A: ['n', 'n'] };
  const f = analyzed('σ(W*x)', shapes);
  const J = deriveAll(f, { wrt: ['x'] }).derivatives[0]!.expr;
  assert.ok(checkJacobian(f.expr!, 'x', J).passed);
  const wrongJ = analyzed("(W'*diag(σ(W*x) .* (1 - σ(W*x))))'", shapes).expr!;
  assert.ok(checkJacobian(f.expr!, 'x', wrongJ).passed, 'the same Jacobian written differently');
  const t = analyzed("diag(σ(W*x))*W", shapes).expr!;
  assert.equal(checkJacobian(f.expr!, 'x', t).passed, false);
  const q = analyzed("x'*A*x", shapes);
  const g = deriveAll(q, { wrt: ['x'] }).derivatives[0]!.expr;
  assert.ok(checkJacobian(g, 'x', analyzed("A + A'", shapes).expr!).passed);
  assert.equal(checkJacobian(g, 'x', analyzed('2*A', shapes).expr!).passed, false);
});

test("Jacobians through rows u'*v: x ./ (x'*x), σ(W*x) * (x'*A*x), -(2*x')*A*x + x'*b", async () => {
  const { checkJacobian } = await import('../../src/numeric/gradcheck.js');
  const shapes: Shapes = { W: ['m', 'n'], x: ['n'], A: ['n', 'n'], b: ['n'] };
  for (const text of ["x ./ (x'*x)", "σ(W*x) * (x'*A*x)", "(x'*x)*x", "(σ(x)'*A*x)*x - (2*x')*b*x"]) {
    const f = analyzed(text, shapes);
    const J = deriveAll(f, { wrt: ['x'] }).derivatives[0]!.expr;
    const r = checkJacobian(f.expr!, 'x', J);
    assert.ok(r.passed, `${text}: ${r.maxRelError} ${r.message ?? ''}`);
  }
  const g = deriveChecked(" -(2*x')*A*x + x'*b", shapes, ['x']);
  assert.ok(g.check.passed, explain(g));
  const h = analyzed("(x'*x)^2 + sum(exp(x))", shapes);
  const H = deriveAll(h, { wrt: ['x'], hessian: true }).derivatives[0]!.expr;
  const G = deriveAll(h, { wrt: ['x'] }).derivatives[0]!.expr;
  assert.ok(checkJacobian(G, 'x', H).passed);
});
