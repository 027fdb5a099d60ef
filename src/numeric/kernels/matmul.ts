// Float64 matrix product C = A·B, tuned for V8 on x64.
//
// The general path is the classic GotoBLAS/BLIS structure:
//   for each KC-deep slice of the shared dimension:
//     pack that slice of B into NR-wide column panels (contiguous, zero-padded)
//     for each MC-tall block of rows of A:
//       pack that block into MR-tall row panels (contiguous, zero-padded)
//       for every (row panel, column panel) pair: an MR×NR micro-kernel keeps the whole C tile
//       in local variables (registers) for the KC steps and touches memory only for the packed
//       operands, which it reads sequentially.
// Packing turns strided reads into unit-stride ones and lets the edge tiles use the same kernel
// (padding is zeros); register tiling divides the loads per flop by ~MR·NR/(MR+NR).
// Only vector operands skip it. Measured: even at 8×8 the blocked path (edge tiles padded) beats the
// i-k-j loop, whose short inner loops are all overhead, by 2× in JS and more with SIMD.
//
// The micro-kernel runs as WebAssembly SIMD (wasm-gemm.ts) when the engine supports it: same
// packing, same tile, two lanes per instruction; on a 2-core AMD EPYC (Zen 4) it measured
// 12–17 GFLOP/s against 3–4 for the plain-JS kernel (bench/matmul.bench.ts prints both). The
// plain-JS kernel is the fallback and stays tested.

import type { Mat } from './matrix.js';
import { createWasmGemm, type WasmGemm } from './wasm-gemm.js';

/** Rows of the micro-tile of C. */
const MR = 4;
/** Columns of the micro-tile of C. The tile has to live in x64's 16 XMM registers: for the SIMD
 * kernel 4×4 is 8 f64x2 accumulators + 3 operands; a 6×4 tile (12 + 3) measured ~25% slower,
 * V8 needs scratch registers and spills. */
const NR = 4;
/** Depth of a packed slice: a KC×NR panel of B (256·4·8 B = 8 KiB) stays in the 32 KiB L1
 * while it is reused by every row panel of the A block. */
const KC = 256;
/** Rows of A packed at once: MC×KC·8 B = 256 KiB, comfortably inside a 1–2 MiB L2. Must be a
 * multiple of MR, or the last panel of a block would overlap the next block's rows. */
const MC = 128;
/** Above this much wasm memory (packed panels + padded C) use the JS kernel rather than grow a
 * 32-bit wasm memory toward its limit; the memory is kept for reuse, so it should stay modest. */
const WASM_MEMORY_LIMIT = 1 << 30;

let wasm: WasmGemm | null | undefined;
function wasmGemm(): WasmGemm | null {
  if (wasm === undefined) wasm = createWasmGemm();
  return wasm;
}

/** C = A·B (A m×k, B k×n). Uses WebAssembly SIMD for large products when available. */
export function matmul(a: Mat, b: Mat): Mat {
  return product(a, b, true);
}

/** The same product computed in plain JS only (the fallback path; exported for tests and the bench). */
export function matmulJs(a: Mat, b: Mat): Mat {
  return product(a, b, false);
}

/** True when matmul's large-product path runs on the WebAssembly SIMD kernel. */
export function matmulUsesWasm(): boolean {
  return wasmGemm() !== null;
}

function product(a: Mat, b: Mat, allowWasm: boolean): Mat {
  if (a.cols !== b.rows) {
    throw new RangeError(
      `matmul requires A's columns to equal B's rows, got A ${a.rows}×${a.cols} and B ${b.rows}×${b.cols}`,
    );
  }
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  const c = new Float64Array(m * n);
  if (m === 0 || n === 0 || k === 0) return { rows: m, cols: n, data: c };
  if (n === 1) {
    matvecInto(a.data, b.data, c, m, k);
  } else if (m === 1) {
    // A row vector times a matrix sweeps B row by row at unit stride: memory-bound whatever the
    // kernel, so packing would only add a copy.
    ikjInto(a.data, b.data, c, m, k, n);
  } else if (k === 1) {
    // An outer product u·vᵀ (a gradient like δ·xᵀ): one multiply per entry of C, so packing
    // would cost more than the product (measured 3× slower at 256×256).
    outerInto(a.data, b.data, c, m, n);
  } else {
    const w = allowWasm ? wasmGemm() : null;
    if (w === null || !blockedWasmInto(w, a.data, b.data, c, m, k, n)) blockedInto(a.data, b.data, c, m, k, n);
  }
  return { rows: m, cols: n, data: c };
}

