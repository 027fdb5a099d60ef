// The one diagnostic type of shapegrad: expression checks, derivation files and model lint all
// report through it, so every reporter (stylish, compact, json, sarif, github) serves them all.

export type Severity = 'error' | 'warning' | 'info';

/** A source range. Offsets are 0-based; line and column are 1-based (columns count UTF-16 units). */
export interface Span {
  file?: string;
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Fix {
  /** The rewritten expression (or code) that makes it fit. */
  expression: string;
  /** Shape of the rewritten expression, formatted (`[m×1]`), when it has one. */
  shape?: string;
  /** The same shape as a list of dims, for machines. */
  dims?: Array<number | string>;
  description?: string;
}

export interface Related {
  message: string;
  span: Span;
}

export interface Diagnostic {
  severity: Severity;
  message: string;
  /** Stable id: a lint rule id (`input-shape-mismatch`) or a check code (`shape-mismatch`, `syntax`). */
  ruleId: string;
  span: Span;
  /** Extra lines: the operand shapes, why they do not fit. */
  notes?: string[];
  fixes?: Fix[];
  related?: Related[];
}

// The results of a run, shared by the checkers that produce them (lint, .grad files) and the
// reporters that render them; here, with Diagnostic, because lower layers produce them.
/** The diagnostics of one file (or one expression), in the order the checker found them. */
export interface FileResult {
  /** Relative to the repository root, forward slashes (SARIF and GitHub want repo-relative paths). */
  filePath: string;
  /** The file's text, when known: enables code frames in `stylish`. */
  source?: string;
  diagnostics: Diagnostic[];
}

/** The metadata of a lint rule, as `rules/lint` declares it; SARIF lists it in `tool.driver.rules`. */
export interface RuleMeta {
  id: string;
  description: string;
  severity: 'error' | 'warning';
  /** Repository-relative path of the rule's page, e.g. `docs/rules/input-shape-mismatch.md`. */
  docs: string;
}

/** Maps offsets of one text to 1-based line/column; built once per text. */
export class LineMap {
  private lineStarts: number[] | undefined;
  constructor(readonly text: string, readonly file?: string) {}
  /** Computed on first use: most linted files have no finding to place. */
  private get starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    return (this.lineStarts = starts);
  }
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
  span(start: number, end: number): Span {
    const a = this.position(start);
    const b = this.position(end);
    const s: Span = { start, end, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
    if (this.file !== undefined) s.file = this.file;
    return s;
  }
  lineText(line: number): string {
    const s = this.starts[line - 1] ?? this.text.length;
    const e = this.starts[line] !== undefined ? this.starts[line]! - 1 : this.text.length;
    return this.text.slice(s, e).replace(/\r$/, '');
  }
}

export function countBySeverity(diags: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diags) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}
