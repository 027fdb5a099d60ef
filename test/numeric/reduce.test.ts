import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows, toRows, toScalar, scalar, columnVector } from '../../src/numeric/kernels/matrix.js';
import {
  sum, mean, sumRows, sumCols, unbroadcast, trace, norm2, norm1, diag, maxRows, logsumexp, softmax,
} from '../../src/numeric/kernels/reduce.js';
import { add } from '../../src/numeric/kernels/elementwise.js';

const M = fromRows([[1, -2, 3], [-4, 5, -6]]);

test('sum and mean over all entries are 1×1', () => {
  const s = sum(M);
  assert.equal(s.rows, 1);
  assert.equal(s.cols, 1);
  assert.equal(toScalar(s), -3);
  assert.equal(toScalar(mean(M)), -0.5);
});

test('sumRows folds rows (m×n → 1×n), sumCols folds columns (m×n → m×1)', () => {
  assert.deepEqual(toRows(sumRows(M)), [[-3, 3, -3]]);
  assert.deepEqual(toRows(sumCols(M)), [[2], [-5]]);
});

test('unbroadcast is the adjoint of broadcasting: it sums back to the operand shape', () => {
  assert.deepEqual(toRows(unbroadcast(M, 1, 3)), [[-3, 3, -3]]);
  assert.deepEqual(toRows(unbroadcast(M, 2, 1)), [[2], [-5]]);
  assert.deepEqual(toRows(unbroadcast(M, 1, 1)), [[-3]]);
  assert.deepEqual(toRows(unbroadcast(M, 2, 3)), toRows(M));
  assert.throws(() => unbroadcast(M, 3, 3), /cannot reduce 2×3 to 3×3/);
  // <G, broadcast(b)> = <unbroadcast(G), b> for a bias column b
  const b = fromRows([[0.5], [2]]);
  const zero = fromRows([[0, 0, 0], [0, 0, 0]]);
  const bb = add(zero, b);
  let lhs = 0;
  for (let t = 0; t < 6; t++) lhs += M.data[t]! * bb.data[t]!;
  const ub = unbroadcast(M, 2, 1);
  assert.equal(lhs, ub.data[0]! * 0.5 + ub.data[1]! * 2);
});

test('trace, norm2 (Frobenius) and norm1 (entrywise)', () => {
  assert.equal(toScalar(trace(fromRows([[1, 2], [3, 4]]))), 5);
  assert.throws(() => trace(M), /square matrix, got 2×3/);
  assert.equal(toScalar(norm2(fromRows([[3, 0], [0, -4]]))), 5);
  assert.equal(toScalar(norm2(fromRows([[0, 0]]))), 0);
  // no overflow or underflow in the squares
  assert.ok(Math.abs(toScalar(norm2(fromRows([[3e200, 4e200]]))) / 5e200 - 1) < 1e-15);
  assert.ok(Math.abs(toScalar(norm2(fromRows([[3e-200, -4e-200]]))) / 5e-200 - 1) < 1e-15);
  assert.equal(toScalar(norm2(fromRows([[5e-324]]))), 5e-324);
  assert.ok(Math.abs(toScalar(norm2(fromRows([[1, 2], [2, 4]]))) - 5) < 1e-15);
  assert.equal(toScalar(norm1(M)), 21);
});

test('diag: vector → diagonal matrix, square matrix → diagonal as n×1', () => {
  assert.deepEqual(toRows(diag(columnVector([1, 2, 3]))), [[1, 0, 0], [0, 2, 0], [0, 0, 3]]);
  assert.deepEqual(toRows(diag(fromRows([[1, 2]]))), [[1, 0], [0, 2]]);
  assert.deepEqual(toRows(diag(fromRows([[1, 2], [3, 4]]))), [[1], [4]]);
  assert.deepEqual(toRows(diag(scalar(7))), [[7]]);
  assert.throws(() => diag(M), /square matrix/);
});

test('softmax: each column sums to 1 and matches exp(x)/Σexp(x) for moderate x', () => {
  const x = fromRows([[1, -1, 0.5], [2, 0, -3], [0.25, 3, 1]]);
  const s = softmax(x);
  for (let j = 0; j < 3; j++) {
    let total = 0;
    let denom = 0;
    for (let i = 0; i < 3; i++) denom += Math.exp(x.data[i * 3 + j]!);
    for (let i = 0; i < 3; i++) {
      const v = s.data[i * 3 + j]!;
      total += v;
      assert.ok(Math.abs(v - Math.exp(x.data[i * 3 + j]!) / denom) < 1e-15, `entry (${i}, ${j})`);
    }
    assert.ok(Math.abs(total - 1) < 1e-15, `column ${j} sums to ${total}`);
  }
});

test('softmax and logsumexp stay finite at x = 1000 and shift-invariant', () => {
  const big = fromRows([[1000, -1000], [999, -1001]]);
  const s = softmax(big);
  assert.ok(s.data.every(Number.isFinite));
  const p = 1 / (1 + Math.exp(-1));
  assert.ok(Math.abs(s.data[0]! - p) < 1e-15 && Math.abs(s.data[2]! - (1 - p)) < 1e-15);
  assert.ok(Math.abs(s.data[1]! - p) < 1e-15);
  const l = logsumexp(big);
  assert.equal(l.rows, 1);
  assert.equal(l.cols, 2);
  assert.ok(Math.abs(l.data[0]! - (1000 + Math.log1p(Math.exp(-1)))) < 1e-12);
  assert.ok(Math.abs(l.data[1]! - (-1000 + Math.log1p(Math.exp(-1)))) < 1e-12);
});

test('logsumexp matches log Σ exp for moderate x; all -Infinity gives -Infinity', () => {
  const x = fromRows([[0.1, 2], [-0.7, 1], [1.5, -2]]);
  const l = logsumexp(x);
  for (let j = 0; j < 2; j++) {
    let s = 0;
    for (let i = 0; i < 3; i++) s += Math.exp(x.data[i * 2 + j]!);
    assert.ok(Math.abs(l.data[j]! - Math.log(s)) < 1e-14);
  }
  assert.equal(logsumexp(fromRows([[-Infinity], [-Infinity]])).data[0], -Infinity);
  assert.deepEqual(toRows(maxRows(x)), [[1.5, 2]]);
});
