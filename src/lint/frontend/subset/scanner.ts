// The exact scanner under the subset parser (parser.ts). Unlike js-tokens.ts, which only has to
// find brackets, it reads every token exactly: operators as written, string values with their
// escapes applied, numbers as values. The parser drives it, so `/` and `>` are never guessed:
// `/` is division unless the parser asks for a regular expression (`regex`), and `>` is read alone,
// then joined into `>=`, `>>`, … by the parser where an operator may stand (as TypeScript does,
// so that `Array<Array<T>>` closes two lists).
//
// Anything the subset leaves to TypeScript throws `NOT_SUBSET`: non-ASCII names, legacy octal
// numbers, numeric separators, unusual escapes, all but simple regular expressions (regex.ts),
// conflict markers, U+2028/U+2029.
import { regexEnd } from './regex.js';

/** Thrown (never an Error: no stack is captured) when the text leaves the subset. */
export const NOT_SUBSET = { notSubset: true } as const;

export function notSubset(): never {
  throw NOT_SUBSET;
}

/** Words that cannot name a variable in a module (which is strict code). */
export const RESERVED = new Set(['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch',
  'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'implements', 'interface', 'let', 'package', 'private',
  'protected', 'public', 'static', 'yield', 'await']);

export const T = { EOF: 0, Name: 1, Num: 2, Str: 3, Template: 4, TemplateHead: 5, Punct: 6 } as const;
export type TokenKind = (typeof T)[keyof typeof T];

function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}

