// Finite-difference checks of derivatives: gradients of scalar expressions, Jacobians of vector
// expressions, Hessians (the Jacobian of the gradient).
//
// Method. Every probe is a directional derivative of the function along a direction D, computed
// by the fourth-order central difference
//     f'(x; D) ≈ (−f(x+2hD) + 8 f(x+hD) − 8 f(x−hD) + f(x−2hD)) / 12h
// in float64, and compared with what the claimed derivative says (⟨G, D⟩ for a gradient, J·D for
// a Jacobian). Element-wise checks use the unit directions (every entry once; for a symmetric
// variable the symmetric pairs E_ij + E_ji); above `maxElementwise` entries, k random
// directions per variable (O(k) evaluations instead of O(entries)). The fourth-order stencil with
// h ≈ 1e-3·scale has truncation error ~h⁴ ≈ 1e-12 and rounding error ~1.5·ε_f/h, so far fewer
// digits are lost than with the textbook (f(x+h) − f(x−h))/2h — which matters through deep
// compositions (a 12-deep σ chain): see docs/check.md.
//
// Step: h = 1e-3 × the variable's scale (its entry's magnitude, at least its RMS value), so that
// tiny (1e-8) and large (1e6) inputs get the same relative resolution.
//
// Tolerance: a probe passes when |fd − claimed| ≤ rtol·max(|fd|, |claimed|) + atol, where atol
// bounds the rounding noise of the difference quotient, atol = 1.5·(100·ε·M)/h with M the largest
// magnitude of f or of an operand of a sum or difference (cancellation: x − x is 0 ± ε|x|). That
// is conservative when f scales such a difference down by a large constant (the check is looser
// then, never falsely failing). Plus 1e-9 of
// the largest derivative entry of that variable (entries a billion times smaller than the rest are
// zero as far as finite differences can tell). The reported "relative error" is
// |fd − claimed| / max(|fd|, |claimed|, atol/rtol), so a check passes iff it is ≤ rtol (1e-5).
//
// Kinks, domains, curvature: probes whose perturbed points change the sign pattern of any
// relu/step/abs/sign/norm1 argument, leave f's domain (NaN), or disagree with the claim are
// retried with a 10× and 100× smaller step; the best agreement counts. A probe with no valid step
// is skipped (and counted).

import type { Expr } from '../expr/expr.js';
import { Evaluator, kinkSignature, type Environment } from './evaluate.js';
import { instantiate, type Instance, type InstantiateOptions } from './instantiate.js';
import * as K from './kernels/index.js';
import type { Mat } from './kernels/index.js';

export type MethodChoice = 'auto' | 'full' | 'directional';
export type MethodUsed = 'element-wise' | 'directional';

export interface CheckOptions extends InstantiateOptions {
  method?: MethodChoice;
  /** Random directions per variable in the directional method (default 6). */
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
const EPS = Number.EPSILON;
/** Rounding error of one evaluation of f, in units of ε × the largest intermediate value. */
const NOISE = 100;

/** A claimed derivative of `root` with respect to one variable, as a linear map on directions. */
interface Claim {
  wrt: string;
  /** The claimed directional derivative of root along D (same shape as root). */
  apply(D: Mat): Mat;
}

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
    this.base = this.ev.run(this.env);
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

  /** One scratch matrix per variable for the perturbed points: no allocation per evaluation. */
  private readonly scratch = new Map<string, Mat>();

  /** Fourth-order central difference of root along D at step h; null if a kink was crossed. */
  derivative(name: string, D: Mat, h: number): { fd: Float64Array; fmax: number } | null {
    const x = this.values.get(name)!;
    let buf = this.scratch.get(name);
    if (!buf) {
      buf = K.zeros(x.rows, x.cols);
      this.scratch.set(name, buf);
    }
    const xd = x.data;
    const dd = D.data;
    const bd = buf.data;
    const at = (t: number): Float64Array | null => {
      for (let i = 0; i < xd.length; i++) bd[i] = xd[i]! + t * dd[i]!;
      this.values.set(name, buf!);
      let vals: Mat[];
      try {
        vals = this.ev.rerun(this.base, this.env, name);
      } catch {
        return null; // e.g. the perturbed matrix became singular: like leaving the domain
      }
      this.evaluations++;
      const sig = kinkSignature(this.ev, vals);
      for (let i = 0; i < sig.length; i++) if (sig[i] !== this.baseKinks[i]) return null;
      // A copy: the root may be the scratch variable itself (E = x).
      return this.ev.valueOf(vals, this.root).data.slice();
    };
    try {
      const p2 = at(2 * h);
      const p1 = p2 && at(h);
      const m1 = p1 && at(-h);
      const m2 = m1 && at(-2 * h);
      if (!m2) return null;
      const fd = new Float64Array(p1!.length);
      let fmax = 0;
      for (let i = 0; i < fd.length; i++) {
        fd[i] = (-p2![i]! + 8 * p1![i]! - 8 * m1![i]! + m2[i]!) / (12 * h);
        fmax = Math.max(fmax, Math.abs(p2![i]!), Math.abs(p1![i]!), Math.abs(m1![i]!), Math.abs(m2[i]!));
      }
      return { fd, fmax };
    } finally {
      this.values.set(name, x);
    }
  }
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

function randomDirections(x: Mat, k: number, rng: K.Rng, symmetric: boolean): Direction[] {
  const scale = rms(x) || 1;
  const out: Direction[] = [];
  for (let t = 0; t < k; t++) {
    // Uniform entries with unit variance (one draw each; Gaussian draws cost 5× more and any
    // continuous distribution exposes a wrong gradient with probability 1).
    let D = K.randUniform(rng, x.rows, x.cols, -Math.sqrt(3) * scale, Math.sqrt(3) * scale);
    if (symmetric) D = K.scale(K.add(D, K.transpose(D)), 0.5);
    out.push({ D, h: H_REL });
  }
  return out;
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
  const rng = K.mulberry32((inst.seed ^ 0x5bd1e995) >>> 0);
  const magnitude = prober.magnitude;
  const noiseFloor = (fmax: number, h: number) => (1.5 * NOISE * EPS * Math.max(fmax, magnitude)) / h + Number.MIN_VALUE;
  let worst: Probe | undefined;
  let maxRel = 0;
  let skipped = 0;
  let probed = 0;
  const perVariable: CheckResult['perVariable'] = [];
  for (const c of claims) {
    const x = values.get(c.wrt)!;
    const sym = symmetric.has(c.wrt) && x.rows === x.cols;
    const dirs = method === 'element-wise' ? elementDirections(x, sym) : randomDirections(x, opts.directions ?? 6, rng, sym);
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
        const r = prober.derivative(c.wrt, dir.D, h);
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
    maxRel = Math.max(maxRel, varMax);
  }
  const result: CheckResult = {
    passed: probed > 0 && maxRel <= rtol, maxRelError: maxRel, sizes: inst.sizes, seed: inst.seed, method, rtol,
    perVariable, evaluations: prober.evaluations, skipped, instance: inst,
  };
  if (worst) result.worst = worst;
  if (claims.length === 0) result.message = 'there is no derivative to check';
  else if (probed === 0) result.message = 'no probe could be evaluated: every step crossed a kink (relu, abs, step, sign)';
  return result;
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
    linear.push({ wrt: c.wrt, apply: (D) => K.scalar(dot(g, D)) });
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
    for (let tries = 0; tries < 3 && !r; tries++, h /= 10) r = prober.derivative(wrt, dir.D, h);
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
