// Shape inference and unification: declared and inferred variables, symbolic dims, Greek
// scalars, 1×1 as a scalar, scaling versus matrix product.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, shapeOrError, variables } from './helpers.js';

// [expression, declarations, shape, variables (`*` = inferred)]
const SHAPES: Array<[string, string[], string, string]> = [
  ['W*h', ['W=m,n', 'h=n'], '[m×1]', 'W:[m×n] h:[n×1]'],
  // Undeclared: uppercase a matrix, lowercase a column vector, Greek a scalar; dims from use.
  ['W*x', [], '[m×1]', 'W:[m×n]* x:[n×1]*'],
  ["x'*y", [], '[1×1]', 'x:[m×1]* y:[m×1]*'],
  ['A*B', [], '[m×k]', 'A:[m×n]* B:[n×k]*'],
  ['A*B*C', [], '[m×p]', 'A:[m×n]* B:[n×k]* C:[k×p]*'],
  ["x'*A*x", [], '[1×1]', 'x:[m×1]* A:[m×m]*'],
  ["A'*A", [], '[n×n]', 'A:[m×n]*'],
  ['α*x', [], '[m×1]', 'α:[1×1]* x:[m×1]*'],
  ['α*β', [], '[1×1]', 'α:[1×1]* β:[1×1]*'],
  ['λ1*x + λ2', [], '[m×1]', 'λ1:[1×1]* x:[m×1]* λ2:[1×1]*'],
  ["W'*h", ['W=m,n', 'h=m'], '[n×1]', 'W:[m×n] h:[m×1]'],
  ['A*x + b', ['A=m,n'], '[m×1]', 'A:[m×n] x:[n×1]* b:[m×1]*'],
  ['A*x + b', ['A=3,4'], '[3×1]', 'A:[3×4] x:[4×1]* b:[3×1]*'],
  ["h'*W", ['W=m,n'], '[1×n]', 'W:[m×n] h:[m×1]*'],
  ["x'*x", ['x=5'], '[1×1]', 'x:[5×1]'],
  ['A*B', ['A=m,n', 'B=n,n'], '[m×n]', 'A:[m×n] B:[n×n]'],
  // Free dims are named around the declared ones, never reusing them.
  // Z's columns are free: W*x (one column) broadcasts across them.
  ['W*x + Z', ['W=m,n'], '[m×k]', 'W:[m×n] x:[n×1]* Z:[m×k]*'],
  ['B*x', ['A=m,n'], '[k×1]', 'A:[m×n] B:[k×p]* x:[p×1]*'],
  // Scaling: a scalar (declared, literal, Greek, or 1×1 by inference) times anything.
  ['2*A', ['A=m,n'], '[m×n]', 'A:[m×n]'],
  ['A*2', ['A=m,n'], '[m×n]', 'A:[m×n]'],
  ["(x'*x)*A", ['A=m,n', 'x=k'], '[m×n]', 'A:[m×n] x:[k×1]'],
  ["A*(x'*x)", ['A=m,n', 'x=k'], '[m×n]', 'A:[m×n] x:[k×1]'],
  ['a*A', ['a=1,1', 'A=m,n'], '[m×n]', 'a:[1×1] A:[m×n]'],
  ['a*A', ['a=scalar', 'A=m,n'], '[m×n]', 'a:[1×1] A:[m×n]'],
  ['A*a', ['a=1', 'A=m,n'], '[m×n]', 'a:[1×1] A:[m×n]'],
  ['W*x / 2', ['W=m,n'], '[m×1]', 'W:[m×n] x:[n×1]*'],
  // `/` divides by a scalar: an undeclared divisor becomes one.
  ['x / n', [], '[m×1]', 'x:[m×1]* n:[1×1]*'],
  // Functions.
  ['tr(A)', [], '[1×1]', 'A:[m×m]*'],
  ['det(A)*inv(A)', [], '[m×m]', 'A:[m×m]*'],
  ['logdet(A)', [], '[1×1]', 'A:[m×m]*'],
  ['diag(x)', [], '[m×m]', 'x:[m×1]*'],
  ['diag(A)', ['A=m,m'], '[m×1]', 'A:[m×m]'],
  ['diag(A)', ['A=3,3'], '[3×1]', 'A:[3×3]'],
  ['diag(X)', [], '[m×1]', 'X:[m×m]*'],
  ['norm2(A*x - b)', ['A=m,n'], '[1×1]', 'A:[m×n] x:[n×1]* b:[m×1]*'],
  ['norm1(w)', [], '[1×1]', 'w:[m×1]*'],
  ['sum(X)', [], '[1×1]', 'X:[m×n]*'],
  ['mean(X)', [], '[1×1]', 'X:[m×n]*'],
  ['numel(X)', [], '[1×1]', 'X:[m×n]*'],
  ['softmax(W*x)', ['W=k,n'], '[k×1]', 'W:[k×n] x:[n×1]*'],
  ['logsumexp(Z)', ['Z=k,n'], '[1×n]', 'Z:[k×n]'],
  ['exp(x) ./ sum(exp(x))', [], '[m×1]', 'x:[m×1]*'],
  ['σ(W*h)', ['W=m,n', 'h=n'], '[m×1]', 'W:[m×n] h:[n×1]'],
  ['sigmoid(z) - σ(z)', [], '[m×1]', 'z:[m×1]*'],
  ['relu(x) + step(x) + sign(x) + abs(x) + softplus(x) + sin(x) + cos(x) + tanh(x) + sqrt(x) + log(x) + exp(x)', [], '[m×1]', 'x:[m×1]*'],
  // Constructors: their arguments are dims, not variables.
  ['ones(m, n)', [], '[m×n]', ''],
  ['ones(3, 1) + x', [], '[3×1]', 'x:[3×1]*'],
  ['zeros(2, 3)', [], '[2×3]', ''],
  ['eye(n)*x', [], '[n×1]', 'x:[n×1]*'],
  ['eye(3)*x', [], '[3×1]', 'x:[3×1]*'],
  // Abstract functions are scalar; their gradient has the argument's shape.
  ['E(o)', [], '[1×1]', 'o:[m×1]*'],
  ['∇E(o)', ['o=m'], '[m×1]', 'o:[m×1]'],
  ['grad_E(W*x) .* o', ['W=m,n'], '[m×1]', 'W:[m×n] x:[n×1]* o:[m×1]*'],
  ['E(W*x) + E(y)', ['W=m,n'], '[1×1]', 'W:[m×n] x:[n×1]* y:[m×1]*'],
  // Powers.
  ['A^2', [], '[m×m]', 'A:[m×m]*'],
  ['A^-1', ['A=n,n'], '[n×n]', 'A:[n×n]'],
  ['α^2', [], '[1×1]', 'α:[1×1]*'],
  ['x.^2', [], '[m×1]', 'x:[m×1]*'],
  ['2.^x', [], '[m×1]', 'x:[m×1]*'],
];

