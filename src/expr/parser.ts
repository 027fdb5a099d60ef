// Parser of the expression language: precedence climbing over tokens, every node with its span.
//
// Precedence, loosest first: `+ -`, then `* .* / ./`, then unary `-`, then `^ .^` (right
// associative, so `-x.^2` is `-(x.^2)`), then postfix `'`. Nesting is bounded so that hostile
// input (100,000 parentheses) gets a diagnostic instead of a stack overflow.

import type { Ast, BinaryOp } from './ast.js';
import { LexError, Lexer, type Token } from './lexer.js';

export const MAX_NESTING = 500;

export class ParseError extends Error {
  constructor(message: string, readonly start: number, readonly end: number) {
    super(message);
  }
}

export function parse(text: string): Ast {
  // Tokens are read as the parser goes, so a stray character is reported where the parser
  // meets it: the first problem in the text, whichever kind it is.
  try {
    return new Parser(new Lexer(text)).parseAll();
  } catch (e) {
    if (e instanceof LexError) throw new ParseError(e.message, e.start, e.end);
    throw e;
  }
}

class Parser {
  private depth = 0;
  private current: Token;
  /** One token of lookahead beyond `current`, read only when asked (`∇E(`, `name(`). */
  private ahead: Token | null = null;
  constructor(private readonly lexer: Lexer) {
    this.current = lexer.next();
  }

  parseAll(): Ast {
    if (this.peek().kind === 'eof') throw new ParseError('empty expression', 0, 0);
    const e = this.additive();
    const t = this.peek();
    if (t.kind !== 'eof') {
      if (t.kind === 'rparen') throw new ParseError("unmatched ')'", t.start, t.end);
      throw new ParseError(`expected an operator or the end, found ${describe(t)}`, t.start, t.end);
    }
    return e;
  }

  private peek(): Token {
    return this.current;
  }
  private next(): Token {
    const t = this.current;
    this.current = this.ahead ?? this.lexer.next();
    this.ahead = null;
    return t;
  }
  /** The token after the current one. */
  private peekSecond(): Token {
    this.ahead ??= this.lexer.next();
    return this.ahead;
  }
  private isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t.kind === 'op' && ops.includes(t.text);
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_NESTING) {
      throw new ParseError(`expression nested more than ${MAX_NESTING} levels deep`, t.start, t.end);
    }
  }

  /** `after`: the token before, named in "expected an expression after '('". */
  private additive(after?: Token): Ast {
    let left = this.multiplicative(after);
    while (this.isOp('+', '-')) {
      const op = this.next();
      const right = this.multiplicative(op);
      left = { kind: 'binary', op: op.text as BinaryOp, left, right, opStart: op.start, start: left.start, end: right.end };
    }
    return left;
  }

  private multiplicative(after?: Token): Ast {
    let left = this.unary(after);
    while (this.isOp('*', '.*', '/', './')) {
      const op = this.next();
      const right = this.unary(op);
      left = { kind: 'binary', op: op.text as BinaryOp, left, right, opStart: op.start, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(after?: Token): Ast {
    if (this.isOp('-', '+')) {
      const op = this.next();
      this.enter(op);
      const arg = this.unary(op);
      this.depth--;
      return op.text === '+' ? arg : { kind: 'neg', arg, start: op.start, end: arg.end };
    }
    return this.power(after);
  }

  private power(after?: Token): Ast {
    const base = this.postfix(after);
    if (this.isOp('^', '.^')) {
      const op = this.next();
      this.enter(op);
      const exponent = this.unary(op);
      this.depth--;
      return { kind: 'binary', op: op.text as BinaryOp, left: base, right: exponent, opStart: op.start, start: base.start, end: exponent.end };
    }
    return base;
  }

  private postfix(after?: Token): Ast {
    let e = this.primary(after);
    while (this.isOp("'")) {
      const t = this.next();
      e = { kind: 'transpose', arg: e, start: e.start, end: t.end };
    }
    return e;
  }

  private primary(after?: Token): Ast {
    const t = this.peek();
    switch (t.kind) {
      case 'num': {
        this.next();
        return { kind: 'num', value: Number(t.text), start: t.start, end: t.end };
      }
      case 'nabla': {
        this.next();
        const name = this.peek();
        if (name.kind !== 'ident' || this.peekSecond().kind !== 'lparen') {
          throw new ParseError("expected a function application after '∇', as in ∇E(o)", name.start, name.end);
        }
        this.next();
        return this.call(name.text, t.start, name.end, true);
      }
      case 'ident': {
        this.next();
        if (this.peek().kind === 'lparen') {
          const m = /^grad_(.+)$/.exec(t.text);
          return m ? this.call(m[1]!, t.start, t.end, true) : this.call(t.text, t.start, t.end, false);
        }
        return { kind: 'ident', name: t.text, start: t.start, end: t.end };
      }
      case 'lparen': {
        this.next();
        this.enter(t);
        const inner = this.additive(t);
        this.depth--;
        const close = this.peek();
        if (close.kind !== 'rparen') {
          throw new ParseError(`expected ')' to close the '(' at column ${t.start + 1}, found ${describe(close)}`, close.start, close.end);
        }
        this.next();
        return { kind: 'paren', arg: inner, start: t.start, end: close.end };
      }
      default: {
        const where = after ? ` after '${after.text}'` : '';
        throw new ParseError(`expected an expression${where}, found ${describe(t)}`, t.start, t.end);
      }
    }
  }

  private call(name: string, start: number, nameEnd: number, gradOf: boolean): Ast {
    const open = this.next(); // '('
    this.enter(open);
    const args: Ast[] = [];
    if (this.peek().kind !== 'rparen') {
      let after = open;
      for (;;) {
        args.push(this.additive(after));
        if (this.peek().kind === 'comma') {
          after = this.next();
          continue;
        }
        break;
      }
    }
    this.depth--;
    const close = this.peek();
    if (close.kind !== 'rparen') {
      throw new ParseError(`expected ',' or ')' in the arguments of ${name}, found ${describe(close)}`, close.start, close.end);
    }
    this.next();
    return { kind: 'call', name, nameEnd, args, gradOf, start, end: close.end };
  }
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the input';
  return `'${t.text}'`;
}
