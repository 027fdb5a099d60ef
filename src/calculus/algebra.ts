// A simplifying constructor over ExprBuilder: the identities that keep derivatives small are
// applied as nodes are built (a symbolic zero is `null` upstream, ones and identities vanish,
// scalar constants are folded and gathered in front). Every identity here preserves shape: when
// the simplified node would have another shape (a broadcast), the plain node is built instead.
// The data-driven rewrite rules of rules/simplify run afterwards, to a fixed point.

import { ExprBuilder, isScalar, sameShape, type Attrs, type DimValue, type Expr } from '../expr/expr.js';

const isNum = (e: Expr, v?: number): boolean => e.op === 'num' && (v === undefined || e.value === v);
const isOnes = (e: Expr) => e.op === 'ones' || isNum(e, 1);
const isZeros = (e: Expr) => e.op === 'zeros' || isNum(e, 0);

export class Algebra {
  constructor(readonly b: ExprBuilder, private readonly symmetric: ReadonlySet<string> = new Set()) {}

  // The Construct interface used by `lower` (templates and rewrite rules go through here).
  variable(name: string, rows: DimValue, cols: DimValue): Expr {
    return this.b.variable(name, rows, cols);
  }
  num(v: number): Expr {
    return this.b.num(v);
  }
  ones(r: DimValue, c: DimValue): Expr {
    return r === 1 && c === 1 ? this.b.num(1) : this.b.ones(r, c);
  }
  zeros(r: DimValue, c: DimValue): Expr {
    return r === 1 && c === 1 ? this.b.num(0) : this.b.zeros(r, c);
  }
  eye(n: DimValue): Expr {
    return n === 1 ? this.b.num(1) : this.b.eye(n);
  }

  make(op: string, args: readonly Expr[] = [], attrs: Attrs = {}): Expr {
    const plain = () => this.b.make(op, args, attrs);
    const s = this.simplify(op, args, attrs, plain);
    return s ?? plain();
  }

  /** Keep a candidate only when it has the shape the plain node would have. */
  private keep(candidate: Expr, plain: () => Expr): Expr | undefined {
    const p = plain();
    return sameShape(candidate, p) ? candidate : undefined;
  }