/** y = A·x for a column vector x (k×1): one dot product per row, four rows at a time so each
 * element of x loaded from memory feeds four multiply-adds. */
export function matvec(a: Mat, x: Mat): Mat {
  if (x.cols !== 1 || a.cols !== x.rows) {
    throw new RangeError(`matvec requires a ${a.cols}×1 vector for A ${a.rows}×${a.cols}, got ${x.rows}×${x.cols}`);
  }
  const y = new Float64Array(a.rows);
  matvecInto(a.data, x.data, y, a.rows, a.cols);
  return { rows: a.rows, cols: 1, data: y };
}

function matvecInto(a: Float64Array, x: Float64Array, y: Float64Array, m: number, k: number): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const r0 = i * k;
    const r1 = r0 + k;
    const r2 = r1 + k;
    const r3 = r2 + k;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let p = 0; p < k; p++) {
      const xp = x[p]!;
      s0 += a[r0 + p]! * xp;
      s1 += a[r1 + p]! * xp;
      s2 += a[r2 + p]! * xp;
      s3 += a[r3 + p]! * xp;
    }
    y[i] = s0;
    y[i + 1] = s1;
    y[i + 2] = s2;
    y[i + 3] = s3;
  }
  for (; i < m; i++) {
    const r = i * k;
    let s = 0;
    for (let p = 0; p < k; p++) s += a[r + p]! * x[p]!;
    y[i] = s;
  }
}

/** C += A·B by rows: for each a[i][p], add a[i][p]·(row p of B) to row i of C. */
function outerInto(u: Float64Array, v: Float64Array, c: Float64Array, m: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ui = u[i]!;
    const row = i * n;
    for (let j = 0; j < n; j++) c[row + j] = ui * v[j]!;
  }
}

function ikjInto(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const ai = i * k;
    for (let p = 0; p < k; p++) {
      // No skipping of zero aip: 0·Infinity must still give NaN, as in the blocked kernels.
      const aip = a[ai + p]!;
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j]!;
    }
  }
}

function blockedInto(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  const panelsB = Math.ceil(n / NR);
  const packedB = new Float64Array(panelsB * NR * Math.min(KC, k));
  const packedA = new Float64Array(Math.ceil(Math.min(MC, m) / MR) * MR * Math.min(KC, k));
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = Math.min(KC, k - p0);
    packB(b, packedB, p0, kc, n);
    for (let i0 = 0; i0 < m; i0 += MC) {
      const mc = Math.min(MC, m - i0);
      packA(a, packedA, i0, mc, p0, kc, k);
      const panelsA = Math.ceil(mc / MR);
      for (let jp = 0; jp < panelsB; jp++) {
        const j = jp * NR;
        const nr = Math.min(NR, n - j);
        const bOff = jp * NR * kc;
        for (let ip = 0; ip < panelsA; ip++) {
          const i = i0 + ip * MR;
          const mr = Math.min(MR, m - i);
          const aOff = ip * MR * kc;
          if (mr === MR && nr === NR) kernel4x4(packedA, aOff, packedB, bOff, kc, c, i * n + j, n);
          else kernelEdge(packedA, aOff, packedB, bOff, kc, c, i * n + j, n, mr, nr);
        }
      }
    }
  }
}

/** The blocked product with the SIMD micro-kernel; operands are packed straight into wasm memory,
 * C is accumulated there (padded to whole tiles) and copied out. False when it would need too much
 * memory (the caller then uses the JS kernel). */
function blockedWasmInto(
  w: WasmGemm, a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number,
): boolean {
  const mPad = Math.ceil(m / MR) * MR;
  const nPad = Math.ceil(n / NR) * NR;
  const kcMax = Math.min(KC, k);
  const aLength = Math.ceil(Math.min(MC, m) / MR) * MR * kcMax;
  const bLength = nPad * kcMax;
  const cLength = mPad * nPad;
  const bytes = 8 * (aLength + bLength + cLength);
  if (bytes > WASM_MEMORY_LIMIT) return false;
  w.ensure(bytes);
  const buffer = w.memory.buffer; // fetched after ensure(): growth detaches older views
  const packedA = new Float64Array(buffer, 0, aLength);
  const packedB = new Float64Array(buffer, 8 * aLength, bLength);
  const cPadded = new Float64Array(buffer, 8 * (aLength + bLength), cLength);
  cPadded.fill(0);
  const panelsB = nPad / NR;
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = Math.min(KC, k - p0);
    packB(b, packedB, p0, kc, n);
    for (let i0 = 0; i0 < m; i0 += MC) {
      const mc = Math.min(MC, m - i0);
      packA(a, packedA, i0, mc, p0, kc, k);
      w.gemm(0, packedB.byteOffset, cPadded.byteOffset + 8 * i0 * nPad, Math.ceil(mc / MR), panelsB, kc, 8 * nPad);
    }
  }
  if (nPad === n) c.set(cPadded.subarray(0, m * n));
  else for (let i = 0; i < m; i++) c.set(cPadded.subarray(i * nPad, i * nPad + n), i * n);
  return true;
}

