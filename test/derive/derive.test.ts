import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../src/expr/analyze.js';
import { deriveAll } from '../../src/calculus/derive.js';
import { printExpr } from '../../src/expr/print.js';
import { derive } from '../../src/index.js';

const cli = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const seed = { shapes: { W: ['m', 'n'], h: ['n'], y: ['m'] } };

test('the seed backprop gradient: δ*h\' with z, o, δ named', () => {
  const r = derive('0.5*sum((σ(W*h) - y).^2)', { ...seed, wrt: ['W'] });
  const g = r.gradients[0]!;
  assert.equal(g.result, "delta*h'");
  assert.deepEqual(g.shape, ['m', 'n']);
  assert.deepEqual(g.bindings, [
    { name: 'z', expression: 'W*h', shape: ['m', 1] },
    { name: 'o', expression: 'sigmoid(z)', shape: ['m', 1] },
    { name: 'delta', expression: '(o - y) .* o .* (1 - o)', shape: ['m', 1] },
  ]);
  assert.equal(g.expression, "((sigmoid(W*h) - y) .* sigmoid(W*h) .* (1 - sigmoid(W*h)))*h'");
});

test('the inlined gradient re-parses to the very same node', () => {
  for (const [text, wrt] of [
    ['0.5*sum((σ(W*h) - y).^2)', 'W'],
    ['sum((W2*tanh(W1*X + b1) + b2 - T).^2)/2', 'b1'],
    ["-sum(t .* log(softmax(W*x)))", 'W'],
    ['logdet(X) + tr(A*X)', 'X'],
  ] as const) {
    const a = analyze(text, seed);
    const d = deriveAll(a, { wrt: [wrt] });
    const printed = printExpr(d.derivatives[0]!.expr);
    const again = analyze(printed, { shapes: Object.fromEntries([...a.elaborated!.variables].map(([n, v]) => [n, v.shape])) });
    assert.ok(again.ok, `${printed}: ${JSON.stringify(again.diagnostics)}`);
    assert.equal(printExpr(again.expr!), printed);
  }
});

test('abstract functions: dE/dW = (∇E(o) .* o .* (1 - o)) * h\'', () => {
  const r = derive('E(σ(W*h))', { shapes: { W: ['m', 'n'], h: ['n'] }, wrt: ['W'] });
  assert.equal(r.gradients[0]!.expression, "(grad_E(sigmoid(W*h)) .* sigmoid(W*h) .* (1 - sigmoid(W*h)))*h'");
  assert.equal(r.gradients[0]!.result, "delta*h'");
});

test('a broadcast bias gets the sum over the batch', () => {
  const r = derive('sum((W*X + b - T).^2)', { shapes: { W: ['m', 'd'], X: ['d', 'batch'], b: ['m'], T: ['m', 'batch'] }, wrt: ['b'] });
  assert.equal(r.gradients[0]!.expression, '2*((W*X + b - T)*ones(batch, 1))');
  assert.deepEqual(r.gradients[0]!.shape, ['m', 1]);
});

test('several --wrt share one backward pass: a 2-layer network names δ and the shared residual once', () => {
  const r = derive('sum((W2*tanh(W1*X + b1) + b2 - T).^2)/2', { shapes: { X: ['d', 'batch'], W1: ['h', 'd'] }, wrt: ['W1', 'b1', 'W2', 'b2'] });
  assert.deepEqual(r.gradients.map((g) => g.result), ["delta*X'", 'delta*ones(batch, 1)', "t1*o'", 't1*ones(batch, 1)']);
  assert.deepEqual(r.gradients[0]!.bindings.map((b) => `${b.name} = ${b.expression}`), [
    'z = W1*X + b1', 'o = tanh(z)', 't1 = W2*o + b2 - T', "delta = (W2'*t1) .* (1 - o.^2)",
  ]);
});

