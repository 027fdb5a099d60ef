// Expressions back to text that re-parses to the same expression: ASCII by default, Unicode math
// (σ, ᵀ, ⊙, ·) on request. Parentheses only where precedence needs them.

import { opSpec } from './ops.js';
import { topoOrder, type Expr } from './expr.js';

export interface PrintOptions {
  unicode?: boolean;
  /** Names to print instead of a node (the `where` bindings). */
  names?: ReadonlyMap<number, string>;
}

// Binding strength: a child printed inside a parent of higher precedence gets parentheses.
const PREC = { add: 1, mul: 2, neg: 3, pow: 4, postfix: 5, atom: 6 } as const;

interface Printed {
  text: string;
  prec: number;
}

export function printExpr(root: Expr, options: PrintOptions = {}): string {
  const memo = new Map<number, Printed>();
  const names = options.names;
  // Nodes under a name are not printed; topoOrder visits them anyway, which is cheap.
  for (const e of topoOrder([root])) {
    const name = names?.get(e.id);
    memo.set(e.id, name !== undefined && e !== root ? { text: name, prec: PREC.atom } : printNode(e, (a) => memo.get(a.id)!, !!options.unicode));
  }
  return memo.get(root.id)!.text;
}

/** Is `e` a product of the other kind (elementwise vs matrix), printed at the same precedence? */
function mixed(e: Expr, kind: 'hadamard' | 'matmul'): boolean {
  if (kind === 'hadamard') return e.op === 'hadamard' || e.op === 'div';
  return e.op === 'matmul' || e.op === 'scale';
}

function wrap(p: Printed, min: number): string {
  return p.prec < min ? `(${p.text})` : p.text;
}

function num(v: number): string {
  if (Number.isInteger(v) || Math.abs(v) >= 1e-4) {
    const s = String(v);
    return s.includes('e') ? s.replace('e+', 'e') : s;
  }
  return String(v).replace('e+', 'e');
}

function printNode(e: Expr, get: (e: Expr) => Printed, unicode: boolean): Printed {
  const a = e.args.map(get);
  const fn = (name: string) => {
    const spec = opSpec(name);
    return unicode && spec.unicode ? spec.unicode : name;
  };
  const bin = (op: string, prec: number, rightMin = prec + 1): Printed => ({
    text: `${wrap(a[0]!, prec)} ${op} ${wrap(a[1]!, rightMin)}`,
    prec,
  });
  switch (e.op) {
    case 'var':
      return { text: e.name!, prec: PREC.atom };
    case 'num':
      return e.value! < 0 ? { text: `-${num(-e.value!)}`, prec: PREC.neg } : { text: num(e.value!), prec: PREC.atom };
    case 'ones':
    case 'zeros':
    case 'eye':
      return { text: `${e.op}(${e.dims!.join(', ')})`, prec: PREC.atom };
    case 'add':
      return bin('+', PREC.add);
    case 'sub':
      return bin('-', PREC.add);
    case 'matmul':
    case 'scale':
      // `(a .* b)*c` keeps its parentheses: legal without them, but misread by people.
      return { text: `${mixed(e.args[0]!, 'hadamard') && a[0]!.prec === PREC.mul ? `(${a[0]!.text})` : wrap(a[0]!, PREC.mul)}${unicode ? '·' : '*'}${wrap(a[1]!, PREC.mul + 1)}`, prec: PREC.mul };
    case 'hadamard':
      return { text: `${mixed(e.args[0]!, 'matmul') && a[0]!.prec === PREC.mul ? `(${a[0]!.text})` : wrap(a[0]!, PREC.mul)} ${unicode ? '⊙' : '.*'} ${wrap(a[1]!, PREC.mul + 1)}`, prec: PREC.mul };
    case 'div':
      return bin(e.args[1]!.rows === 1 && e.args[1]!.cols === 1 ? '/' : './', PREC.mul);
    case 'pow': {
      // Right-associative; the exponent may be a unary minus.
      const scalars = e.args.every((x) => x.rows === 1 && x.cols === 1);
      return { text: `${wrap(a[0]!, PREC.postfix)}${scalars ? '^' : '.^'}${wrap(a[1]!, PREC.neg)}`, prec: PREC.pow };
    }
    case 'mpow':
      return { text: `${wrap(a[0]!, PREC.postfix)}^${e.value! < 0 ? `(${e.value})` : e.value}`, prec: PREC.pow };
    case 'neg':
      return { text: `-${wrap(a[0]!, PREC.neg)}`, prec: PREC.neg };
    case 'transpose':
      return { text: `${wrap(a[0]!, PREC.postfix)}${unicode ? 'ᵀ' : "'"}`, prec: PREC.postfix };
    case 'apply':
      return { text: `${e.name}(${a[0]!.text})`, prec: PREC.atom };
    case 'grad':
      return { text: `${unicode ? '∇' : 'grad_'}${e.name}(${a[0]!.text})`, prec: PREC.atom };
    default:
      return { text: `${fn(e.op)}(${a.map((x) => x.text).join(', ')})`, prec: PREC.atom };
  }
}
