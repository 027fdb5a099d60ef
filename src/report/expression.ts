// Diagnostics of an expression given on the command line (`shapegrad derive "W*x" …`): there is
// no file, so no path, no line numbers and no summary; just what is wrong, where in the
// expression, and what would fit.
//
//   error  cannot multiply W:[m×n] by x:[m×1]  (shape-mismatch)
//     W * x
//     ^~~~~
//     fix: W' * x  [n×1]

import type { Diagnostic } from './diagnostic.js';
import type { ReportOptions } from './types.js';
import { codeFrame } from './frame.js';

export function formatExpressionDiagnostics(
  expression: string,
  diagnostics: readonly Diagnostic[],
  options: Pick<ReportOptions, 'color' | 'unicode'>,
): string {
  const c = options.color;
  const blocks = diagnostics.map((d) => {
    const paint = d.severity === 'error' ? c.red : d.severity === 'warning' ? c.yellow : c.cyan;
    const [first = '', ...rest] = d.message.split(/\r?\n/);
    const out = [`${paint(d.severity)}  ${first}  ${c.dim(`(${d.ruleId})`)}`, ...rest.map((l) => `  ${l}`)];
    const frame = codeFrame(expression, d.span, { color: c, severity: d.severity, lineNumbers: false, unicode: options.unicode !== false });
    out.push(...frame.map((l) => `  ${l}`));
    for (const note of d.notes ?? []) out.push(`  ${note}`);
    for (const fix of d.fixes ?? []) {
      const shape = fix.shape ? `  ${c.dim(fix.shape)}` : '';
      const why = fix.description ? `  ${c.dim(`(${fix.description})`)}` : '';
      out.push(`  ${c.green('fix:')} ${fix.expression}${shape}${why}`);
    }
    for (const rel of d.related ?? []) out.push(`  ${c.dim(`col ${rel.span.column}:`)} ${rel.message}`);
    return out.map((l) => l.trimEnd()).join('\n');
  });
  return blocks.join('\n\n');
}
