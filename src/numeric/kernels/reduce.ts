// Reductions: whole-matrix (sum, mean, trace, norms), along one axis (the "unbroadcast" that a
// reverse-mode rule needs to fold a cotangent back to a broadcast operand's shape), the diagonal,
// and the column-wise softmax / logsumexp (columns are the samples: an n×1 vector is one column).

import type { Mat } from './matrix.js';

function oneByOne(x: number): Mat {
  return { rows: 1, cols: 1, data: Float64Array.of(x) };
}

function sumOf(d: Float64Array): number {
  let s = 0;
  for (let t = 0; t < d.length; t++) s += d[t]!;
  return s;
}

/** Sum of all entries, as 1×1. */
export function sum(a: Mat): Mat {
  return oneByOne(sumOf(a.data));
}

/** Mean of all entries, as 1×1 (NaN for an empty matrix). */
export function mean(a: Mat): Mat {
  return oneByOne(sumOf(a.data) / a.data.length);
}

/** Sum down each column: m×n → 1×n. */
export function sumRows(a: Mat): Mat {
  const { rows, cols, data } = a;
  const out = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let j = 0; j < cols; j++) out[j] += data[r + j]!;
  }
  return { rows: 1, cols, data: out };
}

/** Sum along each row: m×n → m×1. */
export function sumCols(a: Mat): Mat {
  const { rows, cols, data } = a;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    const r = i * cols;
    for (let j = 0; j < cols; j++) s += data[r + j]!;
    out[i] = s;
  }
  return { rows, cols: 1, data: out };
}

/** Sum a (a broadcast result) back down to rows×cols: the adjoint of broadcasting.
 * Each target axis must be a's size or 1. */
export function unbroadcast(a: Mat, rows: number, cols: number): Mat {
  const rowsOk = rows === a.rows || rows === 1;
  const colsOk = cols === a.cols || cols === 1;
  if (!rowsOk || !colsOk) {
    throw new RangeError(`unbroadcast cannot reduce ${a.rows}×${a.cols} to ${rows}×${cols}`);
  }
  let out = a;
  if (rows === 1 && a.rows !== 1) out = sumRows(out);
  if (cols === 1 && a.cols !== 1) out = sumCols(out);
  return out;
}

function requireSquare(a: Mat, name: string): void {
  if (a.rows !== a.cols) throw new RangeError(`${name} requires a square matrix, got ${a.rows}×${a.cols}`);
}

export function trace(a: Mat): Mat {
  requireSquare(a, 'trace');
  let s = 0;
  for (let i = 0; i < a.rows; i++) s += a.data[i * a.cols + i]!;
  return oneByOne(s);
}

/** Frobenius norm sqrt(Σ aᵢⱼ²). The entries are scaled by a power of two near 1/max|aᵢⱼ| (exact in
 * binary floating point, so no rounding is added) so that the squares neither overflow nor underflow. */
export function norm2(a: Mat): Mat {
  const d = a.data;
  let big = 0;
  for (let t = 0; t < d.length; t++) big = Math.max(big, Math.abs(d[t]!));
  if (big === 0 || !Number.isFinite(big)) return oneByOne(big);
  // Clamped so that 2^±exponent itself stays a normal finite number (subnormal entries).
  const exponent = Math.min(1023, Math.max(-1022, Math.floor(Math.log2(big))));
  const down = 2 ** -exponent;
  let s = 0;
  for (let t = 0; t < d.length; t++) {
    const x = d[t]! * down;
    s += x * x;
  }
  return oneByOne(Math.sqrt(s) * 2 ** exponent);
}

/** Entrywise 1-norm Σ |aᵢⱼ| (not the induced operator 1-norm). */
export function norm1(a: Mat): Mat {
  let s = 0;
  for (let t = 0; t < a.data.length; t++) s += Math.abs(a.data[t]!);
  return oneByOne(s);
}

/** diag, as in MATLAB: an n×1 (or 1×n) vector becomes the n×n diagonal matrix; a square matrix
 * gives its diagonal as n×1. A 1×1 matrix is both: it maps to itself. */
export function diag(a: Mat): Mat {
  if (a.cols === 1 || a.rows === 1) {
    const n = a.data.length;
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) out[i * n + i] = a.data[i]!;
    return { rows: n, cols: n, data: out };
  }
  requireSquare(a, 'diag');
  const n = a.rows;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a.data[i * n + i]!;
  return { rows: n, cols: 1, data: out };
}

/** Largest entry of each column, 1×n. */
export function maxRows(a: Mat): Mat {
  const { rows, cols, data } = a;
  const out = new Float64Array(cols).fill(-Infinity);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[j] = Math.max(out[j]!, data[i * cols + j]!);
  }
  return { rows: 1, cols, data: out };
}

/** log Σᵢ exp(aᵢⱼ) for each column j, 1×n. Subtracting the column max first keeps every exponent
 * ≤ 0, so nothing overflows at x = 1000 and the largest term is exactly 1. */
export function logsumexp(a: Mat): Mat {
  const { rows, cols, data } = a;
  const top = maxRows(a).data;
  const sums = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) sums[j] += Math.exp(data[i * cols + j]! - top[j]!);
  }
  const out = new Float64Array(cols);
  // A column that is all -Infinity has max -Infinity; its logsumexp is -Infinity, not NaN.
  for (let j = 0; j < cols; j++) out[j] = top[j] === -Infinity ? -Infinity : top[j]! + Math.log(sums[j]!);
  return { rows: 1, cols, data: out };
}

/** Column-wise softmax: each column becomes exp(x - max) / Σ exp(x - max), summing to 1. */
export function softmax(a: Mat): Mat {
  const { rows, cols, data } = a;
  const top = maxRows(a).data;
  const out = new Float64Array(rows * cols);
  const sums = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(data[i * cols + j]! - top[j]!);
      out[i * cols + j] = e;
      sums[j] += e;
    }
  }
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] /= sums[j]!;
  }
  return { rows, cols, data: out };
}
