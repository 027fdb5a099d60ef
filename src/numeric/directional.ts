// The directional method of the finite-difference check (above a few thousand entries, or
// `method: 'directional'`): its cost does not grow with the number of entries or of variables.
//
// k = 2 random directions, each moving ALL the variables at once —
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

import type { Mat } from './kernels/index.js';
import * as K from './kernels/index.js';
import type { Instance } from './instantiate.js';
import { EPS, failure, finish, finite, frobenius, H_REL, NOISE, relError, rms, symmetrizeInPlace, type CheckOptions, type CheckResult, type Claim, type MethodUsed, type Part, type Points, type Probe, type Prober } from './probe.js';

/** Step of the directional method's first, 2-point, probe (relative, like H_REL). */
export const H_TWO_POINT = 1e-4;
/** The directional method's stencils and steps, tried in order until one agrees. */
export const LADDER: ReadonlyArray<readonly [Points, number]> = [[2, H_TWO_POINT], [4, H_REL], [4, H_REL / 10], [4, H_REL / 100], [4, H_REL / 1000]];
/** Random directions per group of variables in the directional method. */
export const DEFAULT_DIRECTIONS = 2;
/** Variables whose gradient contributes less than this fraction of the largest are probed alone. */
export const JOINT_RANGE = 1e-2;

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


/**
 * The directional method: k random directions per group of variables, each probed by a central
 * difference of f along all the group's variables at once (see the header). A probe that
 * disagrees (or crosses a kink) is split into one probe per variable along the same components,
 * which decides and names the variable that is wrong.
 */
export function directionalChecks(prober: Prober, claims: readonly Claim[], inst: Instance, opts: CheckOptions, symmetric: ReadonlySet<string>, rtol: number): CheckResult {
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

