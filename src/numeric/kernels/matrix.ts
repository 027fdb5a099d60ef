// The one value type of the numeric layer: a dense 2-D Float64 matrix, row-major.
//
// Everything in shapegrad's expression language is 2-D (a column vector is n×1, a scalar 1×1),
// so a single shape-carrying struct is enough; no strides, no views. Kernels never mutate their
// inputs and always return fresh matrices.

export interface Mat {
  readonly rows: number;
  readonly cols: number;
  /** Row-major: entry (i, j) lives at data[i * cols + j]. Length is rows * cols. */
  readonly data: Float64Array;
}

function checkDims(rows: number, cols: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`matrix dimensions must be non-negative integers, got ${rows}×${cols}`);
  }
}

/** Wrap existing data (not copied); its length must be rows * cols. */
export function fromData(rows: number, cols: number, data: Float64Array): Mat {
  checkDims(rows, cols);
  if (data.length !== rows * cols) {
    throw new RangeError(`data of length ${data.length} does not fit a ${rows}×${cols} matrix`);
  }
  return { rows, cols, data };
}

export function zeros(rows: number, cols: number): Mat {
  checkDims(rows, cols);
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function full(rows: number, cols: number, value: number): Mat {
  const m = zeros(rows, cols);
  m.data.fill(value);
  return m;
}

export function ones(rows: number, cols: number): Mat {
  return full(rows, cols, 1);
}

/** n×n identity. */
export function eye(n: number): Mat {
  const m = zeros(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

/** 1×1 matrix holding x. */
export function scalar(x: number): Mat {
  return { rows: 1, cols: 1, data: Float64Array.of(x) };
}

/** Build from nested arrays; every row must have the same length. */
export function fromRows(rows: readonly (readonly number[])[]): Mat {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0]!.length;
  const m = zeros(r, c);
  for (let i = 0; i < r; i++) {
    const row = rows[i]!;
    if (row.length !== c) {
      throw new RangeError(`fromRows: row ${i} has ${row.length} entries, row 0 has ${c}`);
    }
    for (let j = 0; j < c; j++) m.data[i * c + j] = row[j]!;
  }
  return m;
}

/** n×1 column vector. */
export function columnVector(values: readonly number[]): Mat {
  return { rows: values.length, cols: 1, data: Float64Array.from(values) };
}

/** Nested arrays, row by row (for printing, JSON and tests). */
export function toRows(m: Mat): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

export function clone(m: Mat): Mat {
  return { rows: m.rows, cols: m.cols, data: m.data.slice() };
}

export function get(m: Mat, i: number, j: number): number {
  if (i < 0 || i >= m.rows || j < 0 || j >= m.cols || !Number.isInteger(i) || !Number.isInteger(j)) {
    throw new RangeError(`index (${i}, ${j}) is outside a ${m.rows}×${m.cols} matrix`);
  }
  return m.data[i * m.cols + j]!;
}

/** The value of a 1×1 matrix; throws for any other shape (a scalar was expected). */
export function toScalar(m: Mat): number {
  if (m.rows !== 1 || m.cols !== 1) throw new RangeError(`expected a 1×1 matrix, got ${m.rows}×${m.cols}`);
  return m.data[0]!;
}

export function sameShape(a: Mat, b: Mat): boolean {
  return a.rows === b.rows && a.cols === b.cols;
}

// Blocked so that both the reads and the writes stay within a few cache lines per tile; a plain
// double loop strides through the destination by `rows` and is ~4× slower for large matrices.
const TRANSPOSE_TILE = 32;

export function transpose(m: Mat): Mat {
  const { rows, cols, data } = m;
  const out = new Float64Array(rows * cols);
  if (rows === 1 || cols === 1) {
    out.set(data); // a vector's transpose has the same row-major data
    return { rows: cols, cols: rows, data: out };
  }
  for (let i0 = 0; i0 < rows; i0 += TRANSPOSE_TILE) {
    const i1 = Math.min(i0 + TRANSPOSE_TILE, rows);
    for (let j0 = 0; j0 < cols; j0 += TRANSPOSE_TILE) {
      const j1 = Math.min(j0 + TRANSPOSE_TILE, cols);
      for (let i = i0; i < i1; i++) {
        for (let j = j0; j < j1; j++) out[j * rows + i] = data[i * cols + j]!;
      }
    }
  }
  return { rows: cols, cols: rows, data: out };
}
