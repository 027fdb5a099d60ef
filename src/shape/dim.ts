// Dimensions and shapes, shared by every layer of shapegrad.
//
// A dimension is a known size (a number), a named symbol (`m`, `batch`), or unknown (`null`,
// the batch dimension of a model whose batch size is not fixed). Expressions are always
// two-dimensional (a column vector is n×1, a scalar 1×1); model tensors have any rank.

export type Dim = number | string | null;
export type Shape = readonly Dim[];

export const UNKNOWN: Dim = null;

/**
 * Greek letters usable in names: Α–Ω, α–ω and the variant forms ϑ ϕ ϖ ϰ ϱ ϵ. Not the whole
 * U+0370–U+03FF block, which also holds punctuation (the Greek question mark `;`, the ano
 * teleia `·`) and accents that must not silently become part of an identifier.
 */
export const GREEK_LETTERS = '\\u0391-\\u03A9\\u03B1-\\u03C9\\u03D1\\u03D5\\u03D6\\u03F0\\u03F1\\u03F5';
/** A name: a variable, a function or a symbolic dim (`W`, `h2`, `σ`, `batch_size`). */
export const NAME = new RegExp(`^[A-Za-z_${GREEK_LETTERS}][A-Za-z0-9_${GREEK_LETTERS}]*$`, 'u');

export function isKnown(d: Dim): d is number {
  return typeof d === 'number';
}

export function dimEquals(a: Dim, b: Dim): boolean {
  return a === b && a !== null;
}

export function formatDim(d: Dim): string {
  return d === null ? '?' : String(d);
}

/** `[m×n]` with Unicode (shape annotations), `[m,n]` in plain ASCII. */
export function formatShape(shape: Shape, unicode = true): string {
  return `[${shape.map(formatDim).join(unicode ? '×' : ',')}]`;
}

/** Product of all dims when every one is known, else null. */
export function elementCount(shape: Shape): number | null {
  let n = 1;
  for (const d of shape) {
    if (typeof d !== 'number') return null;
    n *= d;
  }
  return n;
}

/** Parse `m,n` / `3, k` / `scalar` / `` (scalar) into a list of dims; null on nonsense. */
export function parseDims(text: string): Dim[] | null {
  const t = text.trim();
  if (t === '' || t === 'scalar' || t === '[]') return [];
  const inner = t.startsWith('[') && t.endsWith(']') ? t.slice(1, -1) : t;
  // `x` separates only between numbers (`3x4`): as a letter it belongs to symbols like `max_len`.
  const parts = inner.split(/[,×]|(?<=[0-9]\s*)x(?=\s*[0-9])/).map((p) => p.trim());
  const dims: Dim[] = [];
  for (const p of parts) {
    if (/^[0-9]+$/.test(p)) {
      const n = Number(p);
      if (n < 1 || !Number.isSafeInteger(n)) return null;
      dims.push(n);
    } else if (NAME.test(p)) dims.push(p);
    else return null;
  }
  return dims;
}
