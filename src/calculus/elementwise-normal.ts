// Normal form of elementwise algebra. Entrywise, `+ - .* ./` on matrices of one shape are the
// algebra of real numbers: commutative, so a region built only from them can be expanded into a
// sum of monomials over its "atoms" (everything else), like terms combined and factors cancelled.
// That is what turns the logistic-regression gradient
//   ((1 - y) ./ (1 - o) - y ./ o) .* o .* (1 - o)   into   o - y.
// The normal form is only kept when it is smaller than what it replaces.

import { isScalar, sameShape, type Expr } from '../expr/expr.js';
import type { Algebra } from './algebra.js';

interface Term {
  c: number;
  /** atom id -> power (never 0) */
  f: Map<number, number>;
}
type Poly = Term[];

const MAX_TERMS = 48;
const MAX_DEPTH = 64;
const REGION_OPS = new Set(['add', 'sub', 'neg', 'hadamard', 'div', 'scale', 'pow', 'num']);

class TooBig extends Error {}

/**
 * Set when the expansion found something to gain: a factor met itself (powers added or
 * cancelled) or like terms were combined. Expansion without either only trades a compact
 * product like (1 - o.^2) .* g for a longer sum, which reads worse.
 */
let merged = false;

export function normalizeElementwise(alg: Algebra, e: Expr): Expr | undefined {
  if (!REGION_OPS.has(e.op) || e.op === 'num') return undefined;
  let current = e;
  // Twice: cancelling a factor can free a sum that was a denominator to be expanded.
  for (let pass = 0; pass < 2; pass++) {
    const next = normalizeOnce(alg, current, e);
    if (!next) break;
    current = next;
  }
  if (current === e || !sameShape(current, e)) return undefined;
  return walkRegion(current, current).size < walkRegion(e, e).size ? current : undefined;
}

/**
 * The region below `root` in left-to-right order: its distinct nodes, stopping at atoms. Only the
 * region is walked (not what lies under its atoms), so normalizing every node of a deep DAG stays
 * linear in the size of the regions, not quadratic in the size of the DAG.
 */
function walkRegion(e: Expr, root: Expr): { size: number; order: Map<number, number> } {
  const order = new Map<number, number>();
  const stack = [e];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (order.has(n.id)) continue;
    order.set(n.id, order.size);
    if (n.op === 'num' || !inRegion(n, root)) continue;
    for (let i = n.args.length - 1; i >= 0; i--) stack.push(n.args[i]!);
  }
  return { size: order.size, order };
}

function normalizeOnce(alg: Algebra, e: Expr, original: Expr): Expr | undefined {
  const denominators = new Set<number>();
  collectDenominators(e, e, denominators);
  const atoms = new Map<number, Expr>();
  // Atoms are ordered as they first appear in the original, so results read in the user's order.
  const order = walkRegion(original, original).order;
  let poly: Poly;
  merged = false;
  try {
    poly = toPoly(e, e, denominators, atoms, 0);
  } catch (err) {
    if (err instanceof TooBig) return undefined;
    throw err;
  }
  const combined = combine(poly);
  if (!merged) return undefined;
  const rebuilt = rebuild(alg, combined, atoms, order, e);
  return rebuilt && sameShape(rebuilt, e) ? rebuilt : undefined;
}

/** Is `n` part of the elementwise region of `root` (same shape, or a scalar)? */
function inRegion(n: Expr, root: Expr): boolean {
  if (!REGION_OPS.has(n.op)) return false;
  if (!(sameShape(n, root) || isScalar(n))) return false;
  if (n.op === 'pow') return n.args[1]!.op === 'num' && Number.isInteger(n.args[1]!.value) && Math.abs(n.args[1]!.value!) <= 4;
  // Broadcasting inside the region (an m×1 with an m×n) is not plain real arithmetic.
  return n.args.every((a) => sameShape(a, n) || isScalar(a));
}

function isSum(n: Expr): boolean {
  return n.op === 'add' || n.op === 'sub';
}

function collectDenominators(n: Expr, root: Expr, out: Set<number>): void {
  const stack = [n];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (seen.has(x.id) || !inRegion(x, root)) continue;
    seen.add(x.id);
    if (x.op === 'div' && isSum(x.args[1]!)) out.add(x.args[1]!.id);
    stack.push(...x.args);
  }
}

function atom(n: Expr, atoms: Map<number, Expr>, power = 1): Poly {
  atoms.set(n.id, n);
  return [{ c: 1, f: new Map([[n.id, power]]) }];
}

