// Finite-difference checks of derivatives: gradients of scalar expressions, Jacobians of vector
// expressions, Hessians (the Jacobian of the gradient).
//
// Method. Every probe is a directional derivative of the function along a direction D, computed
// by a central difference in float64 and compared with what the claimed derivative says (⟨G, D⟩
// for a gradient, J·D for a Jacobian).
//
// Element-wise (up to `maxElementwise` entries, or `method: 'full'`): the unit directions (every
// entry once; for a symmetric variable the symmetric pairs E_ij + E_ji), each by the fourth-order
//     f'(x; D) ≈ (−f(x+2hD) + 8 f(x+hD) − 8 f(x−hD) + f(x−2hD)) / 12h
// with h ≈ 1e-3·scale: truncation error ~h⁴ ≈ 1e-12, rounding error ~1.5·ε_f/h, so far fewer
// digits are lost than with the textbook (f(x+h) − f(x−h))/2h at the same step — which matters
// through deep compositions (a 12-deep σ chain): see docs/check.md.
//
// Directional (above that): k = 2 random directions, each moving ALL the variables at once —
// D = (w₁s₁U₁, w₂s₂U₂, …) with U uniform of unit variance, s the variable's RMS value and w a
// weight — and probed first by the 2-point (f(x+hD) − f(x−hD)) / 2h at h = 1e-4, so a correct
// gradient costs 2 evaluations of f per direction, whatever the number of variables and entries.
// The claim is Σᵢ ⟨Gᵢ, Dᵢ⟩. Soundness:
//   - A random direction exposes a wrong gradient: for an error E (claimed − true, scaled by s·w),
//     ⟨E, U⟩ has a density at most 1/(√6‖E‖) (Ball's cube-slicing bound; a Gaussian's is
//     1/(√(2π)‖E‖)), so a direction lets it through — |⟨E, U⟩| under the tolerance τ — with
//     probability at most 0.82·τ/‖E‖, and two independent directions at most the square.
//   - No variable is drowned by another: the weights make every variable contribute equally
//     (wᵢ·sᵢ·‖Gᵢ‖ the same; weights only shrink steps), so a relative error ρ of one variable's
//     gradient is ≈ ρ/√(number of variables) of the joint derivative. A variable whose s·‖G‖ is
//     below JOINT_RANGE (1e-2) of the largest, or that the claim makes 0, gets its own directions.
//   - A disagreeing (or kink-crossing) joint probe is split into one probe per variable along the
//     same components: they decide, and name the variable that is wrong.
//   - A probe that disagrees goes down a ladder before it counts as a failure: the 4-point stencil
//     at h = 1e-3, 1e-4, 1e-5, 1e-6 (truncation, curvature on a small scale, a kink or a singular
//     matrix within reach of the step). A smaller step counts only if it also halves the
//     disagreement: the noise floor grows 10× per step and would otherwise swallow a real error.
//
// Step: h = 1e-3 × the variable's scale (its entry's magnitude, at least its RMS value), so that
// tiny (1e-8) and large (1e6) inputs get the same relative resolution.
//
// Tolerance: a probe passes when |fd − claimed| ≤ rtol·max(|fd|, |claimed|) + atol, where atol
// bounds the rounding noise of the difference quotient, atol = c·(100·ε·M)/h with c the sum of
// the stencil's |weights| (1.5 for 4 points, 1 for 2) and M the largest magnitude of f or of an
// operand of a sum or difference (cancellation: x − x is 0 ± ε|x|). That is conservative when f
// scales such a difference down by a large constant (the check is looser then, never falsely
// failing). Plus 1e-9 of the largest derivative entry of that variable (element-wise) or probe
// (directional): entries a billion times smaller than the rest are zero as far as finite
// differences can tell. The reported "relative error" is |fd − claimed| / max(|fd|, |claimed|,
// atol/rtol), so a check passes iff it is ≤ rtol (1e-5).
//
// Kinks, domains, curvature (element-wise): probes whose perturbed points change the sign pattern
// of any relu/step/abs/sign/norm1 argument, leave f's domain (NaN), or disagree with the claim are
// retried with a 10×, 100× and 1000× smaller step; the best agreement counts. A probe with no
// valid step is skipped (and counted).

