// LU factorisation with partial pivoting (PA = LU), and what is built on it: det, logdet, inv,
// solve, and integer matrix powers.
//
// Convention for logdet: shapegrad's `logdet(X)` means log det X and is only defined for
// det X > 0 (its derivative X⁻ᵀ is the familiar one on that domain). `logdet` here returns NaN when
// det X ≤ 0 (and never -Infinity: a singular matrix has det = 0, hence NaN). Callers that want
// log|det X| whatever the sign use `logAbsDet`, which also returns the sign.

import type { Mat } from './matrix.js';
import { eye, scalar } from './matrix.js';
import { matmul } from './matmul.js';

export interface LU {
  readonly n: number;
  /** L (unit lower, diagonal implicit) and U packed in one n×n row-major array. */
  readonly lu: Float64Array;
  /** Row i of the factorisation is row perm[i] of the original matrix. */
  readonly perm: Int32Array;
  /** +1 or -1: the parity of the row swaps (det P). */
  readonly swapSign: number;
  /** True when some pivot was exactly 0: the matrix is singular (det = 0, no inverse). */
  readonly singular: boolean;
}

function requireSquare(a: Mat, name: string): void {
  if (a.rows !== a.cols) throw new RangeError(`${name} requires a square matrix, got ${a.rows}×${a.cols}`);
}

/** Doolittle elimination, choosing as pivot the entry of largest magnitude in the column
 * (partial pivoting keeps the multipliers ≤ 1 in magnitude, which is what makes it stable). */
export function luDecompose(a: Mat): LU {
  requireSquare(a, 'LU');
  const n = a.rows;
  const lu = a.data.slice();
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let swapSign = 1;
  let singular = false;
  for (let k = 0; k < n; k++) {
    let pivotRow = k;
    let pivotAbs = Math.abs(lu[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]!);
      if (v > pivotAbs) {
        pivotAbs = v;
        pivotRow = i;
      }
    }
    if (pivotRow !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j]!;
        lu[k * n + j] = lu[pivotRow * n + j]!;
        lu[pivotRow * n + j] = t;
      }
      const t = perm[k]!;
      perm[k] = perm[pivotRow]!;
      perm[pivotRow] = t;
      swapSign = -swapSign;
    }
    const pivot = lu[k * n + k]!;
    if (pivot === 0 || Number.isNaN(pivot)) {
      singular = true;
      continue; // the column below is already zero (or NaN); nothing to eliminate
    }
    for (let i = k + 1; i < n; i++) {
      const f = (lu[i * n + k]! /= pivot);
      if (f === 0) continue;
      const ri = i * n;
      const rk = k * n;
      for (let j = k + 1; j < n; j++) lu[ri + j] -= f * lu[rk + j]!;
    }
  }
  return { n, lu, perm, swapSign, singular };
}

/** Sign of det and log|det| from the pivots; summing logs cannot overflow where the product would. */
export function logAbsDet(a: Mat): { sign: number; logAbs: number } {
  const f = luDecompose(a);
  if (f.singular) return { sign: 0, logAbs: -Infinity };
  let sign = f.swapSign;
  let logAbs = 0;
  for (let i = 0; i < f.n; i++) {
    const u = f.lu[i * f.n + i]!;
    if (u < 0) sign = -sign;
    logAbs += Math.log(Math.abs(u));
  }
  return { sign, logAbs };
}

/** det A as 1×1 (like every expression-level op, so the evaluator need not special-case it). */
export function det(a: Mat): Mat {
  const f = luDecompose(a);
  let d = f.singular ? 0 : f.swapSign;
  if (!f.singular) for (let i = 0; i < f.n; i++) d *= f.lu[i * f.n + i]!;
  return scalar(d);
}

/** log det A as 1×1 for det A > 0; NaN when det A ≤ 0 (see the convention at the top of this file). */
export function logdet(a: Mat): Mat {
  const { sign, logAbs } = logAbsDet(a);
  return scalar(sign > 0 ? logAbs : NaN);
}

/** Solve A·X = B for X (B may have several columns) with a factorisation computed once. */
export function luSolve(f: LU, b: Mat): Mat {
  const { n, lu, perm } = f;
  if (b.rows !== n) throw new RangeError(`solve requires B with ${n} rows, got ${b.rows}×${b.cols}`);
  if (f.singular) throw new RangeError('solve: the matrix is singular (a zero pivot in its LU factorisation)');
  const m = b.cols;
  const x = new Float64Array(n * m);
  for (let i = 0; i < n; i++) x.set(b.data.subarray(perm[i]! * m, perm[i]! * m + m), i * m);
  // Forward substitution with unit-diagonal L, then back substitution with U; row operations on
  // whole rows of X so all right-hand sides advance together (unit stride).
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const l = lu[i * n + k]!;
      if (l === 0) continue;
      for (let j = 0; j < m; j++) x[i * m + j] -= l * x[k * m + j]!;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const u = lu[i * n + k]!;
      if (u === 0) continue;
      for (let j = 0; j < m; j++) x[i * m + j] -= u * x[k * m + j]!;
    }
    const d = lu[i * n + i]!;
    for (let j = 0; j < m; j++) x[i * m + j] /= d;
  }
  return { rows: n, cols: m, data: x };
}

/** X with A·X = B. Throws RangeError for a singular A. */
export function solve(a: Mat, b: Mat): Mat {
  requireSquare(a, 'solve');
  return luSolve(luDecompose(a), b);
}

/** A⁻¹. Throws RangeError for a singular A. */
export function inv(a: Mat): Mat {
  requireSquare(a, 'inv');
  return luSolve(luDecompose(a), eye(a.rows));
}

/** Aᵏ for an integer k by repeated squaring (about 2·log₂|k| products); A⁰ = I; k < 0 uses A⁻¹. */
export function matpow(a: Mat, k: number): Mat {
  requireSquare(a, 'matpow');
  if (!Number.isInteger(k)) throw new RangeError(`matpow requires an integer exponent, got ${k}`);
  let base = k < 0 ? inv(a) : a;
  let e = Math.abs(k);
  let result: Mat | null = null;
  while (e > 0) {
    if (e & 1) result = result === null ? base : matmul(result, base);
    e = Math.floor(e / 2);
    if (e > 0) base = matmul(base, base);
  }
  return result ?? eye(a.rows);
}