function toPoly(n: Expr, root: Expr, den: Set<number>, atoms: Map<number, Expr>, depth: number): Poly {
  if (depth > MAX_DEPTH) return atom(n, atoms);
  if (n.op === 'num') return [{ c: n.value!, f: new Map() }];
  if (!inRegion(n, root) || den.has(n.id)) return atom(n, atoms);
  const p = (x: Expr) => toPoly(x, root, den, atoms, depth + 1);
  switch (n.op) {
    case 'add':
      return [...p(n.args[0]!), ...p(n.args[1]!)];
    case 'sub':
      return [...p(n.args[0]!), ...negate(p(n.args[1]!))];
    case 'neg':
      return negate(p(n.args[0]!));
    case 'hadamard':
    case 'scale':
      return multiply(p(n.args[0]!), p(n.args[1]!));
    case 'div': {
      const b = n.args[1]!;
      const inv = isSum(b) ? atom(b, atoms, -1) : invert(p(b));
      return inv ? multiply(p(n.args[0]!), inv) : atom(n, atoms);
    }
    case 'pow': {
      const k = n.args[1]!.value!;
      const base = n.args[0]!;
      const b = p(base);
      // A monomial raised to k: powers multiply (that is not a cancellation). A sum stays an atom.
      if (b.length !== 1 || (k < 0 && b[0]!.c === 0)) return atom(base, atoms, k);
      const t = b[0]!;
      return [{ c: t.c ** k, f: new Map([...t.f].map(([id, v]) => [id, v * k])) }];
    }
    default:
      return atom(n, atoms);
  }
}

function negate(p: Poly): Poly {
  return p.map((t) => ({ c: -t.c, f: t.f }));
}

/** 1/p for a single monomial; undefined for a sum. */
function invert(p: Poly): Poly | undefined {
  if (p.length !== 1 || p[0]!.c === 0) return undefined;
  const t = p[0]!;
  return [{ c: 1 / t.c, f: new Map([...t.f].map(([k, v]) => [k, -v])) }];
}

function multiply(a: Poly, b: Poly): Poly {
  if (a.length * b.length > MAX_TERMS) throw new TooBig();
  const out: Poly = [];
  for (const x of a) {
    for (const y of b) {
      const f = new Map(x.f);
      for (const [k, v] of y.f) {
        if (f.has(k)) merged = true;
        const s = (f.get(k) ?? 0) + v;
        if (s === 0) f.delete(k);
        else f.set(k, s);
      }
      out.push({ c: x.c * y.c, f });
    }
  }
  return out;
}

function key(t: Term): string {
  return [...t.f].sort((x, y) => x[0] - y[0]).map(([k, v]) => `${k}^${v}`).join('*');
}

function combine(p: Poly): Poly {
  const byKey = new Map<string, Term>();
  for (const t of p) {
    const k = key(t);
    const prev = byKey.get(k);
    if (prev) {
      prev.c += t.c;
      merged = true;
    }
    else byKey.set(k, { c: t.c, f: t.f });
  }
  return [...byKey.values()].filter((t) => Math.abs(t.c) > 1e-15);
}

function rebuild(alg: Algebra, p: Poly, atoms: Map<number, Expr>, order: Map<number, number>, like: Expr): Expr | undefined {
  if (p.length === 0) return alg.zeros(like.rows, like.cols);
  const rank = (id: number) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  const firstAtom = (t: Term) => Math.min(...[...t.f.keys()].map(rank), Number.MAX_SAFE_INTEGER - 1);
  // Positive terms first, then by where their atoms first appear.
  const terms = [...p].sort((x, y) => (x.c < 0 ? 1 : 0) - (y.c < 0 ? 1 : 0) || firstAtom(x) - firstAtom(y));
  let sum: Expr | undefined;
  for (const t of terms) {
    const magnitude = monomial(alg, Math.abs(t.c), t.f, atoms, rank);
    if (!sum) sum = t.c < 0 ? alg.make('neg', [magnitude]) : magnitude;
    else sum = alg.make(t.c < 0 ? 'sub' : 'add', [sum, magnitude]);
  }
  return sum;
}

function monomial(alg: Algebra, c: number, f: Map<number, number>, atoms: Map<number, Expr>, rank: (id: number) => number): Expr {
  const ids = [...f.keys()].sort((x, y) => rank(x) - rank(y));
  const power = (id: number, k: number) => (k === 1 ? atoms.get(id)! : alg.make('pow', [atoms.get(id)!, alg.num(k)]));
  let num: Expr | undefined;
  let den: Expr | undefined;
  for (const id of ids) {
    const k = f.get(id)!;
    if (k > 0) num = num ? alg.make('hadamard', [num, power(id, k)]) : power(id, k);
    else den = den ? alg.make('hadamard', [den, power(id, -k)]) : power(id, -k);
  }
  let out = num ?? alg.num(1);
  if (den) out = alg.make('div', [out, den]);
  return c === 1 ? out : alg.make('scale', [alg.num(c), out]);
}
