// ESLint's JSON shape, so that tools built for `eslint --format json` read ours: one entry per
// file with its messages and counts; severity 2 is an error, 1 a warning (and, having no other
// number in ESLint's scale, an info note). Keys are written in a fixed order so that output is
// byte-stable for scripts and snapshot tests.

import type { Diagnostic, Fix, Related } from './diagnostic.js';
import type { FileResult, ReportOptions } from './types.js';
import { displayPath } from './paths.js';

export interface JsonMessage {
  ruleId: string;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  notes?: string[];
  fixes?: Fix[];
  related?: { message: string; filePath?: string; line: number; column: number; endLine: number; endColumn: number }[];
}

export interface JsonFileResult {
  filePath: string;
  messages: JsonMessage[];
  errorCount: number;
  warningCount: number;
}

export function toJsonResults(results: readonly FileResult[], options: ReportOptions): JsonFileResult[] {
  return results.map((r) => {
    const messages = r.diagnostics.map((d) => message(d, options.cwd));
    return {
      filePath: displayPath(r.filePath, options.cwd),
      messages,
      errorCount: messages.filter((m) => m.severity === 2).length,
      warningCount: messages.filter((m) => m.severity === 1).length,
    };
  });
}

export function json(results: readonly FileResult[], options: ReportOptions): string {
  return JSON.stringify(toJsonResults(results, options), null, 2);
}

function message(d: Diagnostic, cwd: string): JsonMessage {
  const m: JsonMessage = {
    ruleId: d.ruleId,
    severity: d.severity === 'error' ? 2 : 1,
    message: d.message,
    line: d.span.line,
    column: d.span.column,
    endLine: d.span.endLine,
    endColumn: d.span.endColumn,
  };
  if (d.notes?.length) m.notes = [...d.notes];
  if (d.fixes?.length) m.fixes = d.fixes.map(fix);
  if (d.related?.length) m.related = d.related.map((r) => related(r, cwd));
  return m;
}

function fix(f: Fix): Fix {
  const out: Fix = { expression: f.expression };
  if (f.shape !== undefined) out.shape = f.shape;
  if (f.description !== undefined) out.description = f.description;
  return out;
}

function related(r: Related, cwd: string): NonNullable<JsonMessage['related']>[number] {
  // A related span without a file lies in the diagnostic's own file.
  const file = r.span.file !== undefined ? { filePath: displayPath(r.span.file, cwd) } : {};
  const { line, column, endLine, endColumn } = r.span;
  return { message: r.message, ...file, line, column, endLine, endColumn };
}
