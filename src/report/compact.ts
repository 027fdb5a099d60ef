// One diagnostic per line, `path:line:col: severity message [rule-id]`: the gcc-like form that
// VS Code problem matchers, editors' "jump to error" and grep read. The matcher in
// .vscode/tasks.json is written against exactly this shape (test/report/vscode-tasks.test.ts).

import type { FileResult, ReportOptions } from './types.js';
import { displayPath } from './paths.js';
import { oneLine } from './lines.js';

export function compact(results: readonly FileResult[], options: ReportOptions): string {
  const lines: string[] = [];
  for (const result of results) {
    const file = displayPath(result.filePath, options.cwd);
    for (const d of result.diagnostics) {
      lines.push(`${file}:${d.span.line}:${d.span.column}: ${d.severity} ${oneLine(d.message)} [${d.ruleId}]`);
    }
  }
  return lines.join('\n');
}
