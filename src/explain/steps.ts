// --steps: the chain rule as a person writes it for backprop. Each node between the output and
// the variable gets its gradient dE/d(node), the rule of rules/ops that produced it, its shape,
// and — where the naive product of Jacobians would not fit — how the layout makes it fit.

import type { Analysis } from '../expr/analyze.js';
import { dependsOn, topoOrder, type Expr } from '../expr/expr.js';
import { opSpec, operandNames } from '../expr/ops.js';
import { printExpr } from '../expr/print.js';
import { formatShape } from '../shape/dim.js';
import { Algebra } from '../calculus/algebra.js';
import type { Binding } from '../calculus/bindings.js';
import { backward } from '../calculus/reverse.js';
import { simplifyAll } from '../calculus/rewrite.js';

export interface Step {
  /** The node whose gradient this step gives (its binding name or its text). */
  node: string;
  nodeShape: string;
  /** dE/d(node), simplified, with bindings. */
  gradient: string;
  /** The op the gradient came through and its VJP rule in rules/ops notation. */
  via: string;
  /** Why the shapes work out (the layout story), when there is something to say. */
  why?: string;
  /** Set when the step went through an elementwise op (a diagonal Jacobian). */
  diagonal?: { outer: string; inner: string; rows: string; cols: string };
}

const sh = (e: Expr) => formatShape([e.rows, e.cols]);

export function chainSteps(a: Analysis, wrt: string, bindings: readonly Binding[], unicode: boolean): Step[] {
  const el = a.elaborated!;
  const root = a.expr!;
  const v = el.variables.get(wrt)!;
  const x = el.builder.variable(wrt, v.shape[0], v.shape[1]);
  const alg = new Algebra(el.builder);
  const adj = backward(alg, root, [x]);
  const names = new Map(bindings.map((b) => [b.expr.id, b.name]));
  const relevant = dependsOn([root], new Set([x.id]));
  const order = topoOrder([root]).filter((n) => relevant.has(n.id) && n !== root).reverse();
  const label = (e: Expr) => {
    const name = names.get(e.id);
    if (name) return name;
    const t = printExpr(e, { unicode, names });
    return /^[\w\u0370-\u03FF]+$/u.test(t) ? t : `(${t})`;
  };
  const users = (n: Expr) => topoOrder([root]).filter((p) => p.args.includes(n) && relevant.has(p.id));
  const steps: Step[] = [];
  for (const n of order) {
    const g = adj.of(n);
    if (!g) continue;
    const [simple] = simplifyAll(alg, [g]);
    const parents = users(n);
    const via = parents.map((p) => {
      const k = p.args.indexOf(n);
      const spec = opSpec(p.op);
      const operand = operandNames(p.op)[k];
      const rule = p.op === 'mpow' ? 'Σ (Aᵀ)^i G (Aᵀ)^(k-1-i)' : spec.vjp?.[operand ?? ''] ?? '';
      return `${spec.syntax}: d${operand} = ${rule}`;
    });
    const step: Step = {
      node: label(n),
      nodeShape: sh(n),
      gradient: printExpr(simple!, { unicode, names }) + (names.has(simple!.id) && simple!.op !== 'var' ? ` = ${names.get(simple!.id)}` : ''),
      via: via.join('; '),
    };
    const why = parents.map((p) => explainLayout(p, n, label, unicode)).filter((s): s is string => !!s);
    if (parents.length > 1) why.push(`${label(n)} is used ${parents.length} times: the contributions are added`);
    if (why.length > 0) step.why = why.join('; ');
    const diagonal = parents.find((p) => opSpec(p.op).category === 'elementwise');
    if (diagonal) step.diagonal = { outer: label(diagonal), inner: label(n), rows: String(n.rows), cols: String(n.cols) };
    steps.push(step);
  }
  return steps;
}

