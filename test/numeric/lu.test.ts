import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows, toRows, eye, zeros, toScalar, type Mat } from '../../src/numeric/kernels/matrix.js';
import { matmul } from '../../src/numeric/kernels/matmul.js';
import { det, logdet, logAbsDet, inv, solve, matpow, luDecompose } from '../../src/numeric/kernels/lu.js';
import { mulberry32, randUniform, randWellConditioned } from '../../src/numeric/kernels/random.js';
import { cofactorDet, naiveMatmul, relativeError } from './reference.js';

/** det and logdet return 1×1 matrices; the tests compare their values. */
const numDet = (a: Mat): number => toScalar(det(a));
const numLogdet = (a: Mat): number => toScalar(logdet(a));

test('det of hand-computed matrices, including one that needs a row swap', () => {
  assert.deepEqual(toRows(det(fromRows([[1, 2], [3, 4]]))), [[-2]]); // a 1×1 matrix, like every op
  assert.deepEqual(toRows(logdet(fromRows([[3]]))), [[Math.log(3)]]);
  assert.equal(numDet(fromRows([[0, 1], [1, 0]])), -1); // zero in the first pivot position
  assert.equal(numDet(fromRows([[2, 0, 0], [0, 3, 0], [0, 0, 4]])), 24);
  assert.equal(numDet(fromRows([[1, 2], [2, 4]])), 0);
  assert.equal(numDet(zeros(3, 3)), 0);
  assert.equal(numDet(zeros(0, 0)), 1);
  assert.throws(() => numDet(zeros(2, 3)), /square matrix, got 2×3/);
});

test('det agrees with cofactor expansion for random n = 1..6', () => {
  const rng = mulberry32(10);
  for (let n = 1; n <= 6; n++) {
    for (let trial = 0; trial < 5; trial++) {
      const a = randUniform(rng, n, n, -2, 2);
      const expected = cofactorDet(a);
      const got = numDet(a);
      assert.ok(Math.abs(got - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `n=${n}: ${got} vs ${expected}`);
    }
  }
});

test('logdet is log det for det > 0 and NaN for det ≤ 0; logAbsDet carries the sign', () => {
  assert.ok(Math.abs(numLogdet(fromRows([[2, 1], [1, 3]])) - Math.log(5)) < 1e-15);
  assert.ok(Number.isNaN(numLogdet(fromRows([[1, 2], [3, 4]]))));
  assert.ok(Number.isNaN(numLogdet(fromRows([[1, 2], [2, 4]]))));
  assert.deepEqual(logAbsDet(fromRows([[1, 2], [2, 4]])), { sign: 0, logAbs: -Infinity });
  const r = logAbsDet(fromRows([[1, 2], [3, 4]]));
  assert.equal(r.sign, -1);
  assert.ok(Math.abs(r.logAbs - Math.log(2)) < 1e-15);
  // no overflow where the product of pivots would be Infinity: det(1e3·I₂₀₀) = 1e600
  const big = eye(200);
  for (let i = 0; i < 200; i++) big.data[i * 200 + i] = 1e3;
  assert.equal(numDet(big), Infinity);
  assert.ok(Math.abs(numLogdet(big) - 600 * Math.log(10)) < 1e-9);
});

test('inv(A)·A = I and A·inv(A) = I for well-conditioned random A up to n = 40', () => {
  const rng = mulberry32(11);
  for (const n of [1, 2, 3, 7, 16, 40]) {
    const a = randWellConditioned(rng, n);
    const ai = inv(a);
    assert.ok(relativeError(naiveMatmul(ai, a), eye(n)) < 1e-13, `inv·A at n=${n}`);
    assert.ok(relativeError(naiveMatmul(a, ai), eye(n)) < 1e-13, `A·inv at n=${n}`);
  }
  assert.deepEqual(toRows(inv(fromRows([[0, 2], [4, 0]]))), [[0, 0.25], [0.5, 0]]);
  assert.throws(() => inv(fromRows([[1, 2], [2, 4]])), /singular/);
});

test('solve gives A·X = B for several right-hand sides', () => {
  const rng = mulberry32(12);
  const a = randWellConditioned(rng, 9);
  const b = randUniform(rng, 9, 4);
  const x = solve(a, b);
  assert.equal(x.rows, 9);
  assert.equal(x.cols, 4);
  assert.ok(relativeError(naiveMatmul(a, x), b) < 1e-13);
  assert.throws(() => solve(a, zeros(8, 1)), /B with 9 rows, got 8×1/);
});

test('the factorisation reproduces P·A = L·U', () => {
  const rng = mulberry32(13);
  const a = randUniform(rng, 6, 6);
  const { lu, perm } = luDecompose(a);
  const l = zeros(6, 6);
  const u = zeros(6, 6);
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j < 6; j++) {
      if (j < i) l.data[i * 6 + j] = lu[i * 6 + j]!;
      else u.data[i * 6 + j] = lu[i * 6 + j]!;
    }
    l.data[i * 6 + i] = 1;
  }
  const pa = zeros(6, 6);
  for (let i = 0; i < 6; i++) pa.data.set(a.data.subarray(perm[i]! * 6, perm[i]! * 6 + 6), i * 6);
  assert.ok(relativeError(naiveMatmul(l, u), pa) < 1e-14);
  for (let i = 0; i < 6; i++) for (let j = 0; j < i; j++) assert.ok(Math.abs(lu[i * 6 + j]!) <= 1);
});

test('matpow: A⁰ = I, positive powers by repeated products, negative via the inverse', () => {
  const a = fromRows([[1, 1], [1, 0]]);
  assert.deepEqual(toRows(matpow(a, 0)), [[1, 0], [0, 1]]);
  assert.deepEqual(toRows(matpow(a, 1)), [[1, 1], [1, 0]]);
  assert.deepEqual(toRows(matpow(a, 10)), [[89, 55], [55, 34]]); // Fibonacci
  const rng = mulberry32(14);
  const b = randWellConditioned(rng, 5);
  let expected = eye(5);
  for (let k = 0; k < 7; k++) expected = naiveMatmul(expected, b);
  assert.ok(relativeError(matpow(b, 7), expected) < 1e-13);
  assert.ok(relativeError(matmul(matpow(b, -3), matpow(b, 3)), eye(5)) < 1e-13);
  assert.throws(() => matpow(b, 1.5), /integer exponent/);
});
