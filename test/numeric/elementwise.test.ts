import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows, toRows, scalar, zeros } from '../../src/numeric/kernels/matrix.js';
import {
  add, sub, mul, div, pow, maximum, minimum, scale, neg, addScalar, broadcastShape, broadcastTo, broadcastBinary,
  map, binary, unary,
  exp, log, sqrt, abs, sign, step, sigmoid, tanh, relu, softplus, sin, cos,
} from '../../src/numeric/kernels/elementwise.js';

const M = fromRows([[1, 2, 3], [4, 5, 6]]);

test('same-shape binary ops act entrywise', () => {
  const N = fromRows([[6, 5, 4], [3, 2, 1]]);
  assert.deepEqual(toRows(add(M, N)), [[7, 7, 7], [7, 7, 7]]);
  assert.deepEqual(toRows(sub(M, N)), [[-5, -3, -1], [1, 3, 5]]);
  assert.deepEqual(toRows(mul(M, N)), [[6, 10, 12], [12, 10, 6]]);
  assert.deepEqual(toRows(div(M, N)), [[1 / 6, 2 / 5, 3 / 4], [4 / 3, 5 / 2, 6]]);
  assert.deepEqual(toRows(pow(M, N)), [[1, 32, 81], [64, 25, 6]]);
  assert.deepEqual(toRows(maximum(M, N)), [[6, 5, 4], [4, 5, 6]]);
  assert.deepEqual(toRows(minimum(M, N)), [[1, 2, 3], [3, 2, 1]]);
});

test('broadcasting: m×1 column repeated across m×n, in both operand orders', () => {
  const col = fromRows([[10], [20]]);
  assert.deepEqual(toRows(add(M, col)), [[11, 12, 13], [24, 25, 26]]);
  assert.deepEqual(toRows(sub(col, M)), [[9, 8, 7], [16, 15, 14]]);
});

test('broadcasting: 1×n row repeated down m×n, in both operand orders', () => {
  const row = fromRows([[1, 10, 100]]);
  assert.deepEqual(toRows(mul(M, row)), [[1, 20, 300], [4, 50, 600]]);
  assert.deepEqual(toRows(div(row, M)), [[1, 5, 100 / 3], [0.25, 2, 100 / 6]]);
});

test('broadcasting: 1×1 with anything, and m×1 with 1×n gives the outer m×n', () => {
  assert.deepEqual(toRows(pow(M, scalar(2))), [[1, 4, 9], [16, 25, 36]]);
  assert.deepEqual(toRows(sub(scalar(1), M)), [[0, -1, -2], [-3, -4, -5]]);
  assert.deepEqual(toRows(mul(fromRows([[1], [2]]), fromRows([[3, 4, 5]]))), [[3, 4, 5], [6, 8, 10]]);
  assert.deepEqual(broadcastShape(zeros(3, 1), zeros(1, 4)), { rows: 3, cols: 4 });
  assert.equal(broadcastShape(zeros(2, 3), zeros(3, 2)), null);
});

test('broadcastTo repeats rows, columns and scalars, and refuses incompatible targets', () => {
  assert.deepEqual(toRows(broadcastTo(fromRows([[1], [2]]), 2, 3)), [[1, 1, 1], [2, 2, 2]]);
  assert.deepEqual(toRows(broadcastTo(fromRows([[1, 2]]), 3, 2)), [[1, 2], [1, 2], [1, 2]]);
  assert.deepEqual(toRows(broadcastTo(scalar(4), 2, 2)), [[4, 4], [4, 4]]);
  assert.equal(broadcastTo(M, 2, 3), M);
  assert.throws(() => broadcastTo(fromRows([[1, 2]]), 2, 3), /cannot broadcast 1×2 to 2×3/);
});

