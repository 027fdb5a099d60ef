// Test helper: analyse and derive an expression given as text, like `shapegrad derive`.
import { analyze } from '../../src/expr/analyze.js';
import { deriveAll, type Derivation } from '../../src/calculus/derive.js';
import { parseDims, type Dim } from '../../src/shape/dim.js';
import type { Expr } from '../../src/expr/expr.js';
import type { VariableInfo } from '../../src/expr/elaborate.js';

export interface Derived {
  root: Expr;
  d: Derivation;
  variables: Map<string, VariableInfo>;
}

export function deriveText(text: string, shapes: Record<string, string>, wrt: string[], opts: { hessian?: boolean; symmetric?: string[]; unicode?: boolean } = {}): Derived {
  const decl = new Map<string, Dim[]>();
  for (const [k, v] of Object.entries(shapes)) decl.set(k, parseDims(v)!);
  const a = analyze(text, { shapes: decl, symmetric: opts.symmetric ?? [] });
  if (!a.ok) throw new Error(`${text}: ${a.diagnostics.map((x) => x.message).join('; ')}`);
  const d = deriveAll(a, { wrt, hessian: !!opts.hessian, unicode: !!opts.unicode });
  return { root: a.expr!, d, variables: a.elaborated!.variables };
}
