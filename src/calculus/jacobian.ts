// Jacobians of vector-valued expressions by a vector variable (numerator layout: J[i][j] =
// d f_i / d x_j, so J is [rows(f) × rows(x)]), by forward propagation of Jacobians through the
// DAG. Scalars are 1×1 (their Jacobian a row); intermediates must be column vectors or scalars —
// anything else would need a higher-order tensor, and is refused with a clear message.

import { isScalar, topoOrder, type Expr } from '../expr/expr.js';
import type { Algebra } from './algebra.js';
import { vjp } from './templates.js';
import { opSpec } from '../expr/ops.js';

export class JacobianUnsupported extends Error {}

export function jacobian(alg: Algebra, f: Expr, x: Expr): Expr {
  if (x.cols !== 1) throw new JacobianUnsupported(`Jacobians are taken by a column vector; ${x.name} is [${x.rows}×${x.cols}]`);
  const n = x.rows;
  const J = new Map<number, Expr | null>();
  const get = (e: Expr) => J.get(e.id) ?? null;
  const m = (op: string, args: Expr[], attrs = {}) => alg.make(op, args, attrs);
  const plus = (a: Expr | null, b: Expr | null) => (a && b ? m('add', [a, b]) : a ?? b);
  // Row-wise scaling of a Jacobian by d: diag(d)*J, or d*J when d is a scalar (diag of a 1×1 is 1×1).
  const diagTimes = (d: Expr, j: Expr | null) => (j ? (isScalar(d) ? m('scale', [d, j]) : m('matmul', [m('diag', [d]), j])) : null);
  // A scalar operand's Jacobian row spread over the rows of the vector result (broadcast); a
  // vector operand's Jacobian already has the result's rows. (Spreading a vector's Jacobian was a
  // shape error: the Hessian of x'*A*x + sum(exp(x)) crashed.)
  let current: Expr;
  const spread = (j: Expr | null, arg: Expr) => (j && isScalar(arg) && !isScalar(current) ? m('matmul', [alg.ones(current.rows, 1), j]) : j);

  // Rows that depend on x (a transposed column u', or u'M for a constant M) are kept as the column
  // u and its Jacobian, not formed: a row may scale, negate or multiply constants, and finally be
  // the left factor of a scalar product u'*v, d(u'v) = v'·Ju + u'·Jv. (Refusing at the transpose
  // itself rejected x ./ (x'*x) and σ(W*x) * (x'*A*x).)
  const rows = new Map<number, { u: Expr; ju: Expr | null }>();
  const rowError = () => new JacobianUnsupported(`a transposed vector (a row) that depends on ${x.name} is only supported inside a product u'*v`);
  const depends = (a: Expr) => !!get(a) || rows.has(a.id);
  for (const e of topoOrder([f])) {
    if (e === x) {
      J.set(e.id, alg.eye(n));
      continue;
    }
    if (e.args.length === 0 || !e.args.some(depends)) {
      J.set(e.id, null);
      continue;
    }
    const r0 = rows.get(e.args[0]!.id);
    if (e.op === 'transpose' && !isScalar(e) && e.args[0]!.cols === 1) {
      rows.set(e.id, { u: e.args[0]!, ju: get(e.args[0]!) });
      J.set(e.id, null);
      continue;
    }
    if (r0 && e.op === 'neg') {
      rows.set(e.id, { u: m('neg', [r0.u]), ju: r0.ju ? m('neg', [r0.ju]) : null });
      J.set(e.id, null);
      continue;
    }
    if (e.op === 'scale' && rows.has(e.args[1]!.id) && !depends(e.args[0]!)) {
      const r = rows.get(e.args[1]!.id)!;
      rows.set(e.id, { u: m('scale', [e.args[0]!, r.u]), ju: r.ju ? m('scale', [e.args[0]!, r.ju]) : null });
      J.set(e.id, null);
      continue;
    }
    if (r0 && e.op === 'matmul' && !isScalar(e) && !depends(e.args[1]!)) {
      const Mt = m('transpose', [e.args[1]!]);
      rows.set(e.id, { u: m('matmul', [Mt, r0.u]), ju: r0.ju ? m('matmul', [Mt, r0.ju]) : null });
      J.set(e.id, null);
      continue;
    }
    if (e.args.some((a, i) => rows.has(a.id) && !(e.op === 'matmul' && i === 0 && isScalar(e)))) throw rowError();
    if (e.cols !== 1 && !isScalar(e) && e.op !== 'transpose') {
      throw new JacobianUnsupported(`the intermediate ${opSpec(e.op).syntax} is [${e.rows}×${e.cols}], a matrix that depends on ${x.name}: its Jacobian is a higher-order tensor`);
    }
    const [a, b] = e.args as [Expr, Expr];
    current = e;
    const [ja, jb] = [get(a), b ? get(b) : null];
    let out: Expr | null;
    switch (e.op) {
      case 'add':
        out = plus(spread(ja, a), spread(jb, b));
        break;
      case 'sub':
        out = plus(spread(ja, a), jb ? m('neg', [spread(jb, b)!]) : null);
        break;
      case 'neg':
        out = m('neg', [ja!]);
        break;
      case 'scale':
        out = plus(ja ? m('matmul', [b, ja]) : null, jb ? m('scale', [a, jb]) : null);
        break;
      case 'transpose':
        if (!isScalar(e)) throw rowError();
        out = ja;
        break;
      case 'matmul': {
        const row = rows.get(a.id);
        if (row) {
          // e = u'·b, a scalar.
          out = plus(row.ju ? m('matmul', [m('transpose', [b]), row.ju]) : null, jb ? m('matmul', [m('transpose', [row.u]), jb]) : null);
        } else if (!ja) out = m('matmul', [a, jb!]);
        else throw new JacobianUnsupported(`the matrix ${opSpec('matmul').syntax} has a left factor that depends on ${x.name}: its Jacobian is a higher-order tensor`);
        break;
      }
      case 'hadamard':
        out = plus(ja ? diagTimes(b, spread(ja, a)) : null, jb ? diagTimes(a, spread(jb, b)) : null);
        if (isScalar(e)) out = plus(ja ? m('scale', [b, ja]) : null, jb ? m('scale', [a, jb]) : null);
        break;
      case 'div':
        out = plus(
          ja ? (isScalar(b) ? m('div', [ja, b]) : diagTimes(m('div', [alg.ones(b.rows, 1), b]), spread(ja, a))) : null,
          jb ? m('neg', [isScalar(b) && !isScalar(e) ? m('matmul', [m('div', [a, m('pow', [b, alg.num(2)])]), jb]) : diagTimes(m('div', [e, b]), spread(jb, b))!]) : null,
        );
        break;
      case 'pow': {
        if (jb) throw new JacobianUnsupported(`a power whose exponent depends on ${x.name} is not supported in Jacobians`);
        const d = vjp(alg, e, 0, alg.ones(e.rows, 1));
        out = d ? diagTimes(d, spread(ja, a)) : null;
        break;
      }
      case 'softmax':
        out = m('matmul', [m('sub', [m('diag', [e]), m('matmul', [e, m('transpose', [e])])]), ja!]);
        break;
      default: {
        const spec = opSpec(e.op);
        if (e.args.length !== 1 || (spec.category !== 'elementwise' && !isScalar(e))) {
          if (e.op === 'grad') {
            throw new JacobianUnsupported(`∇${e.name} depends on ${x.name}, and the derivative of ∇${e.name} is the Hessian of the abstract function ${e.name}, which shapegrad does not know`);
          }
          throw new JacobianUnsupported(`no Jacobian rule for ${spec.syntax} by ${x.name}`);
        }
        // Elementwise: diag(f'(a)); scalar-valued: the gradient as a row. Both from the op's own VJP rule.
        if (spec.category === 'elementwise') {
          const d = vjp(alg, e, 0, alg.ones(e.rows, 1));
          out = d ? diagTimes(d, ja) : null;
        } else {
          const g = vjp(alg, e, 0, alg.num(1));
          out = g ? m('matmul', [m('transpose', [g]), ja!]) : null;
        }
      }
    }
    J.set(e.id, out);
  }
  return get(f) ?? alg.zeros(f.rows, n);
}
