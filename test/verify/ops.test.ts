// Every op of rules/ops, differentiated through a scalar probe sum(C .* op(…)) with a random C,
// checked against finite differences: a wrong VJP rule cannot land. The table must name every op,
// so a new op without a probe fails here too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allOps } from '../../rules/ops/registry.js';
import { topoOrder } from '../../src/expr/expr.js';
import { deriveChecked, explain, type Shapes } from './helpers.js';
import { analyze } from '../../src/expr/analyze.js';
import { deriveAll, DeriveError } from '../../src/calculus/derive.js';

interface Probe {
  expr: string;
  shapes: Shapes;
  wrt: string[];
  /** The op must appear with this many operands... just its name is checked. */
  symmetric?: string[];
}

const M: Shapes = { A: ['m', 'n'], B: ['m', 'n'], C: ['m', 'n'] };
const bcast = (op: string): Probe[] => [
  { expr: `sum(C .* (A ${op} B))`, shapes: M, wrt: ['A', 'B'] },
  { expr: `sum(C .* (A ${op} b))`, shapes: { A: ['m', 'n'], b: ['m'], C: ['m', 'n'] }, wrt: ['A', 'b'] },
  { expr: `sum(C .* (r ${op} A))`, shapes: { A: ['m', 'n'], r: [1, 'n'], C: ['m', 'n'] }, wrt: ['A', 'r'] },
  { expr: `sum(C .* (A ${op} α))`, shapes: { A: ['m', 'n'], α: [], C: ['m', 'n'] }, wrt: ['A', 'α'] },
];
const unary = (f: string): Probe[] => [
  { expr: `sum(C .* ${f}(X))`, shapes: { X: ['m', 'n'], C: ['m', 'n'] }, wrt: ['X'] },
  { expr: `sum(c .* ${f}(W*x))`, shapes: { W: ['m', 'n'], x: ['n'], c: ['m'] }, wrt: ['W', 'x'] },
];
const reduce = (f: string, out: Shapes[string]): Probe[] => [
  { expr: `sum(C .* ${f}(X))`, shapes: { X: ['m', 'n'], C: out }, wrt: ['X'] },
  { expr: `sum(C .* ${f}(W*x))`, shapes: { W: ['m', 'n'], x: ['n'], C: out.length === 2 && out[1] === 'n' ? [out[0]!, 1] : out }, wrt: ['W', 'x'] },
];
const square = (f: string): Probe[] => [
  { expr: `sum(C .* ${f}(X))`, shapes: { X: ['n', 'n'], C: f === 'inv' ? ['n', 'n'] : [] }, wrt: ['X'] },
  { expr: `sum(C .* ${f}(A*B))`, shapes: { A: ['n', 'k'], B: ['k', 'n'], C: f === 'inv' ? ['n', 'n'] : [] }, wrt: ['A', 'B'] },
  { expr: `sum(C .* ${f}(S))`, shapes: { S: ['n', 'n'], C: f === 'inv' ? ['n', 'n'] : [] }, wrt: ['S'], symmetric: ['S'] },
];

