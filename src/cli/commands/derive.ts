// `shapegrad derive EXPR --wrt VAR…`: closed-form derivatives with named intermediates.
import type { CommandModule } from 'yargs';
import { chalkFor } from '../io.js';
import { assertAssumptionsUsed, declarationsFrom, expressionArg, finish, shapeOptions } from '../command-kit.js';
import type { ChalkInstance } from 'chalk';
import { analyze, type Declarations } from '../../expr/analyze.js';
import { printExpr } from '../../expr/print.js';
import { formatShape } from '../../shape/dim.js';
import { deriveAll, DeriveError, type Derivation, type Derivative } from '../../calculus/derive.js';
import { EXIT_OK, EXIT_PROBLEMS, UsageError } from '../io.js';
import { renderExprDiagnostics } from '../../report/expression.js';
import { diagnosticJson, variablesJson } from '../json.js';
import type { Expr } from '../../expr/expr.js';
import { chainSteps, naiveChainNote } from '../../explain/steps.js';
import { DERIVATION_FORMATS, derivativeLatexLabel, exprToLatex, formatDerivation, type DerivationFormat } from '../../print/index.js';
import { SizesError, verifyDerivation, verifyJson, verifyLine, type VerifyOptions, type VerifyReport } from '../../numeric/verify.js';
import { parseSizesFlags } from '../declarations.js';

export interface DeriveCliOptions {
  wrt: string[];
  hessian: boolean;
  unicode: boolean;
  steps?: boolean;
  format: string;
  /** --verify[=full|directional]: check the derivatives numerically. */
  verify?: VerifyOptions;
}

export function runDerive(text: string, decl: Declarations, o: DeriveCliOptions, c: ChalkInstance): { output: string; code: number } {
  const a = analyze(text, decl);
  assertAssumptionsUsed(a);
  if (!a.ok) {
    if (o.format === 'json') {
      return { output: JSON.stringify({ ok: false, shape: null, variables: variablesJson(a), gradients: [], diagnostics: a.diagnostics.map(diagnosticJson) }, null, 2), code: EXIT_PROBLEMS };
    }
    return { output: renderExprDiagnostics(text, a.diagnostics, c).trimEnd(), code: EXIT_PROBLEMS };
  }
  let d: Derivation;
  try {
    d = deriveAll(a, { wrt: o.wrt, hessian: o.hessian, unicode: o.unicode });
  } catch (e) {
    if (e instanceof DeriveError) throw new UsageError(e.message);
    throw e;
  }
  const warnings = a.diagnostics.length > 0 ? `${renderExprDiagnostics(text, a.diagnostics, c).trimEnd()}\n\n` : '';
  let v: VerifyReport | undefined;
  try {
    v = o.verify ? verifyDerivation(a, d, o.verify) : undefined;
  } catch (e) {
    if (e instanceof SizesError) throw new UsageError(e.message);
    throw e;
  }
  const code = v && !v.passed ? EXIT_PROBLEMS : EXIT_OK;
  if (o.format === 'json') return { output: JSON.stringify({ ...derivationJson(a, d), ...(v ? { ok: v.passed, verify: verifyJson(v) } : {}) }, null, 2), code };
  if (isDerivationFormat(o.format)) {
    // Code and LaTeX go to stdout alone (to be redirected to a file); a failed check still says so.
    if (v && !v.passed) process.stderr.write(`${verifyLine(v)}\n`);
    return { output: formatDerivation(o.format, a.expr!, d, a.elaborated!.variables), code };
  }
  let out = warnings + derivationText(a.expr!, d, o.unicode, c);
  if (v) out += `\n${v.passed ? c.green(verifyLine(v)) : c.red(verifyLine(v))}`;
  if (o.steps) out += `\n\n${stepsText(a, d, o.unicode, c)}`;
  return { output: out, code };
}

