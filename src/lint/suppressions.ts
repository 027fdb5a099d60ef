// Inline suppressions:
//   TS/JS:  // shapegrad-disable-next-line RULE[, RULE]   and   // shapegrad-disable-line RULE
//   Python: # shapegrad: disable=RULE[,RULE]  (trailing: this line; on a line of its own: the next)
// Without rule ids a comment suppresses every rule on its line. A suppression that silences
// nothing is itself reported (unused-suppression), so stale ones do not pile up.
import type { Diagnostic, LineMap, Span } from '../report/diagnostic.js';

export interface Suppression {
  /** 1-based line whose findings it silences. */
  line: number;
  /** Rule ids, or empty for all rules. */
  rules: string[];
  span: Span;
  used: boolean;
}

const TS_COMMENT = /\/\/\s*shapegrad-disable-(next-line|line)\b([^\n]*)/g;
const PY_COMMENT = /#\s*shapegrad:\s*disable(?:-next-line)?=([\w\-, ]+)/g;

export function findSuppressions(text: string, lines: LineMap, python: boolean, commentStartsAt: (offset: number) => boolean): Suppression[] {
  const out: Suppression[] = [];
  const re = python ? PY_COMMENT : TS_COMMENT;
  re.lastIndex = 0;
  // Cheap pre-check: most files have no suppression at all.
  if (!text.includes('shapegrad')) return out;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const span = lines.span(m.index, m.index + m[0].trimEnd().length);
    const before = lines.lineText(span.line).slice(0, span.column - 1);
    // Only a comment that starts with the directive counts: not a string, not prose in a comment.
    if (!commentStartsAt(m.index)) continue;
    let line = span.line;
    let list: string;
    if (python) {
      list = m[1]!;
      if (before.trim() === '' || /disable-next-line=/.test(m[0])) line += 1;
    } else {
      list = m[2]!.replace(/--.*$/, ''); // ESLint style: `-- reason` after the ids
      if (m[1] === 'next-line') line += 1;
    }
    const rules = list.split(/[\s,]+/).filter((r) => /^[a-z][\w-]*$/.test(r));
    out.push({ line, rules, span, used: false });
  }
  return out;
}

/** Drop suppressed diagnostics (marking their suppressions used). */
export function applySuppressions(diags: Diagnostic[], sups: Suppression[]): Diagnostic[] {
  if (sups.length === 0) return diags;
  return diags.filter((d) => {
    const s = sups.find((x) => x.line === d.span.line && (x.rules.length === 0 || x.rules.includes(d.ruleId)));
    if (!s) return true;
    s.used = true;
    return false;
  });
}