const PROBES: Record<string, Probe[]> = {
  add: bcast('+'),
  sub: bcast('-'),
  hadamard: bcast('.*'),
  div: bcast('./'),
  pow: [
    ...bcast('.^'),
    { expr: 'sum(C .* X.^2)', shapes: { X: ['m', 'n'], C: ['m', 'n'] }, wrt: ['X'] },
    { expr: 'sum(C .* X.^-1.5)', shapes: { X: ['m', 'n'], C: ['m', 'n'] }, wrt: ['X'] },
    { expr: 'α^β', shapes: { α: [], β: [] }, wrt: ['α', 'β'] },
  ],
  neg: [{ expr: 'sum(C .* -A)', shapes: M, wrt: ['A'] }],
  matmul: [
    { expr: 'sum(C .* (A*B))', shapes: { A: ['m', 'k'], B: ['k', 'n'], C: ['m', 'n'] }, wrt: ['A', 'B'] },
    { expr: "a'*X*b", shapes: { a: ['m'], X: ['m', 'n'], b: ['n'] }, wrt: ['a', 'X', 'b'] },
  ],
  scale: [
    { expr: 'sum(C .* (α*A))', shapes: { α: [], A: ['m', 'n'], C: ['m', 'n'] }, wrt: ['α', 'A'] },
    { expr: 'sum(C .* (A*sum(B)))', shapes: M, wrt: ['A', 'B'] },
  ],
  mpow: [2, 3, -1, -2, 1, 0].map((k) => ({ expr: `sum(C .* X^${k < 0 ? `(${k})` : k})`, shapes: { X: ['n', 'n'], C: ['n', 'n'] }, wrt: ['X'] })),
  transpose: [{ expr: "sum(C .* A')", shapes: { A: ['m', 'n'], C: ['n', 'm'] }, wrt: ['A'] }],
  ...Object.fromEntries(['exp', 'log', 'sqrt', 'abs', 'sign', 'step', 'sigmoid', 'tanh', 'relu', 'softplus', 'sin', 'cos'].map((f) => [f, unary(f)])),
  sum: reduce('sum', []),
  mean: reduce('mean', []),
  numel: [{ expr: 'numel(X)*sum(X)', shapes: { X: ['m', 'n'] }, wrt: ['X'] }],
  norm2: reduce('norm2', []),
  norm1: reduce('norm1', []),
  softmax: reduce('softmax', ['m', 'n']),
  logsumexp: reduce('logsumexp', [1, 'n']),
  tr: [
    { expr: 'tr(X)*tr(X)', shapes: { X: ['n', 'n'] }, wrt: ['X'] },
    { expr: 'tr(A*X*B)', shapes: { A: ['k', 'm'], X: ['m', 'n'], B: ['n', 'k'] }, wrt: ['A', 'X', 'B'] },
  ],
  det: square('det'),
  logdet: square('logdet'),
  inv: square('inv'),
  diag: [
    { expr: 'sum(C .* diag(x))', shapes: { x: ['n'], C: ['n', 'n'] }, wrt: ['x'] },
    { expr: 'sum(c .* diag(X))', shapes: { X: ['n', 'n'], c: ['n'] }, wrt: ['X'] },
    { expr: 'sum(diag(W*x)*A)', shapes: { W: ['m', 'n'], x: ['n'], A: ['m', 'k'] }, wrt: ['W', 'x'] },
  ],
  ones: [{ expr: 'sum(C .* (ones(m, n) .* X))', shapes: { X: ['m', 'n'], C: ['m', 'n'] }, wrt: ['X'] }],
  zeros: [{ expr: 'sum(C .* (zeros(m, n) + X))', shapes: { X: ['m', 'n'], C: ['m', 'n'] }, wrt: ['X'] }],
  eye: [{ expr: 'sum(C .* (eye(n) + X))', shapes: { X: ['n', 'n'], C: ['n', 'n'] }, wrt: ['X'] }],
  apply: [
    { expr: 'E(X)', shapes: { X: ['m', 'n'] }, wrt: ['X'] },
    { expr: 'E(σ(W*h))', shapes: { W: ['m', 'n'], h: ['n'] }, wrt: ['W', 'h'] },
  ],
  // ∇F has no VJP rule (it would need F's Hessian): it is evaluated, never differentiated; see below.
  grad: [],
};

test('every op of rules/ops has probes (a new op must come with one)', () => {
  for (const op of allOps) assert.ok(op.name in PROBES, `no numeric probe for the op '${op.name}' in test/verify/ops.test.ts`);
});

for (const op of allOps) {
  for (const p of PROBES[op.name] ?? []) {
    test(`op ${op.name}: ${p.expr} by ${p.wrt.join(', ')}`, () => {
      for (const seed of [1, 2]) {
        const x = deriveChecked(p.expr, p.shapes, p.wrt, { seed, method: 'full', symmetric: p.symmetric ?? [] });
        assert.ok(topoOrder([x.a.expr!]).some((e) => e.op === op.name), `${p.expr} does not contain the op ${op.name}`);
        assert.ok(x.check.passed, explain(x));
        assert.equal(x.check.skipped, 0, `${p.expr}: probes crossed kinks`);
      }
    });
  }
}

test('op grad: evaluated like the gradient of its abstract function, and differentiating through it is a clear error', () => {
  // ∇E is the exact gradient of the instantiated E: checking the claim dE(X)/dX = ∇E(X).
  const x = deriveChecked('E(X)', { X: ['m', 'n'] }, ['X'], { method: 'full' });
  assert.ok(topoOrder([x.d.derivatives[0]!.expr]).some((e) => e.op === 'grad'));
  assert.ok(x.check.passed, explain(x));
  const a = analyze('sum(grad_E(x))', {});
  assert.throws(() => deriveAll(a, { wrt: ['x'] }), (e: unknown) => e instanceof DeriveError && /not implemented/.test(e.message));
});