function stepsText(a: ReturnType<typeof analyze>, d: Derivation, unicode: boolean, c: ChalkInstance): string {
  const out: string[] = [];
  for (const k of d.derivatives) {
    if (k.kind !== 'gradient') continue;
    const steps = chainSteps(a, k.wrt, d.bindings, unicode);
    out.push(c.bold(`Chain rule for dE/d${k.wrt}, from E back to ${k.wrt}:`));
    const w = Math.max(...steps.map((s) => s.node.length));
    steps.forEach((s, i) => {
      out.push(`  ${String(i + 1).padStart(2)}. dE/d${s.node.padEnd(w)} = ${s.gradient}  ${c.cyan(s.nodeShape)}`);
      out.push(`      ${c.dim('via')} ${s.via}`);
      if (s.why) out.push(`      ${c.dim('why')} ${s.why}`);
    });
    out.push(c.dim(naiveChainNote(steps, k.wrt, unicode)));
    out.push('');
  }
  return out.join('\n').trimEnd();
}

export function namesOf(d: Derivation): Map<number, string> {
  return new Map(d.bindings.map((b) => [b.expr.id, b.name]));
}

/** The notation of a derivative: dE/dW, J = d f/dx, H = d²E/dx². */
export function derivativeLabel(k: Derivative, unicode: boolean): string {
  if (k.kind === 'hessian') return unicode ? `d²E/d${k.wrt}²` : `d2E/d${k.wrt}2`;
  if (k.kind === 'jacobian') return `df/d${k.wrt}`;
  return `dE/d${k.wrt}`;
}

export function derivationText(root: Expr, d: Derivation, unicode: boolean, c: ChalkInstance): string {
  const names = namesOf(d);
  const p = (e: Expr, self?: boolean) => printExpr(e, { unicode, names: self ? new Map([...names].filter(([id]) => id !== e.id)) : names });
  const rows: Array<[string, string, string, string]> = [];
  rows.push([root.rows === 1 && root.cols === 1 ? 'E' : 'f', printExpr(root, { unicode }), formatShape([root.rows, root.cols]), '']);
  for (const b of d.bindings) rows.push([b.name, p(b.expr, true), formatShape([b.expr.rows, b.expr.cols]), '']);
  for (const k of d.derivatives) {
    const ok = k.kind === 'gradient' ? (k.shape[0] === k.variableShape[0] && k.shape[1] === k.variableShape[1] ? ' ✓' : ' ✗') : '';
    const note = k.kind === 'gradient' ? `${k.wrt} is ${formatShape(k.variableShape)}${ok}` : k.kind === 'jacobian' ? 'numerator layout' : 'Hessian (symmetric)';
    rows.push([derivativeLabel(k, unicode), p(k.expr), formatShape(k.shape), note]);
  }
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.min(70, Math.max(...rows.map((r) => r[1].length)));
  const line = (r: [string, string, string, string], bold: boolean) => {
    const lhs = r[0].padStart(w0);
    const rhs = r[1].length > w1 ? r[1] : r[1].padEnd(w1);
    return `${bold ? c.bold(lhs) : lhs} = ${rhs}  ${c.cyan(r[2])}${r[3] ? `  ${c.dim(r[3])}` : ''}`;
  };
  const out: string[] = [];
  out.push(line(rows[0]!, false));
  if (d.bindings.length > 0) {
    out.push(c.dim('where'));
    for (const r of rows.slice(1, 1 + d.bindings.length)) out.push(line(r, false));
  }
  out.push('');
  for (const r of rows.slice(1 + d.bindings.length)) out.push(line(r, true));
  const kinds = new Set(d.derivatives.map((k) => k.kind));
  if (kinds.has('gradient')) out.push(c.dim('Layout: denominator — the gradient dE/dX has the shape of X.'));
  if (kinds.has('jacobian')) out.push(c.dim('Layout: numerator — the Jacobian df/dx is [rows(f) × rows(x)].'));
  return out.join('\n');
}

