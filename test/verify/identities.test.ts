// Textbook identities (the Matrix Cookbook, least squares, logistic regression, softmax
// cross-entropy, MLPs): the derived gradient must match the known closed form numerically, and
// both must pass the finite-difference check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzed, deriveChecked, explain, type Shapes } from './helpers.js';
import { checkGradient } from '../../src/numeric/gradcheck.js';
import { Evaluator } from '../../src/numeric/evaluate.js';

interface Identity {
  name: string;
  expr: string;
  shapes: Shapes;
  /** Closed form of the gradient by each variable. */
  grads: Record<string, string>;
  symmetric?: string[];
}

// Shorthands reused by the network identities.
const h1 = 'σ(W*x + b)';
const d1 = `(${h1} - y) .* ${h1} .* (1 - ${h1})`;
const r2 = `V*σ(W*x + b) + c - y`;
const g2 = `(V'*(${r2})) .* σ(W*x + b) .* (1 - σ(W*x + b))`;
const hb = 'σ(W*X + b)';
const db = `(${hb} - Y) .* ${hb} .* (1 - ${hb})`;
const r3 = 'W3*tanh(W2*σ(W1*x)) - y';
const g3 = `(W3'*(${r3})) .* (1 - tanh(W2*σ(W1*x)).^2)`;
const g31 = `(W2'*(${g3})) .* σ(W1*x) .* (1 - σ(W1*x))`;
const net2: Shapes = { V: ['k', 'm'], W: ['m', 'n'], b: ['m'], c: ['k'], x: ['n'], y: ['k'] };