import type { Expr } from '../expr/expr.js';
import { Evaluator, kinkSignature, type Environment } from './evaluate.js';
import { instantiate, type Instance, type InstantiateOptions } from './instantiate.js';
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
const H_REL = 1e-3;
/** Step of the directional method's first, 2-point, probe (relative, like H_REL). */
const H_TWO_POINT = 1e-4;
/** The directional method's stencils and steps, tried in order until one agrees. */
const LADDER: ReadonlyArray<readonly [Points, number]> = [[2, H_TWO_POINT], [4, H_REL], [4, H_REL / 10], [4, H_REL / 100], [4, H_REL / 1000]];
/** Random directions per group of variables in the directional method. */
export const DEFAULT_DIRECTIONS = 2;
/** Variables whose gradient contributes less than this fraction of the largest are probed alone. */
const JOINT_RANGE = 1e-2;
const EPS = Number.EPSILON;
/** Rounding error of one evaluation of f, in units of ε × the largest intermediate value. */
const NOISE = 100;

/** A claimed derivative of `root` with respect to one variable, as a linear map on directions. */
interface Claim {
  wrt: string;
  /** The claimed directional derivative of root along D (same shape as root). */
  apply(D: Mat): Mat;
  /** For a gradient: G itself, apply(D) being K.scalar(⟨G, D⟩). */
  gradient?: Mat;
}

/** One variable's share of a probe direction. */
interface Part {
  name: string;
  D: Mat;
}

/** Points of the central-difference stencil. */
type Points = 2 | 4;

function rms(m: Mat): number {
  let s = 0;
  for (let i = 0; i < m.data.length; i++) s += m.data[i]! * m.data[i]!;
  return Math.sqrt(s / Math.max(1, m.data.length));
}

function dot(a: Mat, b: Mat): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i]! * b.data[i]!;
  return s;
}

function finite(m: Mat): boolean {
  for (let i = 0; i < m.data.length; i++) if (!Number.isFinite(m.data[i]!)) return false;
  return true;
}

class Prober {
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

/**
 * The directional method's fast path for a gradient G of a variable x, in one pass over the
 * entries: ⟨G, D⟩ and the points x ± hD of the 2-point stencil (the same arithmetic as `dot`
 * and `derivative`, so the same numbers, with a third of the memory traffic).
 */
function dotAndPoints(x: Float64Array, g: Float64Array, D: Float64Array, h: number, plus: Float64Array, minus: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const d = D[i]!;
    s += g[i]! * d;
    plus[i] = x[i]! + h * d;
    minus[i] = x[i]! + -h * d;
  }
  return s;
}

/**
 * `dotAndPoints` with D drawn on the fly and not stored: D = uniform(−a, a) entries by
 * mulberry32(seed), inline and two per iteration — the same numbers as
 * K.mulberry32(seed).fillUniform(D, −a, a), which rebuilds D if a slower probe needs it. Writing
 * D and reading it back cost more than drawing it (the buffers are far larger than the caches).
 */
function drawDotAndPoints(seed: number, a: number, x: Float64Array, g: Float64Array, h: number, plus: Float64Array, minus: Float64Array): number {
  const lo = -a;
  const w = a - lo;
  const n = x.length;
  let state = seed | 0;
  let s = 0;
  for (let i = 0; i < n; i += 2) {
    const s0 = (state + 0x6d2b79f5) | 0;
    const s1 = (s0 + 0x6d2b79f5) | 0;
    state = s1;
    let t = s0;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    let u = s1;
    u = Math.imul(u ^ (u >>> 15), u | 1);
    u ^= u + Math.imul(u ^ (u >>> 7), u | 61);
    const d0 = lo + w * (((t ^ (t >>> 14)) >>> 0) / 4294967296);
    s += g[i]! * d0;
    plus[i] = x[i]! + h * d0;
    minus[i] = x[i]! + -h * d0;
    if (i + 1 < n) {
      const d1 = lo + w * (((u ^ (u >>> 14)) >>> 0) / 4294967296);
      s += g[i + 1]! * d1;
      plus[i + 1] = x[i + 1]! + h * d1;
      minus[i + 1] = x[i + 1]! + -h * d1;
    }
  }
  return s;
}

