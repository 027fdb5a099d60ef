// Tokens of the expression language, with Unicode aliases folded to their ASCII spelling.

import { GREEK_LETTERS } from '../shape/dim.js';

export type TokenKind = 'num' | 'ident' | 'op' | 'lparen' | 'rparen' | 'comma' | 'nabla' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string; // canonical text: `·` becomes `*`, `ᵀ` becomes `'`
  start: number;
  end: number;
}

export class LexError extends Error {
  constructor(message: string, readonly start: number, readonly end: number) {
    super(message);
  }
}

const OP_ALIASES: Record<string, string> = { '·': '*', '⋅': '*', '⊙': '.*', 'ᵀ': "'", '−': '-', '∘': '.*' };
const IDENT_START = new RegExp(`[A-Za-z_${GREEK_LETTERS}]`, 'u');
const IDENT_PART = new RegExp(`[A-Za-z0-9_${GREEK_LETTERS}]`, 'u');

/**
 * Tokens on demand: the parser pulls them one at a time, so a 1 MB input never holds an array of
 * a million token objects (they were a large share of the garbage collector's work).
 */
export class Lexer {
  private i = 0;
  constructor(private readonly text: string) {}

  /** The next token (`eof` at the end, again and again); throws LexError on a stray character. */
  next(): Token {
    const text = this.text;
    const n = text.length;
    let i = this.i;
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    this.i = i;
    if (i >= n) return { kind: 'eof', text: '', start: n, end: n };
    const c = text[i]!;
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      while (i < n && /[0-9]/.test(text[i]!)) i++;
      // `2.*x` is 2 .* x: a dot belongs to the number only when a digit follows it.
      if (text[i] === '.' && /[0-9]/.test(text[i + 1] ?? '')) {
        i++;
        while (i < n && /[0-9]/.test(text[i]!)) i++;
      }
      if ((text[i] === 'e' || text[i] === 'E') && /[0-9]/.test(text[i + 1] === '-' || text[i + 1] === '+' ? text[i + 2] ?? '' : text[i + 1] ?? '')) {
        i += text[i + 1] === '-' || text[i + 1] === '+' ? 2 : 1;
        while (i < n && /[0-9]/.test(text[i]!)) i++;
      }
      const literal = text.slice(start, i);
      // 1e999 would become Infinity, which prints as an identifier: refuse it here.
      if (!Number.isFinite(Number(literal))) throw new LexError(`number ${literal.length > 20 ? `${literal.slice(0, 20)}…` : literal} is too large`, start, i);
      return this.emit({ kind: 'num', text: literal, start, end: i });
    }
    if (IDENT_START.test(c)) {
      i++;
      while (i < n && IDENT_PART.test(text[i]!)) i++;
      return this.emit({ kind: 'ident', text: text.slice(start, i), start, end: i });
    }
    const two = text.slice(i, i + 2);
    if (two === '.*' || two === './' || two === '.^') {
      return this.emit({ kind: 'op', text: two, start, end: i + 2 });
    }
    if ('+-*/^\''.includes(c)) {
      return this.emit({ kind: 'op', text: c, start, end: i + 1 });
    }
    if (OP_ALIASES[c] !== undefined) {
      return this.emit({ kind: 'op', text: OP_ALIASES[c]!, start, end: i + 1 });
    }
    if (c === '(' || c === ')' || c === ',') {
      return this.emit({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, start, end: i + 1 });
    }
    if (c === '∇') {
      return this.emit({ kind: 'nabla', text: c, start, end: i + 1 });
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const shown = cp < 32 || cp === 127 ? '' : ` '${String.fromCodePoint(cp)}'`;
    // Habits from numpy and MATLAB get a pointer to shapegrad's spelling.
    const hint = c === '@' ? ": the matrix product is written '*' (or '·')" : c === '.' ? ": elementwise operators are '.*', './' and '.^'" : '';
    throw new LexError(`unexpected character${shown} (U+${cp.toString(16).toUpperCase().padStart(4, '0')})${hint}`, i, i + width);
  }

  private emit(t: Token): Token {
    this.i = t.end;
    return t;
  }
}

/** All tokens of a text, `eof` last (the parser uses Lexer directly). */
export function tokenize(text: string): Token[] {
  const lexer = new Lexer(text);
  const tokens: Token[] = [];
  for (;;) {
    const t = lexer.next();
    tokens.push(t);
    if (t.kind === 'eof') return tokens;
  }
}