function isIdPart(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `0x`, `0o`, `0b` (by the lower-cased letter's code). */
const RADIX: Record<number, number> = { 120: 16, 111: 8, 98: 2 };

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

export interface ScannerState {
  kind: TokenKind;
  value: string;
  num: number;
  start: number;
  end: number;
  fullStart: number;
  nl: boolean;
}

export class Scanner {
  kind: TokenKind = T.EOF;
  /** A name's text, an operator as written, a string's value. */
  value = '';
  num = 0;
  /** Where the token starts, after trivia. */
  start = 0;
  end = 0;
  /** Where its trivia starts: the end of the previous token (TypeScript's `pos` of a node starting here). */
  fullStart = 0;
  /** Whether a line break precedes the token. */
  nl = false;

  constructor(readonly text: string) {
    // Line separators TypeScript reads in its own way (as line breaks, even in strings): not ours.
    if (text.includes('\u2028') || text.includes('\u2029')) notSubset();
  }

  save(): ScannerState {
    return { kind: this.kind, value: this.value, num: this.num, start: this.start, end: this.end, fullStart: this.fullStart, nl: this.nl };
  }

  restore(s: ScannerState): void {
    this.kind = s.kind;
    this.value = s.value;
    this.num = s.num;
    this.start = s.start;
    this.end = s.end;
    this.fullStart = s.fullStart;
    this.nl = s.nl;
  }

  next(): void {
    const t = this.text;
    const n = t.length;
    let i = this.end;
    this.fullStart = i;
    let nl = false;
    for (;;) {
      if (i >= n) break;
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff) i++;
      else if (c === 10 || c === 13) {
        nl = true;
        i++;
      } else if (c === 47 && t.charCodeAt(i + 1) === 47) {
        while (i < n && t.charCodeAt(i) !== 10 && t.charCodeAt(i) !== 13) i++;
      } else if (c === 47 && t.charCodeAt(i + 1) === 42) {
        const close = t.indexOf('*/', i + 2);
        if (close < 0) notSubset();
        if (!nl) {
          const lf = t.indexOf('\n', i);
          const cr = t.indexOf('\r', i);
          nl = (lf >= 0 && lf < close) || (cr >= 0 && cr < close);
        }
        i = close + 2;
      } else if (c === 35 && i === 0 && t.charCodeAt(1) === 33) {
        while (i < n && t.charCodeAt(i) !== 10 && t.charCodeAt(i) !== 13) i++; // `#!/usr/bin/env node`
      } else if (c > 127) notSubset();
      else break;
    }
    this.nl = nl;
    this.start = i;
    if (i >= n) {
      this.kind = T.EOF;
      this.end = n;
      return;
    }
    const c = t.charCodeAt(i);
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isIdPart(t.charCodeAt(j))) j++;
      const d = t.charCodeAt(j);
      if (d === 92 || d > 127) notSubset();
      this.kind = T.Name;
      this.value = t.slice(i, j);
      this.end = j;
    } else if (isDigit(c) || (c === 46 && isDigit(t.charCodeAt(i + 1)))) this.number(i);
    else if (c === 39 || c === 34) this.string(i, c);
    else if (c === 96) this.template(i + 1);
    else this.punct(i, c);
  }

  /** A number: decimal (digits, fraction, exponent), or `0x`/`0o`/`0b`. Separators (`_`), BigInt (`n`) and legacy octal are not ours. */
  private number(i: number): void {
    const t = this.text;
    const start = i;
    const radix = t.charCodeAt(i) === 48 ? RADIX[t.charCodeAt(i + 1) | 32] : undefined;
    if (radix) {
      i += 2;
      while (hexValue(t.charCodeAt(i)) >= 0 && hexValue(t.charCodeAt(i)) < radix) i++;
      if (i === start + 2) notSubset();
    } else if (t.charCodeAt(i) === 48 && isIdPart(t.charCodeAt(i + 1)) && (t.charCodeAt(i + 1) | 32) !== 101) notSubset();
    while (!radix && isDigit(t.charCodeAt(i))) i++;
    if (!radix && t.charCodeAt(i) === 46) {
      i++;
      while (isDigit(t.charCodeAt(i))) i++;
    }
    if (!radix && (t.charCodeAt(i) | 32) === 101) {
      i++;
      if (t.charCodeAt(i) === 43 || t.charCodeAt(i) === 45) i++;
      if (!isDigit(t.charCodeAt(i))) notSubset();
      while (isDigit(t.charCodeAt(i))) i++;
    }
    const d = t.charCodeAt(i);
    if (isIdPart(d) || d === 92 || d > 127) notSubset(); // `1n`, `1_000`, `3in`
    this.kind = T.Num;
    this.num = Number(t.slice(start, i));
    this.end = i;
  }

  private string(i: number, quote: number): void {
    const t = this.text;
    let j = i + 1;
    let value = '';
    let from = j;
    for (;;) {
      if (j >= t.length) notSubset();
      const d = t.charCodeAt(j);
      if (d === quote) break;
      if (d === 10 || d === 13) notSubset();
      if (d === 92) {
        value += t.slice(from, j);
        j = this.escape(j);
        value += this.value;
        from = j;
      } else j++;
    }
    this.kind = T.Str;
    this.value = from === i + 1 ? t.slice(i + 1, j) : value + t.slice(from, j);
    this.end = j + 1;
  }

  /**
   * The escape at `j` (a backslash): its value in `this.value`, and the offset after it. Only the
   * common escapes; octal and anything TypeScript might warn about leave the subset.
   */
  private escape(j: number): number {
    const t = this.text;
    const c = t.charCodeAt(j + 1);
    switch (c) {
      case 110: this.value = '\n'; return j + 2;
      case 116: this.value = '\t'; return j + 2;
      case 114: this.value = '\r'; return j + 2;
      case 98: this.value = '\b'; return j + 2;
      case 102: this.value = '\f'; return j + 2;
      case 118: this.value = '\v'; return j + 2;
      case 48:
        if (isDigit(t.charCodeAt(j + 2))) notSubset();
        this.value = '\0';
        return j + 2;
      case 120: {
        const h1 = hexValue(t.charCodeAt(j + 2));
        const h2 = hexValue(t.charCodeAt(j + 3));
        if (h1 < 0 || h2 < 0) notSubset();
        this.value = String.fromCharCode(h1 * 16 + h2);
        return j + 4;
      }
      case 117: {
        let v = 0;
        for (let k = 2; k < 6; k++) {
          const h = hexValue(t.charCodeAt(j + k));
          if (h < 0) notSubset(); // also `\u{…}`
          v = v * 16 + h;
        }
        this.value = String.fromCharCode(v);
        return j + 6;
      }
      case 10: this.value = ''; return j + 2;
      case 13: this.value = ''; return t.charCodeAt(j + 2) === 10 ? j + 3 : j + 2;
      default:
        if (isDigit(c) || Number.isNaN(c) || c > 127) notSubset();
        this.value = String.fromCharCode(c);
        return j + 2;
    }
  }

  /** A template literal's text from `i` (after `` ` `` or `}`): to its end, or to a `${`. */
  private template(i: number): void {
    const t = this.text;
    let value = '';
    let from = i;
    for (;;) {
      if (i >= t.length) notSubset();
      const d = t.charCodeAt(i);
      if (d === 96) {
        this.kind = T.Template;
        this.value = value + t.slice(from, i);
        this.end = i + 1;
        return;
      }
      if (d === 36 && t.charCodeAt(i + 1) === 123) {
        this.kind = T.TemplateHead;
        this.value = '';
        this.end = i + 2;
        return;
      }
      if (d === 13) notSubset(); // the value would normalise CRLF
      if (d === 92) {
        value += t.slice(from, i);
        i = this.escape(i);
        value += this.value;
        from = i;
      } else i++;
    }
  }

  /** After a template's `${ … }`: the `}` just read continues the template (a middle or the tail). */
  continueTemplate(): void {
    this.template(this.start + 1); // a middle reads as a TemplateHead again, the tail as a Template
  }

  /** The `/` or `/=` just read starts a regular expression literal: read it whole (see regex.ts), then the next token. */
  regex(): void {
    const end = regexEnd(this.text, this.start);
    if (end < 0) notSubset();
    this.end = end;
    this.next();
  }

  /** `>` read alone joined with what follows it where an operator stands: `>=`, `>>`, `>>=`, `>>>`, `>>>=`. */
  joinGreater(): void {
    const t = this.text;
    let j = this.start + 1;
    if (t.charCodeAt(j) === 62) {
      j++;
      if (t.charCodeAt(j) === 62) j++;
    }
    if (t.charCodeAt(j) === 61) j++;
    this.value = t.slice(this.start, j);
    this.end = j;
  }

  private punct(i: number, c: number): void {
    const t = this.text;
    const c1 = t.charCodeAt(i + 1);
    const c2 = t.charCodeAt(i + 2);
    // A merge-conflict marker (`<<<<<<<` at a line start): TypeScript reports it.
    if (c1 === c && c2 === c && (c === 60 || c === 61 || c === 62 || c === 124) && t.startsWith(String.fromCharCode(c).repeat(7), i) &&
      (i === 0 || t.charCodeAt(i - 1) === 10 || t.charCodeAt(i - 1) === 13)) notSubset();
    let v: string;
    switch (c) {
      case 123: v = '{'; break;
      case 125: v = '}'; break;
      case 40: v = '('; break;
      case 41: v = ')'; break;
      case 91: v = '['; break;
      case 93: v = ']'; break;
      case 59: v = ';'; break;
      case 44: v = ','; break;
      case 58: v = ':'; break;
      case 126: v = '~'; break;
      case 46: v = c1 === 46 && c2 === 46 ? '...' : '.'; break;
      case 63:
        if (c1 === 46 && !isDigit(c2)) v = '?.';
        else if (c1 === 63) v = c2 === 61 ? '??=' : '??';
        else v = '?';
        break;
      case 61: v = c1 === 61 ? (c2 === 61 ? '===' : '==') : c1 === 62 ? '=>' : '='; break;
      case 33: v = c1 === 61 ? (c2 === 61 ? '!==' : '!=') : '!'; break;
      case 42: v = c1 === 42 ? (c2 === 61 ? '**=' : '**') : c1 === 61 ? '*=' : '*'; break;
      case 47: v = c1 === 61 ? '/=' : '/'; break;
      case 37: v = c1 === 61 ? '%=' : '%'; break;
      case 43: v = c1 === 43 ? '++' : c1 === 61 ? '+=' : '+'; break;
      case 45: v = c1 === 45 ? '--' : c1 === 61 ? '-=' : '-'; break;
      case 60: v = c1 === 60 ? (c2 === 61 ? '<<=' : '<<') : c1 === 61 ? '<=' : '<'; break;
      case 62: v = '>'; break;
      case 38: v = c1 === 38 ? (c2 === 61 ? '&&=' : '&&') : c1 === 61 ? '&=' : '&'; break;
      case 124: v = c1 === 124 ? (c2 === 61 ? '||=' : '||') : c1 === 61 ? '|=' : '|'; break;
      case 94: v = c1 === 61 ? '^=' : '^'; break;
      default: return notSubset(); // `@`, `#`, `\`, control characters
    }
    this.kind = T.Punct;
    this.value = v;
    this.end = i + v.length;
  }
}