/** Rows p0..p0+kc of B into NR-wide panels: panel jp holds, for each p, B[p][jp·NR .. +NR]. */
function packB(b: Float64Array, out: Float64Array, p0: number, kc: number, n: number): void {
  const panels = Math.ceil(n / NR);
  let o = 0;
  for (let jp = 0; jp < panels; jp++) {
    const j = jp * NR;
    if (j + NR <= n) {
      for (let p = 0; p < kc; p++) {
        const s = (p0 + p) * n + j;
        out[o] = b[s]!;
        out[o + 1] = b[s + 1]!;
        out[o + 2] = b[s + 2]!;
        out[o + 3] = b[s + 3]!;
        o += NR;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const s = (p0 + p) * n;
        for (let q = 0; q < NR; q++) out[o + q] = j + q < n ? b[s + j + q]! : 0;
        o += NR;
      }
    }
  }
}

/** Block A[i0..i0+mc][p0..p0+kc] into MR-tall panels: panel ip holds, for each p, the MR
 * entries of column p in rows i0+ip·MR .. +MR (column-interleaved, so the kernel reads 4 in a row). */
function packA(a: Float64Array, out: Float64Array, i0: number, mc: number, p0: number, kc: number, k: number): void {
  const panels = Math.ceil(mc / MR);
  let o = 0;
  for (let ip = 0; ip < panels; ip++) {
    const i = i0 + ip * MR;
    const rowsHere = Math.min(MR, i0 + mc - i);
    if (rowsHere === MR) {
      const r0 = i * k + p0;
      const r1 = r0 + k;
      const r2 = r1 + k;
      const r3 = r2 + k;
      for (let p = 0; p < kc; p++) {
        out[o] = a[r0 + p]!;
        out[o + 1] = a[r1 + p]!;
        out[o + 2] = a[r2 + p]!;
        out[o + 3] = a[r3 + p]!;
        o += MR;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let q = 0; q < MR; q++) out[o + q] = q < rowsHere ? a[(i + q) * k + p0 + p]! : 0;
        o += MR;
      }
    }
  }
}

/** C[4×4 at cOff] += Apanel(4×kc) · Bpanel(kc×4). Sixteen locals hold the tile for all kc steps. */
function kernel4x4(
  pa: Float64Array, aOff: number, pb: Float64Array, bOff: number, kc: number,
  c: Float64Array, cOff: number, ldc: number,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  let ai = aOff;
  let bi = bOff;
  const end = aOff + kc * MR;
  while (ai < end) {
    const a0 = pa[ai]!, a1 = pa[ai + 1]!, a2 = pa[ai + 2]!, a3 = pa[ai + 3]!;
    const b0 = pb[bi]!, b1 = pb[bi + 1]!, b2 = pb[bi + 2]!, b3 = pb[bi + 3]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    ai += MR;
    bi += NR;
  }
  let o = cOff;
  c[o] += c00; c[o + 1] += c01; c[o + 2] += c02; c[o + 3] += c03;
  o += ldc;
  c[o] += c10; c[o + 1] += c11; c[o + 2] += c12; c[o + 3] += c13;
  o += ldc;
  c[o] += c20; c[o + 1] += c21; c[o + 2] += c22; c[o + 3] += c23;
  o += ldc;
  c[o] += c30; c[o + 1] += c31; c[o + 2] += c32; c[o + 3] += c33;
}

/** Same product for a tile cut by the matrix edge: only the mr×nr valid entries are written. */
function kernelEdge(
  pa: Float64Array, aOff: number, pb: Float64Array, bOff: number, kc: number,
  c: Float64Array, cOff: number, ldc: number, mr: number, nr: number,
): void {
  for (let q = 0; q < mr; q++) {
    for (let r = 0; r < nr; r++) {
      let s = 0;
      for (let p = 0; p < kc; p++) s += pa[aOff + p * MR + q]! * pb[bOff + p * NR + r]!;
      c[cOff + q * ldc + r] += s;
    }
  }
}
