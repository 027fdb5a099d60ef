// The machinery every finite-difference check shares (gradcheck.ts element-wise, directional.ts):
// the result types, the tolerance, and the Prober that evaluates f at perturbed points, reusing
// the unperturbed evaluation and skipping probes that cross a kink. The method and its
// tolerance are described in gradcheck.ts and docs/check.md.

import type { Expr } from '../expr/expr.js';
import { Evaluator, kinkSignature, type Environment } from './evaluate.js';
import type { Instance, InstantiateOptions } from './instantiate.js';
import * as K from './kernels/index.js';
import type { Mat } from './kernels/index.js';

export type MethodChoice = 'auto' | 'full' | 'directional';
export type MethodUsed = 'element-wise' | 'directional';

export interface CheckOptions extends InstantiateOptions {
  method?: MethodChoice;
  /** Random directions per group of variables in the directional method (default 2). */
  directions?: number;
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Above this many entries (summed over the variables) the auto method goes directional (default 3000). */
  maxElementwise?: number;
  /** Reuse an instantiation (the same sizes and values for several claims). */
  instance?: Instance;
}

export interface Probe {
  wrt: string;
  /** The entry (row, col) for element-wise probes; absent for random directions. */
  entry?: [number, number];
  fd: number;
  claimed: number;
  relError: number;
}

export interface CheckResult {
  passed: boolean;
  maxRelError: number;
  sizes: Map<string, number>;
  seed: number;
  method: MethodUsed;
  rtol: number;
  /** The probe with the largest error. */
  worst?: Probe;
  perVariable: Array<{ wrt: string; maxRelError: number; passed: boolean }>;
  /** Function evaluations spent (each a partial re-evaluation of the DAG). */
  evaluations: number;
  /** Probes skipped because every step size crossed a kink. */
  skipped: number;
  /** Why the check could not run or failed before any probe (shape, NaN). */
  message?: string;
  instance: Instance;
}

export const DEFAULT_RTOL = 1e-5;
export const H_REL = 1e-3;
export const EPS = Number.EPSILON;
/** Rounding error of one evaluation of f, in units of ε × the largest intermediate value. */
export const NOISE = 100;

/** A claimed derivative of `root` with respect to one variable, as a linear map on directions. */
export interface Claim {
  wrt: string;
  /** The claimed directional derivative of root along D (same shape as root). */
  apply(D: Mat): Mat;
  /** For a gradient: G itself, apply(D) being K.scalar(⟨G, D⟩). */
  gradient?: Mat;
}

/** One variable's share of a probe direction. */
export interface Part {
  name: string;
  D: Mat;
}

/** Points of the central-difference stencil. */
export type Points = 2 | 4;

export function rms(m: Mat): number {
  let s = 0;
  for (let i = 0; i < m.data.length; i++) s += m.data[i]! * m.data[i]!;
  return Math.sqrt(s / Math.max(1, m.data.length));
}

export function dot(a: Mat, b: Mat): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i]! * b.data[i]!;
  return s;
}

export function finite(m: Mat): boolean {
  for (let i = 0; i < m.data.length; i++) if (!Number.isFinite(m.data[i]!)) return false;
  return true;
}

export class Prober {
  evaluations = 0;
  private readonly ev: Evaluator;
  private readonly base: Mat[];
  private readonly baseKinks: Int8Array;
  private readonly values: Map<string, Mat>;
  private readonly env: Environment;

  constructor(private readonly root: Expr, inst: Instance) {
    this.ev = new Evaluator([root]);
    this.values = new Map(inst.env.values);
    this.env = { ...inst.env, values: this.values };
    // At inst.env (the same values): reuses the instantiation's evaluation when there is one.
    this.base = this.ev.run(inst.env);
    this.baseKinks = kinkSignature(this.ev, this.base);
  }

