// Seeded instantiation of an expression for a numeric check: every symbolic dim gets a small
// size, every variable random values that keep the expression inside its domain.
//
// Sizes are DISTINCT (2, 3, 4, 5, …) so that a transposed or swapped factor cannot pass by
// accident because two dims happen to be equal. Values are NOT symmetric unless declared so:
// with a symmetric X, inv(X) and inv(X)' are equal and a missing transpose would go unnoticed.

import type { Expr } from '../expr/expr.js';
import { Evaluator, KINK_OPS, dimSize, nodesOf, rememberValues, type Environment } from './evaluate.js';
import * as K from './kernels/index.js';
import type { Mat, Rng } from './kernels/index.js';

export interface InstantiateOptions {
  seed?: number;
  /** Sizes given by the user (`--sizes m=3,n=4`); the other dims get the smallest free ones. */
  sizes?: ReadonlyMap<string, number>;
  /** Variables declared symmetric: their values are symmetric. */
  symmetric?: ReadonlySet<string> | readonly string[];
  /** How many re-draws are tried when a draw leaves the domain (NaN) or sits on a kink. */
  attempts?: number;
}

export interface Instance {
  env: Environment;
  /** The size of every symbolic dim, in first-appearance order. */
  sizes: Map<string, number>;
  seed: number;
  /** What each variable was drawn as (for messages and tests). */
  kinds: Map<string, ValueKind>;
}

export type ValueKind = 'general' | 'positive' | 'away-from-zero' | 'well-conditioned' | 'well-conditioned-positive';

export const DEFAULT_SEED = 1;

/** Symbolic dims in first-appearance order (variables, constructors). */
export function symbolicDims(roots: readonly Expr[]): string[] {
  const out: string[] = [];
  const add = (d: unknown) => {
    if (typeof d === 'string' && !out.includes(d)) out.push(d);
  };
  for (const e of nodesOf(roots)) {
    add(e.rows);
    add(e.cols);
    for (const d of e.dims ?? []) add(d);
  }
  return out;
}

/** Small distinct sizes 2, 3, 4, … for the dims the user did not size. */
export function chooseSizes(dims: readonly string[], given: ReadonlyMap<string, number> = new Map()): Map<string, number> {
  const sizes = new Map<string, number>();
  const taken = new Set(given.values());
  let next = 2;
  for (const d of dims) {
    const g = given.get(d);
    if (g !== undefined) {
      sizes.set(d, g);
      continue;
    }
    while (taken.has(next)) next++;
    sizes.set(d, next);
    taken.add(next++);
  }
  return sizes;
}

// Ops through which "this argument must be positive" is passed down to the operands: a sum,
// product or quotient of positive matrices is positive. Ops whose result is positive anyway
// (exp, σ, softplus, softmax) stop the propagation: their operands may be anything.
const POSITIVE_THROUGH = new Set(['add', 'hadamard', 'div', 'matmul', 'scale', 'sum', 'mean', 'transpose', 'diag', 'tr']);
// Square operands of these stay well-conditioned with det > 0 when their parts are.
const CONDITIONED_THROUGH = new Set(['add', 'matmul', 'transpose', 'scale']);

/** What each variable must be drawn as, from the ops it sits under. */
export function valueKinds(roots: readonly Expr[]): Map<string, ValueKind> {
  const positive = new Set<Expr>();
  const conditioned = new Set<Expr>();
  const away = new Set<Expr>();
  const order = nodesOf(roots);
  // Users before operands: walk the topological order backwards so a requirement reaches leaves.
  for (let i = order.length - 1; i >= 0; i--) {
    const e = order[i]!;
    const [a, b] = e.args;
    switch (e.op) {
      case 'log':
      case 'sqrt':
        positive.add(a!);
        break;
      case 'pow':
        if (!(b!.op === 'num' && Number.isInteger(b!.value))) positive.add(a!);
        else if (b!.value! < 0) positive.add(a!);
        break;
      case 'div':
        positive.add(b!);
        break;
      case 'det':
      case 'logdet':
      case 'inv':
      case 'mpow':
        conditioned.add(a!);
        break;
    }
    if (KINK_OPS.has(e.op)) away.add(a!);
    if (positive.has(e) && POSITIVE_THROUGH.has(e.op)) {
      for (const x of e.args) if (!(e.op === 'scale' && x === a && x.op === 'num')) positive.add(x);
    }
    if (conditioned.has(e) && CONDITIONED_THROUGH.has(e.op)) {
      for (const x of e.args) if (x.rows === x.cols && x.rows !== 1) conditioned.add(x);
    }
  }
  const kinds = new Map<string, ValueKind>();
  for (const e of order) {
    if (e.op !== 'var') continue;
    const c = conditioned.has(e) && e.rows === e.cols;
    const p = positive.has(e);
    kinds.set(e.name!, c ? (p ? 'well-conditioned-positive' : 'well-conditioned') : p ? 'positive' : away.has(e) ? 'away-from-zero' : 'general');
  }
  return kinds;
}