export function derivationJson(a: ReturnType<typeof analyze>, d: Derivation) {
  const names = namesOf(d);
  const root = a.expr!;
  return {
    ok: true,
    shape: [root.rows, root.cols],
    variables: variablesJson(a),
    gradients: d.derivatives.map((k) => {
      const used = usedBindings(k.expr, d);
      return {
        wrt: k.wrt,
        kind: k.kind,
        shape: k.shape,
        expression: printExpr(k.expr),
        bindings: used.map((b) => ({ name: b.name, expression: printExpr(b.expr, { names: new Map([...names].filter(([id]) => id !== b.expr.id)) }), shape: [b.expr.rows, b.expr.cols] })),
        result: printExpr(k.expr, { names }),
        latex: `${derivativeLatexLabel(k)} = ${exprToLatex(k.expr, { names })}`,
      };
    }),
    diagnostics: a.diagnostics.map(diagnosticJson),
  };
}

/** The bindings a derivative refers to, directly or through other bindings, in order. */
export function usedBindings(e: Expr, d: Derivation) {
  const ids = new Set<number>();
  const stack = [e];
  const named = new Set(d.bindings.map((b) => b.expr.id));
  const seen = new Set<number>();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    if (named.has(n.id) && n !== e) ids.add(n.id);
    stack.push(...n.args);
  }
  return d.bindings.filter((b) => ids.has(b.expr.id));
}

export const deriveCommand: CommandModule<{ color?: boolean; unicode: boolean }, any> = {
  command: 'derive <expr>',
  describe: 'derive the gradient (or Jacobian, Hessian) of an expression in closed form',
  builder: (y) =>
    shapeOptions(y.positional('expr', { type: 'string', demandOption: true, describe: 'the expression' }))
      .option('wrt', { type: 'string', array: true, demandOption: true, requiresArg: true, describe: 'the variable to differentiate by (repeatable)' })
      .option('steps', { type: 'boolean', default: false, describe: 'explain the chain rule step by step, with shapes' })
      .option('hessian', { type: 'boolean', default: false, describe: 'the Hessian of a scalar by a vector variable' })
      .option('format', { choices: ['text', 'json', 'latex', 'numpy', 'ts'] as const, default: 'text' as const })
      .option('verify', { type: 'string', describe: 'check the result numerically by finite differences (--verify=full: every entry; =directional: random directions)' })
      .option('seed', { type: 'string', describe: 'seed of the random test values of --verify (default 1)', requiresArg: true })
      .option('sizes', { type: 'string', array: true, describe: 'sizes of symbolic dims for --verify: m=3,n=4 (default 2, 3, 4, …)', requiresArg: true }),
  handler: async (args) => {
    const opts: DeriveCliOptions = { wrt: (args.wrt as unknown[]).map(String), hessian: !!args.hessian, steps: !!args.steps, unicode: !!args.unicode, format: String(args.format) };
    if (args.verify !== undefined) opts.verify = verifyOptions(args);
    const r = runDerive(await expressionArg(args.expr), declarationsFrom(args), opts, chalkFor(args));
    finish(r.output, r.code);
  },
};

/** --verify[=full|directional|auto], --seed N, --sizes m=3,n=4. */
export function verifyOptions(args: Record<string, unknown>): VerifyOptions {
  const m = String(args.verify ?? '');
  if (!['', 'auto', 'full', 'directional'].includes(m)) throw new UsageError(`--verify takes no value or =full or =directional, got '${m}' (write --verify after the expression)`);
  const seed = args.seed === undefined ? undefined : /^-?[0-9]+$/.test(String(args.seed)) ? Number(args.seed) : NaN;
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed expects an integer, got '${String(args.seed)}'`);
  const out: VerifyOptions = { method: m === '' ? 'auto' : (m as VerifyOptions['method']), sizes: parseSizesFlags(Array.isArray(args.sizes) ? args.sizes.map(String) : undefined) };
  if (seed !== undefined) out.seed = seed;
  return out;
}

function isDerivationFormat(f: string): f is DerivationFormat {
  return (DERIVATION_FORMATS as readonly string[]).includes(f);
}
