// Shared pieces of the verification tests: analyse + derive + check in one call.
import assert from 'node:assert/strict';
import { analyze, type Analysis } from '../../src/expr/analyze.js';
import { deriveAll, type Derivation } from '../../src/calculus/derive.js';
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
