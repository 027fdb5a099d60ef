// Naive, obviously-correct references that the fast kernels are checked against.

import type { Mat } from '../../src/numeric/kernels/matrix.js';

/** The textbook triple loop: C[i][j] = Σₚ A[i][p]·B[p][j]. */
export function naiveMatmul(a: Mat, b: Mat): Mat {
  const data = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let p = 0; p < a.cols; p++) s += a.data[i * a.cols + p]! * b.data[p * b.cols + j]!;
      data[i * b.cols + j] = s;
    }
  }
  return { rows: a.rows, cols: b.cols, data };
}

/** Laplace (cofactor) expansion along the first row: exponential, fine for n ≤ 6. */
export function cofactorDet(a: Mat): number {
  const n = a.rows;
  if (n === 0) return 1;
  if (n === 1) return a.data[0]!;
  let d = 0;
  for (let j = 0; j < n; j++) {
    const minor = new Float64Array((n - 1) * (n - 1));
    let t = 0;
    for (let i = 1; i < n; i++) {
      for (let k = 0; k < n; k++) if (k !== j) minor[t++] = a.data[i * n + k]!;
    }
    const sign = j % 2 === 0 ? 1 : -1;
    d += sign * a.data[j]! * cofactorDet({ rows: n - 1, cols: n - 1, data: minor });
  }
  return d;
}

/** max |aᵢⱼ - bᵢⱼ| / max(1, max |bᵢⱼ|): a relative error that does not blow up at zeros. */
export function relativeError(a: Mat, b: Mat): number {
  if (a.rows !== b.rows || a.cols !== b.cols) return Infinity;
  let diff = 0;
  let size = 1;
  for (let t = 0; t < a.data.length; t++) {
    diff = Math.max(diff, Math.abs(a.data[t]! - b.data[t]!));
    size = Math.max(size, Math.abs(b.data[t]!));
  }
  return diff / size;
}
