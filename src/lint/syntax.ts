// A small common syntax tree that both code front ends (TypeScript/JavaScript and Python) lower
// into, so that one interpreter gives both languages the same semantics. It keeps only what the
// model lint needs; everything else becomes `other` (an unknown value, never a finding).
// `a`/`b` are the 0-based start/end offsets of the construct in its source text.

export type Expr =
  | { k: 'num'; v: number; a: number; b: number }
  | { k: 'str'; v: string; a: number; b: number }
  | { k: 'bool'; v: boolean; a: number; b: number }
  | { k: 'none'; a: number; b: number }
  | { k: 'name'; id: string; a: number; b: number }
  | { k: 'member'; obj: Expr; prop: string; a: number; b: number }
  | { k: 'index'; obj: Expr; index: Expr; a: number; b: number }
  | { k: 'call'; callee: Expr; args: Expr[]; kwargs: Kwarg[]; a: number; b: number }
  | { k: 'list'; items: Expr[]; a: number; b: number }
  | { k: 'dict'; entries: Kwarg[]; a: number; b: number }
  | { k: 'bin'; op: string; left: Expr; right: Expr; a: number; b: number }
  | { k: 'unary'; op: string; arg: Expr; a: number; b: number }
  | { k: 'func'; params: string[]; defaults?: (Expr | undefined)[]; body: Stmt[]; a: number; b: number }
  /** `...xs` (TS) / `*xs` (Python) inside a list: its items are spliced in. */
  | { k: 'spread'; arg: Expr; a: number; b: number }
  | { k: 'other'; parts: Expr[]; a: number; b: number };

export interface Kwarg {
  name: string;
  value: Expr;
}

export type Target =
  | { k: 'name'; id: string; a: number; b: number }
  | { k: 'tuple'; items: Target[]; a: number; b: number }
  /** `const { grads, value } = …` */
  | { k: 'props'; props: { key: string; target: Target }[]; a: number; b: number }
  | { k: 'other'; a: number; b: number };

export type Stmt =
  | { k: 'assign'; target: Target; value: Expr; a: number; b: number }
  | { k: 'expr'; e: Expr; a: number; b: number }
  | { k: 'for'; target: Target; iter: Expr; body: Stmt[]; a: number; b: number }
  | { k: 'with'; items: { e: Expr; as?: Target }[]; body: Stmt[]; a: number; b: number }
  | { k: 'def'; name: string; params: string[]; defaults?: (Expr | undefined)[]; body: Stmt[]; a: number; b: number }
  | { k: 'return'; e?: Expr; a: number; b: number }
  /** `from` is the module specifier; `imported` is `*` for a namespace import. */
  | { k: 'import'; from: string; names: { local: string; imported: string }[]; a: number; b: number }
  /** Code that may run zero or more times (if/else, while, try): see interpreter. */
  | { k: 'maybe'; body: Stmt[]; a: number; b: number };

export interface Program {
  body: Stmt[];
  /** Offsets of syntax errors; the driver reports the first as `parse-error`. */
  errors: { a: number; b: number; message: string }[];
  /** Whether a comment starts exactly at `offset` (not a string, not the middle of a comment). */
  commentStartsAt(offset: number): boolean;
}

/** Words without which a function body cannot touch a model, a layer or a tensor. */
export const MODEL_API = /\b(?:tf|keras|layers|tensorflow|np|numpy|models?|Model|Sequential|sequential|Input|input|fit|predict|evaluate|matMul|matmul|dot|tensor\w*|constant|zeros|ones|random\w*|variable|Variable|gradient|GradientTape|minimize|grads?|variableGrads|weights|trainable_\w+|trainableWeights|getWeights)\b/;

/** Every name read anywhere inside a statement list (for "is this value used later?"). */
export function namesRead(stmts: readonly Stmt[]): Set<string> {
  const out = new Set<string>();
  const stack: (Stmt | Expr | Target)[] = [...stmts];
  while (stack.length > 0) {
    const n = stack.pop()!;
    switch (n.k) {
      case 'name':
        if ('id' in n) out.add(n.id);
        break;
      case 'assign': stack.push(n.value); if (n.target.k !== 'name') stack.push(n.target); break;
      case 'expr': stack.push(n.e); break;
      case 'for': stack.push(n.iter, ...n.body); break;
      case 'with': for (const it of n.items) stack.push(it.e); stack.push(...n.body); break;
      case 'def': stack.push(...n.body); break;
      case 'return': if (n.e) stack.push(n.e); break;
      case 'maybe': stack.push(...n.body); break;
      case 'member': stack.push(n.obj); break;
      case 'index': stack.push(n.obj, n.index); break;
      case 'call': stack.push(n.callee, ...n.args, ...n.kwargs.map((k) => k.value)); break;
      case 'list': stack.push(...n.items); break;
      case 'dict': stack.push(...n.entries.map((k) => k.value)); break;
      case 'bin': stack.push(n.left, n.right); break;
      case 'unary': stack.push(n.arg); break;
      case 'spread': stack.push(n.arg); break;
      case 'func': stack.push(...n.body); break;
      case 'other': if ('parts' in n) stack.push(...n.parts); break;
      default: break;
    }
  }
  return out;
}

/**
 * A function whose body is lowered only when first read: most functions in a model file are
 * helpers that the interpreter never enters, and lowering them is wasted work.
 */
export function lazyDef(name: string, params: string[], defaults: (Expr | undefined)[], lower: () => Stmt[], at: { a: number; b: number }): Stmt {
  let body: Stmt[] | undefined;
  return { k: 'def', name, params, defaults, get body() { return (body ??= lower()); }, a: at.a, b: at.b };
}

export function lazyFunc(params: string[], defaults: (Expr | undefined)[], lower: () => Stmt[], at: { a: number; b: number }): Expr {
  let body: Stmt[] | undefined;
  return { k: 'func', params, defaults, get body() { return (body ??= lower()); }, a: at.a, b: at.b };
}

/** Skip whitespace and JS comments from `at` (TS offsets include leading trivia). */
export function skipTrivia(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) i++;
    else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else return i;
  }
}