  private simplify(op: string, args: readonly Expr[], attrs: Attrs, plain: () => Expr): Expr | undefined {
    const [a, c] = args as [Expr, Expr];
    switch (op) {
      case 'add': {
        if (isNum(a) && isNum(c)) return this.num(a.value! + c.value!);
        if (isZeros(a)) return this.keep(c, plain);
        if (isZeros(c)) return this.keep(a, plain);
        if (c.op === 'neg') return this.make('sub', [a, c.args[0]!]);
        if (a.op === 'neg') return this.make('sub', [c, a.args[0]!]);
        if (a === c) return this.make('scale', [this.num(2), a]);
        return undefined;
      }
      case 'sub': {
        if (isNum(a) && isNum(c)) return this.num(a.value! - c.value!);
        if (isZeros(c)) return this.keep(a, plain);
        if (isZeros(a)) return this.keep(this.make('neg', [c]), plain);
        if (c.op === 'neg') return this.make('add', [a, c.args[0]!]);
        if (a === c) return this.zeros(a.rows, a.cols);
        return undefined;
      }
      case 'neg': {
        if (isNum(a)) return this.num(-a.value!);
        if (a.op === 'neg') return a.args[0]!;
        if (a.op === 'scale' && isNum(a.args[0]!)) return this.make('scale', [this.num(-a.args[0]!.value!), a.args[1]!]);
        if (a.op === 'sub') return this.make('sub', [a.args[1]!, a.args[0]!]);
        if (a.op === 'zeros') return a;
        return undefined;
      }
      case 'scale': {
        // a is the scalar.
        if (isNum(a) && isNum(c)) return this.num(a.value! * c.value!);
        if (isNum(a, 1)) return c;
        if (isNum(a, 0) || isZeros(c)) return this.zeros(c.rows, c.cols);
        if (isNum(a, -1)) return this.make('neg', [c]);
        if (isNum(c, 1)) return a;
        if (!isNum(a) && isNum(c)) return this.make('scale', [c, a]);
        if (isNum(a) && c.op === 'scale' && isNum(c.args[0]!)) return this.make('scale', [this.num(a.value! * c.args[0]!.value!), c.args[1]!]);
        if (isNum(a) && c.op === 'neg') return this.make('scale', [this.num(-a.value!), c.args[0]!]);
        if (c.op === 'neg') return this.make('neg', [this.make('scale', [a, c.args[0]!])]);
        if (c.op === 'scale' && isNum(c.args[0]!) && !isNum(a)) return this.make('scale', [c.args[0]!, this.make('scale', [a, c.args[1]!])]);
        // A scalar factor that is itself k*s: bring the number k out front.
        if (a.op === 'scale' && isNum(a.args[0]!)) return this.make('scale', [a.args[0]!, this.make('scale', [a.args[1]!, c])]);
        if (a.op === 'neg') return this.make('neg', [this.make('scale', [a.args[0]!, c])]);
        // (k / s) * X: the number goes in front, the division applies to X: k * (X / s).
        if (a.op === 'div' && isNum(a.args[0]!) && !isScalar(c)) {
          const k = a.args[0]!.value!;
          const divided = this.make('div', [c, a.args[1]!]);
          return k === 1 ? divided : this.make('scale', [a.args[0]!, divided]);
        }
        return undefined;
      }
      case 'matmul': {
        if (isScalar(a)) return this.make('scale', [a, c]);
        if (isScalar(c)) return this.make('scale', [c, a]);
        if (a.op === 'eye') return c;
        if (c.op === 'eye') return a;
        if (isZeros(a) || isZeros(c)) return this.zeros(a.rows, c.cols);
        // Pull scalar factors out front: (2*A)*B = 2*(A*B).
        if (a.op === 'scale') return this.make('scale', [a.args[0]!, this.make('matmul', [a.args[1]!, c])]);
        if (c.op === 'scale') return this.make('scale', [c.args[0]!, this.make('matmul', [a, c.args[1]!])]);
        if (a.op === 'neg') return this.make('neg', [this.make('matmul', [a.args[0]!, c])]);
        if (c.op === 'neg') return this.make('neg', [this.make('matmul', [a, c.args[0]!])]);
        return undefined;
      }
      case 'hadamard': {
        if (isNum(a) && isNum(c)) return this.num(a.value! * c.value!);
        if (isScalar(a) && !isScalar(c)) return this.make('scale', [a, c]);
        if (isScalar(c) && !isScalar(a)) return this.make('scale', [c, a]);
        if (isScalar(a) && isScalar(c) && !isNum(a) && !isNum(c)) return this.make('scale', [a, c]);
        if (isOnes(a)) return this.keep(c, plain);
        if (isOnes(c)) return this.keep(a, plain);
        if (isZeros(a) || isZeros(c)) return this.keep(this.zeros(plain().rows, plain().cols), plain);
        if (isScalar(a)) return this.make('scale', [a, c]);
        if (isScalar(c)) return this.make('scale', [c, a]);
        if (a.op === 'scale') return this.keep(this.make('scale', [a.args[0]!, this.make('hadamard', [a.args[1]!, c])]), plain);
        // (X / s) .* C = (X .* C) / s for a scalar s: the division moves outward, where it cancels or reads well.
        if (a.op === 'div' && isScalar(a.args[1]!) && !isScalar(a)) return this.keep(this.make('div', [this.make('hadamard', [a.args[0]!, c]), a.args[1]!]), plain);
        if (c.op === 'div' && isScalar(c.args[1]!) && !isScalar(c)) return this.keep(this.make('div', [this.make('hadamard', [a, c.args[0]!]), c.args[1]!]), plain);
        if (c.op === 'scale') return this.keep(this.make('scale', [c.args[0]!, this.make('hadamard', [a, c.args[1]!])]), plain);
        if (a.op === 'neg') return this.make('neg', [this.make('hadamard', [a.args[0]!, c])]);
        if (c.op === 'neg') return this.make('neg', [this.make('hadamard', [a, c.args[0]!])]);
        return undefined;
      }
      case 'div': {
        if (isNum(a) && isNum(c) && c.value !== 0) return this.num(a.value! / c.value!);
        if (isNum(c, 1)) return this.keep(a, plain);
        if (isNum(c) && c.value !== 0 && !isScalar(a)) return this.make('scale', [this.num(1 / c.value!), a]);
        if (isZeros(a)) return this.keep(a, plain);
        if (a.op === 'neg') return this.make('neg', [this.make('div', [a.args[0]!, c])]);
        if (a === c) return this.keep(this.ones(a.rows, a.cols), plain);
        // (k*s) / s = k, and k / (j*s) = (k/j) / s.
        if (a.op === 'scale' && a.args[1] === c && isNum(a.args[0]!)) return this.keep(a.args[0]!, plain) ?? this.make('scale', [a.args[0]!, this.ones(c.rows, c.cols)]);
        if (isNum(a) && c.op === 'scale' && isNum(c.args[0]!)) return this.make('div', [this.num(a.value! / c.args[0]!.value!), c.args[1]!]);
        // ones ./ B with the shape of B is 1 ./ B.
        if (a.op === 'ones' && sameShape(a, c)) return this.make('div', [this.num(1), c]);
        if (a.op === 'scale' && isNum(a.args[0]!) && isScalar(c) && !isScalar(a)) return this.make('scale', [a.args[0]!, this.make('div', [a.args[1]!, c])]);
        return undefined;
      }
      case 'pow': {
        if (isNum(a) && isNum(c)) return this.num(a.value! ** c.value!);
        if (isNum(c, 1)) return this.keep(a, plain);
        if (isNum(c, 0)) return this.keep(this.ones(a.rows, a.cols), plain);
        return undefined;
      }
      case 'transpose': {
        if (isScalar(a)) return a;
        if (a.op === 'transpose') return a.args[0]!;
        if (a.op === 'ones' || a.op === 'zeros') return this.b.make(a.op, [], { dims: [a.cols, a.rows] });
        if (a.op === 'eye') return a;
        if (a.op === 'var' && a.rows === a.cols && this.symmetric.has(a.name!)) return a;
        // inv(S)' = inv(S') = inv(S) for a symmetric S.
        if (a.op === 'inv' && this.make('transpose', [a.args[0]!]) === a.args[0]) return a;
        if (a.op === 'scale') return this.make('scale', [a.args[0]!, this.make('transpose', [a.args[1]!])]);
        if (a.op === 'neg') return this.make('neg', [this.make('transpose', [a.args[0]!])]);
        if (a.op === 'div' && isScalar(a.args[1]!)) return this.make('div', [this.make('transpose', [a.args[0]!]), a.args[1]!]);
        return undefined;
      }
      case 'sum': {
        if (isScalar(a)) return a;
        if (a.op === 'scale') return this.make('scale', [a.args[0]!, this.make('sum', [a.args[1]!])]);
        if (a.op === 'neg') return this.make('neg', [this.make('sum', [a.args[0]!])]);
        return undefined;
      }
      case 'numel': {
        if (typeof a.rows === 'number' && typeof a.cols === 'number') return this.num(a.rows * a.cols);
        // numel only depends on the shape: name the simplest thing of that shape (a variable, if any).
        if (a.op !== 'var') {
          const v = findVariableOfShape(a);
          if (v) return this.b.make('numel', [v]);
        }
        return undefined;
      }
      case 'tr':
        return isScalar(a) ? a : undefined;
      case 'diag':
        // A scalar factor comes out: diag(2*x) = 2*diag(x).
        if (a.op === 'scale') return this.make('scale', [a.args[0]!, this.make('diag', [a.args[1]!])]);
        if (a.op === 'neg') return this.make('neg', [this.make('diag', [a.args[0]!])]);
        return undefined;
      default:
        void attrs;
        return undefined;
    }
  }
}

/** A variable inside `e` with e's shape (breadth-first, so the nearest one). */
function findVariableOfShape(e: Expr): Expr | undefined {
  const queue = [e];
  const seen = new Set<number>();
  for (let i = 0; i < queue.length && i < 200; i++) {
    const n = queue[i]!;
    if (n.op === 'var' && sameShape(n, e)) return n;
    for (const a of n.args) {
      if (!seen.has(a.id)) {
        seen.add(a.id);
        queue.push(a);
      }
    }
  }
  return undefined;
}
