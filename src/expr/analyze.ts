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
  const result: Analysis = { ok: elaborated.ok, text, ast, elaborated, diagnostics: elaborated.diagnostics };
  if (elaborated.ok) result.expr = elaborated.lower(ast);
  return result;
}
