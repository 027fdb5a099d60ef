// `shapegrad check EXPR --wrt W --claim "…"`: judge one claimed gradient.
// `shapegrad check FILE|DIR…`: check every statement of .grad derivation files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CommandModule } from 'yargs';
import type { ChalkInstance } from 'chalk';
import { chalkFor, EXIT_OK, EXIT_PROBLEMS, UsageError } from '../io.js';
import { assertAssumptionsUsed, unprotect, declarationsFrom, finish, shapeOptions } from '../command-kit.js';
import { parseSizesFlags } from '../declarations.js';
import { analyze, type Declarations } from '../../expr/analyze.js';
import { judgeClaim, type ClaimJudgement, type JudgeOptions } from '../../explain/check.js';
import { checkGradFile, type GradFileResult } from '../../explain/grad-file.js';
import { renderExprDiagnostics } from '../../report/expression.js';
import { diagnosticJson } from '../json.js';
import { formatResults, isReporterName, type ReporterName } from '../../report/index.js';

export interface CheckCliOptions extends JudgeOptions {
  wrt: string;
  format: string;
}

/** Judge one claim about one expression (the shared core of the CLI and the library API). */
export function judge(text: string, claim: string, decl: Declarations, o: JudgeOptions & { wrt: string }): { a: ReturnType<typeof analyze>; j: ClaimJudgement } {
  const a = analyze(text, decl);
  assertAssumptionsUsed(a);
  if (!a.ok) return { a, j: { verdict: 'invalid', diagnostics: a.diagnostics, suggestions: [] } };
  if (!a.elaborated!.variables.has(o.wrt)) {
    throw new UsageError(`--wrt ${o.wrt}: '${o.wrt}' does not appear in the expression (its variables: ${[...a.elaborated!.variables.keys()].join(', ') || 'none'})`);
  }
  return { a, j: judgeClaim({ decl, defs: [], root: text, wrt: o.wrt }, claim, o) };
}

/** The `check --format json` object (docs/json.md). */
export function judgementJson(j: ClaimJudgement) {
  const out: Record<string, unknown> = {
    ok: j.verdict === 'correct',
    verdict: j.verdict,
    expectedShape: j.expectedShape ?? null,
    diagnostics: j.diagnostics.map(diagnosticJson),
    suggestions: j.suggestions,
  };
  if (j.check) out.verify = { passed: j.check.passed, maxRelError: Number.isFinite(j.check.maxRelError) ? j.check.maxRelError : null, sizes: Object.fromEntries(j.check.sizes), seed: j.check.seed, method: `central differences, ${j.check.method}` };
  return out;
}

/** One expression and one claim. */
export function runCheckClaim(text: string, claim: string, decl: Declarations, o: CheckCliOptions, c: ChalkInstance): { output: string; code: number } {
  const { a, j } = judge(text, claim, decl, o);
  const code = j.verdict === 'correct' ? EXIT_OK : EXIT_PROBLEMS;
  if (o.format === 'json') return { output: JSON.stringify(judgementJson(j), null, 2), code };
  const lines: string[] = [];
  const dW = `dE/d${o.wrt}`;
  if (j.verdict === 'correct') {
    const r = j.check!;
    const sizes = [...r.sizes].map(([k, v]) => `${k}=${v}`).join(', ');
    lines.push(c.green(`✓ correct: ${dW} = ${claim}`));
    lines.push(c.dim(`  verified: max relative error ${r.maxRelError.toExponential(1)} (${sizes ? `sizes ${sizes}; ` : ''}seed ${r.seed}; central differences, ${r.method})`));
    return { output: lines.join('\n'), code };
  }
  const head = j.verdict === 'invalid' ? 'invalid' : j.verdict === 'wrong-shape' ? `wrong shape: ${dW} must be ${j.expectedShape}, the shape of ${o.wrt}` : `wrong value: the claim is not ${dW}`;
  lines.push(c.red(`✗ ${head}`), '');
  const source = a.ok ? claim : text;
  lines.push(renderExprDiagnostics(source, j.diagnostics, c, a.ok ? 'claim' : 'expression').trimEnd());
  if (j.suggestions.length > 0) {
    lines.push('', c.bold('suggestions (each verified numerically):'));
    for (const s of j.suggestions) lines.push(`  ${c.green(s.expression)}`, `      ${c.dim(s.explanation)} ✓`);
  } else if (j.verdict !== 'invalid') {
    lines.push('', c.dim('no single usual slip explains the difference; `shapegrad derive` gives the gradient'));
  }
  return { output: lines.join('\n'), code };
}