  /**
   * Where rounding noise in f comes from: catastrophic cancellation, x − y with x ≈ y leaves
   * ε·|x| of noise. So the magnitude is the largest |f| or |operand| of a sum or difference
   * (add, sub, sum, mean) — not of every node, whose units may be unrelated to f's.
   */
  get magnitude(): number {
    let m = Math.abs(this.value.data.reduce((a, b) => Math.max(a, Math.abs(b)), 0));
    for (const e of this.ev.order) {
      if (e.op !== 'add' && e.op !== 'sub' && e.op !== 'sum' && e.op !== 'mean') continue;
      for (const a of e.args) {
        const v = this.ev.valueOf(this.base, a).data;
        for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i]!)) m = Math.max(m, Math.abs(v[i]!));
      }
    }
    return m;
  }

  get value(): Mat {
    return this.ev.valueOf(this.base, this.root);
  }

  /** Scratch matrices per variable (and slot) for the perturbed points: no allocation per evaluation. */
  private readonly scratchMats = new Map<string, Mat>();

  scratch(name: string, slot: number): Mat {
    const key = `${slot}\u0000${name}`;
    let buf = this.scratchMats.get(key);
    if (!buf) {
      const x = this.values.get(name)!;
      buf = K.zeros(x.rows, x.cols);
      this.scratchMats.set(key, buf);
    }
    return buf;
  }

  /** A copy of root's value with the named variables set to `points`; null at a kink or outside the domain. */
  private at(names: readonly string[], points: readonly Mat[]): Float64Array | null {
    const saved = names.map((n) => this.values.get(n)!);
    for (let j = 0; j < names.length; j++) this.values.set(names[j]!, points[j]!);
    let vals: Mat[];
    try {
      vals = this.ev.rerun(this.base, this.env, names);
    } catch {
      return null; // e.g. the perturbed matrix became singular: like leaving the domain
    } finally {
      for (let j = 0; j < names.length; j++) this.values.set(names[j]!, saved[j]!);
    }
    this.evaluations++;
    const sig = kinkSignature(this.ev, vals);
    for (let i = 0; i < sig.length; i++) if (sig[i] !== this.baseKinks[i]) return null;
    // A copy: the root may be the scratch variable itself (E = x).
    return this.ev.valueOf(vals, this.root).data.slice();
  }

  /** The 2-point central difference (f(x+hD) − f(x−hD)) / 2h from the points x ± hD, already formed. */
  twoPoint(names: readonly string[], plus: readonly Mat[], minus: readonly Mat[], h: number): { fd: Float64Array; fmax: number } | null {
    const p1 = this.at(names, plus);
    const m1 = p1 && this.at(names, minus);
    if (!m1) return null;
    const fd = new Float64Array(p1!.length);
    let fmax = 0;
    for (let i = 0; i < fd.length; i++) {
      fd[i] = (p1![i]! - m1[i]!) / (2 * h);
      fmax = Math.max(fmax, Math.abs(p1![i]!), Math.abs(m1[i]!));
    }
    return { fd, fmax };
  }

  /**
   * Central difference of root along the direction made of `parts` (every named variable moves
   * along its own D at once) at step h: the fourth-order 4-point stencil, or the second-order
   * 2-point one. Null if a kink was crossed or f left its domain.
   */
  derivative(parts: readonly Part[], h: number, points: Points = 4): { fd: Float64Array; fmax: number } | null {
    const names = parts.map((p) => p.name);
    const shifted = (t: number, slot: number): Mat[] =>
      parts.map((p) => {
        const x = this.values.get(p.name)!.data;
        const buf = this.scratch(p.name, slot);
        const d = p.D.data;
        const b = buf.data;
        for (let i = 0; i < x.length; i++) b[i] = x[i]! + t * d[i]!;
        return buf;
      });
    if (points === 2) return this.twoPoint(names, shifted(h, 2), shifted(-h, 3), h);
    const p2 = this.at(names, shifted(2 * h, 2));
    const p1 = p2 && this.at(names, shifted(h, 2));
    const m1 = p1 && this.at(names, shifted(-h, 2));
    const m2 = m1 && this.at(names, shifted(-2 * h, 2));
    if (!m2) return null;
    const fd = new Float64Array(p1!.length);
    let fmax = 0;
    for (let i = 0; i < fd.length; i++) {
      fd[i] = (-p2![i]! + 8 * p1![i]! - 8 * m1![i]! + m2[i]!) / (12 * h);
      fmax = Math.max(fmax, Math.abs(p2![i]!), Math.abs(p1![i]!), Math.abs(m1![i]!), Math.abs(m2[i]!));
    }
    return { fd, fmax };
  }
}

/** D ← (D + D')/2 in place. */
export function symmetrizeInPlace(D: Mat): void {
  const n = D.rows;
  const d = D.data;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (d[i * n + j]! + d[j * n + i]!);
      d[i * n + j] = v;
      d[j * n + i] = v;
    }
  }
}

export function frobenius(g: Mat, symmetric: boolean): number {
  let s = 0;
  if (symmetric && g.rows === g.cols) {
    const n = g.rows;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const v = 0.5 * (g.data[i * n + j]! + g.data[j * n + i]!);
      s += v * v;
    }
  } else {
    for (let i = 0; i < g.data.length; i++) s += g.data[i]! * g.data[i]!;
  }
  return Math.sqrt(s);
}

/** |fd − claimed| / max(|fd|, |claimed|, atol/rtol): ≤ rtol iff the probe passes. */
export function relError(fd: number, claimed: number, atol: number, rtol: number): number {
  if (Number.isNaN(fd) || Number.isNaN(claimed)) return Infinity;
  return Math.abs(fd - claimed) / Math.max(Math.abs(fd), Math.abs(claimed), atol / rtol);
}

export function failure(inst: Instance, method: MethodUsed, rtol: number, message: string): CheckResult {
  return { passed: false, maxRelError: Infinity, sizes: inst.sizes, seed: inst.seed, method, rtol, perVariable: [], evaluations: 0, skipped: 0, message, instance: inst };
}

export function finish(inst: Instance, method: MethodUsed, rtol: number, claims: number, perVariable: CheckResult['perVariable'], worst: Probe | undefined, probed: number, skipped: number, evaluations: number): CheckResult {
  const maxRel = perVariable.reduce((m, v) => Math.max(m, v.maxRelError), 0);
  const result: CheckResult = {
    passed: probed > 0 && maxRel <= rtol, maxRelError: maxRel, sizes: inst.sizes, seed: inst.seed, method, rtol,
    perVariable, evaluations, skipped, instance: inst,
  };
  if (worst) result.worst = worst;
  if (claims === 0) result.message = 'there is no derivative to check';
  else if (probed === 0) result.message = 'no probe could be evaluated: every step crossed a kink (relu, abs, step, sign)';
  return result;
}

