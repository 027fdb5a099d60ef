// From syntax to shaped Expr nodes: the one place that knows which op each piece of syntax means.
// Used for user input (after shape inference succeeded) and for the rule templates of rules/ops.

import { childAt, childCount, postOrder, type Ast } from './ast.js';
import { isScalar, type Attrs, type DimValue, type Expr } from './expr.js';

/** What lowering needs to build nodes: the plain ExprBuilder, or a simplifying one. */
export interface Construct {
  make(op: string, args?: readonly Expr[], attrs?: Attrs): Expr;
  num(v: number): Expr;
  ones(r: DimValue, c: DimValue): Expr;
  zeros(r: DimValue, c: DimValue): Expr;
  eye(n: DimValue): Expr;
}
import { functionNames } from './ops.js';

export interface LowerContext {
  /** The node an identifier in value position stands for. */
  ident(name: string, node: Ast): Expr;
  /** The dim an argument of ones/zeros/eye stands for. */
  dim(node: Ast): DimValue;
  /** The abstract function a call names (lets templates write `F`). */
  functionName?(name: string): string;
}

export const CONSTRUCTORS = new Set(['ones', 'zeros', 'eye']);

/**
 * AST nodes that are dims rather than values: the arguments of constructors and everything
 * inside them (so that `ones(m+1, 2)` does not also declare a variable `m`). Each node is
 * visited at most twice, even for constructors nested inside constructor arguments.
 */
export function dimPositions(root: Ast, order: readonly Ast[] = postOrder(root)): Set<Ast> {
  const out = new Set<Ast>();
  for (const a of order) {
    if (a.kind !== 'call' || a.gradOf || !CONSTRUCTORS.has(a.name)) continue;
    const stack = [...a.args];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (out.has(x)) continue;
      out.add(x);
      for (let i = 0; i < childCount(x); i++) stack.push(childAt(x, i));
    }
  }
  return out;
}

/** Integer value of a literal exponent (`2`, `-1`, `(3)`), or undefined. */
export function integerLiteral(a: Ast): number | undefined {
  if (a.kind === 'paren') return integerLiteral(a.arg);
  if (a.kind === 'num' && Number.isInteger(a.value)) return a.value;
  if (a.kind === 'neg' && a.arg.kind === 'num' && Number.isInteger(a.arg.value)) return -a.arg.value;
  return undefined;
}

export function lower(root: Ast, b: Construct, ctx: LowerContext): Expr {
  const order = postOrder(root);
  const dims = dimPositions(root, order);
  // Post-order evaluation with a value stack: every node pops its children's values (pushed
  // just before it, left to right) and pushes its own. No Map keyed by node: on a 1 MB input
  // that map was the main cost of lowering. Dim positions push a placeholder.
  const values: Array<Expr | null> = [];
  for (const a of order) {
    const n = childCount(a);
    const base = values.length - n;
    const e = dims.has(a) ? null : lowerOne(a, b, ctx, (i) => values[base + i]!);
    for (let i = 0; i < n; i++) values.pop(); // cheaper than `values.length = base` in V8
    values.push(e);
  }
  return values[0]!;
}

function lowerOne(a: Ast, b: Construct, ctx: LowerContext, child: (i: number) => Expr): Expr {
  switch (a.kind) {
    case 'num':
      return b.num(a.value);
    case 'ident':
      return ctx.ident(a.name, a);
    case 'paren':
      return child(0);
    case 'neg': {
      // `-2` is the number -2, so that printing a negative constant re-parses to the same node.
      const x = child(0);
      return x.op === 'num' ? b.num(-x.value!) : b.make('neg', [x]);
    }
    case 'transpose':
      return b.make('transpose', [child(0)]);
    case 'binary':
      return lowerBinary(a, b, child(0), child(1));
    case 'call': {
      if (a.gradOf) return b.make('grad', [child(0)], { name: ctx.functionName?.(a.name) ?? a.name });
      if (CONSTRUCTORS.has(a.name)) {
        const d = a.args.map((x) => ctx.dim(x));
        return a.name === 'eye' ? b.eye(d[0]!) : a.name === 'ones' ? b.ones(d[0]!, d[1]!) : b.zeros(d[0]!, d[1]!);
      }
      const spec = functionNames.get(a.name);
      if (spec) return b.make(spec.name, a.args.map((_, i) => child(i)));
      return b.make('apply', [child(0)], { name: ctx.functionName?.(a.name) ?? a.name });
    }
  }
}

function lowerBinary(a: Extract<Ast, { kind: 'binary' }>, b: Construct, l: Expr, r: Expr): Expr {
  switch (a.op) {
    case '+':
      return b.make('add', [l, r]);
    case '-':
      return b.make('sub', [l, r]);
    case '.*':
      return b.make('hadamard', [l, r]);
    case '/':
    case './':
      return b.make('div', [l, r]);
    case '.^':
      return b.make('pow', [l, r]);
    case '^': {
      if (isScalar(l)) return b.make('pow', [l, r]);
      return b.make('mpow', [l], { value: integerLiteral(a.right)! });
    }
    case '*':
      if (isScalar(l)) return b.make('scale', [l, r]);
      if (isScalar(r)) return b.make('scale', [r, l]);
      return b.make('matmul', [l, r]);
  }
}
