// One expression from text to a shaped Expr: parse, infer, diagnose.

import type { Dim } from '../shape/dim.js';
import { LineMap, type Diagnostic } from '../report/diagnostic.js';
import type { Ast } from './ast.js';
import { Elaborator, type Elaborated } from './elaborate.js';
import type { Expr } from './expr.js';
import { parse, ParseError } from './parser.js';

export interface Declarations {
  shapes?: ReadonlyMap<string, readonly Dim[]> | Record<string, readonly Dim[]>;
  symmetric?: Iterable<string>;
  functions?: ReadonlyMap<string, readonly Dim[]> | Record<string, readonly Dim[]>;
}

export interface Analysis {
  ok: boolean;
  text: string;
  ast?: Ast;
  expr?: Expr;
  elaborated?: Elaborated;
  diagnostics: Diagnostic[];
}

export function entries<T>(m: ReadonlyMap<string, T> | Record<string, T> | undefined): Array<[string, T]> {
  if (!m) return [];
  return m instanceof Map ? [...m.entries()] : Object.entries(m as Record<string, T>);
}

export function declare(el: Elaborator, decl: Declarations): void {
  const sym = new Set(decl.symmetric ?? []);
  for (const [name, dims] of entries(decl.shapes)) el.declareVariable(name, dims, { symmetric: sym.has(name) });
  for (const name of sym) if (!el.isDeclared(name)) el.assumeSymmetric(name);
  for (const [name, dims] of entries(decl.functions)) el.declareFunction(name, dims);
}

export function syntaxDiagnostic(e: ParseError, lines: LineMap, offset = 0): Diagnostic {
  return { severity: 'error', ruleId: 'syntax', message: e.message, span: lines.span(e.start + offset, e.end + offset) };
}

export function analyze(text: string, decl: Declarations = {}): Analysis {
  return analyzeOnce(text, decl, true);
}

function analyzeOnce(text: string, decl: Declarations, checkFixes = false): Analysis {
  const lines = new LineMap(text);
  let ast: Ast;
  try {
    ast = parse(text);
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, text, diagnostics: [syntaxDiagnostic(e, lines)] };
    throw e;
  }
  const el = new Elaborator(lines);
  declare(el, decl);
  el.check(ast, text);
  const elaborated = el.finish();
  const diagnostics = checkFixes ? fixesThatFitInContext(text, decl, elaborated.diagnostics) : elaborated.diagnostics;
  const result: Analysis = { ok: elaborated.ok, text, ast, elaborated, diagnostics };
  if (elaborated.ok) result.expr = elaborated.lower(ast);
  return result;
}

const MAX_CONTEXT_CHECK = 5000; // characters: above this, fixes are checked on their own node only

/**
 * A fix is shape-checked where it is made; here it is also tried in the whole expression: with
 * the fix applied, the text should have fewer errors. (`W'*h` in `W*h + b` may fit the product
 * and still break the sum.) When no fix of a diagnostic achieves that, they stay — a second,
 * independent mistake may be in the way — but each says that the rest still does not fit.
 * Skipped for very large inputs, where re-checking every fix would cost more than it tells.
 */
function fixesThatFitInContext(text: string, decl: Declarations, diags: Diagnostic[]): Diagnostic[] {
  const errors = diags.filter((d) => d.severity === 'error').length;
  if (text.length > MAX_CONTEXT_CHECK || !diags.some((d) => d.fixes?.length)) return diags;
  return diags.map((d) => {
    if (!d.fixes?.length) return d;
    const better = d.fixes.filter((f) => {
      const fixed = text.slice(0, d.span.start) + f.expression + text.slice(d.span.end);
      return analyzeOnce(fixed, decl).diagnostics.filter((x) => x.severity === 'error').length < errors;
    });
    if (better.length > 0) return { ...d, fixes: better };
    return { ...d, fixes: d.fixes.map((f) => ({ ...f, description: 'fits here, but the expression around it still does not fit' })) };
  });
}
