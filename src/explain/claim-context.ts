// Elaborating a claimed derivative in the context it is about: the declarations, the definitions
// before it, the function E, and the variable (or intermediate) W of `dE/dW`. One Elaborator
// holds everything, so the claim's dims unify with W's.
//
// Spans: the claim text comes first in the elaborator's source (offset 0), so diagnostics about
// the claim have spans relative to the claim text; the context follows and its (already reported)
// diagnostics are dropped.

import type { Ast } from '../expr/ast.js';
import { declare, syntaxDiagnostic, type Declarations } from '../expr/analyze.js';
import { Elaborator, type Elaborated } from '../expr/elaborate.js';
import { topoOrder, type Attrs, type DimValue, type Expr, type ExprBuilder } from '../expr/expr.js';
import { parse, ParseError } from '../expr/parser.js';
import { LineMap, type Diagnostic } from '../report/diagnostic.js';

export interface ClaimContext {
  decl: Declarations;
  /** Definitions `name = text`, in order; later ones may use earlier ones. */
  defs: ReadonlyArray<{ name: string; text: string }>;
  /** The scalar function E (an expression, or a defined name). */
  root: string;
  /** W in dE/dW: a variable, or a defined intermediate. */
  wrt: string;
}

export interface ClaimElaboration {
  /** The context (root, defs) is well-shaped and E is a scalar. */
  contextOk: boolean;
  contextProblem?: string;
  elaborated: Elaborated;
  root?: Expr;
  /** The node W stands for: a variable, or the definition's expression. */
  wrtNode?: Expr;
  wrtShape?: [DimValue, DimValue];
  /** Whether W is a defined intermediate (then E is cut at it for the numeric check). */
  wrtIsDefinition: boolean;
  claimAst?: Ast;
  /** The claim's shape, when it has one. */
  claimShape?: [DimValue, DimValue];
  /** The claim, lowered, when it elaborated with W's shape. */
  claim?: Expr;
  /** Problems of the claim (syntax, shapes); spans relative to the claim text. */
  claimDiagnostics: Diagnostic[];
  /** Variable shapes after elaboration (a claim must not force another shape on them). */
  variables: Map<string, [DimValue, DimValue]>;
}

/** Elaborate the context, and the claim when given. */
export function elaborateClaim(ctx: ClaimContext, claimText?: string): ClaimElaboration {
  const claim = claimText ?? '';
  const parts: Array<{ text: string; offset: number }> = [];
  let source = claim;
  const add = (text: string) => {
    source += '\n';
    parts.push({ text, offset: source.length });
    source += text;
    return parts[parts.length - 1]!;
  };
  const defParts = ctx.defs.map((d) => ({ name: d.name, ...add(d.text) }));
  const rootPart = add(ctx.root);
  const wrtPart = add(ctx.wrt);
  const lines = new LineMap(source);
  const el = new Elaborator(lines);
  declare(el, ctx.decl);
  let contextProblem: string | undefined;
  const defined = new Set<string>();
  for (const d of defParts) {
    try {
      el.define(d.name, parse(d.text), d.text, d.offset);
      defined.add(d.name);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      contextProblem ??= `the definition of ${d.name} does not parse`;
    }
  }
  let rootAst: Ast | undefined;
  let wrtAst: Ast | undefined;
  try {
    rootAst = parse(ctx.root);
    wrtAst = parse(ctx.wrt);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    contextProblem ??= 'the function does not parse';
  }
  const tRoot = rootAst ? el.check(rootAst, ctx.root, rootPart.offset) : 'error';
  const tWrt = wrtAst ? el.check(wrtAst, ctx.wrt, wrtPart.offset) : 'error';
  const wrtIsDefinition = defined.has(ctx.wrt);
  if (!wrtIsDefinition && wrtAst && el.typeOfVariable(ctx.wrt) === undefined) contextProblem ??= `'${ctx.wrt}' is neither a variable nor a definition`;
  const claimDiagnostics: Diagnostic[] = [];
  let claimAst: Ast | undefined;
  let shapeOk = false;
  if (claimText !== undefined) {
    try {
      claimAst = parse(claim);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      claimDiagnostics.push(syntaxDiagnostic(e, new LineMap(claim)));
    }
    if (claimAst) {
      const t = el.check(claimAst, claim, 0);
      if (t !== 'error' && tWrt !== 'error') shapeOk = el.requireShape(t, tWrt);
    }
  }
  const elaborated = el.finish();
  const variables = new Map([...elaborated.variables].map(([n, v]) => [n, v.shape] as [string, [DimValue, DimValue]]));
  const out: ClaimElaboration = { contextOk: false, elaborated, wrtIsDefinition, claimDiagnostics, variables };
  const contextErrors = elaborated.diagnostics.filter((d) => d.span.start > claim.length && d.severity === 'error');
  claimDiagnostics.push(...elaborated.diagnostics.filter((d) => d.span.start <= claim.length && d.span.end <= claim.length));
  if (contextProblem || contextErrors.length > 0 || tRoot === 'error' || tWrt === 'error') {
    out.contextProblem = contextProblem ?? contextErrors[0]?.message ?? 'the function has errors';
    return out;
  }
  const root = elaborated.lower(rootAst!);
  if (root.rows !== 1 || root.cols !== 1) {
    out.contextProblem = `the function is [${root.rows}×${root.cols}], not a scalar`;
    return out;
  }
  out.contextOk = true;
  out.root = root;
  out.wrtNode = elaborated.lower(wrtAst!);
  out.wrtShape = [out.wrtNode.rows, out.wrtNode.cols];
  if (claimAst) {
    out.claimAst = claimAst;
    const s = elaborated.shapeOf(claimAst);
    if (s) out.claimShape = s;
    if (shapeOk && !claimDiagnostics.some((d) => d.severity === 'error')) out.claim = elaborated.lower(claimAst);
  }
  return out;
}

/** E with the node `at` replaced by a fresh variable `name` (the derivative by an intermediate). */
export function cutAt(b: ExprBuilder, root: Expr, at: Expr, name: string): Expr {
  const map = new Map<Expr, Expr>();
  for (const e of topoOrder([root])) {
    if (e === at) {
      map.set(e, b.variable(name, e.rows, e.cols));
      continue;
    }
    const args = e.args.map((a) => map.get(a)!);
    if (args.every((a, i) => a === e.args[i])) {
      map.set(e, e);
      continue;
    }
    const attrs: Attrs = {};
    if (e.name !== undefined) attrs.name = e.name;
    if (e.value !== undefined) attrs.value = e.value;
    if (e.dims !== undefined) attrs.dims = e.dims;
    map.set(e, b.make(e.op, args, attrs));
  }
  return map.get(root)!;
}