test('the generic helpers take any function and broadcast the same way as the named ops', () => {
  const col = fromRows([[10], [20]]);
  assert.deepEqual(toRows(broadcastBinary(M, col, (x, y) => y - x)), toRows(sub(col, M)));
  assert.deepEqual(toRows(map(M, (x) => x * x)), [[1, 4, 9], [16, 25, 36]]);
  assert.deepEqual(toRows(binary('mul', M, col)), toRows(mul(M, col)));
  assert.deepEqual(toRows(unary('neg', M)), toRows(scale(M, -1)));
  assert.throws(() => broadcastBinary(M, zeros(3, 3), Math.max, 'hypot'), /hypot requires/);
});

test('non-broadcastable shapes are rejected with both shapes named', () => {
  assert.throws(() => add(M, zeros(3, 2)), /add requires shapes that broadcast .* got 2×3 and 3×2/);
  assert.throws(() => mul(M, zeros(2, 2)), /mul requires/);
});

test('scale, neg, addScalar', () => {
  assert.deepEqual(toRows(scale(M, -2)), [[-2, -4, -6], [-8, -10, -12]]);
  assert.deepEqual(toRows(neg(fromRows([[1, -2]]))), [[-1, 2]]);
  assert.deepEqual(toRows(addScalar(fromRows([[1, -2]]), 0.5)), [[1.5, -1.5]]);
});

test('unary maps agree with Math at sample points', () => {
  const x = fromRows([[-2, -0.5, 0.5, 3]]);
  const pos = fromRows([[0.25, 1, 4]]);
  const same = (m: ReturnType<typeof exp>, f: (v: number) => number, src: typeof x) =>
    assert.deepEqual(Array.from(m.data), Array.from(src.data, f));
  same(exp(x), Math.exp, x);
  same(log(pos), Math.log, pos);
  assert.deepEqual(toRows(sqrt(pos)), [[0.5, 1, 2]]);
  assert.deepEqual(toRows(abs(x)), [[2, 0.5, 0.5, 3]]);
  same(tanh(x), Math.tanh, x);
  same(sin(x), Math.sin, x);
  same(cos(x), Math.cos, x);
});

test('sign, step and relu at and around 0', () => {
  const x = fromRows([[-3, -0, 0, 2]]);
  assert.deepEqual(Array.from(sign(x).data), [-1, 0, 0, 1]);
  assert.deepEqual(Array.from(step(x).data), [0, 0, 0, 1]);
  assert.deepEqual(Array.from(relu(x).data), [0, 0, 0, 2]);
});

test('sigmoid: matches 1/(1+e^-x) for moderate x, symmetric, finite and saturated at ±1000', () => {
  for (const v of [-5, -1, 0, 0.3, 4]) {
    const s = sigmoid(scalar(v)).data[0]!;
    assert.ok(Math.abs(s - 1 / (1 + Math.exp(-v))) < 1e-15, `sigmoid(${v})`);
    const t = sigmoid(scalar(-v)).data[0]!;
    assert.ok(Math.abs(s + t - 1) < 1e-15);
  }
  assert.deepEqual(Array.from(sigmoid(fromRows([[1000, -1000]])).data), [1, 0]);
  // far-negative values keep their tiny relative precision instead of rounding via 1 - tiny
  assert.ok(Math.abs(sigmoid(scalar(-50)).data[0]! / Math.exp(-50) - 1) < 1e-12);
});

test('softplus: log(1+e^x) for moderate x, x at +1000, e^x at -1000 scale', () => {
  for (const v of [-3, 0, 2.5]) {
    assert.ok(Math.abs(softplus(scalar(v)).data[0]! - Math.log(1 + Math.exp(v))) < 1e-14, `softplus(${v})`);
  }
  assert.equal(softplus(scalar(1000)).data[0], 1000);
  assert.equal(softplus(scalar(-1000)).data[0], 0);
  assert.ok(Math.abs(softplus(scalar(-40)).data[0]! / Math.exp(-40) - 1) < 1e-12);
});

test('ops return fresh matrices and never modify their inputs', () => {
  const a = fromRows([[1, 2]]);
  const r = add(a, scalar(0));
  r.data[0] = 99;
  assert.equal(a.data[0], 1);
  exp(a);
  assert.deepEqual(toRows(a), [[1, 2]]);
});
