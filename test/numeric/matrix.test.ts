import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  zeros, ones, eye, full, scalar, fromRows, fromData, columnVector, toRows, clone, get, toScalar, transpose,
} from '../../src/numeric/kernels/matrix.js';

test('constructors produce the documented shapes and entries', () => {
  assert.deepEqual(toRows(zeros(2, 3)), [[0, 0, 0], [0, 0, 0]]);
  assert.deepEqual(toRows(ones(1, 2)), [[1, 1]]);
  assert.deepEqual(toRows(full(2, 1, 7)), [[7], [7]]);
  assert.deepEqual(toRows(eye(3)), [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  const s = scalar(2.5);
  assert.equal(s.rows, 1);
  assert.equal(s.cols, 1);
  assert.equal(toScalar(s), 2.5);
  const v = columnVector([1, 2, 3]);
  assert.equal(v.rows, 3);
  assert.equal(v.cols, 1);
});

test('fromRows is row-major and get reads (i, j)', () => {
  const m = fromRows([[1, 2, 3], [4, 5, 6]]);
  assert.equal(m.rows, 2);
  assert.equal(m.cols, 3);
  assert.deepEqual(Array.from(m.data), [1, 2, 3, 4, 5, 6]);
  assert.equal(get(m, 1, 0), 4);
  assert.equal(get(m, 0, 2), 3);
  assert.throws(() => get(m, 2, 0), RangeError);
  assert.throws(() => fromRows([[1, 2], [3]]), /row 1 has 1 entries/);
  assert.throws(() => fromData(2, 2, new Float64Array(3)), RangeError);
  assert.throws(() => zeros(-1, 2), RangeError);
  assert.throws(() => toScalar(ones(2, 1)), /expected a 1×1 matrix, got 2×1/);
});

test('clone copies the data', () => {
  const m = fromRows([[1, 2]]);
  const c = clone(m);
  c.data[0] = 9;
  assert.equal(m.data[0], 1);
});

test('transpose swaps indices for vectors, small and tiled sizes', () => {
  assert.deepEqual(toRows(transpose(fromRows([[1, 2, 3], [4, 5, 6]]))), [[1, 4], [2, 5], [3, 6]]);
  assert.deepEqual(toRows(transpose(columnVector([1, 2]))), [[1, 2]]);
  for (const [r, c] of [[70, 33], [33, 70], [64, 64], [1, 1]] as const) {
    const m = zeros(r, c);
    for (let t = 0; t < m.data.length; t++) m.data[t] = t;
    const mt = transpose(m);
    assert.equal(mt.rows, c);
    assert.equal(mt.cols, r);
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) assert.equal(get(mt, j, i), get(m, i, j));
  }
});
