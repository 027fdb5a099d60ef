// From syntax to shaped Expr nodes: the one place that knows which op each piece of syntax means.
// Used for user input (after shape inference succeeded) and for the rule templates of rules/ops.

import { postOrder, type Ast } from './ast.js';
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

/** AST nodes that are dims rather than values: the arguments of constructors. */
export function dimPositions(root: Ast): Set<Ast> {
  const out = new Set<Ast>();
  for (const a of postOrder(root)) {
    if (a.kind === 'call' && !a.gradOf && CONSTRUCTORS.has(a.name)) for (const arg of a.args) out.add(arg);
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
  const dims = dimPositions(root);
  const out = new Map<Ast, Expr>();
  const get = (a: Ast) => out.get(a)!;
  for (const a of postOrder(root)) {
    if (dims.has(a)) continue;
    out.set(a, lowerOne(a, b, ctx, get));
  }
  return get(root);
}

function lowerOne(a: Ast, b: Construct, ctx: LowerContext, get: (a: Ast) => Expr): Expr {
  switch (a.kind) {
    case 'num':
      return b.num(a.value);
    case 'ident':
      return ctx.ident(a.name, a);
    case 'paren':
      return get(a.arg);
    case 'neg': {
      // `-2` is the number -2, so that printing a negative constant re-parses to the same node.
      const x = get(a.arg);
      return x.op === 'num' ? b.num(-x.value!) : b.make('neg', [x]);
    }
    case 'transpose':
      return b.make('transpose', [get(a.arg)]);
    case 'binary':
      return lowerBinary(a, b, get(a.left), get(a.right));
    case 'call': {
      if (a.gradOf) return b.make('grad', [get(a.args[0]!)], { name: ctx.functionName?.(a.name) ?? a.name });
      if (CONSTRUCTORS.has(a.name)) {
        const d = a.args.map((x) => ctx.dim(x));
        return a.name === 'eye' ? b.eye(d[0]!) : a.name === 'ones' ? b.ones(d[0]!, d[1]!) : b.zeros(d[0]!, d[1]!);
      }
      const spec = functionNames.get(a.name);
      if (spec) return b.make(spec.name, a.args.map(get));
      return b.make('apply', [get(a.args[0]!)], { name: ctx.functionName?.(a.name) ?? a.name });
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
