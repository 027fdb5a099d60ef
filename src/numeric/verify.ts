// `--verify`: check every derivative of a derivation numerically, on one seeded instantiation.

import type { Analysis } from '../expr/analyze.js';
import { topoOrder, type Expr } from '../expr/expr.js';
import { deriveAll, type Derivation } from '../calculus/derive.js';
import { checkGradient, checkJacobian, checkSetting, describeCheck, type CheckResult, type MethodChoice } from './gradcheck.js';
import { instantiate, symbolicDims, DEFAULT_SEED } from './instantiate.js';

export interface VerifyOptions {
  seed?: number;
  sizes?: ReadonlyMap<string, number>;
  method?: MethodChoice;
}

export interface VerifyReport {
  passed: boolean;
  maxRelError: number;
  sizes: Record<string, number>;
  seed: number;
  /** `central differences, element-wise` or `central differences, directional`. */
  method: string;
  /** One line for people, without the ✓/✗. */
  summary: string;
  /** `(sizes …; seed …; central differences, …)`. */
  setting: string;
  /** The derivative that failed, and how. */
  failure?: { wrt: string; kind: string; message: string };
  checks: CheckResult[];
}

/** A --sizes entry names a dim the expression does not have. */
export class SizesError extends Error {}

const SINGULAR_OPS = new Set(['inv', 'det', 'logdet', 'mpow']);
function mayBeSingular(e: Expr): boolean {
  return topoOrder([e]).some((n) => SINGULAR_OPS.has(n.op) && n.args[0]!.op !== 'var');
}

export function verifyDerivation(a: Analysis, d: Derivation, opts: VerifyOptions = {}): VerifyReport {
  const root = a.expr!;
  const symmetric = [...(a.elaborated?.variables ?? [])].filter(([, v]) => v.symmetric).map(([n]) => n);
  const exprs = [root, ...d.derivatives.map((k) => k.expr)];
  // Hessians are checked as the Jacobian of the gradient, which is itself checked first.
  const hessians = d.derivatives.filter((k) => k.kind === 'hessian');
  const grads = hessians.length > 0 ? deriveAll(a, { wrt: hessians.map((k) => k.wrt) }).derivatives : [];
  exprs.push(...grads.map((g) => g.expr));
  const dims = symbolicDims(exprs);
  for (const name of opts.sizes?.keys() ?? []) {
    if (!dims.includes(name)) throw new SizesError(`--sizes ${name}: the expression has no dim named '${name}' (its dims: ${dims.join(', ') || 'none'})`);
  }
  const first = verifyAt(opts.sizes ?? new Map());
  if (first.passed || !exprs.some(mayBeSingular)) return first;
  // inv, det and logdet of a product like X'*X are singular when the sizes make it rank-deficient
  // (X [2×3] gives a 3×3 X'*X of rank 2): that is the test point's fault, not the gradient's.
  // The free dims get their sizes in the opposite order once more; a wrong gradient fails there too.
  const free = Object.keys(first.sizes).filter((n) => !opts.sizes?.has(n));
  if (free.length < 2) return first;
  const given = free.map((n) => first.sizes[n]!);
  const swapped = new Map(opts.sizes ?? []);
  free.forEach((n, i) => swapped.set(n, given[given.length - 1 - i]!));
  const second = verifyAt(swapped);
  return second.passed ? second : first;

  function verifyAt(sizes: ReadonlyMap<string, number>): VerifyReport {
    const inst = instantiate(exprs, { seed: opts.seed ?? DEFAULT_SEED, sizes, symmetric });
    const common = { instance: inst, symmetric, method: opts.method ?? 'auto' };
    const checks: Array<{ wrt: string; kind: string; r: CheckResult }> = [];
    const gradients = d.derivatives.filter((k) => k.kind === 'gradient');
    if (gradients.length > 0) checks.push({ wrt: gradients.map((g) => g.wrt).join(', '), kind: 'gradient', r: checkGradient(root, gradients.map((g) => ({ wrt: g.wrt, expr: g.expr })), common) });
    for (const k of d.derivatives.filter((k) => k.kind === 'jacobian')) checks.push({ wrt: k.wrt, kind: 'Jacobian', r: checkJacobian(root, k.wrt, k.expr, common) });
    if (grads.length > 0) checks.push({ wrt: grads.map((g) => g.wrt).join(', '), kind: 'gradient', r: checkGradient(root, grads.map((g) => ({ wrt: g.wrt, expr: g.expr })), common) });
    for (const k of hessians) checks.push({ wrt: k.wrt, kind: 'Hessian', r: checkJacobian(grads.find((g) => g.wrt === k.wrt)!.expr, k.wrt, k.expr, common) });
    const bad = checks.find((c) => !c.r.passed);
    const maxRelError = Math.max(0, ...checks.map((c) => c.r.maxRelError));
    const method = checks.some((c) => c.r.method === 'directional') ? 'directional' : 'element-wise';
    const worst = checks.reduce((w, c) => (w && w.r.maxRelError >= c.r.maxRelError ? w : c), undefined as (typeof checks)[number] | undefined);
    const report: VerifyReport = {
      passed: !bad && checks.length > 0,
      maxRelError,
      sizes: Object.fromEntries(inst.sizes),
      seed: inst.seed,
      method: `central differences, ${method}`,
      summary: worst ? describeCheck({ ...worst.r, maxRelError, method }) : 'nothing to verify',
      setting: checkSetting({ sizes: inst.sizes, seed: inst.seed, method, skipped: checks.reduce((s, c) => s + c.r.skipped, 0) }),
      checks: checks.map((c) => c.r),
    };
    if (bad) {
      const w = bad.r.worst;
      const at = w?.entry ? ` at entry (${w.entry[0] + 1}, ${w.entry[1] + 1})` : w ? ' along a random direction' : '';
      const message = bad.r.message ?? `the ${bad.kind} by ${w?.wrt ?? bad.wrt} disagrees with finite differences${at}: finite differences ${fmt(w?.fd)}, derived ${fmt(w?.claimed)} (relative error ${bad.r.maxRelError.toExponential(1)} > ${bad.r.rtol})`;
      // The variable that failed (a gradient check covers several).
      report.failure = { wrt: w?.wrt ?? bad.wrt, kind: bad.kind, message };
    }
    return report;
  }
}

function fmt(x: number | undefined): string {
  return x === undefined ? '?' : Number(x.toPrecision(6)).toString();
}

/** The text line `verified: … ✓` or `verification FAILED: …`. */
export function verifyLine(r: VerifyReport): string {
  if (r.passed) return `verified: ${r.summary} ✓`;
  return `verification FAILED: ${r.failure?.message ?? r.summary} ${r.setting} ✗`;
}

/** The `"verify"` member of `--format json`. */
export function verifyJson(r: VerifyReport) {
  const out: Record<string, unknown> = {
    passed: r.passed,
    maxRelError: Number.isFinite(r.maxRelError) ? r.maxRelError : null,
    sizes: r.sizes,
    seed: r.seed,
    method: r.method,
  };
  if (r.failure) out.failure = r.failure.message;
  return out;
}
