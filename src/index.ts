// The library API: the same power as the CLI, typed. See docs/api.md.
import { analyze, type Declarations } from './expr/analyze.js';
import { deriveAll } from './calculus/derive.js';
import { shapesJson } from './cli/commands/shapes.js';
import { derivationJson } from './cli/commands/derive.js';
import { judge, judgementJson } from './cli/commands/check.js';
import { checkGradFile } from './explain/grad-file.js';
import type { Dim } from './shape/dim.js';

export type { Diagnostic, Span, Fix, Severity } from './report/diagnostic.js';
export type { Dim, Shape } from './shape/dim.js';
export type { Expr } from './expr/expr.js';
export { analyze } from './expr/analyze.js';
export { printExpr } from './expr/print.js';
export { deriveAll } from './calculus/derive.js';
export { formatResults, reporterNames } from './report/index.js';
export { lint, lintSource, ruleMetas } from './lint/index.js';
export type { LintOptions, FileResult, RuleMeta } from './lint/index.js';

export interface ExpressionOptions {
  /** Declared shapes: `{ W: ['m', 'n'], h: ['n'], a: [] }`. */
  shapes?: Record<string, readonly Dim[]>;
  /** Variables whose test values are symmetric. */
  symmetric?: string[];
}

function declarations(o: ExpressionOptions): Declarations {
  return { shapes: o.shapes ?? {}, symmetric: o.symmetric ?? [] };
}

/** Shape of every variable and the whole expression, with diagnostics: the `shapes --format json` object. */
export function shapes(expression: string, options: ExpressionOptions = {}) {
  return shapesJson(analyze(expression, declarations(options)));
}

/** Closed-form derivatives: the `derive --format json` object. Throws on a bad `wrt`. */
export function derive(expression: string, options: ExpressionOptions & { wrt: string[]; hessian?: boolean }) {
  const a = analyze(expression, declarations(options));
  if (!a.ok) return { ...shapesJson(a), gradients: [] };
  return derivationJson(a, deriveAll(a, { wrt: options.wrt, hessian: !!options.hessian }));
}

/** A verdict on a hand-derived gradient: the `check --format json` object. */
export function check(expression: string, options: ExpressionOptions & { wrt: string; claim: string; seed?: number }) {
  const o: { wrt: string; seed?: number } = { wrt: options.wrt };
  if (options.seed !== undefined) o.seed = options.seed;
  return judgementJson(judge(expression, options.claim, declarations(options), o).j);
}

/** Check a `.grad` derivation file's text: every statement, every claim numerically. */
export function checkDerivationFile(source: string, filePath = 'derivation.grad') {
  return checkGradFile(source, filePath);
}
