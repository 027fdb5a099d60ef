// numpy broadcasting of `+ - .* ./ .^`: a scalar, a column or a row stretches to the other
// operand, and a note says what was broadcast (nothing to say for a scalar).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, shapeOrError } from './helpers.js';

// [expression, declarations, shape, notes]
const CASES: Array<[string, string[], string, string[]]> = [
  ['A + b', ['A=m,n', 'b=m'], '[m×n]', ['b [m×1] is broadcast across the n columns of A [m×n]']],
  ['b + A', ['A=m,n', 'b=m'], '[m×n]', ['b [m×1] is broadcast across the n columns of A [m×n]']],
  ['A + r', ['A=m,n', 'r=1,n'], '[m×n]', ['r [1×n] is broadcast across the m rows of A [m×n]']],
  ['A .* x', ['A=m,n', 'x=m'], '[m×n]', ['x [m×1] is broadcast across the n columns of A [m×n]']],
  ['A ./ r', ['A=m,n', 'r=1,n'], '[m×n]', ['r [1×n] is broadcast across the m rows of A [m×n]']],
  ['A .^ r', ['A=m,n', 'r=1,n'], '[m×n]', ['r [1×n] is broadcast across the m rows of A [m×n]']],
  ['A - b', ['A=3,4', 'b=3'], '[3×4]', ['b [3×1] is broadcast across the 4 columns of A [3×4]']],
  // A column plus a row is an outer sum: both are broadcast.
  ['x + r', ['x=m', 'r=1,n'], '[m×n]', ['r [1×n] is broadcast across the m rows of x [m×1]', 'x [m×1] is broadcast across the n columns of r [1×n]']],
  ["x' + y", ['x=n', 'y=n'], '[n×n]', ["x' [1×n] is broadcast across the n rows of y [n×1]", "y [n×1] is broadcast across the n columns of x' [1×n]"]],
  // Scalars broadcast without a note.
  ['A + α', ['A=m,n'], '[m×n]', []],
  ['A + 1', ['A=m,n'], '[m×n]', []],
  ["1 - x'*x + y", ['x=n', 'y=m'], '[m×1]', []],
  // 1×1 by declaration is a scalar too.
  ['A .* s', ['A=m,n', 's=1,1'], '[m×n]', []],
  // Same shapes: nothing to broadcast.
  ['A + B', ['A=m,n', 'B=m,n'], '[m×n]', []],
  // Undeclared operands take the other side's dims rather than broadcasting.
  ['A + b', ['A=m,n'], '[m×n]', ['b [m×1] is broadcast across the n columns of A [m×n]']],
  ['x + y', ['x=n'], '[n×1]', []],
  // The broadcast operand is quoted as written, sub-expressions included.
  ['W*X + b', ['W=m,n', 'X=n,k'], '[m×k]', ['b [m×1] is broadcast across the k columns of W*X [m×k]']],
];

test('broadcast shapes and notes', () => {
  for (const [expr, decl, shape, notes] of CASES) {
    const a = check(expr, ...decl);
    assert.equal(shapeOrError(a), shape, expr);
    assert.deepEqual(a.elaborated!.notes, notes, expr);
  }
});

test('broadcasting does not make `*` elementwise: a column times a column is an error', () => {
  const a = check('x*y', 'x=m', 'y=m');
  assert.equal(a.ok, false);
  assert.equal(a.diagnostics[0]!.message, 'the product of [m×1] and [m×1] does not fit: x has 1 column but y has m rows (1 ≠ m)');
  assert.deepEqual(a.diagnostics[0]!.fixes!.map((f) => `${f.expression} → ${f.shape}`), ["x'*y → [1×1]", "x*y' → [m×m]", 'x .* y → [m×1]']);
});

test('notes on a long sum are deduplicated and capped', () => {
  const a = check(`A${' + b'.repeat(500)}`, 'A=m,n', 'b=m');
  const notes = a.elaborated!.notes;
  // Quoted operands longer than 41 characters are shortened, so later notes read alike and
  // merge; only the first 200 broadcasts are looked at.
  assert.equal(notes.length, 13);
  assert.equal(notes[0], 'b [m×1] is broadcast across the n columns of A [m×n]');
  assert.equal(notes[11], 'b [m×1] is broadcast across the n columns of A + b + b + b + b + … + b + b + b + b + b [m×n]');
  assert.equal(notes[12], '… and 300 more broadcasts');
  for (const n of notes) assert.ok(n.length < 200, n);
});
