// Judging a claimed derivative dE/dW = CLAIM: correct, wrong-shape, wrong-value or invalid —
// and, when it is wrong, which of the usual slips explains it. A suggestion is only shown after
// it was checked twice: it has W's shape, and it passes the finite-difference check.

import { formatShape } from '../shape/dim.js';
import { parse } from '../expr/parser.js';
import { printExpr } from '../expr/print.js';
import type { DimValue, Expr } from '../expr/expr.js';
import type { Diagnostic } from '../report/diagnostic.js';
import { LineMap } from '../report/diagnostic.js';
import { Algebra } from '../calculus/algebra.js';
import { backward } from '../calculus/reverse.js';
import { simplifyAll } from '../calculus/rewrite.js';
import { evaluate } from '../numeric/evaluate.js';
import { agrees, checkGradient, numericGradient, type CheckResult } from '../numeric/gradcheck.js';
import { instantiate, type Instance } from '../numeric/instantiate.js';
import type { Mat } from '../numeric/kernels/index.js';
import { activationsIn, candidates, countsIn, type Activation, type Candidate } from './candidates.js';
import { cutAt, elaborateClaim, type ClaimContext, type ClaimElaboration } from './claim-context.js';

export type Verdict = 'correct' | 'wrong-shape' | 'wrong-value' | 'invalid';

export interface Suggestion {
  expression: string;
  explanation: string;
  verified: true;
}

export interface ClaimJudgement {
  verdict: Verdict;
  /** Problems with the claim; spans relative to the claim text. */
  diagnostics: Diagnostic[];
  suggestions: Suggestion[];
  /** W's shape, formatted ([m×n]). */
  expectedShape?: string;
  /** The numeric check of the claim (when it had the right shape). */
  check?: CheckResult;
}

export interface JudgeOptions {
  seed?: number;
  sizes?: ReadonlyMap<string, number>;
  /** At most this many suggestions (default 3). */
  maxSuggestions?: number;
}

function claimSpan(claim: string, start = 0, end = claim.length) {
  return new LineMap(claim).span(start, end);
}

const MAX_REFERENCE = 3000;

/** Everything the numeric side needs, computed once per claim and shared by all candidates. */
interface Numeric {
  inst: Instance;
  /** E as a function of W (cut at W when W is an intermediate). */
  f: Expr;
  ref: { value: Mat; atol: number; ok: boolean };
  symmetric: string[];
}

function numericSetup(e: ClaimElaboration, ctx: ClaimContext, extra: Expr[], opts: JudgeOptions): Numeric {
  // Declared symmetric with --assume even when its shape was not declared (then elaboration does
  // not record it): the test values are symmetric either way.
  const symmetric = [...new Set([...[...e.elaborated.variables].filter(([, v]) => v.symmetric).map(([n]) => n), ...(ctx.decl.symmetric ?? [])])];
  const base = instantiate([e.root!, ...extra], { seed: opts.seed ?? 1, sizes: opts.sizes ?? new Map(), symmetric });
  let inst = base;
  let f = e.root!;
  if (e.wrtIsDefinition) {
    // dE/dz for an intermediate z: E with z made an input, evaluated where z has its value.
    f = cutAt(e.elaborated.builder, e.root!, e.wrtNode!, ctx.wrt);
    const z = evaluate(e.wrtNode!, base.env);
    inst = { ...base, env: { ...base.env, values: new Map([...base.env.values, [ctx.wrt, z]]) } };
  }
  // The element-wise reference costs 4 evaluations per entry: above MAX_REFERENCE entries each
  // candidate is checked by random directions instead.
  const entries = inst.env.values.get(ctx.wrt)?.data.length ?? 0;
  const ref = entries <= MAX_REFERENCE ? numericGradient(f, ctx.wrt, inst) : { value: inst.env.values.get(ctx.wrt)!, atol: 0, ok: false };
  return { inst, f, ref, symmetric };
}

/** The numeric setup again with every free dim one larger (user-given sizes kept) and another seed. */
function secondPoint(baseline: ClaimElaboration, ctx: ClaimContext, n: Numeric, opts: JudgeOptions): Numeric | undefined {
  const sizes = new Map<string, number>();
  for (const [d, v] of n.inst.sizes) sizes.set(d, opts.sizes?.get(d) ?? v + 1);
  try {
    return numericSetup(baseline, ctx, [], { ...opts, seed: (opts.seed ?? 1) + 7919, sizes });
  } catch {
    return undefined;
  }
}

/** The engine's own derivative of E by W (a last-resort suggestion), or undefined. */
function derived(e: ClaimElaboration, n: Numeric, ctx: ClaimContext): Expr | undefined {
  try {
    const b = e.elaborated.builder;
    const alg = new Algebra(b, new Set(n.symmetric));
    const w = b.variable(ctx.wrt, e.wrtShape![0], e.wrtShape![1]);
    const g = backward(alg, n.f, [w]).gradient(w);
    return simplifyAll(alg, [g])[0];
  } catch {
    return undefined;
  }
}

