// The human report, after ESLint's stylish: one block per file under its underlined path, one
// aligned row per diagnostic (`line:col  severity  message  rule-id`), and under the row what
// a reader needs to act: the code frame, the notes, the candidate fixes with their shapes, the
// related places. A summary line ends it; a clean run prints nothing.

import type { ChalkInstance } from 'chalk';
import { LineMap, type Severity } from './diagnostic.js';
import type { FileResult, ReportOptions } from './types.js';
import { codeFrame } from './frame.js';
import { displayPath } from './paths.js';
import { padEnd, textWidth } from './width.js';

export function stylish(results: readonly FileResult[], options: ReportOptions): string {
  const c = options.color;
  const blocks: string[] = [];
  const count: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const result of results) {
    if (result.diagnostics.length === 0) continue;
    for (const d of result.diagnostics) count[d.severity]++;
    blocks.push(fileBlock(result, options).join('\n'));
  }
  if (blocks.length === 0) return '';
  return `${blocks.join('\n\n')}\n\n${summary(count, c, options.unicode !== false)}`;
}

function fileBlock(result: FileResult, options: ReportOptions): string[] {
  const c = options.color;
  const file = displayPath(result.filePath, options.cwd);
  const map = result.source !== undefined ? new LineMap(result.source) : undefined;
  const rows = result.diagnostics.map((d) => {
    const [first = '', ...rest] = d.message.split(/\r?\n/);
    return { d, pos: `${d.span.line}:${d.span.column}`, first, rest };
  });
  // Column widths of this file's table: the rule ids line up after the widest message.
  const posW = Math.max(...rows.map((r) => r.pos.length));
  const sevW = Math.max(...rows.map((r) => r.d.severity.length));
  const msgW = Math.max(...rows.map((r) => textWidth(r.first)));
  const detail = ' '.repeat(2 + posW + 2);
  const messageIndent = ' '.repeat(2 + posW + 2 + sevW + 2);

  const out = [c.underline(file)];
  for (const { d, pos, first, rest } of rows) {
    const sev = paint(c, d.severity, padEnd(d.severity, sevW));
    out.push(`  ${c.dim(padEnd(pos, posW))}  ${sev}  ${padEnd(first, msgW)}  ${c.dim(d.ruleId)}`);
    for (const line of rest) out.push(`${messageIndent}${line}`.trimEnd());
    if (map) {
      const frame = codeFrame(map, d.span, { color: c, severity: d.severity, unicode: options.unicode !== false });
      for (const line of frame) out.push(detail + line);
    }
    for (const note of d.notes ?? []) out.push(detail + note);
    for (const fix of d.fixes ?? []) {
      const shape = fix.shape ? `  ${c.dim(fix.shape)}` : '';
      const why = fix.description ? `  ${c.dim(`(${fix.description})`)}` : '';
      out.push(`${detail}${c.green('fix:')} ${fix.expression}${shape}${why}`);
    }
    for (const rel of d.related ?? []) {
      const where = `${rel.span.file !== undefined ? displayPath(rel.span.file, options.cwd) : file}:${rel.span.line}:${rel.span.column}`;
      out.push(`${detail}${c.dim(`${where}:`)} ${rel.message}`);
    }
  }
  return out.map((line) => line.trimEnd());
}

function paint(c: ChalkInstance, severity: Severity, text: string): string {
  if (severity === 'error') return c.red(text);
  if (severity === 'warning') return c.yellow(text);
  return c.cyan(text);
}

function summary(count: Record<Severity, number>, c: ChalkInstance, unicode: boolean): string {
  const total = count.error + count.warning + count.info;
  const parts = [plural(count.error, 'error'), plural(count.warning, 'warning')];
  if (count.info > 0) parts.push(plural(count.info, 'note'));
  const text = `${unicode ? '✖' : 'X'} ${plural(total, 'problem')} (${parts.join(', ')})`;
  return count.error > 0 ? c.red.bold(text) : count.warning > 0 ? c.yellow.bold(text) : c.cyan.bold(text);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
