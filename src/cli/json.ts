// The stable JSON shapes of `--format json` (documented in docs/json.md).
import type { Diagnostic } from '../report/diagnostic.js';
import type { Analysis } from '../expr/analyze.js';

export function diagnosticJson(d: Diagnostic) {
  return {
    severity: d.severity,
    ruleId: d.ruleId,
    message: d.message,
    span: { start: d.span.start, end: d.span.end, line: d.span.line, column: d.span.column, endLine: d.span.endLine, endColumn: d.span.endColumn },
    notes: d.notes ?? [],
    fixes: (d.fixes ?? []).map((f) => ({ expression: f.expression, shape: f.dims ?? null, ...(f.description ? { description: f.description } : {}) })),
  };
}

export function variablesJson(a: Analysis): Record<string, Array<number | string>> {
  const out: Record<string, Array<number | string>> = {};
  for (const [name, v] of a.elaborated?.variables ?? []) out[name] = [...v.shape];
  return out;
}
