// Text rendering of diagnostics about one expression given on the command line.
import type { ChalkInstance } from 'chalk';
import type { Diagnostic } from './diagnostic.js';

const MAX_SHOWN = 100; // columns of source shown around the culprit

export function renderExprDiagnostics(text: string, diags: readonly Diagnostic[], c: ChalkInstance, label?: string): string {
  const out: string[] = [];
  // Split once: a 1 MB input with thousands of diagnostics must not be split for each of them.
  const lines = text.split('\n');
  for (const d of diags) {
    const sev = d.severity === 'error' ? c.red.bold('error') : d.severity === 'warning' ? c.yellow.bold('warning') : c.blue('info');
    out.push(`${sev}${c.dim(`[${d.ruleId}]`)}: ${d.message}`);
    out.push(...frame(label, lines, d, c));
    for (const n of d.notes ?? []) out.push(`  ${c.dim('=')} ${n}`);
    for (const f of d.fixes ?? []) out.push(`  ${c.green('fix:')} ${f.expression}${f.shape ? c.dim(`  → ${f.shape}`) : ''}${f.description ? c.dim(`  (${f.description})`) : ''}`);
    out.push('');
  }
  return out.join('\n');
}

function frame(label: string | undefined, lines: readonly string[], d: Diagnostic, c: ChalkInstance): string[] {
  const line = lines[d.span.line - 1] ?? '';
  const from = d.span.column - 1;
  const to = d.span.endLine === d.span.line ? Math.max(d.span.endColumn - 1, from + 1) : line.length + 1;
  // Long inputs (a 1 MB expression) show a window around the culprit, not the whole line.
  const start = Math.max(0, Math.min(from - 20, line.length - MAX_SHOWN));
  const end = Math.min(line.length, Math.max(start + MAX_SHOWN, Math.min(to, start + MAX_SHOWN)));
  const shown = (start > 0 ? '…' : '') + clean(line.slice(start, end)) + (end < line.length ? '…' : '');
  const pad = from - start + (start > 0 ? 1 : 0);
  const width = Math.max(1, Math.min(to, end + 1) - Math.max(from, start));
  const where = label ? `${c.dim(`${label}:${d.span.line}:${d.span.column}`)}` : '';
  const res = where ? [`  ${where}`] : [];
  res.push(`  ${c.dim('│')} ${shown}`);
  res.push(`  ${c.dim('│')} ${' '.repeat(pad)}${c.red('^'.repeat(width))}`);
  return res;
}

/** Control characters would garble the terminal: show them as ·. */
function clean(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, '·');
}
