// `.grad` derivation files: a hand derivation, one statement a line, checked statement by
// statement (syntax, shapes, every claim numerically). See docs/grad-files.md.
//
//   # comments start with '#'
//   W: [m, n]               a variable (also [] scalar, [n] column vector)
//   S: [n, n] symmetric     a variable whose test values are symmetric
//   E: [m] -> []            an abstract scalar function of an [m×1] argument
//   z = W*h                 a definition (later lines may use z)
//   dL/dW = delta*h'        a claim: the gradient of the defined scalar L by W (a variable or
//                           a definition)

import type { Dim } from '../shape/dim.js';
import { parseDims } from '../shape/dim.js';
import { Elaborator } from '../expr/elaborate.js';
import { parse, ParseError } from '../expr/parser.js';
import { LineMap, type Diagnostic, type Span } from '../report/diagnostic.js';
import type { FileResult } from '../report/diagnostic.js';
import type { Declarations } from '../expr/analyze.js';
import { judgeClaim, type JudgeOptions, type Verdict } from './check.js';

export type Statement =
  | { kind: 'variable'; name: string; dims: Dim[]; symmetric: boolean; line: number; start: number; end: number }
  | { kind: 'function'; name: string; dims: Dim[]; line: number; start: number; end: number }
  | { kind: 'definition'; name: string; text: string; textStart: number; line: number; start: number; end: number }
  | { kind: 'claim'; of: string; wrt: string; text: string; textStart: number; line: number; start: number; end: number };

const ID = '[\\p{L}_][\\p{L}\\p{N}_]*';
const CLAIM = new RegExp(`^d(${ID})\\s*/\\s*d(${ID})\\s*=(.*)$`, 'u');
const FUNCTION = new RegExp(`^(${ID})\\s*:\\s*(\\[[^\\]]*\\])\\s*->\\s*\\[\\s*\\]\\s*$`, 'u');
const VARIABLE = new RegExp(`^(${ID})\\s*:\\s*(\\[[^\\]]*\\])\\s*(symmetric)?\\s*$`, 'u');
const DEFINITION = new RegExp(`^(${ID})\\s*=(.*)$`, 'u');

export interface ParsedGradFile {
  statements: Statement[];
  diagnostics: Diagnostic[];
}

/** Split a file into statements; lines that are none of the four forms are syntax errors. */
export function parseGradFile(source: string, file?: string): ParsedGradFile {
  const lines = new LineMap(source, file);
  const statements: Statement[] = [];
  const diagnostics: Diagnostic[] = [];
  let offset = 0;
  const rows = source.split('\n');
  rows.forEach((raw, i) => {
    const lineStart = offset;
    offset += raw.length + 1;
    const hash = raw.indexOf('#');
    const body = (hash >= 0 ? raw.slice(0, hash) : raw).replace(/\r$/, '');
    const lead = body.length - body.trimStart().length;
    const text = body.trim();
    if (text === '') return;
    const start = lineStart + lead;
    const end = start + text.length;
    const line = i + 1;
    const at = (s: number, e: number): Span => lines.span(s, e);
    let m: RegExpExecArray | null;
    if ((m = CLAIM.exec(text))) {
      const rhs = m[3]!;
      const textStart = start + text.length - rhs.length + (rhs.length - rhs.trimStart().length);
      statements.push({ kind: 'claim', of: m[1]!, wrt: m[2]!, text: rhs.trim(), textStart, line, start, end });
    } else if ((m = FUNCTION.exec(text))) {
      const dims = parseDims(m[2]!);
      if (dims === null || dims.length > 2) diagnostics.push({ severity: 'error', ruleId: 'syntax', message: `'${m[2]}' is not a shape: use [], [n] or [m, n] with positive integers or symbols`, span: at(start, end) });
      else statements.push({ kind: 'function', name: m[1]!, dims, line, start, end });
    } else if ((m = VARIABLE.exec(text))) {
      const dims = parseDims(m[2]!);
      if (dims === null || dims.length > 2) diagnostics.push({ severity: 'error', ruleId: 'syntax', message: `'${m[2]}' is not a shape: use [], [n] or [m, n] with positive integers or symbols`, span: at(start, end) });
      else statements.push({ kind: 'variable', name: m[1]!, dims, symmetric: !!m[3], line, start, end });
    } else if ((m = DEFINITION.exec(text))) {
      const rhs = m[2]!;
      const textStart = start + text.length - rhs.length + (rhs.length - rhs.trimStart().length);
      statements.push({ kind: 'definition', name: m[1]!, text: rhs.trim(), textStart, line, start, end });
    } else {
      diagnostics.push({ severity: 'error', ruleId: 'syntax', message: 'expected a declaration (W: [m, n]), a definition (z = W*h) or a claim (dE/dW = …)', span: at(start, end) });
    }
  });
  return { statements, diagnostics };
}

export interface ClaimOutcome {
  line: number;
  label: string;
  verdict: Verdict;
}

export interface GradFileResult extends FileResult {
  claims: ClaimOutcome[];
}

