// derive: from an analysed expression to simplified, named derivatives.

import type { Analysis } from '../expr/analyze.js';
import type { DimValue, Expr } from '../expr/expr.js';
import { isScalar } from '../expr/expr.js';
import { Algebra } from './algebra.js';
import { nameSharedNodes, type Binding } from './bindings.js';
import { jacobian, JacobianUnsupported } from './jacobian.js';
import { backward, NotScalar } from './reverse.js';
import { simplifyAll } from './rewrite.js';
import { MissingRule } from './templates.js';

export type DerivativeKind = 'gradient' | 'jacobian' | 'hessian';

export interface Derivative {
  wrt: string;
  kind: DerivativeKind;
  /** The simplified derivative, fully inlined (a DAG: shared nodes are shared). */
  expr: Expr;
  shape: [DimValue, DimValue];
  variableShape: [DimValue, DimValue];
}

export interface DeriveOptions {
  wrt: readonly string[];
  hessian?: boolean;
  unicode?: boolean;
}

export interface Derivation {
  derivatives: Derivative[];
  /** Named shared sub-expressions over all derivatives, in dependency order. */
  bindings: Binding[];
  /** Which rewrite rules fired, in order (for --steps and debugging). */
  rewrites: string[];
}

export class DeriveError extends Error {}

export function deriveAll(a: Analysis, opts: DeriveOptions): Derivation {
  if (!a.ok || !a.expr || !a.elaborated) throw new DeriveError('the expression has errors');
  const el = a.elaborated;
  const symmetric = new Set([...el.variables].filter(([, v]) => v.symmetric).map(([n]) => n));
  const alg = new Algebra(el.builder, symmetric);
  const vars = opts.wrt.map((name) => {
    const v = el.variables.get(name);
    if (!v) throw new DeriveError(`--wrt ${name}: '${name}' does not appear in the expression (its variables: ${[...el.variables.keys()].join(', ') || 'none'})`);
    return el.builder.variable(name, v.shape[0], v.shape[1]);
  });
  const root = a.expr;
  const rewrites: string[] = [];
  let raw: Array<{ kind: DerivativeKind; expr: Expr; v: Expr }>;
  try {
    if (isScalar(root)) {
      const adj = backward(alg, root, vars);
      raw = vars.map((v) => ({ kind: 'gradient' as const, expr: adj.gradient(v), v }));
      if (opts.hessian) {
        raw = raw.map((g) => {
          if (g.v.cols !== 1) throw new DeriveError(`--hessian needs a vector variable; ${g.v.name} is [${g.v.rows}×${g.v.cols}] (the Hessian by a matrix is a 4th-order tensor)`);
          const [grad] = simplifyAll(alg, [g.expr]);
          return { kind: 'hessian' as const, expr: jacobian(alg, grad!, g.v), v: g.v };
        });
      }
    } else {
      if (opts.hessian) throw new DeriveError('--hessian needs a scalar expression');
      raw = vars.map((v) => {
        if (root.rows === 1 && v.cols === 1) {
          throw new DeriveError(
            `the expression is a [1×${root.cols}] row vector: shapegrad takes Jacobians of column vectors (numerator layout); write it as a column — its transpose, e.g. σ(X'*w) for σ(w'*X) — and the Jacobian is the same [${root.cols}×${v.rows}] matrix`,
          );
        }
        if (root.cols !== 1 || v.cols !== 1) {
          throw new DeriveError(
            `the derivative of a [${root.rows}×${root.cols}] expression by the [${v.rows}×${v.cols}] variable ${v.name} is a 4th-order tensor; shapegrad derives Jacobians of vector expressions by vector variables (take the sum, a trace or a norm to get a scalar)`,
          );
        }
        return { kind: 'jacobian' as const, expr: jacobian(alg, root, v), v };
      });
    }
  } catch (e) {
    if (e instanceof NotScalar || e instanceof JacobianUnsupported || e instanceof MissingRule) throw new DeriveError(e.message);
    throw e;
  }
  const simplified = simplifyAll(alg, raw.map((r) => r.expr), rewrites);
  const derivatives = raw.map((r, i): Derivative => {
    const expr = simplified[i]!;
    return { wrt: r.v.name!, kind: r.kind, expr, shape: [expr.rows, expr.cols], variableShape: [r.v.rows, r.v.cols] };
  });
  const taken = new Set([...el.variables.keys(), ...el.functions.keys()]);
  const bindings = nameSharedNodes(root, simplified, taken, !!opts.unicode);
  return { derivatives, bindings, rewrites };
}
