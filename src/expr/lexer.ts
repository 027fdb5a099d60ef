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

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
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
      tokens.push({ kind: 'num', text: literal, start, end: i });
      continue;
    }
    if (IDENT_START.test(c)) {
      i++;
      while (i < n && IDENT_PART.test(text[i]!)) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), start, end: i });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '.*' || two === './' || two === '.^') {
      tokens.push({ kind: 'op', text: two, start, end: i + 2 });
      i += 2;
      continue;
    }
    if ('+-*/^\''.includes(c)) {
      tokens.push({ kind: 'op', text: c, start, end: i + 1 });
      i++;
      continue;
    }
    if (OP_ALIASES[c] !== undefined) {
      tokens.push({ kind: 'op', text: OP_ALIASES[c]!, start, end: i + 1 });
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', text: c, start, end: i + 1 });
      i++;
      continue;
    }
    if (c === '∇') {
      tokens.push({ kind: 'nabla', text: c, start, end: i + 1 });
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const shown = cp < 32 || cp === 127 ? '' : ` '${String.fromCodePoint(cp)}'`;
    throw new LexError(`unexpected character${shown} (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`, i, i + width);
  }
  tokens.push({ kind: 'eof', text: '', start: n, end: n });
  return tokens;
}
