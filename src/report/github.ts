// GitHub Actions workflow commands: `::error file=…,line=…::message` lines that the runner turns
// into annotations on the pull request's diff. GitHub shows at most 10 error and 10 warning
// annotations per step (and drops the rest silently), so we emit at most that many and end
// with a notice that says what was left out and where to find it.

import type { Diagnostic, Severity } from './diagnostic.js';
import type { FileResult, ReportOptions } from './types.js';
import { fixText } from './lines.js';
import { displayPath } from './paths.js';

/** Per step, per kind. Notices keep one place free for our own summary notice. */
export const GITHUB_ANNOTATION_LIMITS: Readonly<Record<Severity, number>> = { error: 10, warning: 10, info: 9 };

const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes a command's message (`%`, CR, LF), as @actions/core's escapeData does. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: additionally `:` and `,`, which delimit properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function github(results: readonly FileResult[], options: ReportOptions): string {
  const lines: string[] = [];
  const emitted: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const found: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const result of results) {
    const file = displayPath(result.filePath, options.cwd);
    for (const d of result.diagnostics) {
      found[d.severity]++;
      if (emitted[d.severity] >= GITHUB_ANNOTATION_LIMITS[d.severity]) continue;
      emitted[d.severity]++;
      lines.push(annotation(d, file));
    }
  }
  const total = found.error + found.warning + found.info;
  const shown = emitted.error + emitted.warning + emitted.info;
  if (shown < total) lines.push(`::notice title=shapegrad::${escapeData(summary(found, emitted))}`);
  return lines.join('\n');
}

function annotation(d: Diagnostic, file: string): string {
  const s = d.span;
  const props = [
    `file=${escapeProperty(file)}`,
    `line=${s.line}`,
    `col=${s.column}`,
    `endLine=${s.endLine}`,
    `endColumn=${s.endColumn}`,
    `title=${escapeProperty(d.ruleId)}`,
  ].join(',');
  // Annotations may span several lines: the notes and fixes go under the message.
  const body = [d.message, ...(d.notes ?? []), ...(d.fixes ?? []).map(fixText)];
  return `::${COMMAND[d.severity]} ${props}::${escapeData(body.join('\n'))}`;
}

function summary(found: Record<Severity, number>, emitted: Record<Severity, number>): string {
  const total = found.error + found.warning + found.info;
  const shown = emitted.error + emitted.warning + emitted.info;
  const dropped = (['error', 'warning', 'info'] as const)
    .filter((k) => found[k] > emitted[k])
    .map((k) => plural(found[k] - emitted[k], k === 'info' ? 'note' : k))
    .join(', ');
  return (
    `shapegrad emitted ${shown} of ${plural(total, 'annotation')} (GitHub shows at most 10 errors and 10 warnings per step); ` +
    `${dropped} not annotated: see the uploaded SARIF (code scanning) or the stylish output for all of them.`
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