const IDENTITIES: Identity[] = [
  { name: "a'Xb", expr: "a'*X*b", shapes: { a: ['m'], X: ['m', 'n'], b: ['n'] }, grads: { X: "a*b'", a: 'X*b', b: "X'*a" } },
  { name: "a'X'b", expr: "a'*X'*b", shapes: { a: ['m'], X: ['n', 'm'], b: ['n'] }, grads: { X: "b*a'" } },
  { name: "x'Ax", expr: "x'*A*x", shapes: { x: ['n'], A: ['n', 'n'] }, grads: { x: "(A + A')*x", A: "x*x'" } },
  { name: "x'Sx, S symmetric", expr: "x'*S*x", shapes: { x: ['n'], S: ['n', 'n'] }, grads: { x: '2*S*x' }, symmetric: ['S'] },
  { name: "a'XX'b", expr: "a'*X*X'*b", shapes: { a: ['m'], X: ['m', 'n'], b: ['m'] }, grads: { X: "(a*b' + b*a')*X" } },
  { name: 'tr(AX)', expr: 'tr(A*X)', shapes: { A: ['n', 'm'], X: ['m', 'n'] }, grads: { X: "A'", A: "X'" } },
  { name: 'tr(XA)', expr: 'tr(X*A)', shapes: { A: ['n', 'm'], X: ['m', 'n'] }, grads: { X: "A'" } },
  { name: 'tr(AXB)', expr: 'tr(A*X*B)', shapes: { A: ['k', 'm'], X: ['m', 'n'], B: ['n', 'k'] }, grads: { X: "A'*B'" } },
  { name: "tr(AX'B)", expr: "tr(A*X'*B)", shapes: { A: ['k', 'n'], X: ['m', 'n'], B: ['m', 'k'] }, grads: { X: 'B*A' } },
  { name: "tr(X'AX)", expr: "tr(X'*A*X)", shapes: { A: ['m', 'm'], X: ['m', 'n'] }, grads: { X: "(A + A')*X" } },
  { name: "tr(XAX')", expr: "tr(X*A*X')", shapes: { A: ['n', 'n'], X: ['m', 'n'] }, grads: { X: "X*(A + A')" } },
  { name: "tr(AXBX')", expr: "tr(A*X*B*X')", shapes: { A: ['m', 'm'], X: ['m', 'n'], B: ['n', 'n'] }, grads: { X: "A'*X*B' + A*X*B" } },
  { name: "tr(X'X)", expr: "tr(X'*X)", shapes: { X: ['m', 'n'] }, grads: { X: '2*X' } },
  { name: 'tr(X^2)', expr: 'tr(X^2)', shapes: { X: ['n', 'n'] }, grads: { X: "2*X'" } },
  { name: 'tr(X^3)', expr: 'tr(X^3)', shapes: { X: ['n', 'n'] }, grads: { X: "3*(X*X)'" } },
  { name: 'tr(inv(X))', expr: 'tr(inv(X))', shapes: { X: ['n', 'n'] }, grads: { X: "-(inv(X)*inv(X))'" } },
  { name: 'sum(diag(X))', expr: 'sum(diag(X))', shapes: { X: ['n', 'n'] }, grads: { X: 'eye(n)' } },
  { name: 'logdet(X)', expr: 'logdet(X)', shapes: { X: ['n', 'n'] }, grads: { X: "inv(X)'" } },
  { name: 'logdet(S), S symmetric', expr: 'logdet(S)', shapes: { S: ['n', 'n'] }, grads: { S: 'inv(S)' }, symmetric: ['S'] },
  { name: "logdet(X'X)", expr: "logdet(X'*X)", shapes: { X: ['n', 'n'] }, grads: { X: "2*inv(X)'" } },
  { name: 'det(X)', expr: 'det(X)', shapes: { X: ['n', 'n'] }, grads: { X: "det(X)*inv(X)'" } },
  { name: "a'inv(X)b", expr: "a'*inv(X)*b", shapes: { a: ['n'], X: ['n', 'n'], b: ['n'] }, grads: { X: "-(inv(X)'*a*b'*inv(X)')" } },
  { name: 'tr(A inv(X) B)', expr: 'tr(A*inv(X)*B)', shapes: { A: ['k', 'n'], X: ['n', 'n'], B: ['n', 'k'] }, grads: { X: "-(inv(X)'*A'*B'*inv(X)')" } },
  { name: "x'inv(X)x", expr: "x'*inv(X)*x", shapes: { x: ['n'], X: ['n', 'n'] }, grads: { x: "(inv(X) + inv(X)')*x" } },
  { name: 'Gaussian NLL in the mean', expr: "0.5*(x - u)'*inv(S)*(x - u) + 0.5*logdet(S)", shapes: { x: ['n'], u: ['n'], S: ['n', 'n'] }, grads: { u: '-(inv(S)*(x - u))' }, symmetric: ['S'] },
  { name: '‖x‖²', expr: 'norm2(x)^2', shapes: { x: ['n'] }, grads: { x: '2*x' } },
  { name: '‖X‖_F', expr: 'norm2(X)', shapes: { X: ['m', 'n'] }, grads: { X: 'X / norm2(X)' } },
  { name: "sqrt(x'x)", expr: "sqrt(x'*x)", shapes: { x: ['n'] }, grads: { x: "x / sqrt(x'*x)" } },
  { name: '‖w‖₁', expr: 'norm1(w)', shapes: { w: ['n'] }, grads: { w: 'sign(w)' } },
  { name: 'sum(A.*X)', expr: 'sum(A .* X)', shapes: { A: ['m', 'n'], X: ['m', 'n'] }, grads: { X: 'A' } },
  { name: 'sum(exp(X))', expr: 'sum(exp(X))', shapes: { X: ['m', 'n'] }, grads: { X: 'exp(X)' } },
  { name: 'sum(log(X))', expr: 'sum(log(X))', shapes: { X: ['m', 'n'] }, grads: { X: 'ones(m, n) ./ X' } },
  { name: 'mean(X)', expr: 'mean(X)', shapes: { X: ['m', 'n'] }, grads: { X: 'ones(m, n) / numel(X)' } },
  { name: 'least squares ‖Ax − b‖²', expr: 'norm2(A*x - b)^2', shapes: { A: ['m', 'n'], x: ['n'], b: ['m'] }, grads: { x: "2*A'*(A*x - b)", b: '-2*(A*x - b)' } },
  { name: 'least squares, matrix unknown', expr: 'norm2(A*X - B)^2', shapes: { A: ['m', 'k'], X: ['k', 'n'], B: ['m', 'n'] }, grads: { X: "2*A'*(A*X - B)" } },
  { name: 'ridge regression', expr: '0.5*norm2(A*x - b)^2 + 0.5*λ*norm2(x)^2', shapes: { A: ['m', 'n'], x: ['n'], b: ['m'], λ: [] }, grads: { x: "A'*(A*x - b) + λ*x", λ: '0.5*norm2(x)^2' } },
  { name: 'mean squared error over a batch', expr: "mean((X'*w - y).^2)", shapes: { X: ['d', 'p'], w: ['d'], y: ['p'] }, grads: { w: "2/numel(y)*X*(X'*w - y)" } },
  { name: 'L2-regularised linear layer', expr: '0.5*norm2(W*x - y)^2 + 0.5*λ*sum(W.^2)', shapes: { W: ['m', 'n'], x: ['n'], y: ['m'], λ: [] }, grads: { W: "(W*x - y)*x' + λ*W" } },
  { name: 'logistic regression, one sample', expr: "-(τ*log(σ(w'*x)) + (1 - τ)*log(1 - σ(w'*x)))", shapes: { w: ['d'], x: ['d'], τ: [] }, grads: { w: "(σ(w'*x) - τ)*x" } },
  { name: 'logistic regression, batch', expr: "-sum(t .* log(σ(X'*w)) + (1 - t) .* log(1 - σ(X'*w)))", shapes: { w: ['d'], X: ['d', 'p'], t: ['p'] }, grads: { w: "X*(σ(X'*w) - t)" } },
  { name: 'softmax cross-entropy, one sample', expr: '-sum(t .* log(softmax(W*x)))', shapes: { W: ['k', 'd'], x: ['d'], t: ['k'] }, grads: { W: "(softmax(W*x)*sum(t) - t)*x'" } },
  { name: 'softmax cross-entropy, batch', expr: '-sum(T .* log(softmax(W*X)))', shapes: { W: ['k', 'd'], X: ['d', 'p'], T: ['k', 'p'] }, grads: { W: "(softmax(W*X) .* (ones(1, k)*T) - T)*X'" } },
  { name: 'logsumexp minus a linear term', expr: "logsumexp(W*x) - t'*W*x", shapes: { W: ['k', 'd'], x: ['d'], t: ['k'] }, grads: { W: "(softmax(W*x) - t)*x'" } },
  { name: 'sigmoid layer with bias', expr: `0.5*norm2(${h1} - y)^2`, shapes: { W: ['m', 'n'], b: ['m'], x: ['n'], y: ['m'] }, grads: { W: `(${d1})*x'`, b: d1, x: `W'*(${d1})` } },
  { name: 'tanh layer with bias', expr: '0.5*norm2(tanh(W*x + b) - y)^2', shapes: { W: ['m', 'n'], b: ['m'], x: ['n'], y: ['m'] }, grads: { W: "((tanh(W*x + b) - y) .* (1 - tanh(W*x + b).^2))*x'" } },
  { name: 'relu layer with bias', expr: '0.5*sum((relu(W*x + b) - y).^2)', shapes: { W: ['m', 'n'], b: ['m'], x: ['n'], y: ['m'] }, grads: { W: "((relu(W*x + b) - y) .* step(W*x + b))*x'", b: '(relu(W*x + b) - y) .* step(W*x + b)' } },
  { name: 'softplus layer with bias', expr: 'sum(softplus(W*x + b))', shapes: { W: ['m', 'n'], b: ['m'], x: ['n'] }, grads: { W: "σ(W*x + b)*x'", b: 'σ(W*x + b)' } },
  { name: 'two-layer sigmoid network (backprop)', expr: `0.5*norm2(${r2})^2`, shapes: net2, grads: { V: `(${r2})*σ(W*x + b)'`, c: r2, W: `(${g2})*x'`, b: g2 } },
  { name: 'two-layer relu network, squared error', expr: 'sum((V*relu(W*x + b) + c - y).^2)', shapes: net2, grads: { W: "((2*V'*(V*relu(W*x + b) + c - y)) .* step(W*x + b))*x'" } },
  { name: 'three-layer sigmoid/tanh network', expr: `0.5*norm2(${r3})^2`, shapes: { W1: ['m', 'n'], W2: ['k', 'm'], W3: ['p', 'k'], x: ['n'], y: ['p'] }, grads: { W3: `(${r3})*tanh(W2*σ(W1*x))'`, W2: `(${g3})*σ(W1*x)'`, W1: `(${g31})*x'` } },
  { name: 'sigmoid layer over a batch', expr: `0.5*sum((${hb} - Y).^2)`, shapes: { W: ['m', 'd'], b: ['m'], X: ['d', 'p'], Y: ['m', 'p'] }, grads: { W: `(${db})*X'`, b: `(${db})*ones(p, 1)` } },
  { name: 'linear layer, mean loss over a batch', expr: 'mean((W*X + b - Y).^2)', shapes: { W: ['m', 'd'], b: ['m'], X: ['d', 'p'], Y: ['m', 'p'] }, grads: { W: "2/numel(Y)*(W*X + b - Y)*X'", b: '2/numel(Y)*(W*X + b - Y)*ones(p, 1)' } },
  { name: 'two-layer relu + softmax cross-entropy over a batch', expr: '-sum(T .* log(softmax(V*relu(W*X + b))))', shapes: { V: ['k', 'm'], W: ['m', 'd'], b: ['m'], X: ['d', 'p'], T: ['k', 'p'] }, grads: { V: "(softmax(V*relu(W*X + b)) .* (ones(1, k)*T) - T)*relu(W*X + b)'" } },
  { name: 'abstract loss of a layer', expr: 'E(W*h)', shapes: { W: ['m', 'n'], h: ['n'] }, grads: { W: "grad_E(W*h)*h'", h: "W'*grad_E(W*h)" } },
];

