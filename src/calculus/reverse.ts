// Reverse-mode symbolic differentiation over the expression DAG.
//
// Adjoints are accumulated (+=) in reverse topological order, so a node used twice gets both
// contributions; only nodes that depend on a variable of interest are visited, so several
// variables share one backward pass and one set of intermediates.

import { dependsOn, isScalar, sameShape, topoOrder, type Expr } from '../expr/expr.js';
import type { Algebra } from './algebra.js';
import { vjp } from './templates.js';

export interface Adjoints {
  /** The adjoint (dRoot/dNode, shaped like the node) of every node on a path to a variable; absent means zero. */
  of(node: Expr): Expr | undefined;
  /** The gradient with respect to a variable: its adjoint, or a zero matrix of its shape. */
  gradient(variable: Expr): Expr;
}

export class NotScalar extends Error {}

export function backward(alg: Algebra, root: Expr, wrt: readonly Expr[], seed?: Expr): Adjoints {
  if (!seed && !isScalar(root)) throw new NotScalar(`the expression is [${root.rows}×${root.cols}], not a scalar: a gradient needs a scalar`);
  const relevant = dependsOn([root], new Set(wrt.map((w) => w.id)));
  const adj = new Map<number, Expr>();
  if (relevant.has(root.id)) adj.set(root.id, seed ?? alg.num(1));
  const order = topoOrder([root]);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    const G = adj.get(node.id);
    if (!G || node.args.length === 0) continue;
    node.args.forEach((arg, k) => {
      if (!relevant.has(arg.id)) return;
      const raw = node.op === 'mpow' ? mpowVjp(alg, node, G) : vjp(alg, node, k, G);
      if (!raw) return;
      const contribution = unbroadcast(alg, raw, arg);
      const prev = adj.get(arg.id);
      adj.set(arg.id, prev ? alg.make('add', [prev, contribution]) : contribution);
    });
  }
  return {
    of: (n) => adj.get(n.id),
    gradient: (v) => adj.get(v.id) ?? alg.zeros(v.rows, v.cols),
  };
}

/** Sum a contribution back to the operand's shape over the axes the operand was broadcast along. */
export function unbroadcast(alg: Algebra, c: Expr, target: Expr): Expr {
  if (sameShape(c, target)) return c;
  if (isScalar(target)) return alg.make('sum', [c]);
  let out = c;
  if (target.rows === 1 && out.rows !== 1) out = alg.make('matmul', [alg.ones(1, out.rows), out]);
  if (target.cols === 1 && out.cols !== 1) out = alg.make('matmul', [out, alg.ones(out.cols, 1)]);
  return out;
}

/**
 * d tr(Gᵀ A^k) / dA = Σ_{i<k} (Aᵀ)^i G (Aᵀ)^(k-1-i); for negative k, A^k = inv(A)^|k|, so the
 * rule for inv is chained on. Written out because its number of terms depends on k.
 */
function mpowVjp(alg: Algebra, node: Expr, G: Expr): Expr {
  const A = node.args[0]!;
  const k = node.value!;
  if (k === 0) return alg.zeros(A.rows, A.cols);
  const base = k > 0 ? A : alg.make('inv', [A]);
  const n = Math.abs(k);
  const bt = alg.make('transpose', [base]);
  const power = (p: number): Expr | null => (p === 0 ? null : p === 1 ? bt : alg.make('mpow', [bt], { value: p }));
  let sum: Expr | null = null;
  for (let i = 0; i < n; i++) {
    const left = power(i);
    const right = power(n - 1 - i);
    let term = G;
    if (left) term = alg.make('matmul', [left, term]);
    if (right) term = alg.make('matmul', [term, right]);
    sum = sum ? alg.make('add', [sum, term]) : term;
  }
  if (k > 0) return sum!;
  // Chain through inv: d/dA of inv(A) with cotangent S is -inv(A)ᵀ S inv(A)ᵀ.
  return alg.make('neg', [alg.make('matmul', [alg.make('matmul', [bt, sum!]), bt])]);
}
