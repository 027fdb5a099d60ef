// `shapegrad shapes EXPR`: the shape of every sub-expression and of every variable.
import type { CommandModule } from 'yargs';
import { chalkFor } from '../io.js';
import { assertAssumptionsUsed, declarationsFrom, expressionArg, finish, shapeOptions } from '../command-kit.js';
import type { ChalkInstance } from 'chalk';
import { children, type Ast } from '../../expr/ast.js';
import { analyze, type Analysis } from '../../expr/analyze.js';
import { formatShape } from '../../shape/dim.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../io.js';
import { renderExprDiagnostics } from '../../report/expression.js';
import { diagnosticJson, variablesJson } from '../json.js';
import type { Declarations } from '../../expr/analyze.js';

export function runShapes(text: string, decl: Declarations, format: string, c: ChalkInstance): { output: string; code: number } {
  const a = analyze(text, decl);
  assertAssumptionsUsed(a);
  if (format === 'json') return { output: JSON.stringify(shapesJson(a), null, 2), code: a.ok ? EXIT_OK : EXIT_PROBLEMS };
  const out: string[] = [];
  if (a.ast && a.elaborated) {
    out.push(...tree(a, c));
    out.push('', c.bold('variables'));
    const vars = [...a.elaborated.variables];
    const w = Math.max(0, ...vars.map(([n]) => n.length), ...[...a.elaborated.functions.keys()].map((n) => n.length));
    for (const [name, v] of vars) {
      out.push(`  ${name.padEnd(w)}  ${formatShape(v.shape)}${v.declared ? '' : c.dim('  inferred')}`);
    }
    for (const [name, s] of a.elaborated.functions) out.push(`  ${name.padEnd(w)}  ${formatShape(s)} -> [1×1]${c.dim('  abstract function')}`);
    for (const n of a.elaborated.notes) out.push(`${c.cyan('note:')} ${n}`);
  }
  if (a.diagnostics.length > 0) out.push('', renderExprDiagnostics(text, a.diagnostics, c).trimEnd());
  return { output: out.join('\n'), code: a.ok ? EXIT_OK : EXIT_PROBLEMS };
}

export function shapesJson(a: Analysis) {
  const shape = a.ast ? a.elaborated?.shapeOf(a.ast) : undefined;
  return {
    ok: a.ok,
    shape: shape ?? null,
    variables: variablesJson(a),
    notes: a.elaborated?.notes ?? [],
    diagnostics: a.diagnostics.map(diagnosticJson),
  };
}

const MAX_TREE_LINES = 2000;
const MAX_TEXT = 48;
// 12 levels of 3-column indent plus MAX_TEXT fit the 90 columns the shapes are aligned at.
const MAX_TREE_DEPTH = 12;

/** The expression as an aligned tree, each node with its shape; iterative (inputs may be deep). */
function tree(a: Analysis, c: ChalkInstance): string[] {
  const rows: Array<{ prefix: string; text: string; shape: string }> = [];
  const stack: Array<{ node: Ast; prefix: string; childPrefix: string }> = [{ node: a.ast!, prefix: '', childPrefix: '' }];
  let truncated = false;
  while (stack.length > 0) {
    const { node, prefix, childPrefix } = stack.pop()!;
    if (rows.length >= MAX_TREE_LINES) {
      truncated = true;
      break;
    }
    const shown = node.kind === 'paren' ? node.arg : node;
    // Slice only what can be shown: the root of a 1 MB input is 1 MB, and so is its left child.
    let text = a.text.slice(shown.start, Math.min(shown.end, shown.start + 4 * MAX_TEXT)).replace(/\s+/g, ' ');
    if (text.length > MAX_TEXT || shown.end - shown.start > 4 * MAX_TEXT) text = `${text.slice(0, MAX_TEXT - 1)}…`;
    const s = a.elaborated!.shapeOf(shown);
    rows.push({ prefix, text, shape: s ? formatShape(s) : '?' });
    const kids = children(shown).filter((k) => !(shown.kind === 'call' && ['ones', 'zeros', 'eye'].includes(shown.name)));
    // A left-deep chain of 100,000 `+` would indent every row further: cut the depth instead.
    if (kids.length > 0 && childPrefix.length >= 3 * MAX_TREE_DEPTH) {
      rows.push({ prefix: `${childPrefix}└─ `, text: '…', shape: '' });
      continue;
    }
    for (let i = kids.length - 1; i >= 0; i--) {
      const last = i === kids.length - 1;
      stack.push({ node: kids[i]!, prefix: childPrefix + (last ? '└─ ' : '├─ '), childPrefix: childPrefix + (last ? '   ' : '│  ') });
    }
  }
  const width = Math.min(90, Math.max(...rows.map((r) => r.prefix.length + r.text.length)));
  const lines = rows.map((r) => `${c.dim(r.prefix)}${r.text}${' '.repeat(Math.max(1, width - r.prefix.length - r.text.length + 2))}${c.cyan(r.shape)}`);
  if (truncated) lines.push(c.dim(`… (tree cut at ${MAX_TREE_LINES} lines)`));
  return lines;
}

export const shapesCommand: CommandModule<{ color?: boolean; unicode: boolean }, any> = {
  command: 'shapes <expr>',
  describe: 'print the shape of every sub-expression and every variable',
  builder: (y) =>
    shapeOptions(y.positional('expr', { type: 'string', demandOption: true, describe: 'the expression' })).option('format', {
      choices: ['text', 'json'] as const,
      default: 'text' as const,
    }),
  handler: async (args) => {
    const r = runShapes(await expressionArg(args.expr), declarationsFrom(args), args.format, chalkFor(args));
    finish(r.output, r.code);
  },
};
