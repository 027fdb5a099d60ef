// Diagnostics: severity, message, the span of the smallest culprit, operand shapes, and the
// candidate fixes, each checked for shape and given with its shape. Every independent error of
// one input is reported.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from '../../src/report/diagnostic.js';
import { check } from './helpers.js';

/** A diagnostic as one comparable line: severity, rule, message, culprit text, notes, fixes. */
function row(text: string, d: Diagnostic): [string, string, string, string[], string[]] {
  return [
    `${d.severity} ${d.ruleId}`,
    d.message,
    text.slice(d.span.start, d.span.end),
    d.notes ?? [],
    (d.fixes ?? []).map((f) => `${f.expression} → ${f.shape}`),
  ];
}

type Expected = [string, string, string, string[], string[]];

// [expression, declarations, expected diagnostics in source order]
const CASES: Array<[string, string[], Expected[]]> = [
  ["W'*h", ['W=m,n', 'h=n'], [
    ['error shape-mismatch', "the product of [n×m] and [n×1] does not fit: W' has m columns but h has n rows (m ≠ n)", "W'*h", ["W' : [n×m]", 'h : [n×1]'], ['W*h → [m×1]']],
  ]],
  // The culprit inside a larger expression is the product, not the whole input.
  ["sum(W'*h) + 1", ['W=m,n', 'h=n'], [
    ['error shape-mismatch', "the product of [n×m] and [n×1] does not fit: W' has m columns but h has n rows (m ≠ n)", "W'*h", ["W' : [n×m]", 'h : [n×1]'], ['W*h → [m×1]']],
  ]],
  ['h*W', ['W=m,n', 'h=n'], [
    ['error shape-mismatch', 'the product of [n×1] and [m×n] does not fit: h has 1 column but W has m rows (1 ≠ m)', 'h*W', ['h : [n×1]', 'W : [m×n]'], ["h'*W' → [1×m]", 'W*h → [m×1]']],
  ]],
  ['A*B', ['A=m,n', 'B=m,n'], [
    ['error shape-mismatch', 'the product of [m×n] and [m×n] does not fit: A has n columns but B has m rows (n ≠ m)', 'A*B', ['A : [m×n]', 'B : [m×n]'], ["A'*B → [n×n]", "A*B' → [m×m]", 'A .* B → [m×n]']],
  ]],
  // Rewritten operands keep their meaning: parentheses where precedence needs them.
  ['(A + B)*C', ['A=m,n', 'B=m,n', 'C=m,n'], [
    ['error shape-mismatch', 'the product of [m×n] and [m×n] does not fit: (A + B) has n columns but C has m rows (n ≠ m)', '(A + B)*C', ['(A + B) : [m×n]', 'C : [m×n]'], ["(A + B)'*C → [n×n]", "(A + B)*C' → [m×m]", '(A + B) .* C → [m×n]']],
  ]],
  ['A ./ B*C', ['A=m,n', 'B=m,n', 'C=m,n'], [
    ['error shape-mismatch', 'the product of [m×n] and [m×n] does not fit: A ./ B has n columns but C has m rows (n ≠ m)', 'A ./ B*C', ['A ./ B : [m×n]', 'C : [m×n]'], ["(A ./ B)'*C → [n×n]", "A ./ B*C' → [m×m]", 'A ./ B .* C → [m×n]']],
  ]],
  // The swap moves the left operand to the right of `*`, where it needs parentheses.
  ['A ./ B*C', ['A=m,n', 'B=m,n', 'C=k,m'], [
    ['error shape-mismatch', 'the product of [m×n] and [k×m] does not fit: A ./ B has n columns but C has k rows (n ≠ k)', 'A ./ B*C', ['A ./ B : [m×n]', 'C : [k×m]'], ["(A ./ B)'*C' → [n×k]", 'C*(A ./ B) → [k×n]']],
  ]],
  ['x + y', ['x=m', 'y=n'], [
    ['error shape-mismatch', "[m×1] and [n×1] do not fit for '+': m rows vs n rows (neither is 1, so they cannot broadcast)", 'x + y', ['x : [m×1]', 'y : [n×1]'], []],
  ]],
  ['A .* B', ['A=m,n', 'B=n,m'], [
    ['error shape-mismatch', "[m×n] and [n×m] do not fit for '.*': m rows vs n rows (neither is 1, so they cannot broadcast)", 'A .* B', ['A : [m×n]', 'B : [n×m]'], ["A' .* B → [n×m]", "A .* B' → [m×n]"]],
  ]],
  ['A - B', ['A=m,n', 'B=k,p'], [
    ['error shape-mismatch', "[m×n] and [k×p] do not fit for '-': m rows vs k rows (neither is 1, so they cannot broadcast)", 'A - B', ['A : [m×n]', 'B : [k×p]'], []],
  ]],
  // `/` by a matrix suggests `./`.
  ['W / W', ['W=m,n'], [
    ['error shape-mismatch', "'/' divides by a scalar, but W is [m×n]; use './' to divide elementwise", 'W / W', ['W : [m×n]', 'W : [m×n]'], ['W ./ W → [m×n]']],
  ]],
  ['1 / x', ['x=m'], [
    ['error shape-mismatch', "'/' divides by a scalar, but x is [m×1]; use './' to divide elementwise", '1 / x', ['1 : [1×1]', 'x : [m×1]'], ['1 ./ x → [m×1]']],
  ]],
  // Square-matrix functions.
  ['tr(W)', ['W=m,n'], [['error shape-mismatch', 'tr needs a square matrix, but W is [m×n]', 'tr(W)', ['W : [m×n]'], []]]],
  ['det(W) + inv(W)', ['W=m,n'], [
    ['error shape-mismatch', 'det needs a square matrix, but W is [m×n]', 'det(W)', ['W : [m×n]'], []],
    ['error shape-mismatch', 'inv needs a square matrix, but W is [m×n]', 'inv(W)', ['W : [m×n]'], []],
  ]],
  ['logdet(W)', ['W=3,4'], [['error shape-mismatch', 'logdet needs a square matrix, but W is [3×4]', 'logdet(W)', ['W : [3×4]'], []]]],
  ['diag(W)', ['W=m,n'], [['error shape-mismatch', 'diag needs a column vector or a square matrix, but W is [m×n]', 'diag(W)', ['W : [m×n]'], []]]],
  // `^` on a non-square matrix suggests `.^`.
  ['x^2', ['x=n'], [
    ['error shape-mismatch', "'^' raises a square matrix to an integer power, but x is [n×1]; for entrywise powers use '.^'", 'x^2', ['x : [n×1]'], ['x .^ 2 → [n×1]']],
  ]],
  ['A^x', ['A=n,n', 'x=n'], [
    ['error shape-mismatch', "'^' raises a square matrix to a literal integer power (or a scalar to a scalar); for entrywise powers use '.^'", 'A^x', ['A : [n×n]', 'x : [n×1]'], ['A .^ x → [n×n]']],
  ]],
  // Wrong number of arguments.
  ['sum(x, y)', [], [['error arity', 'sum takes 1 argument, got 2 (sum takes every entry; sums along one axis are products with ones: X*ones(n, 1) sums each row, ones(1, m)*X each column)', 'sum(x, y)', [], []]]],
  ['sum()', [], [['error arity', 'sum takes 1 argument, got 0', 'sum()', [], []]]],
  ['ones(2)', [], [['error arity', 'ones takes 2 arguments, got 1', 'ones(2)', [], []]]],
  ['eye(2, 3)', [], [['error arity', 'eye takes 1 argument, got 2', 'eye(2, 3)', [], []]]],
  ['E(x, y)', [], [['error arity', 'E takes 1 argument, got 2', 'E(x, y)', [], []]]],
  ['∇E(x, y)', [], [['error arity', '∇E takes 1 argument, got 2', '∇E(x, y)', [], []]]],
  ['ones(m, 2.5)', [], [['error syntax', 'the arguments of ones are dimensions: positive integers or symbols like m', '2.5', [], []]]],
  ['ones(1e20, 2)', [], [['error syntax', 'the arguments of ones are dimensions: positive integers or symbols like m', '1e20', [], []]]],
  ['eye(0)', [], [['error syntax', 'the arguments of eye are dimensions: positive integers or symbols like m', '0', [], []]]],
  ['zeros(m+1, 2)', [], [['error syntax', 'the arguments of zeros are dimensions: positive integers or symbols like m', 'm+1', [], []]]],
  // Names.
  ['exp', [], [["error unknown-name", "'exp' is a function: call it as exp(…)", 'exp', [], []]]],
  ['W*x + exp', ['W=m,n'], [["error unknown-name", "'exp' is a function: call it as exp(…)", 'exp', [], []]]],
  ['sigmiod(x)', [], [
    ['warning unknown-function', "unknown function 'sigmiod' (did you mean 'sigmoid'?); treating it as an abstract scalar function", 'sigmiod', [], []],
  ]],
  ['Exp(x)', [], [
    ['warning unknown-function', "unknown function 'Exp' (did you mean 'exp'?); treating it as an abstract scalar function", 'Exp', [], []],
  ]],
  ['lgo(x) + tahn(x)', [], [
    ['warning unknown-function', "unknown function 'lgo' (did you mean 'log'?); treating it as an abstract scalar function", 'lgo', [], []],
    ['warning unknown-function', "unknown function 'tahn' (did you mean 'tanh'?); treating it as an abstract scalar function", 'tahn', [], []],
  ]],
  ['sotfmax(x) + logsumexq(x)', [], [
    ['warning unknown-function', "unknown function 'sotfmax' (did you mean 'softmax'?); treating it as an abstract scalar function", 'sotfmax', [], []],
    ['warning unknown-function', "unknown function 'logsumexq' (did you mean 'logsumexp'?); treating it as an abstract scalar function", 'logsumexq', [], []],
  ]],
  // An abstract function has one argument shape.
  ['E(x) + E(W)', ['x=n', 'W=m,n'], [['error shape-mismatch', 'E takes an argument of shape [n×1], but W is [m×n]', 'E(W)', [], []]]],
  // Several independent errors of one input are all reported, in source order.
  ["W'*h + A*B + tr(W) + sum(x, y)", ['W=m,n', 'h=n', 'A=m,n', 'B=m,n'], [
    ['error shape-mismatch', "the product of [n×m] and [n×1] does not fit: W' has m columns but h has n rows (m ≠ n)", "W'*h", ["W' : [n×m]", 'h : [n×1]'], ['W*h → [m×1]']],
    ['error shape-mismatch', 'the product of [m×n] and [m×n] does not fit: A has n columns but B has m rows (n ≠ m)', 'A*B', ['A : [m×n]', 'B : [m×n]'], ["A'*B → [n×n]", "A*B' → [m×m]", 'A .* B → [m×n]']],
    ['error shape-mismatch', 'tr needs a square matrix, but W is [m×n]', 'tr(W)', ['W : [m×n]'], []],
    ['error arity', 'sum takes 1 argument, got 2 (sum takes every entry; sums along one axis are products with ones: X*ones(n, 1) sums each row, ones(1, m)*X each column)', 'sum(x, y)', [], []],
  ]],
  ['A*x + B*y + C*z', ['A=m,n', 'x=k', 'B=m,n', 'y=n', 'C=m,n', 'z=m'], [
    ['error shape-mismatch', 'the product of [m×n] and [k×1] does not fit: A has n columns but x has k rows (n ≠ k)', 'A*x', ['A : [m×n]', 'x : [k×1]'], []],
    ['error shape-mismatch', 'the product of [m×n] and [m×1] does not fit: C has n columns but z has m rows (n ≠ m)', 'C*z', ['C : [m×n]', 'z : [m×1]'], ["C'*z → [n×1]"]],
  ]],
  // An error poisons only what depends on it: no cascade from W'*h into the sum around it.
  ["W'*h + b", ['W=m,n', 'h=n', 'b=k'], [
    ['error shape-mismatch', "the product of [n×m] and [n×1] does not fit: W' has m columns but h has n rows (m ≠ n)", "W'*h", ["W' : [n×m]", 'h : [n×1]'], ['W*h → [m×1]']],
  ]],
];