/** The layout story for one edge parent → child. */
function explainLayout(p: Expr, child: Expr, label: (e: Expr) => string, unicode: boolean): string | undefined {
  const T = unicode ? 'ᵀ' : "'";
  const spec = opSpec(p.op);
  const G = `dE/d${label(p)}`;
  if (spec.category === 'elementwise') {
    const f = unicode && spec.unicode ? spec.unicode : p.op;
    // Over a batch the node is a matrix: its Jacobian is diagonal over all (rows·cols) entries.
    const n = child.cols === 1 ? `${child.rows}` : `${child.rows}·${child.cols}`;
    return `d${label(p)}/d${label(child)} is diagonal, diag(${f}'(${label(child)})) [${n}×${n}]: multiplying by a diagonal matrix is ${unicode ? '⊙' : '.*'} ${f}'(${label(child)}), so the shape stays ${sh(child)}`;
  }
  if (p.op === 'matmul') {
    const [A, B] = p.args as [Expr, Expr];
    if (child === A) {
      return `d${label(p)}/d${label(A)} would be a 4th-order tensor; contracted with ${G} ${sh(p)} it is the product ${G}·${label(B)}${T} = ${sh(p)}·${formatShape([B.cols, B.rows])} → ${sh(A)}`;
    }
    return `d${label(p)}/d${label(B)} is ${label(A)} ${sh(A)} (numerator layout); the gradient takes its transpose from the left: ${label(A)}${T}·${G} = ${formatShape([A.cols, A.rows])}·${sh(p)} → ${sh(B)}`;
  }
  if ((p.op === 'add' || p.op === 'sub' || p.op === 'hadamard') && (child.rows !== p.rows || child.cols !== p.cols)) {
    return `${label(child)} ${sh(child)} was broadcast to ${sh(p)}: its gradient sums over the broadcast ${child.rows !== p.rows ? 'rows' : 'columns'}`;
  }
  if (p.op === 'sum' || p.op === 'mean') return `${p.op} makes a scalar; its gradient spreads the incoming scalar over every entry of ${sh(child)}`;
  if (p.op === 'transpose') return `the gradient of a transpose is the transposed gradient`;
  return undefined;
}

/** The one-paragraph summary: where the naive chain of Jacobians does not fit. */
export function naiveChainNote(steps: readonly Step[], wrt: string, unicode: boolean): string {
  const dot = unicode ? '·' : '*';
  const had = unicode ? '⊙' : '.*';
  const T = unicode ? 'ᵀ' : "'";
  const d = steps.find((s) => s.diagonal)?.diagonal;
  if (!d) {
    return `Each gradient above has the shape of its node (denominator layout): that is what makes the chain rule's products fit.`;
  }
  const m = d.rows;
  if (d.cols !== '1') {
    // A batch: the gradient is a matrix, and the local Jacobian lives on all of its entries.
    const n = `${m}·${d.cols}`;
    return [
      `Why the naive chain does not fit: dE/d${d.outer} is a [${m}×${d.cols}] matrix, while d${d.outer}/d${d.inner} is a [${n}×${n}] diagonal Jacobian over all its entries,`,
      `so no matrix product of the two fits, and d${d.inner}/d${wrt} is a higher-order tensor.`,
      `Denominator layout applies each local Jacobian transposed to the incoming gradient: the diagonal one becomes ${had},`,
      `a product becomes multiplication by the other factor's transpose (${T}), a broadcast bias sums over the batch, and every gradient keeps the shape of its node.`,
    ].join('\n');
  }
  return [
    `Why the naive chain does not fit: dE/d${d.outer} is a [${m}×1] column and d${d.outer}/d${d.inner} the [${m}×${m}] diagonal Jacobian,`,
    `so dE/d${d.outer} ${dot} d${d.outer}/d${d.inner} is [${m}×1]${dot}[${m}×${m}] (1 ≠ ${m}), and d${d.inner}/d${wrt} is a higher-order tensor.`,
    `Denominator layout applies each local Jacobian transposed to the incoming gradient: the diagonal one becomes ${had},`,
    `a product becomes multiplication by the other factor's transpose (${T}), and every gradient keeps the shape of its node.`,
  ].join('\n');
}