test('textbook results come out in their textbook form', () => {
  const cases: Array<[string, string, Record<string, string[]>, string]> = [
    ["x'*A*x", 'x', { A: ['n', 'n'], x: ['n'] }, "(A' + A)*x"],
    ["a'*X*b", 'X', { a: ['m'], b: ['n'] }, "a*b'"],
    ['tr(A*X*B)', 'X', {}, "A'*B'"],
    ['logdet(X)', 'X', {}, "inv(X)'"],
    ['-sum(t .* log(softmax(W*x)))', 'W', {}, "(sum(t)*softmax(W*x) - t)*x'"],
    ['sum(A^2)', 'A', { A: ['n', 'n'] }, "ones(n, n)*A' + A'*ones(n, n)"],
  ];
  for (const [text, wrt, shapes, want] of cases) {
    assert.equal(derive(text, { shapes, wrt: [wrt] }).gradients[0]!.expression, want, text);
  }
});

test('Jacobian (numerator layout) and Hessian', () => {
  const j = derive('σ(W*x)', { wrt: ['x'] }).gradients[0]!;
  assert.equal(j.kind, 'jacobian');
  assert.equal(j.expression, 'diag(sigmoid(W*x) .* (1 - sigmoid(W*x)))*W');
  assert.deepEqual(j.shape, ['m', 'n']);
  const h = derive("x'*A*x", { shapes: { A: ['n', 'n'], x: ['n'] }, wrt: ['x'], hessian: true }).gradients[0]!;
  assert.equal(h.kind, 'hessian');
  assert.equal(h.expression, "A' + A");
});

test('CLI: derive text with the layout stated and the shape check', () => {
  const r = run('derive', '0.5*sum((σ(W*h) - y).^2)', '--wrt', 'W', '--shape', 'W=m,n', '--shape', 'h=n', '--shape', 'y=m');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /dE\/dW = delta\*h' +\[m×n\] +W is \[m×n\] ✓/);
  assert.match(r.out, /Layout: denominator/);
});

test('CLI: --steps explains the diagonal Jacobian and the outer product', () => {
  const r = run('derive', '0.5*sum((σ(W*h) - y).^2)', '--wrt', 'W', '--shape', 'W=m,n', '--shape', 'h=n', '--shape', 'y=m', '--steps');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /do\/dz is diagonal, diag\(sigmoid'\(z\)\) \[m×m\]/);
  assert.match(r.out, /dE\/dz·h' = \[m×1\]·\[1×n\] → \[m×n\]/);
  assert.match(r.out, /\[m×1\]\*\[m×m\] \(1 ≠ m\)/);
});

test('CLI: bad --wrt and non-scalar gradients are usage errors (exit 2) with a clear message', () => {
  const a = run('derive', 'sum(W*h)', '--wrt', 'Q');
  assert.equal(a.code, 2);
  assert.match(a.err, /--wrt Q: 'Q' does not appear in the expression \(its variables: W, h\)/);
  assert.doesNotMatch(a.err, /at .*\.js/);
  const b = run('derive', 'W*X', '--wrt', 'W');
  assert.equal(b.code, 2);
  assert.match(b.err, /4th-order tensor/);
});

test('CLI: a shape error in derive exits 1 with the caret diagnostic', () => {
  const r = run('derive', "W'*h", '--wrt', 'W', '--shape', 'W=m,n', '--shape', 'h=n');
  assert.equal(r.code, 1);
  assert.match(r.out, /fix: W\*h/);
});

test('CLI: --steps over a batch states the shapes of a batch (matrices, not columns)', () => {
  const r = run('derive', 'sum((W2*σ(W1*X + b1) + b2 - T).^2)/2', '--wrt', 'b1', '--shape', 'X=d,batch', '--shape', 'W1=h,d', '--shape', 'W2=k,h', '--shape', 'T=k,batch', '--steps');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /do\/dz is diagonal, diag\(sigmoid'\(z\)\) \[h·batch×h·batch\]/);
  assert.match(r.out, /dE\/do is a \[h×batch\] matrix/);
  assert.match(r.out, /b1 \[h×1\] was broadcast to \[h×batch\]: its gradient sums over the broadcast columns/);
  assert.doesNotMatch(r.out, /\[h×1\] column/);
});
