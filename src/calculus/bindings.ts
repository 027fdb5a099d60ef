// Naming shared sub-expressions: the `where z = W*h, o = σ(z), δ = …` form of a derivative.
//
// A node is named when it is worth a name to a reader: a forward activation (σ, tanh, relu, …)
// and the pre-activation it is applied to, the error signal δ that a weight gradient multiplies,
// and anything else non-trivial that is used more than once.

import { topoOrder, type Expr } from '../expr/expr.js';

export interface Binding {
  name: string;
  expr: Expr;
}

const ACTIVATIONS = new Set(['sigmoid', 'tanh', 'relu', 'softplus', 'softmax', 'exp']);
const TRIVIAL = new Set(['var', 'num', 'ones', 'zeros', 'eye']);

function trivial(e: Expr): boolean {
  if (TRIVIAL.has(e.op)) return true;
  if ((e.op === 'transpose' || e.op === 'neg') && TRIVIAL.has(e.args[0]!.op)) return true;
  return false;
}

export function nameSharedNodes(forward: Expr, roots: readonly Expr[], taken: ReadonlySet<string>, unicode: boolean): Binding[] {
  const order = topoOrder(roots);
  const uses = new Map<number, number>();
  for (const n of order) for (const a of new Set(n.args)) uses.set(a.id, (uses.get(a.id) ?? 0) + 1);
  const inForward = new Set(topoOrder([forward]).map((e) => e.id));
  const rootIds = new Set(roots.map((r) => r.id));

  const activations: Expr[] = [];
  const pre = new Map<number, Expr>(); // activation id -> its argument
  const deltas: Expr[] = [];
  const shared: Expr[] = [];
  const chosen = new Set<number>();
  for (const n of order) {
    if (trivial(n) || rootIds.has(n.id)) continue;
    if (inForward.has(n.id) && ACTIVATIONS.has(n.op)) {
      activations.push(n);
      chosen.add(n.id);
      const arg = n.args[0]!;
      if (!trivial(arg) && (arg.op === 'matmul' || arg.op === 'add' || arg.op === 'sub')) pre.set(n.id, arg);
    }
  }
  for (const z of pre.values()) chosen.add(z.id);
  // δ: the left factor of a weight gradient `δ*x'`, or of a bias gradient `δ*ones(…)`.
  for (const r of roots) {
    const product = r.op === 'matmul' ? r : r.op === 'scale' && r.args[1]!.op === 'matmul' ? r.args[1]! : undefined;
    // Only the outer-product form of backprop: δ*xᵀ (a weight) or δ*ones(batch, 1) (a bias).
    const right = product?.args[1];
    const d = right && (right.op === 'transpose' || right.op === 'ones') ? product.args[0]! : undefined;
    if (d && !trivial(d) && !inForward.has(d.id) && !chosen.has(d.id)) {
      deltas.push(d);
      chosen.add(d.id);
    }
  }
  for (const n of order) {
    if (chosen.has(n.id) || trivial(n) || rootIds.has(n.id)) continue;
    if ((uses.get(n.id) ?? 0) >= 2) {
      shared.push(n);
      chosen.add(n.id);
    }
  }

  const names = new Map<number, string>();
  const used = new Set(taken);
  const give = (e: Expr, base: string) => {
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    names.set(e.id, name);
  };
  const single = activations.length === 1;
  activations.forEach((a, i) => {
    const z = pre.get(a.id);
    if (z && !names.has(z.id)) give(z, single ? 'z' : `z${i + 1}`);
    give(a, single ? 'o' : `a${i + 1}`);
  });
  const d = unicode ? 'δ' : 'delta';
  deltas.forEach((x, i) => give(x, deltas.length === 1 ? d : `${d}${i + 1}`));
  shared.forEach((x, i) => give(x, `t${i + 1}`));

  // Bindings in dependency order.
  return order.filter((e) => names.has(e.id)).map((e) => ({ name: names.get(e.id)!, expr: e }));
}
