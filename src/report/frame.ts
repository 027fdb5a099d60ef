// Code frames: the source line(s) of a span with a caret underline, as in
//
//    3 | y = W * x
//      |     ^~~~~
//
// Used by the stylish reporter for files and by the CLI for expression diagnostics (an
// expression is one line with no file: call it with `lineNumbers: false`).

import type { ChalkInstance } from 'chalk';
import { LineMap, type Severity, type Span } from './diagnostic.js';
import { expandLine } from './width.js';

export interface FrameOptions {
  /** Colours the gutter and the underline; plain text without it. */
  color?: ChalkInstance;
  /** Picks the underline colour (red, yellow, cyan). */
  severity?: Severity;
  unicode?: boolean;
  /** `3 | ` gutters; off for a one-line expression. Default true. */
  lineNumbers?: boolean;
  tabWidth?: number;
  /** A span over more lines shows the first two, an ellipsis and the last. Default 4. */
  maxLines?: number;
}

interface Row {
  line: number;
  text: string;
  /** Underline start cell and width, in cells after tab expansion. */
  at: number;
  width: number;
  first: boolean;
}

/** The frame's lines (no trailing newline, no indentation: callers indent). */
export function codeFrame(source: string | LineMap, at: Span, options: FrameOptions = {}): string[] {
  const map = typeof source === 'string' ? new LineMap(source) : source;
  const lineCount = countLines(map.text);
  // A span past the end of the text (an unexpected end of input) points just after its last character.
  const endOfText = map.lineText(lineCount).length + 1;
  const span = at.line > lineCount ? { ...at, line: lineCount, column: endOfText, endLine: lineCount, endColumn: endOfText } : at;
  const first = clamp(span.line, 1, lineCount);
  // A span that ends at column 1 of a later line ends with the newline before it: the last line
  // holds nothing of the span, so it is not shown.
  let last = span.endLine > span.line && span.endColumn === 1 ? span.endLine - 1 : span.endLine;
  last = clamp(last, first, lineCount);

  const rows: Row[] = [];
  for (let line = first; line <= last; line++) rows.push(row(map.lineText(line), line, span, first, options.tabWidth ?? 4));

  const maxLines = Math.max(3, options.maxLines ?? 4);
  const shown: (Row | null)[] = rows.length > maxLines ? [rows[0]!, rows[1]!, null, rows[rows.length - 1]!] : rows;
  return render(shown, options);
}

function row(raw: string, line: number, span: Span, first: number, tabWidth: number): Row {
  const { text, cells } = expandLine(raw, tabWidth);
  const indent = raw.length - raw.trimStart().length;
  const end = raw.trimEnd().length;
  let startU = line === span.line ? span.column - 1 : indent;
  let endU = line === span.endLine ? span.endColumn - 1 : end;
  startU = clamp(startU, 0, raw.length);
  endU = clamp(endU, startU, raw.length);
  const at = cells[startU]!;
  // A zero-width span (a missing token, the end of the line) still gets one caret.
  const width = Math.max(1, cells[endU]! - at);
  return { line, text, at, width, first: line === first };
}

function render(rows: (Row | null)[], options: FrameOptions): string[] {
  const c = options.color;
  const dim = (s: string) => (c ? c.dim(s) : s);
  const mark = (s: string) => {
    if (!c) return s;
    if (options.severity === 'warning') return c.yellow(s);
    if (options.severity === 'info') return c.cyan(s);
    return c.red(s);
  };
  const numbers = options.lineNumbers ?? true;
  const digits = Math.max(...rows.map((r) => (r ? String(r.line).length : 1)));
  const gutter = (label: string) => (numbers ? dim(`${label.padStart(digits)} |`) : '');
  const join = (g: string, body: string) => (numbers ? (body ? `${g} ${body}` : g) : body);

  const out: string[] = [];
  for (const r of rows) {
    if (r === null) {
      out.push(numbers ? dim(`${' '.repeat(digits)} ${options.unicode === false ? ':' : '⋮'}`) : options.unicode === false ? '...' : '⋮');
      continue;
    }
    out.push(join(gutter(String(r.line)), r.text.trimEnd()));
    const underline = (r.first ? '^' + '~'.repeat(r.width - 1) : '~'.repeat(r.width));
    out.push(join(gutter(''), ' '.repeat(r.at) + mark(underline)));
  }
  return out;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
