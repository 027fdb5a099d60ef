// Shared pieces of the verification tests: analyse + derive + check in one call.
import assert from 'node:assert/strict';
import { analyze, type Analysis } from '../../src/expr/analyze.js';
import { deriveAll, type Derivation, type Derivative } from '../../src/calculus/derive.js';
import { Evaluator } from '../../src/numeric/evaluate.js';
import type { Instance } from '../../src/numeric/instantiate.js';
import type { Expr } from '../../src/expr/expr.js';
import { checkGradient, type CheckOptions, type CheckResult } from '../../src/numeric/gradcheck.js';
import { printExpr } from '../../src/expr/print.js';
import type { Dim } from '../../src/shape/dim.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** Run the built CLI; colour off. */
export function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

export type Shapes = Record<string, Dim[]>;

export interface Derived {
  a: Analysis;
  d: Derivation;
  check: CheckResult;
}

/**
 * The usual slips applied to each derived gradient, evaluated at `inst`: a constant factor off
 * (×1.01), the sign, and for a square gradient that is not symmetric the transpose. A gradient
 * that is (numerically) zero has no wrong factor or sign, and one far below the rounding noise of
 * the largest intermediate value cannot be resolved by differences: those are left out.
 */
export function gradientMutations(x: Derived, inst: Instance): Array<{ derivative: Derivative; wrong: Expr[] }> {
  const b = x.a.elaborated!.builder;
  let magnitude = 0;
  for (const v of new Evaluator([x.a.expr!]).run({ ...inst.env })) for (const t of v.data) if (Number.isFinite(t)) magnitude = Math.max(magnitude, Math.abs(t));
  const out: Array<{ derivative: Derivative; wrong: Expr[] }> = [];
  for (const k of x.d.derivatives) {
    const ev = new Evaluator([k.expr]);
    const gv = ev.valueOf(ev.run({ ...inst.env }), k.expr);
    let size = 0;
    for (const v of gv.data) size = Math.max(size, Math.abs(v));
    if (size < 1e-6 || size < 1e-4 * magnitude) continue;
    const wrong: Expr[] = [b.make('scale', [b.num(1.01), k.expr]), b.make('neg', [k.expr])];
    if (k.expr.rows === k.expr.cols && k.expr.rows !== 1) {
      let asym = 0;
      const n = gv.rows;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) asym = Math.max(asym, Math.abs(gv.data[i * n + j]! - gv.data[j * n + i]!));
      if (asym > 1e-3 * size) wrong.push(b.make('transpose', [k.expr]));
    }
    out.push({ derivative: k, wrong });
  }
  return out;
}

export function analyzed(text: string, shapes: Shapes = {}, symmetric: string[] = []): Analysis {
  const a = analyze(text, { shapes, symmetric });
  assert.ok(a.ok, `${text}: ${a.diagnostics.map((d) => d.message).join('; ')}`);
  return a;
}

/** Derive `text` by `wrt` and check the gradients numerically. */
export function deriveChecked(text: string, shapes: Shapes, wrt: string[], opts: CheckOptions & { symmetric?: string[] } = {}): Derived {
  const a = analyzed(text, shapes, opts.symmetric ?? []);
  const d = deriveAll(a, { wrt });
  const check = checkGradient(a.expr!, d.derivatives.map((k) => ({ wrt: k.wrt, expr: k.expr })), { ...opts, symmetric: opts.symmetric ?? [] });
  return { a, d, check };
}

export function explain(x: Derived): string {
  const w = x.check.worst;
  return `${x.a.text}: ${x.d.derivatives.map((k) => `d/d${k.wrt} = ${printExpr(k.expr)}`).join('; ')} — max rel ${x.check.maxRelError}` +
    (w ? ` worst ${w.wrt}${w.entry ? `(${w.entry})` : ''}: fd ${w.fd} vs ${w.claimed}` : '') + (x.check.message ? ` (${x.check.message})` : '');
}
