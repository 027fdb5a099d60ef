// The surface syntax tree: what the parser read, with source offsets, before shapes are known.

export type BinaryOp = '+' | '-' | '*' | '.*' | '/' | './' | '^' | '.^';

export type Ast =
  | { kind: 'num'; value: number; start: number; end: number }
  | { kind: 'ident'; name: string; start: number; end: number }
  | { kind: 'call'; name: string; nameEnd: number; args: Ast[]; gradOf: boolean; start: number; end: number }
  | { kind: 'binary'; op: BinaryOp; left: Ast; right: Ast; opStart: number; start: number; end: number }
  | { kind: 'neg'; arg: Ast; start: number; end: number }
  | { kind: 'transpose'; arg: Ast; start: number; end: number }
  | { kind: 'paren'; arg: Ast; start: number; end: number };

export function children(a: Ast): Ast[] {
  switch (a.kind) {
    case 'num':
    case 'ident':
      return [];
    case 'call':
      return a.args;
    case 'binary':
      return [a.left, a.right];
    case 'neg':
    case 'transpose':
    case 'paren':
      return [a.arg];
  }
}

/** Number of children of a node (without allocating the children array). */
export function childCount(a: Ast): number {
  switch (a.kind) {
    case 'num':
    case 'ident':
      return 0;
    case 'call':
      return a.args.length;
    case 'binary':
      return 2;
    default:
      return 1;
  }
}

/** The i-th child of a node, in source order. */
export function childAt(a: Ast, i: number): Ast {
  switch (a.kind) {
    case 'call':
      return a.args[i]!;
    case 'binary':
      return i === 0 ? a.left : a.right;
    case 'neg':
    case 'transpose':
    case 'paren':
      return a.arg;
    default:
      throw new Error(`${a.kind} has no children`);
  }
}

/**
 * Children-before-parents order without recursion: a left-deep chain of 100,000 `+` must not
 * overflow the stack. Two parallel stacks instead of `[node, index]` pairs and no `children()`
 * arrays: this runs over every node of a 1 MB input several times, and allocation was its cost.
 */
export function postOrder(root: Ast): Ast[] {
  const out: Ast[] = [];
  const nodes: Ast[] = [root];
  const next: number[] = [0];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const node = nodes[top]!;
    const i = next[top]!;
    if (i < childCount(node)) {
      next[top] = i + 1;
      nodes.push(childAt(node, i));
      next.push(0);
    } else {
      nodes.pop();
      next.pop();
      out.push(node);
    }
  }
  return out;
}
