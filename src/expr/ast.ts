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

/**
 * Children-before-parents order without recursion: a left-deep chain of 100,000 `+` must not
 * overflow the stack.
 */
export function postOrder(root: Ast): Ast[] {
  const out: Ast[] = [];
  const stack: Array<[Ast, number]> = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const kids = children(top[0]);
    if (top[1] < kids.length) {
      stack.push([kids[top[1]++]!, 0]);
    } else {
      stack.pop();
      out.push(top[0]);
    }
  }
  return out;
}