test('diagnostics: message, culprit span, operand shapes and fixes', () => {
  for (const [expr, decl, want] of CASES) {
    const a = check(expr, ...decl);
    assert.deepEqual(a.diagnostics.map((d) => row(expr, d)), want, expr);
    assert.equal(a.ok, !want.some((w) => w[0].startsWith('error')), expr);
  }
});

test('every fix, put in place of its span, checks with the shape it claims', () => {
  for (const [expr, decl] of CASES) {
    for (const d of check(expr, ...decl).diagnostics) {
      for (const f of d.fixes ?? []) {
        const fixed = expr.slice(0, d.span.start) + `(${f.expression})` + expr.slice(d.span.end);
        const a = check(f.expression, ...decl);
        assert.equal(a.ok, true, `${expr}: fix ${f.expression}: ${a.diagnostics[0]?.message}`);
        assert.deepEqual(a.elaborated!.shapeOf(a.ast!), f.dims, `${expr}: fix ${f.expression}`);
        // The whole rewritten input has no error at the fixed place any more.
        const whole = check(fixed, ...decl);
        assert.ok(!whole.diagnostics.some((x) => x.span.start === d.span.start + 1 && x.message === d.message), fixed);
      }
    }
  }
});

test('spans carry 1-based line and column, also on later lines', () => {
  const a = check("x +\n  W'*h", 'W=m,n', 'h=n');
  assert.deepEqual(a.diagnostics.map((d) => d.span), [{ start: 6, end: 10, line: 2, column: 3, endLine: 2, endColumn: 7 }]);
  const s = check('α + (x y)');
  assert.deepEqual(s.diagnostics.map((d) => [d.ruleId, d.message, d.span.start, d.span.column]), [['syntax', "expected ')' to close the '(' at column 5, found 'y'", 7, 8]]);
});

test('messages and notes are one line, even for operands written over several lines', () => {
  const a = check("(W'\n  + B)*\n  h", 'W=m,n', 'B=n,m', 'h=n');
  assert.deepEqual(a.diagnostics.map((d) => [d.message, ...(d.notes ?? [])]), [[
    "the product of [n×m] and [n×1] does not fit: (W' + B) has m columns but h has n rows (m ≠ n)",
    "(W' + B) : [n×m]",
    'h : [n×1]',
  ]]);
  assert.deepEqual(a.diagnostics[0]!.fixes!.map((f) => f.expression), ["(W'\n  + B)'*h"]);
});

test('the did-you-mean warning spares names two edits away, short names, and a three-letter built-in plus a letter', () => {
  for (const name of ['loss', 'E', 'f', 'energy', 'sigma', 'cost', 'sums', 'logs', 'expo', 'sine']) {
    const a = check(`${name}(x)`);
    assert.deepEqual(a.diagnostics, [], name);
  }
});
