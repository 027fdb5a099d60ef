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
// Directional (above that): k = 2 random directions moving all the variables at once, 2
// evaluations of f per direction for a correct gradient: see directional.ts. The shared
// machinery (result types, Prober, tolerance) is in probe.ts.
//
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
// retried with a 10×, 100× and 1000× smaller step; the best agreement counts (a smaller step's
// only if it also halved the disagreement). A probe with no valid step is skipped (and counted).

import type { Expr } from '../expr/expr.js';
import { Evaluator } from './evaluate.js';
import { instantiate, type Instance } from './instantiate.js';
import * as K from './kernels/index.js';
import type { Mat } from './kernels/index.js';
import { DEFAULT_DIRECTIONS, directionalChecks } from './directional.js';
import { DEFAULT_RTOL, EPS, failure, finish, finite, H_REL, NOISE, Prober, relError, rms, dot, type CheckOptions, type CheckResult, type Claim, type MethodUsed, type Probe } from './probe.js';

export { DEFAULT_DIRECTIONS, DEFAULT_RTOL };
export type { CheckOptions, CheckResult, MethodChoice, MethodUsed, Probe } from './probe.js';

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
      // wrong claim every valid step approximates the true derivative, so none agrees. A smaller
      // step's agreement counts only if it also halved the disagreement |fd − claimed| (as
      // truncation error does): otherwise it is only the noise floor, 10× looser per step,
      // swallowing a real error (as in directional.ts).
      let best: { fd: Float64Array; fmax: number; h: number; err: number } | undefined;
      let previous = Infinity;
      for (let tries = 0, h = dir.h; tries < 4 && !(best && best.err <= rtol); tries++, h /= 10) {
        const r = prober.derivative([{ name: c.wrt, D: dir.D }], h);
        if (!r || !finite({ rows: 1, cols: r.fd.length, data: r.fd })) continue;
        const atol = noiseFloor(r.fmax, h);
        let err = 0;
        let delta = 0;
        for (let i = 0; i < r.fd.length; i++) {
          err = Math.max(err, relError(r.fd[i]!, claimed.data[i]!, atol, rtol));
          delta = Math.max(delta, Math.abs(r.fd[i]! - claimed.data[i]!));
        }
        const shrank = delta <= previous / 2;
        previous = delta;
        if (err <= rtol && !shrank) continue;
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
