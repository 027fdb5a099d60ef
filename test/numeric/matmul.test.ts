import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRows, toRows, zeros, eye } from '../../src/numeric/kernels/matrix.js';
import { matmul, matmulJs, matmulUsesWasm, matvec } from '../../src/numeric/kernels/matmul.js';
import { mulberry32, randUniform } from '../../src/numeric/kernels/random.js';
import { naiveMatmul, relativeError } from './reference.js';

test('matmul of a hand-computed 2×3 by 3×2 product', () => {
  const a = fromRows([[1, 2, 3], [4, 5, 6]]);
  const b = fromRows([[7, 8], [9, 10], [11, 12]]);
  assert.deepEqual(toRows(matmul(a, b)), [[58, 64], [139, 154]]);
});

test('matmul rejects mismatched inner dimensions with both shapes in the message', () => {
  assert.throws(() => matmul(zeros(2, 3), zeros(2, 3)), /got A 2×3 and B 2×3/);
  assert.throws(() => matvec(zeros(2, 3), zeros(2, 1)), RangeError);
});

test('matmul handles empty inner dimension and vectors', () => {
  assert.deepEqual(toRows(matmul(zeros(2, 0), zeros(0, 3))), [[0, 0, 0], [0, 0, 0]]);
  const row = fromRows([[1, 2, 3]]);
  const col = fromRows([[4], [5], [6]]);
  assert.deepEqual(toRows(matmul(row, col)), [[32]]);
  assert.deepEqual(toRows(matmul(col, row)), [[4, 8, 12], [5, 10, 15], [6, 12, 18]]);
  assert.deepEqual(toRows(matvec(fromRows([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10]]), fromRows([[1], [-1]]))),
    [[-1], [-1], [-1], [-1], [-1]]);
});

test('matmul matches the naive triple loop for random shapes with every size 1..37', () => {
  const rng = mulberry32(1);
  let checked = 0;
  for (let m = 1; m <= 37; m += 3) {
    for (let k = 1; k <= 37; k += 4) {
      for (let n = 1; n <= 37; n += 5) {
        const a = randUniform(rng, m, k);
        const b = randUniform(rng, k, n);
        const err = relativeError(matmul(a, b), naiveMatmul(a, b));
        assert.ok(err < 1e-12, `${m}×${k} · ${k}×${n}: relative error ${err}`);
        checked++;
      }
    }
  }
  // And every size 1..37 for a square product and against a vector.
  for (let n = 1; n <= 37; n++) {
    const a = randUniform(rng, n, n);
    const b = randUniform(rng, n, n);
    const x = randUniform(rng, n, 1);
    assert.ok(relativeError(matmul(a, b), naiveMatmul(a, b)) < 1e-12, `square ${n}`);
    assert.ok(relativeError(matmul(a, x), naiveMatmul(a, x)) < 1e-12, `matrix×vector ${n}`);
    assert.ok(relativeError(matvec(a, x), naiveMatmul(a, x)) < 1e-12, `matvec ${n}`);
    checked += 3;
  }
  assert.equal(checked, 13 * 10 * 8 + 37 * 3);
});

test('the blocked path: sizes across block edges (130, 257, and thin-but-long shapes)', () => {
  const rng = mulberry32(2);
  const shapes: [number, number, number][] = [
    [130, 130, 130], [131, 257, 67], [5, 300, 9], [257, 4, 129], [4, 4, 4], [64, 513, 3], [129, 7, 130],
  ];
  for (const [m, k, n] of shapes) {
    const a = randUniform(rng, m, k);
    const b = randUniform(rng, k, n);
    const err = relativeError(matmul(a, b), naiveMatmul(a, b));
    assert.ok(err < 1e-12, `${m}×${k} · ${k}×${n}: relative error ${err}`);
  }
});

test('the plain-JS fallback kernel matches the naive loop on the same shapes as the SIMD path', () => {
  const rng = mulberry32(4);
  const shapes: [number, number, number][] = [[130, 130, 130], [131, 257, 67], [37, 33, 35], [257, 4, 129], [6, 600, 7]];
  for (const [m, k, n] of shapes) {
    const a = randUniform(rng, m, k);
    const b = randUniform(rng, k, n);
    const err = relativeError(matmulJs(a, b), naiveMatmul(a, b));
    assert.ok(err < 1e-12, `${m}×${k} · ${k}×${n}: relative error ${err}`);
  }
});

test('Node 20 supports WebAssembly SIMD, so the fast path is the one in use', () => {
  assert.equal(matmulUsesWasm(), true);
});

test('repeated products of different sizes reuse wasm memory without stale results', () => {
  const rng = mulberry32(5);
  for (const n of [200, 40, 300, 41]) {
    const a = randUniform(rng, n, n + 3);
    const b = randUniform(rng, n + 3, n - 1);
    assert.ok(relativeError(matmul(a, b), naiveMatmul(a, b)) < 1e-12, `n=${n}`);
  }
});

test('NaN and Infinity propagate as in the naive loop (0·Infinity = NaN), on every path', () => {
  for (const [m, k, n] of [[1, 3, 5], [5, 3, 1], [6, 5, 7]] as const) {
    const a = zeros(m, k);
    const b = zeros(k, n);
    b.data[0] = Infinity; // row 0 of B: every C[i][0] gets 0·Infinity
    a.data[a.data.length - 1] = NaN;
    const expected = naiveMatmul(a, b);
    for (const got of [matmul(a, b), matmulJs(a, b)]) {
      assert.deepEqual(Array.from(got.data, String), Array.from(expected.data, String), `${m}×${k}·${k}×${n}`);
      assert.ok(Number.isNaN(got.data[0]!));
    }
  }
});

test('matmul with the identity returns the operand exactly, and does not modify its inputs', () => {
  const rng = mulberry32(3);
  const a = randUniform(rng, 130, 130);
  const before = a.data.slice();
  assert.deepEqual(matmul(a, eye(130)).data, a.data);
  assert.deepEqual(matmul(eye(130), a).data, a.data);
  assert.deepEqual(a.data, before);
});