test('shapes of whole expressions and of every variable', () => {
  for (const [expr, decl, shape, vars] of SHAPES) {
    const a = check(expr, ...decl);
    assert.equal(shapeOrError(a), shape, expr);
    assert.equal(variables(a), vars, expr);
    assert.deepEqual(a.diagnostics, [], expr);
  }
});

test('two different declared symbols are different dims; numbers differ from symbols', () => {
  const cases: Array<[string, string[], string]> = [
    ['A*B', ['A=m,n', 'B=k,p'], 'the product of [m×n] and [k×p] does not fit: A has n columns but B has k rows (n ≠ k)'],
    ['A + B', ['A=m,n', 'B=n,m'], "[m×n] and [n×m] do not fit for '+': m rows vs n rows (neither is 1, so they cannot broadcast)"],
    ['A*x', ['A=3,4', 'x=5'], 'the product of [3×4] and [5×1] does not fit: A has 4 columns but x has 5 rows (4 ≠ 5)'],
    ['A*x', ['A=m,n', 'x=3'], 'the product of [m×n] and [3×1] does not fit: A has n columns but x has 3 rows (n ≠ 3)'],
  ];
  for (const [expr, decl, message] of cases) assert.equal(shapeOrError(check(expr, ...decl)), `error: ${message}`, expr);
});

test('a use fixes the dims of an undeclared name for every later use', () => {
  // x is n×1 from W*x, so x' * y makes y n×1 too, and the sum is a scalar.
  const a = check("(W*x)'*z + x'*y", 'W=m,n');
  assert.equal(variables(a), 'W:[m×n] x:[n×1]* z:[m×1]* y:[n×1]*');
  // A second use that contradicts the first is an error at the second use.
  const b = check('W*x + x', 'W=m,n');
  assert.equal(b.ok, false);
  assert.equal(b.diagnostics[0]!.span.start, 0);
  assert.equal(b.diagnostics[0]!.span.end, 7);
});

test('names inside constructor arguments are dims, never variables', () => {
  // Before the fix, `ones(m+1, 2)` declared a column vector `m` besides reporting the error.
  assert.deepEqual([...check('zeros(m+1, 2)').elaborated!.variables.keys()], []);
  assert.deepEqual([...check('ones(n, k)*x + eye(sum(y))').elaborated!.variables.keys()], ['x']);
});

test('lowering chooses scale for a scalar factor (either side) and matmul otherwise', () => {
  const ops = (expr: string, ...decl: string[]) => {
    const e = check(expr, ...decl).expr!;
    return `${e.op}(${e.args.map((x) => (x.op === 'var' ? x.name : x.op === 'num' ? String(x.value) : x.op)).join(', ')})`;
  };
  assert.equal(ops('2*A', 'A=m,n'), 'scale(2, A)');
  assert.equal(ops('A*2', 'A=m,n'), 'scale(2, A)');
  assert.equal(ops('a*A', 'a=1,1', 'A=m,n'), 'scale(a, A)');
  assert.equal(ops('A*a', 'a=scalar', 'A=m,n'), 'scale(a, A)');
  assert.equal(ops("(x'*x)*A", 'A=m,n'), 'scale(matmul, A)');
  assert.equal(ops('A*x', 'A=m,n'), 'matmul(A, x)');
  assert.equal(ops("x'*y"), 'matmul(transpose, y)');
  assert.equal(ops('α*β'), 'scale(α, β)');
  assert.equal(ops('A^2'), 'mpow(A)');
  assert.equal(ops('α^2'), 'pow(α, 2)');
  assert.equal(ops('x / 2'), 'div(x, 2)');
  assert.equal(ops('-2'), 'num()');
  assert.equal(check('A^-1').expr!.value, -1);
});

test('a shared sub-expression is one node (hash-consing)', () => {
  const e = check('sigmoid(W*x) .* sigmoid(W*x)', 'W=m,n').expr!;
  assert.equal(e.op, 'hadamard');
  assert.equal(e.args[0], e.args[1]);
  assert.equal(check('sigmoid(W*x) .* sigmoid(W*x)', 'W=m,n').elaborated!.builder.size, 5); // W, x, W*x, σ, ⊙
});