/** The .grad files named by the arguments (directories are searched recursively). */
export function gradFiles(targets: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string, explicit: boolean) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) if (e !== 'node_modules' && !e.startsWith('.')) walk(join(p, e), false);
    } else if (explicit || p.endsWith('.grad')) out.push(p);
  };
  for (const t of targets) walk(t, true);
  return out;
}

export function runCheckFiles(targets: readonly string[], o: { format: string } & JudgeOptions, c: ChalkInstance, cwd = process.cwd()): { output: string; code: number } {
  const files = gradFiles(targets);
  if (files.length === 0) throw new UsageError(`no .grad files in ${targets.join(', ')}`);
  const results: GradFileResult[] = files.map((f) => checkGradFile(readFileSync(f, 'utf8'), relative(cwd, f).split('\\').join('/'), o));
  const format: ReporterName = o.format === 'text' ? 'stylish' : (o.format as ReporterName);
  const problems = results.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
  let output = formatResults(format, results, { color: c, cwd });
  if (format === 'stylish') {
    const claims = results.flatMap((r) => r.claims);
    const right = claims.filter((k) => k.verdict === 'correct').length;
    const summary = `${files.length} file${files.length === 1 ? '' : 's'}, ${claims.length} claim${claims.length === 1 ? '' : 's'}: ${right} verified correct${claims.length > right ? `, ${claims.length - right} wrong or invalid` : ''}`;
    output = output ? `${output}\n\n${summary}` : c.green(`✓ ${summary}`);
  }
  return { output, code: problems ? EXIT_PROBLEMS : EXIT_OK };
}

export const checkCommand: CommandModule<{ color?: boolean; unicode: boolean }, any> = {
  command: 'check <targets..>',
  describe: 'check a claimed gradient (EXPR --wrt W --claim "…"), or every claim of .grad files',
  builder: (y) =>
    shapeOptions(y.positional('targets', { type: 'string', array: true, demandOption: true, describe: 'an expression (with --claim), or .grad files and directories' }))
      .option('wrt', { type: 'string', requiresArg: true, describe: 'the variable of the claimed gradient (with --claim)' })
      .option('claim', { type: 'string', requiresArg: true, describe: 'the claimed gradient dE/dW' })
      .option('format', { choices: ['text', 'stylish', 'compact', 'json', 'sarif', 'github'] as const, default: 'text' as const })
      .option('seed', { type: 'string', requiresArg: true, describe: 'seed of the random test values (default 1)' })
      .option('sizes', { type: 'string', array: true, requiresArg: true, describe: 'sizes of symbolic dims: m=3,n=4 (default 2, 3, 4, …)' }),
  handler: (args) => {
    const targets = (args.targets as unknown[]).map(String);
    const format = String(args.format);
    const seed = args.seed === undefined ? undefined : /^-?[0-9]+$/.test(String(args.seed)) ? Number(args.seed) : NaN;
    if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed expects an integer, got '${String(args.seed)}'`);
    const judge: JudgeOptions = { sizes: parseSizesFlags(Array.isArray(args.sizes) ? args.sizes.map(String) : undefined) };
    if (seed !== undefined) judge.seed = seed;
    const c = chalkFor(args);
    if (args.claim !== undefined) {
      if (targets.length !== 1) throw new UsageError('with --claim, give exactly one expression');
      if (args.wrt === undefined) throw new UsageError('--claim needs --wrt: the variable the claim is the gradient by');
      if (format !== 'text' && format !== 'json') throw new UsageError(`--format ${format} is for .grad files; a single claim prints text or json`);
      const r = runCheckClaim(unprotect(targets[0]!), unprotect(String(args.claim)), declarationsFrom(args), { ...judge, wrt: String(args.wrt), format }, c);
      finish(r.output, r.code);
      return;
    }
    if (args.wrt !== undefined) throw new UsageError('--wrt needs --claim (or check .grad files without --wrt)');
    if (format !== 'text' && !isReporterName(format)) throw new UsageError(`unknown format ${format}`);
    const r = runCheckFiles(targets, { ...judge, format }, c);
    finish(r.output, r.code);
  },
};