export function drawValue(rng: Rng, kind: ValueKind, rows: number, cols: number): Mat {
  // Large matrices are scaled like a Glorot initialisation, so products stay O(1) and sigmoids do
  // not saturate (a saturated network has gradients too small to check).
  const s = cols > 4 ? 2 / Math.sqrt(cols) : 1;
  switch (kind) {
    case 'well-conditioned':
      return K.randWellConditioned(rng, rows);
    case 'well-conditioned-positive': {
      // I + E with E in [0, 0.5/n]: Gershgorin keeps every eigenvalue within 0.5 of [1, 1.5/n+1].
      const m = K.randUniform(rng, rows, rows, 0, 0.5 / rows);
      for (let i = 0; i < rows; i++) m.data[i * rows + i] += 1;
      return m;
    }
    case 'positive':
      return K.randPositive(rng, rows, cols, 0.5, 2);
    case 'away-from-zero':
      return K.scale(K.randAwayFromZero(rng, rows, cols, 0.1), s);
    case 'general':
      return K.randUniform(rng, rows, cols, -s, s);
  }
}

function symmetrize(m: Mat): Mat {
  return K.scale(K.add(m, K.transpose(m)), 0.5);
}

/** Smallest |x| over the arguments of kink ops, relative to their scale (∞ without kinks). */
function kinkMargin(ev: Evaluator, vals: readonly Mat[]): number {
  let margin = Infinity;
  for (const e of ev.order) {
    if (!KINK_OPS.has(e.op)) continue;
    const d = ev.valueOf(vals, e.args[0]!).data;
    let scale = 0;
    for (let i = 0; i < d.length; i++) scale = Math.max(scale, Math.abs(d[i]!));
    for (let i = 0; i < d.length; i++) margin = Math.min(margin, Math.abs(d[i]!) / (scale || 1));
  }
  return margin;
}

/** Every node is finite; the variables are (drawn finite), so they are not scanned. */
function allFinite(ev: Evaluator, vals: readonly Mat[]): boolean {
  for (let k = 0; k < vals.length; k++) {
    if (ev.order[k]!.op === 'var') continue;
    const d = vals[k]!.data;
    for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i]!)) return false;
  }
  return true;
}

/**
 * Instantiate the roots (the function and its claimed derivatives): sizes, values, abstract
 * functions. Draws are repeated (with derived seeds) until every node is finite and no kink
 * argument is within 1e-3 of its kink; the last draw is returned if none qualifies.
 */
export function instantiate(roots: readonly Expr[], opts: InstantiateOptions = {}): Instance {
  const seed = opts.seed ?? DEFAULT_SEED;
  const sizes = chooseSizes(symbolicDims(roots), opts.sizes);
  const kinds = valueKinds(roots);
  const sym = new Set(opts.symmetric ?? []);
  const vars = nodesOf(roots).filter((e) => e.op === 'var');
  const ev = new Evaluator(roots);
  const attempts = opts.attempts ?? 25;
  let env: Environment | undefined;
  for (let k = 0; k < attempts; k++) {
    const rng = K.mulberry32((seed + Math.imul(k, 0x632be5ab)) >>> 0);
    const values = new Map<string, Mat>();
    for (const v of vars) {
      if (values.has(v.name!)) continue;
      const rows = dimSize(v.rows, sizes);
      const cols = dimSize(v.cols, sizes);
      let m = drawValue(rng, kinds.get(v.name!)!, rows, cols);
      if (sym.has(v.name!) && rows === cols) m = symmetrize(m);
      values.set(v.name!, m);
    }
    env = { dims: sizes, values, functions: new Map(), seed };
    try {
      const vals = ev.run(env);
      if (allFinite(ev, vals) && kinkMargin(ev, vals) > 1e-3) {
        rememberValues(env, ev, vals); // the checks reuse this evaluation of f and its derivatives
        break;
      }
    } catch {
      // A singular draw (inv of a singular sum, say): try the next one.
    }
  }
  return { env: env!, sizes, seed, kinds };
}
