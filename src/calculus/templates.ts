// Instantiating the vector–Jacobian rules of rules/ops: each rule is text in shapegrad's own
// notation, parsed once, and lowered with the operands, the cotangent G and the result Y bound.

import type { Ast } from '../expr/ast.js';
import type { DimValue, Expr } from '../expr/expr.js';
import { lower, type Construct } from '../expr/lower.js';
import { opSpec, operandNames, shapeRule } from '../expr/ops.js';
import { parse } from '../expr/parser.js';

const parsed = new Map<string, Ast>();

function template(text: string): Ast {
  let t = parsed.get(text);
  if (!t) {
    t = parse(text);
    parsed.set(text, t);
  }
  return t;
}

export class MissingRule extends Error {}

/**
 * The contribution of `node`'s operand `index` to the gradient, given the cotangent G of node;
 * null when the derivative is zero. Not yet summed back over broadcast axes.
 */
export function vjp(c: Construct, node: Expr, index: number, G: Expr): Expr | null {
  const spec = opSpec(node.op);
  const names = operandNames(node.op);
  const name = names[index]!;
  const rule = spec.vjp?.[name];
  if (rule === undefined) throw new MissingRule(`differentiation rule for ${spec.syntax} (operand ${name}) is not implemented`);
  if (rule === null) return null;
  const env = new Map<string, Expr>([['G', G], ['Y', node]]);
  names.forEach((n, i) => env.set(n, node.args[i]!));
  const dims = new Map<string, DimValue>();
  const sr = shapeRule(node.op);
  if (sr.kind === 'pattern') {
    sr.params.forEach((p, i) => {
      const arg = node.args[i]!;
      if (typeof p.dims[0] === 'string') dims.set(p.dims[0], arg.rows);
      if (typeof p.dims[1] === 'string') dims.set(p.dims[1], arg.cols);
    });
  }
  return lower(template(rule), c, {
    ident: (id) => {
      const e = env.get(id);
      if (!e) throw new Error(`rule for ${node.op} uses unknown name ${id}`);
      return e;
    },
    dim: (a) => (a.kind === 'num' ? a.value : a.kind === 'ident' ? dims.get(a.name) ?? a.name : 1),
    functionName: (f) => (f === 'F' ? node.name! : f),
  });
}