/** Check every statement of a .grad file. */
export function checkGradFile(source: string, filePath: string, opts: JudgeOptions = {}): GradFileResult {
  const lines = new LineMap(source, filePath);
  const parsed = parseGradFile(source, filePath);
  const diagnostics = [...parsed.diagnostics];
  const claims: ClaimOutcome[] = [];
  const shapes = new Map<string, Dim[]>();
  const functions = new Map<string, Dim[]>();
  const decl: Declarations & { symmetric: string[] } = { shapes, functions, symmetric: [] };
  const seen = new Map<string, number>();
  const err = (ruleId: string, message: string, s: number, e: number) => diagnostics.push({ severity: 'error', ruleId, message, span: lines.span(s, e) });
  for (const st of parsed.statements) {
    if (st.kind === 'claim') continue;
    const prev = seen.get(st.name);
    if (prev !== undefined) {
      err('duplicate', `'${st.name}' is already declared or defined on line ${prev}`, st.start, st.start + st.name.length);
      continue;
    }
    seen.set(st.name, st.line);
    if (st.kind === 'variable') {
      shapes.set(st.name, st.dims);
      if (st.symmetric) decl.symmetric.push(st.name);
    } else if (st.kind === 'function') functions.set(st.name, st.dims);
  }
  // Definitions: syntax and shapes, in one elaborator over the whole file (real spans).
  const el = new Elaborator(lines);
  for (const [n, d] of decl.shapes as Map<string, Dim[]>) el.declareVariable(n, d, { symmetric: decl.symmetric.includes(n) });
  for (const [n, d] of decl.functions as Map<string, Dim[]>) el.declareFunction(n, d);
  const defs: Array<{ name: string; text: string; ok: boolean }> = [];
  const defOk = new Map<string, boolean>();
  for (const st of parsed.statements) {
    if (st.kind !== 'definition' || seen.get(st.name) !== st.line) continue;
    try {
      const t = el.define(st.name, parse(st.text), st.text, st.textStart);
      void t;
      defs.push({ name: st.name, text: st.text, ok: true });
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      err('syntax', e.message, st.textStart + e.start, st.textStart + Math.max(e.end, e.start + 1));
      defs.push({ name: st.name, text: st.text, ok: false });
    }
  }
  const elaborated = el.finish();
  diagnostics.push(...elaborated.diagnostics);
  for (const d of defs) defOk.set(d.name, d.ok && elaborated.definition(d.name) !== undefined);
  // Claims, each judged in the context of the definitions before it.
  for (const st of parsed.statements) {
    if (st.kind !== 'claim') continue;
    const label = `d${st.of}/d${st.wrt}`;
    const labelEnd = st.start + (source.slice(st.start, st.end).indexOf('=') > 0 ? source.slice(st.start, st.end).indexOf('=') : st.end - st.start);
    const before = defs.filter((d) => (seen.get(d.name) ?? Infinity) < st.line);
    if (!before.some((d) => d.name === st.of)) {
      const what = functions.has(st.of) ? `${st.of} is an abstract function: define the loss (L = ${st.of}(…)) and claim dL/d${st.wrt}` : `${st.of} is not defined before this line (define it: ${st.of} = …)`;
      err('undefined-name', `${label}: ${what}`, st.start, labelEnd);
      claims.push({ line: st.line, label, verdict: 'invalid' });
      continue;
    }
    if (!shapes.has(st.wrt) && !before.some((d) => d.name === st.wrt) && !elaborated.variables.has(st.wrt)) {
      err('undefined-name', `${label}: ${st.wrt} is neither a variable nor a definition before this line`, st.start, labelEnd);
      claims.push({ line: st.line, label, verdict: 'invalid' });
      continue;
    }
    // A claim about a definition with errors would only repeat them.
    if (before.some((d) => !defOk.get(d.name))) {
      claims.push({ line: st.line, label, verdict: 'invalid' });
      continue;
    }
    const j = judgeClaim({ decl, defs: before, root: st.of, wrt: st.wrt }, st.text, opts);
    claims.push({ line: st.line, label, verdict: j.verdict });
    const shift = (s: Span): Span => lines.span(st.textStart + s.start, st.textStart + s.end);
    const fixes = j.suggestions.map((s) => ({ expression: s.expression, description: `${s.explanation}; verified numerically` }));
    const own = j.diagnostics.filter((d) => d.ruleId === 'wrong-value' || d.ruleId === 'claim-shape' || d.ruleId === 'invalid-context');
    const core = j.diagnostics.filter((d) => !own.includes(d));
    for (const d of core) diagnostics.push({ ...d, span: shift(d.span) });
    if (j.verdict === 'wrong-shape' || j.verdict === 'wrong-value') {
      const main = own[0];
      const message = j.verdict === 'wrong-shape'
        ? `${label} is wrong: ${main?.message ?? `it must have the shape of ${st.wrt}, ${j.expectedShape}, but it does not fit together`}`
        : `${label} is wrong: ${main?.message.replace(/^the claim is not [^:]*: /, '') ?? 'it disagrees with finite differences'}`;
      const d: Diagnostic = { severity: 'error', ruleId: j.verdict, message, span: lines.span(st.textStart, st.textStart + st.text.length) };
      if (fixes.length > 0) d.fixes = fixes;
      diagnostics.push(d);
    } else if (j.verdict === 'invalid' && own.length > 0) {
      for (const d of own) diagnostics.push({ ...d, span: shift(d.span) });
    }
  }
  diagnostics.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { filePath, source, diagnostics, claims };
}