/** Shapes of the variables agree (a candidate must not force a dim to change). */
function sameVariables(a: ClaimElaboration, b: ClaimElaboration): boolean {
  for (const [name, s] of a.variables) {
    const t = b.variables.get(name);
    if (t && (t[0] !== s[0] || t[1] !== s[1])) return false;
  }
  return true;
}

function shapeOf(s: readonly [DimValue, DimValue]): string {
  return formatShape([s[0], s[1]]);
}

export function judgeClaim(ctx: ClaimContext, claim: string, opts: JudgeOptions = {}): ClaimJudgement {
  const baseline = elaborateClaim(ctx);
  if (!baseline.contextOk) {
    return { verdict: 'invalid', diagnostics: [{ severity: 'error', ruleId: 'invalid-context', message: baseline.contextProblem ?? 'the function has errors', span: claimSpan(claim) }], suggestions: [] };
  }
  const e = elaborateClaim(ctx, claim);
  const expectedShape = shapeOf(baseline.wrtShape!);
  const label = `d${/^[\p{L}_][\p{L}\p{N}_]*$/u.test(ctx.root) ? ctx.root : 'E'}/d${ctx.wrt}`;
  const diagnostics = [...e.claimDiagnostics];
  if (!e.claimAst) return { verdict: 'invalid', diagnostics, suggestions: [], expectedShape };
  const strangers = [...e.variables.keys()].filter((n) => !baseline.variables.has(n) && n !== ctx.wrt);
  if (strangers.length > 0) {
    diagnostics.push({ severity: 'error', ruleId: 'unknown-name', message: `the claim uses ${strangers.map((n) => `'${n}'`).join(', ')}, which ${strangers.length === 1 ? 'does' : 'do'} not appear in the function`, span: claimSpan(claim) });
    return { verdict: 'invalid', diagnostics, suggestions: [], expectedShape };
  }
  const forced = !sameVariables(baseline, e);
  const shapeBad = diagnostics.some((d) => d.severity === 'error') || !e.claim || forced;
  if (shapeBad && !diagnostics.some((d) => d.severity === 'error')) {
    const why = forced
      ? `the claim only fits if ${[...e.variables].filter(([n, s]) => { const t = baseline.variables.get(n); return t && (t[0] !== s[0] || t[1] !== s[1]); }).map(([n, s]) => `${n} were ${shapeOf(s)} (it is ${shapeOf(baseline.variables.get(n)!)})`).join(' and ')}`
      : `the claim is ${e.claimShape ? shapeOf(e.claimShape) : 'ill-shaped'}, but ${label} must have the shape of ${ctx.wrt}, ${expectedShape}`;
    diagnostics.push({ severity: 'error', ruleId: 'claim-shape', message: why, span: claimSpan(claim) });
  }
  let numeric: Numeric;
  try {
    numeric = numericSetup(baseline, ctx, e.claim && !forced ? [e.claim] : [], opts);
  } catch (err) {
    diagnostics.push({ severity: 'error', ruleId: 'invalid-context', message: `the function cannot be evaluated at the test point: ${(err as Error).message}`, span: claimSpan(claim) });
    return { verdict: 'invalid', diagnostics, suggestions: [], expectedShape };
  }
  const judgement: ClaimJudgement = { verdict: shapeBad ? 'wrong-shape' : 'wrong-value', diagnostics, suggestions: [], expectedShape };
  if (!shapeBad) {
    const check = checkGradient(numeric.f, [{ wrt: ctx.wrt, expr: e.claim! }], { instance: numeric.inst, symmetric: numeric.symmetric });
    judgement.check = check;
    if (check.passed) return { ...judgement, verdict: 'correct' };
    if (check.message && !check.worst && /cannot be evaluated|not finite at the test point \(outside/.test(check.message)) {
      diagnostics.push({ severity: 'error', ruleId: 'invalid-context', message: check.message, span: claimSpan(claim) });
      return { ...judgement, verdict: 'invalid' };
    }
    const w = check.worst;
    const at = w?.entry ? ` at entry (${w.entry[0] + 1}, ${w.entry[1] + 1})` : '';
    diagnostics.push({
      severity: 'error', ruleId: 'wrong-value', span: claimSpan(claim),
      message: check.message ?? `the claim is not ${label}: ${at ? `${at.trim()}, ` : ''}finite differences give ${num(w?.fd)} but the claim gives ${num(w?.claimed)} (relative error ${check.maxRelError.toExponential(1)})`,
    });
  }
  judgement.suggestions = suggest(ctx, claim, e, baseline, numeric, opts);
  return judgement;
}

function num(x: number | undefined): string {
  return x === undefined ? '?' : String(Number(x.toPrecision(6)));
}

/** The activations of E and of its definitions, and the arguments of its means and numels. */
function activations(ctx: ClaimContext): { acts: Activation[]; counts: string[] } {
  const acts: Activation[] = [];
  const counts: string[] = [];
  for (const t of [...ctx.defs.map((d) => d.text), ctx.root]) {
    try {
      const ast = parse(t);
      for (const a of activationsIn(t, ast)) if (!acts.some((b) => b.fn === a.fn && b.arg === a.arg)) acts.push(a);
      for (const c of countsIn(t, ast)) if (!counts.includes(c)) counts.push(c);
    } catch {
      // unparsable definitions were reported where they are
    }
  }
  return { acts, counts };
}

function suggest(ctx: ClaimContext, claim: string, e: ClaimElaboration, baseline: ClaimElaboration, n: Numeric, opts: JudgeOptions): Suggestion[] {
  const max = opts.maxSuggestions ?? 3;
  const wrtDims = new Set(baseline.wrtShape!.filter((d): d is string => typeof d === 'string'));
  const otherDims = [...n.inst.sizes.keys()].filter((d) => !wrtDims.has(d));
  const found0 = activations(ctx);
  const input = { claim, ast: e.claimAst!, activations: found0.acts, counts: found0.counts, wrtShape: baseline.wrtShape!, wrt: ctx.wrt, otherDims, ...(e.claimShape ? { claimShape: e.claimShape } : {}) };
  const first = candidates(input);
  const found: Array<{ c: Candidate; expr: Expr; names: Map<number, string> }> = [];
  const tryOne = (c: Candidate): boolean => {
    const x = elaborateClaim(ctx, c.text);
    if (!x.claim || !sameVariables(baseline, x)) return false;
    let value: Mat;
    try {
      value = evaluate(x.claim, n.inst.env);
    } catch {
      return false;
    }
    const sym = n.symmetric.includes(ctx.wrt);
    const ok = sym || !n.ref.ok ? checkGradient(n.f, [{ wrt: ctx.wrt, expr: x.claim }], { instance: n.inst, symmetric: n.symmetric }).passed : agrees(value, n.ref).ok;
    // Definitions print by name, so a fix reads like the user's derivation.
    const names = new Map<number, string>();
    for (const d of ctx.defs) {
      const node = x.elaborated.definition(d.name);
      if (node && node.op !== 'var') names.set(node.id, d.name);
    }
    if (ok && !found.some((f) => printExpr(f.expr) === printExpr(x.claim!))) found.push({ c, expr: x.claim, names });
    return ok;
  };
  // A few more than shown are collected, so the simplest (shortest) ones can be picked.
  const pool = max * 3;
  for (const c of first) {
    tryOne(c);
    if (found.length >= pool) break;
  }
  // Two slips at once: a constant factor or sign on top of each shape-fixing or structural edit.
  if (found.length === 0) {
    for (const c of first.filter((c) => c.kind !== 'factor' && c.kind !== 'sign')) {
      const x = elaborateClaim(ctx, c.text);
      if (!x.claim || !sameVariables(baseline, x)) continue;
      for (const d of candidates({ ...input, claim: c.text, ast: x.claimAst!, claimShape: x.claimShape! }).filter((d) => d.kind === 'factor' || d.kind === 'sign')) {
        if (tryOne({ text: d.text, explanation: `${c.explanation}, and ${d.explanation}`, kind: c.kind })) break;
      }
      if (found.length >= max) break;
    }
  }
  if (found.length === 0) {
    const g = derived(baseline, n, ctx);
    if (g) {
      const text = printExpr(g);
      tryOne({ text, explanation: `no single slip explains it; the derived gradient ${text.length > 60 ? '' : `is ${text}`}`.trim(), kind: 'derived' });
    }
  }
  // Verified a second time by finite differences, on the shown expression itself.
  const out: Suggestion[] = [];
  const ranked = found
    .map((f, i) => ({ f, i, len: display(f.expr, f.names).length }))
    .sort((a, b) => a.len - b.len || a.i - b.i)
    .map((r) => r.f);
  // ... and at a second test point with other sizes and values: a suggestion that only holds
  // because a dim happens to be 2 (a factor 2 mistaken for the batch size) must not pass.
  const again = secondPoint(baseline, ctx, n, opts);
  for (const f of ranked.slice(0, max)) {
    const r = checkGradient(n.f, [{ wrt: ctx.wrt, expr: f.expr }], { instance: n.inst, symmetric: n.symmetric });
    const r2 = again ? checkGradient(again.f, [{ wrt: ctx.wrt, expr: f.expr }], { instance: again.inst, symmetric: again.symmetric }) : r;
    if (r.passed && r2.passed) out.push({ expression: display(f.expr, f.names), explanation: f.c.explanation, verified: true });
  }
  return out;
}

/** ASCII, except σ for sigmoid: the way people write it (and it re-parses). */
export function display(e: Expr, names?: ReadonlyMap<number, string>): string {
  const own = names?.get(e.id);
  if (own !== undefined) return own;
  // X'' is X: a candidate that transposes a transposed factor prints without the pair.
  return printExpr(e, names ? { names } : {}).replace(/\bsigmoid\(/g, 'σ(').replace(/(?<!')''(?!')/g, '');
}

