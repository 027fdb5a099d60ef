// Hand-written results shared by the reporter tests: a derivation file with a code frame, a
// multi-line message, notes, fixes and a related place; a model file whose path has a space
// and no source; a file with a tab and a span at the end of its line; a clean file.

import type { Diagnostic, Span } from '../../src/report/diagnostic.js';
import type { FileResult, ReportOptions, RuleMeta } from '../../src/report/types.js';
import { Chalk } from 'chalk';

/** A span from 1-based positions; offsets are not read by reporters. */
export function span(line: number, column: number, endLine: number, endColumn: number, file?: string): Span {
  const s: Span = { start: 0, end: 0, line, column, endLine, endColumn };
  if (file !== undefined) s.file = file;
  return s;
}

export const mlpSource = ['let W: [m×n]', 'let x: [m×1]', 'y = W * x', 'z = sum(y)', ''].join('\n');

export const shapeMismatch: Diagnostic = {
  severity: 'error',
  message: 'cannot multiply W:[m×n] by x:[m×1]\ninner dimensions n and m differ',
  ruleId: 'shape-mismatch',
  span: span(3, 5, 3, 10),
  notes: ['W * x needs the columns of W (n) to equal the rows of x (m)'],
  fixes: [{ expression: "W' * x", shape: '[n×1]' }],
  related: [{ message: 'W is declared here', span: span(1, 5, 1, 6) }],
};

export const unusedZ: Diagnostic = {
  severity: 'warning',
  message: 'z is never used',
  ruleId: 'unused-binding',
  span: span(4, 1, 4, 2),
};

export const modelWarning: Diagnostic = {
  severity: 'warning',
  message: 'dense expects input [?×784], got [?×28×28]',
  ruleId: 'input-shape-mismatch',
  span: span(12, 3, 12, 31),
  fixes: [{ expression: 'tf.layers.flatten()', description: 'insert before dense' }],
};

export const tabSource = '\ty = σ(W * h\n';

export const parseError: Diagnostic = {
  severity: 'error',
  message: "expected ')'",
  ruleId: 'parse-error',
  span: span(1, 13, 1, 13),
};

export const results: FileResult[] = [
  { filePath: 'examples/mlp.grad', source: mlpSource, diagnostics: [shapeMismatch, unusedZ] },
  { filePath: 'models/my model.ts', diagnostics: [modelWarning] },
  { filePath: 'examples/tab.grad', source: tabSource, diagnostics: [parseError] },
  { filePath: 'examples/ok.grad', source: 'y = x\n', diagnostics: [] },
];

export const rules: RuleMeta[] = [
  { id: 'input-shape-mismatch', description: "A layer's input shape differs from what the previous layer produces.", severity: 'error', docs: 'docs/rules/input-shape-mismatch.md' },
  { id: 'unused-binding', description: 'A binding is declared and never used.', severity: 'warning', docs: 'docs/rules/unused-binding.md' },
];

export function plainOptions(extra: Partial<ReportOptions> = {}): ReportOptions {
  return { color: new Chalk({ level: 0 }), cwd: '/repo', rules, toolVersion: '0.1.0', ...extra };
}
