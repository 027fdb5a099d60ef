// Entrywise arithmetic with numpy's broadcasting rule restricted to 2-D: along each axis the two
// sizes must be equal, or one of them must be 1 (and is then repeated). So m×1 with m×n repeats
// the column, 1×n with m×n repeats the row, and 1×1 goes with anything.

import type { Mat } from './matrix.js';

export type BinaryOp = (x: number, y: number) => number;
export type UnaryOp = (x: number) => number;

/** The broadcast result shape of a and b, or null when they do not broadcast. */
export function broadcastShape(a: Mat, b: Mat): { rows: number; cols: number } | null {
  const rows = broadcastDim(a.rows, b.rows);
  const cols = broadcastDim(a.cols, b.cols);
  return rows === null || cols === null ? null : { rows, cols };
}

function broadcastDim(x: number, y: number): number | null {
  if (x === y) return x;
  if (x === 1) return y;
  if (y === 1) return x;
  return null;
}

/** Apply f entrywise after broadcasting; `name` only serves the error message. */
export function broadcastBinary(a: Mat, b: Mat, f: BinaryOp, name = 'elementwise op'): Mat {
  const shape = broadcastShape(a, b);
  if (shape === null) {
    throw new RangeError(
      `${name} requires shapes that broadcast (equal, or 1 along each axis), got ${a.rows}×${a.cols} and ${b.rows}×${b.cols}`,
    );
  }
  const { rows, cols } = shape;
  const out = new Float64Array(rows * cols);
  const ad = a.data;
  const bd = b.data;
  if (a.rows === b.rows && a.cols === b.cols) {
    for (let t = 0; t < out.length; t++) out[t] = f(ad[t]!, bd[t]!);
    return { rows, cols, data: out };
  }
  // Strides of 0 repeat a row (along i) or a column (along j).
  const aRowStride = a.rows === 1 ? 0 : a.cols;
  const aColStride = a.cols === 1 ? 0 : 1;
  const bRowStride = b.rows === 1 ? 0 : b.cols;
  const bColStride = b.cols === 1 ? 0 : 1;
  let t = 0;
  for (let i = 0; i < rows; i++) {
    const ai = i * aRowStride;
    const bi = i * bRowStride;
    for (let j = 0; j < cols; j++) out[t++] = f(ad[ai + j * aColStride]!, bd[bi + j * bColStride]!);
  }
  return { rows, cols, data: out };
}

export function map(a: Mat, f: UnaryOp): Mat {
  const out = new Float64Array(a.data.length);
  const d = a.data;
  for (let t = 0; t < d.length; t++) out[t] = f(d[t]!);
  return { rows: a.rows, cols: a.cols, data: out };
}

// ── binary ────────────────────────────────────────────────────────────────────────────────────
export const add = (a: Mat, b: Mat): Mat => broadcastBinary(a, b, (x, y) => x + y, 'add');
export const sub = (a: Mat, b: Mat): Mat => broadcastBinary(a, b, (x, y) => x - y, 'sub');
/** Hadamard (entrywise) product `.*`. */
export const mul = (a: Mat, b: Mat): Mat => broadcastBinary(a, b, (x, y) => x * y, 'mul');
export const div = (a: Mat, b: Mat): Mat => broadcastBinary(a, b, (x, y) => x / y, 'div');
/** Entrywise power `.^` (Math.pow semantics: negative base with fractional exponent is NaN). */
export const pow = (a: Mat, b: Mat): Mat => broadcastBinary(a, b, Math.pow, 'pow');
export const maximum = (a: Mat, b: Mat): Mat => broadcastBinary(a, b, Math.max, 'maximum');
export const minimum = (a: Mat, b: Mat): Mat => broadcastBinary(a, b, Math.min, 'minimum');

export function scale(a: Mat, s: number): Mat {
  return map(a, (x) => x * s);
}

export function neg(a: Mat): Mat {
  return map(a, (x) => -x);
}

/** a + s in every entry. */
export function addScalar(a: Mat, s: number): Mat {
  return map(a, (x) => x + s);
}

// ── unary: scalar functions, exported so that the evaluator and the tests share one definition ──
export const stepScalar: UnaryOp = (x) => (x > 0 ? 1 : 0);
export const reluScalar: UnaryOp = (x) => (x > 0 ? x : 0);
/** 1/(1+e^-x) for x ≥ 0 and e^x/(1+e^x) for x < 0: the exponent is never positive, so no
 * overflow to Infinity/NaN at |x| = 1000 and no loss of the tiny values for very negative x. */
export const sigmoidScalar: UnaryOp = (x) => {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
};
/** log(1+e^x) = max(x,0) + log1p(e^-|x|): exact for large |x| where the naive form overflows. */
export const softplusScalar: UnaryOp = (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
/** Sign with sign(0) = 0 (and -0 → 0, NaN → NaN). */
export const signScalar: UnaryOp = (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN);

export const exp = (a: Mat): Mat => map(a, Math.exp);
export const log = (a: Mat): Mat => map(a, Math.log);
export const sqrt = (a: Mat): Mat => map(a, Math.sqrt);
export const abs = (a: Mat): Mat => map(a, Math.abs);
export const sign = (a: Mat): Mat => map(a, signScalar);
/** Heaviside step: 1 for x > 0, else 0 (the derivative of relu, with the kink valued 0). */
export const step = (a: Mat): Mat => map(a, stepScalar);
export const sigmoid = (a: Mat): Mat => map(a, sigmoidScalar);
export const tanh = (a: Mat): Mat => map(a, Math.tanh);
export const relu = (a: Mat): Mat => map(a, reluScalar);
export const softplus = (a: Mat): Mat => map(a, softplusScalar);
export const sin = (a: Mat): Mat => map(a, Math.sin);
export const cos = (a: Mat): Mat => map(a, Math.cos);