interface Direction {
  D: Mat;
  h: number;
  entry?: [number, number];
}

function elementDirections(x: Mat, symmetric: boolean): Direction[] {
  const scale = rms(x) || 1;
  const out: Direction[] = [];
  for (let i = 0; i < x.rows; i++) {
    for (let j = symmetric ? i : 0; j < x.cols; j++) {
      const D = K.zeros(x.rows, x.cols);
      D.data[i * x.cols + j] = 1;
      if (symmetric) D.data[j * x.cols + i] = 1;
      out.push({ D, h: H_REL * Math.max(Math.abs(x.data[i * x.cols + j]!), scale), entry: [i, j] });
    }
  }
  return out;
}

/** D ← (D + D')/2 in place. */
function symmetrizeInPlace(D: Mat): void {
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

function frobenius(g: Mat, symmetric: boolean): number {
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
function relError(fd: number, claimed: number, atol: number, rtol: number): number {
  if (Number.isNaN(fd) || Number.isNaN(claimed)) return Infinity;
  return Math.abs(fd - claimed) / Math.max(Math.abs(fd), Math.abs(claimed), atol / rtol);
}

function failure(inst: Instance, method: MethodUsed, rtol: number, message: string): CheckResult {
  return { passed: false, maxRelError: Infinity, sizes: inst.sizes, seed: inst.seed, method, rtol, perVariable: [], evaluations: 0, skipped: 0, message, instance: inst };
}

function runChecks(root: Expr, claims: readonly Claim[], inst: Instance, opts: CheckOptions, symmetric: ReadonlySet<string>): CheckResult {
  const rtol = opts.rtol ?? DEFAULT_RTOL;
  const values = inst.env.values;
  const entries = claims.reduce((s, c) => s + values.get(c.wrt)!.data.length, 0);
  const method: MethodUsed = opts.method === 'full' ? 'element-wise' : opts.method === 'directional' || entries > (opts.maxElementwise ?? 3000) ? 'directional' : 'element-wise';
  let prober: Prober;
  try {
    prober = new Prober(root, inst);
  } catch (e) {
    return failure(inst, method, rtol, `the expression cannot be evaluated at the test point: ${(e as Error).message}`);
  }
  if (!finite(prober.value)) return failure(inst, method, rtol, 'the expression is not finite at the test point (outside its domain)');
  const magnitude = prober.magnitude;
  const noiseFloor = (fmax: number, h: number) => (1.5 * NOISE * EPS * Math.max(fmax, magnitude)) / h + Number.MIN_VALUE;
  if (method === 'directional') return directionalChecks(prober, claims, inst, opts, symmetric, rtol);
  let worst: Probe | undefined;
  let skipped = 0;
  let probed = 0;
  const perVariable: CheckResult['perVariable'] = [];
  for (const c of claims) {
    const x = values.get(c.wrt)!;
    const sym = symmetric.has(c.wrt) && x.rows === x.cols;
    const dirs = elementDirections(x, sym);
    const results: Array<{ fd: Float64Array; claimed: Mat; fmax: number; h: number; dir: Direction }> = [];
    let scale = 0;
    for (const dir of dirs) {
      const claimed = c.apply(dir.D);
      if (!finite(claimed)) return failure(inst, method, rtol, `the claimed derivative by ${c.wrt} is not finite at the test point`);
      // Steps h, h/10, h/100: a smaller one is tried when a kink was crossed, f left its domain
      // (an ill-conditioned matrix turned singular) or the probe disagrees — the disagreement may
      // be truncation error where f curves on a scale below h. The best agreement is kept: for a
      // wrong claim every valid step approximates the true derivative, so none agrees.
      let best: { fd: Float64Array; fmax: number; h: number; err: number } | undefined;
      for (let tries = 0, h = dir.h; tries < 4 && !(best && best.err <= rtol); tries++, h /= 10) {
        const r = prober.derivative([{ name: c.wrt, D: dir.D }], h);
        if (!r || !finite({ rows: 1, cols: r.fd.length, data: r.fd })) continue;
        const atol = noiseFloor(r.fmax, h);
        let err = 0;
        for (let i = 0; i < r.fd.length; i++) err = Math.max(err, relError(r.fd[i]!, claimed.data[i]!, atol, rtol));
        if (!best || err < best.err) best = { ...r, h, err };
      }
      if (!best) {
        skipped++;
        continue;
      }
      for (let i = 0; i < best.fd.length; i++) scale = Math.max(scale, Math.abs(best.fd[i]!), Math.abs(claimed.data[i]!));
      results.push({ fd: best.fd, fmax: best.fmax, claimed, h: best.h, dir });
    }
    let varMax = 0;
    for (const r of results) {
      probed++;
      const atol = noiseFloor(r.fmax, r.h) + 1e-9 * scale;
      for (let i = 0; i < r.fd.length; i++) {
        const fd = r.fd[i]!;
        const cl = r.claimed.data[i]!;
        const rel = relError(fd, cl, atol, rtol);
        if (rel > varMax) varMax = rel;
        if (!worst || rel > worst.relError) {
          worst = { wrt: c.wrt, fd, claimed: cl, relError: rel };
          if (r.dir.entry) worst.entry = r.dir.entry;
        }
      }
    }
    perVariable.push({ wrt: c.wrt, maxRelError: varMax, passed: varMax <= rtol });
  }
  return finish(inst, method, rtol, claims.length, perVariable, worst, probed, skipped, prober.evaluations);
}

function finish(inst: Instance, method: MethodUsed, rtol: number, claims: number, perVariable: CheckResult['perVariable'], worst: Probe | undefined, probed: number, skipped: number, evaluations: number): CheckResult {
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

/**
 * The directional method: k random directions per group of variables, each probed by a central
 * difference of f along all the group's variables at once (see the header). A probe that
 * disagrees (or crosses a kink) is split into one probe per variable along the same components,
 * which decides and names the variable that is wrong.
 */
function directionalChecks(prober: Prober, claims: readonly Claim[], inst: Instance, opts: CheckOptions, symmetric: ReadonlySet<string>, rtol: number): CheckResult {
  const method: MethodUsed = 'directional';
  const values = inst.env.values;
  const rng = K.mulberry32((inst.seed ^ 0x5bd1e995) >>> 0);
  const magnitude = prober.magnitude;
  const k = Math.max(1, opts.directions ?? DEFAULT_DIRECTIONS);
  interface Var {
    c: Claim;
    x: Mat;
    sym: boolean;
    /** The variable's scale (RMS value, 1 for an all-zero one). */
    s: number;
    /** Standard deviation of the claimed ⟨G, D⟩ at weight 1, s·‖G‖ (gradients only). */
    spread?: number;
    weight: number;
    /** The current direction's share: drawn from `seed`, into D only when needed (`drawn`). */
    D?: Mat;
    seed: number;
    drawn: boolean;
    maxRelError: number;
  }
  const vars: Var[] = claims.map((c) => {
    const x = values.get(c.wrt)!;
    const sym = symmetric.has(c.wrt) && x.rows === x.cols;
    const s = rms(x) || 1;
    const v: Var = { c, x, sym, s, weight: 1, seed: 0, drawn: false, maxRelError: 0 };
    // ⟨G, D⟩ = ⟨(G + G')/2, D⟩ for a symmetric D.
    if (c.gradient) v.spread = s * frobenius(c.gradient, sym);
    return v;
  });
  // Groups: the variables whose claimed contributions are within JOINT_RANGE of the largest are
  // probed together, each weighted so that all contribute equally (w·spread = the smallest
  // spread of the group; weights only shrink steps); the others — and a variable named twice —
  // alone, so a small gradient is never judged against the tolerance of a large one.
  const cmax = vars.reduce((m, v) => (v.spread !== undefined && v.spread > m ? v.spread : m), 0);
  const joint: Var[] = [];
  const groups: Var[][] = [joint];
  const seen = new Set<string>();
  for (const v of vars) {
    if (!seen.has(v.c.wrt) && (v.spread === undefined || v.spread >= JOINT_RANGE * cmax)) joint.push(v);
    else groups.push([v]);
    seen.add(v.c.wrt);
  }
  const level = joint.reduce((m, v) => (v.spread !== undefined && v.spread > 0 ? Math.min(m, v.spread) : m), Infinity);
  if (Number.isFinite(level)) for (const v of joint) if (v.spread !== undefined && v.spread > 0) v.weight = level / v.spread;

  const noiseFloor = (points: Points, fmax: number, h: number) => ((points === 4 ? 1.5 : 1) * NOISE * EPS * Math.max(fmax, magnitude)) / h + Number.MIN_VALUE;
  /**
   * Down the ladder until a stencil and step agree with the claim; null if none is valid (kinks,
   * domain). A smaller step counts only if it also at least halved the disagreement |fd − claimed|
   * of the previous valid one: that is what truncation error does, while the disagreement with a
   * wrong claim stays — and the noise floor, 10× larger with each smaller step, would otherwise
   * swallow it. Without an agreement, the result is the least error that was not swallowed so.
   */
  const probe = (parts: readonly Part[], claimed: Mat, first?: () => { fd: Float64Array; fmax: number } | null) => {
    let best: { fd: Float64Array; err: number; at: number } | undefined;
    let previous = Infinity;
    for (const [points, h] of LADDER) {
      const r = first && points === 2 && h === H_TWO_POINT ? first() : prober.derivative(parts, h, points);
      if (!r || !finite({ rows: 1, cols: r.fd.length, data: r.fd })) continue;
      let scale = 0;
      let delta = 0;
      for (let i = 0; i < r.fd.length; i++) {
        scale = Math.max(scale, Math.abs(r.fd[i]!), Math.abs(claimed.data[i]!));
        delta = Math.max(delta, Math.abs(r.fd[i]! - claimed.data[i]!));
      }
      const atol = noiseFloor(points, r.fmax, h) + 1e-9 * scale;
      let err = 0;
      let at = 0;
      for (let i = 0; i < r.fd.length; i++) {
        const e = relError(r.fd[i]!, claimed.data[i]!, atol, rtol);
        if (e > err) [err, at] = [e, i];
      }
      const shrank = delta <= previous / 2;
      previous = delta;
      if (err <= rtol && shrank) return { fd: r.fd, err, at };
      if (err > rtol && (!best || err < best.err)) best = { fd: r.fd, err, at };
    }
    return best;
  };

  let worst: Probe | undefined;
  let probed = 0;
  let skipped = 0;
  const record = (group: readonly Var[], r: { fd: Float64Array; err: number; at: number }, claimed: Mat) => {
    probed++;
    for (const v of group) v.maxRelError = Math.max(v.maxRelError, r.err);
    if (!worst || r.err > worst.relError) worst = { wrt: group.map((v) => v.c.wrt).join(', '), fd: r.fd[r.at]!, claimed: claimed.data[r.at]!, relError: r.err };
  };
  for (const group of groups) {
    if (group.length === 0) continue;
    for (let t = 0; t < k; t++) {
      // Uniform entries of variance (s·w)²: one draw each (a Gaussian costs 5× more and is no
      // better at exposing a wrong gradient; see docs/check.md), from a seed per direction and
      // variable, so that D can be drawn again when a slower probe needs it.
      const amplitude = (v: Var) => Math.sqrt(3) * v.s * v.weight;
      const draw = (v: Var): Mat => {
        v.D ??= K.zeros(v.x.rows, v.x.cols);
        if (!v.drawn) {
          K.fillUniform(K.mulberry32(v.seed), v.D.data, -amplitude(v), amplitude(v));
          if (v.sym) symmetrizeInPlace(v.D);
          v.drawn = true;
        }
        return v.D;
      };
      const names = group.map((v) => v.c.wrt);
      const parts: Part[] = group.map((v) => ({ name: v.c.wrt, get D() { return draw(v); } }));
      // Gradients: ⟨G, D⟩ and the 2-point stencil's points in one pass (drawing D in it too,
      // unless D has to be symmetrized first).
      const fused = group.every((v) => v.c.gradient);
      const plus = fused ? group.map((v) => prober.scratch(v.c.wrt, 0)) : [];
      const minus = fused ? group.map((v) => prober.scratch(v.c.wrt, 1)) : [];
      const each = group.map((v, j) => {
        v.seed = Math.floor(rng.next() * 4294967296);
        v.drawn = false;
        const g = v.c.gradient;
        if (g && !v.sym) return K.scalar(drawDotAndPoints(v.seed, amplitude(v), v.x.data, g.data, H_TWO_POINT, plus[j]!.data, minus[j]!.data));
        const D = draw(v);
        return g ? K.scalar(dotAndPoints(v.x.data, g.data, D.data, H_TWO_POINT, plus[j]!.data, minus[j]!.data)) : v.c.apply(D);
      });
      for (let j = 0; j < group.length; j++) {
        if (!finite(each[j]!)) return failure(inst, method, rtol, `the claimed derivative by ${names[j]} is not finite at the test point`);
      }
      let claimed = each[0]!;
      for (let j = 1; j < each.length; j++) claimed = K.add(claimed, each[j]!);
      const r = probe(parts, claimed, fused ? () => prober.twoPoint(names, plus, minus, H_TWO_POINT) : undefined);
      if (r && (r.err <= rtol || group.length === 1)) {
        record(group, r, claimed);
        continue;
      }
      if (group.length === 1) {
        skipped++;
        continue;
      }
      // Disagreement or no valid step: one probe per variable along the same components decides.
      let decided = 0;
      for (let j = 0; j < group.length; j++) {
        const rj = probe([parts[j]!], each[j]!, fused ? () => prober.twoPoint([names[j]!], [plus[j]!], [minus[j]!], H_TWO_POINT) : undefined);
        if (rj) {
          record([group[j]!], rj, each[j]!);
          decided++;
        } else {
          skipped++;
        }
      }
      // None could (every one crossed a kink): the joint disagreement stands, unlocalised.
      if (r && decided === 0) record(group, r, claimed);
    }
  }
  const perVariable = vars.map((v) => ({ wrt: v.c.wrt, maxRelError: v.maxRelError, passed: v.maxRelError <= rtol }));
  return finish(inst, method, rtol, claims.length, perVariable, worst, probed, skipped, prober.evaluations);
}

function symmetricSet(opts: CheckOptions): Set<string> {
  return new Set(opts.symmetric ?? []);
}

function shapeProblem(inst: Instance, wrt: string, g: Mat, want: [number, number], what: string): string | undefined {
  const x = inst.env.values.get(wrt);
  if (!x) return `'${wrt}' does not appear in the expression`;
  if (g.rows !== want[0] || g.cols !== want[1]) return `the claimed ${what} by ${wrt} is ${g.rows}×${g.cols}, but it must be ${want[0]}×${want[1]}`;
  return undefined;
}

/** Check claimed gradients of the scalar `f`: claims[i].expr is dE/d(claims[i].wrt), shaped like the variable. */
export function checkGradient(f: Expr, claims: ReadonlyArray<{ wrt: string; expr: Expr }>, opts: CheckOptions = {}): CheckResult {
  const inst = opts.instance ?? instantiate([f, ...claims.map((c) => c.expr)], opts);
  const sym = symmetricSet(opts);
  const ev = new Evaluator(claims.map((c) => c.expr));
  let vals: Mat[];
  try {
    vals = ev.run(inst.env);
  } catch (e) {
    return failure(inst, 'element-wise', opts.rtol ?? DEFAULT_RTOL, `the claimed gradient cannot be evaluated: ${(e as Error).message}`);
  }
  const linear: Claim[] = [];
  for (const c of claims) {
    const g = ev.valueOf(vals, c.expr);
    const x = inst.env.values.get(c.wrt);
    const problem = shapeProblem(inst, c.wrt, g, [x?.rows ?? 0, x?.cols ?? 0], 'gradient');
    if (problem) return failure(inst, 'element-wise', opts.rtol ?? DEFAULT_RTOL, problem);
    linear.push({ wrt: c.wrt, apply: (D) => K.scalar(dot(g, D)), gradient: g });
  }
  return runChecks(f, linear, inst, opts, sym);
}

/**
 * Check a claimed Jacobian J = df/dx (numerator layout: [rows(f) × rows(x)]) of a column-vector
 * (or scalar) expression f by a column-vector variable x. A Hessian is the Jacobian of the
 * gradient: pass the gradient expression as f.
 */
export function checkJacobian(f: Expr, wrt: string, J: Expr, opts: CheckOptions = {}): CheckResult {
  const inst = opts.instance ?? instantiate([f, J], opts);
  const ev = new Evaluator([J, f]);
  let vals: Mat[];
  try {
    vals = ev.run(inst.env);
  } catch (e) {
    return failure(inst, 'element-wise', opts.rtol ?? DEFAULT_RTOL, `the claimed Jacobian cannot be evaluated: ${(e as Error).message}`);
  }
  const j = ev.valueOf(vals, J);
  const fv = ev.valueOf(vals, f);
  const x = inst.env.values.get(wrt);
  const problem = shapeProblem(inst, wrt, j, [fv.rows * fv.cols, x ? x.rows * x.cols : 0], 'Jacobian');
  if (problem) return failure(inst, 'element-wise', opts.rtol ?? DEFAULT_RTOL, problem);
  // J·vec(D): the claimed change of f (as a column) along D, reshaped like f.
  const apply = (D: Mat): Mat => {
    const col = K.matmul(j, { rows: D.data.length, cols: 1, data: D.data });
    return { rows: fv.rows, cols: fv.cols, data: col.data };
  };
  return runChecks(f, [{ wrt, apply }], inst, opts, symmetricSet(opts));
}

/** One line for people: `max relative error 3.1e-9 (sizes m=2, n=3; seed 1; central differences, element-wise)`. */
export function describeCheck(r: CheckResult): string {
  const where = checkSetting(r);
  if (r.message && !r.worst) return `${r.message} ${where}`;
  return `max relative error ${r.maxRelError.toExponential(1)} ${where}`;
}

/** `(sizes m=2, n=3; seed 1; central differences, element-wise)`: how to replay a check. */
export function checkSetting(r: Pick<CheckResult, 'sizes' | 'seed' | 'method' | 'skipped'>): string {
  const sizes = [...r.sizes].map(([k, v]) => `${k}=${v}`).join(', ');
  return `(${sizes ? `sizes ${sizes}; ` : ''}seed ${r.seed}; central differences, ${r.method}${r.skipped ? `; ${r.skipped} probes skipped at kinks` : ''})`;
}

/**
 * The gradient of the scalar `f` by one variable, by finite differences entry by entry (the
 * reference that candidate fixes are compared with). `atol` is the rounding floor of the entries.
 */
export function numericGradient(f: Expr, wrt: string, inst: Instance): { value: Mat; atol: number; ok: boolean } {
  let prober: Prober;
  try {
    prober = new Prober(f, inst);
  } catch {
    const x = inst.env.values.get(wrt)!;
    return { value: K.zeros(x.rows, x.cols), atol: 0, ok: false };
  }
  const x = inst.env.values.get(wrt)!;
  const out = K.zeros(x.rows, x.cols);
  let ok = finite(prober.value);
  let fmax = 0;
  let hmin = Infinity;
  for (const dir of elementDirections(x, false)) {
    let r: { fd: Float64Array; fmax: number } | null = null;
    let h = dir.h;
    for (let tries = 0; tries < 3 && !r; tries++, h /= 10) r = prober.derivative([{ name: wrt, D: dir.D }], h);
    if (!r) {
      ok = false;
      continue;
    }
    out.data[dir.entry![0] * x.cols + dir.entry![1]] = r.fd[0]!;
    fmax = Math.max(fmax, r.fmax);
    hmin = Math.min(hmin, h * 10);
  }
  const atol = (1.5 * NOISE * EPS * Math.max(fmax, prober.magnitude)) / hmin;
  return { value: out, atol, ok: ok && finite(out) };
}

/** Does `value` agree with a numeric reference gradient (same tolerance as the checks)? */
export function agrees(value: Mat, ref: { value: Mat; atol: number }, rtol = DEFAULT_RTOL): { ok: boolean; maxRelError: number } {
  if (value.rows !== ref.value.rows || value.cols !== ref.value.cols || !finite(value)) return { ok: false, maxRelError: Infinity };
  let scale = 0;
  for (let i = 0; i < value.data.length; i++) scale = Math.max(scale, Math.abs(value.data[i]!), Math.abs(ref.value.data[i]!));
  const atol = ref.atol + 1e-9 * scale;
  let worst = 0;
  for (let i = 0; i < value.data.length; i++) worst = Math.max(worst, relError(ref.value.data[i]!, value.data[i]!, atol, rtol));
  return { ok: worst <= rtol, maxRelError: worst };
}