test('at least 40 textbook identities', () => {
  assert.ok(IDENTITIES.length >= 40, `${IDENTITIES.length}`);
});

for (const id of IDENTITIES) {
  test(`identity: ${id.name}`, () => {
    const wrt = Object.keys(id.grads);
    const sym = id.symmetric ?? [];
    const x = deriveChecked(id.expr, id.shapes, wrt, { method: 'full', symmetric: sym });
    assert.ok(x.check.passed, explain(x));
    for (const k of x.d.derivatives) {
      const closed = analyzed(id.grads[k.wrt]!, id.shapes, sym).expr!;
      const ev = new Evaluator([k.expr, closed]);
      const vals = ev.run(x.check.instance.env);
      const got = ev.valueOf(vals, k.expr);
      const want = ev.valueOf(vals, closed);
      assert.deepEqual([got.rows, got.cols], [want.rows, want.cols], `${id.name}: d/d${k.wrt} shape`);
      let scale = 1;
      for (const v of want.data) scale = Math.max(scale, Math.abs(v));
      for (let i = 0; i < want.data.length; i++) {
        assert.ok(Math.abs(got.data[i]! - want.data[i]!) <= 1e-9 * scale, `${id.name}: d/d${k.wrt} entry ${i}: derived ${got.data[i]} vs closed form ${want.data[i]}`);
      }
      // The closed form itself passes finite differences (the table is not wrong either).
      const c = checkGradient(x.a.expr!, [{ wrt: k.wrt, expr: closed }], { instance: x.check.instance, method: 'full', symmetric: sym });
      assert.ok(c.passed, `${id.name}: closed form d/d${k.wrt} fails finite differences (${c.maxRelError})`);
    }
  });
}

test('logdet(X) claimed as inv(X) is caught when X is not symmetric (values are not symmetric unless declared)', () => {
  const a = analyzed('logdet(X)', { X: ['n', 'n'] });
  const wrong = analyzed('inv(X)', { X: ['n', 'n'] }).expr!;
  const r = checkGradient(a.expr!, [{ wrt: 'X', expr: wrong }], {});
  assert.equal(r.passed, false);
  assert.ok(r.maxRelError > 1e-3);
  // Declared symmetric, the same claim is right on the symmetric matrices it is meant for.
  const s = analyzed('logdet(X)', { X: ['n', 'n'] }, ['X']);
  assert.equal(checkGradient(s.expr!, [{ wrt: 'X', expr: analyzed('inv(X)', { X: ['n', 'n'] }, ['X']).expr! }], { symmetric: ['X'] }).passed, true);
});

test("x'Ax claimed as 2Ax is caught when A is not symmetric", () => {
  const a = analyzed("x'*A*x", { x: ['n'], A: ['n', 'n'] });
  const r = checkGradient(a.expr!, [{ wrt: 'x', expr: analyzed('2*A*x', { x: ['n'], A: ['n', 'n'] }).expr! }]);
  assert.equal(r.passed, false);
});
