// A minimal JavaScript/TypeScript tokenizer for the focus pass (focus.ts): it only has to find
// brackets, names and the ends of statements, so it reads strings, comments, template literals
// and regular expressions exactly, and everything else coarsely (one `Op` for most operators).
// About three times faster than TypeScript's scanner on model files, which matters because it
// reads every character of every file. Anything it cannot read with certainty sets `failed`, and
// the caller then parses the file whole.

/** Token kinds: the punctuation the focus pass tells apart, and `Op` for every other operator. */
export const Tok = {
  End: 0, Word: 1, Number: 2, String: 3, Template: 4, TemplateHead: 5, Regex: 6,
  OpenParen: 7, CloseParen: 8, OpenBracket: 9, CloseBracket: 10, OpenBrace: 11, CloseBrace: 12,
  Semicolon: 13, Comma: 14, Colon: 15, Bar: 16, Amp: 17, Less: 18, Arrow: 19, Equals: 20, Dot: 21,
  QuestionDot: 22, At: 23, PlusPlus: 24, Op: 25,
} as const;
export type Tok = (typeof Tok)[keyof typeof Tok];

/** A word's hash, as the tokenizer computes it while reading (no string is made per word). */
export function wordHash(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + word.charCodeAt(i)) | 0;
  return h;
}

/** Words by hash: the hash narrows, the text decides. */
function wordSet(words: string[]): Map<number, string> {
  return new Map(words.map((w) => [wordHash(w), w]));
}

/** Keywords whose `(…)` is followed by a statement, so a `/` after the `)` starts a regex (and `for await (…)`). */
const STATEMENT_HEADS = wordSet(['if', 'while', 'for', 'with', 'await']);

/** Keywords after which `/` starts a regular expression, not a division. */
const OPERATOR_WORDS = wordSet(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await', 'extends',
  'default', 'break', 'continue', 'debugger']); // `export default /re/`; `break\n/re/.test(s)` (a new statement)

/** Of those, the ones that are also plain names in some code (`const of = 2; of / 2 / 1`): a `/` after them is a guess. */
const CONTEXTUAL_WORDS = wordSet(['of', 'yield', 'await']);

/** Not `\` (a unicode escape, `\u0061`): a name spelt with one is a surprise (see `next`). */
function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c === 35 || c >= 128;
}

function isIdPart(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57);
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

export class Tokens {
  /** The current token: its kind, offsets, and whether a line break precedes it. */
  kind: Tok = Tok.End;
  start = 0;
  end = 0;
  newline = false;
  /** Set on anything read without certainty: an unterminated literal, JSX, a stray `}`. */
  failed = false;
  /** Where the surprise was (for tests and debugging). */
  failedAt = -1;
  private pos = 0;
  /** Whether the previous token ends a value (then `/` divides and `<` compares). */
  private afterValue = false;
  private readonly templates: number[] = [];
  private depth = 0;
  /** Per open `(`: whether it follows `if`/`while`/`for`/`with` (then a `/` after its `)` is a regex). */
  private readonly parens: boolean[] = [];
  /** Whether the current word follows `.`/`?.`: a property (`x.if(…)` is no statement head). */
  private property = false;

  /** `from`: start reading there instead (the start of a top-level statement). */
  constructor(private readonly text: string, private readonly jsx: boolean, from = 0) {
    this.pos = from;
    if (from === 0 && text.startsWith('#!')) this.pos = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n');
  }

  /** Bracket depth before the current token (a closing bracket reports the depth inside it). */
  get level(): number {
    return this.depth;
  }

  /** Whether the current token ends a value (a name, a literal, `)`, `]`, `}`, `x++`): then a line break may end a statement. */
  get endsValue(): boolean {
    return this.afterValue;
  }

  /** The hash of the current token when it is a word (see wordHash). */
  hash = 0;

  next(): Tok {
    const t = this.text;
    const n = t.length;
    let i = this.pos;
    this.newline = false;
    // Whitespace and comments.
    for (;;) {
      if (i >= n) return this.finish(Tok.End, i, i);
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff) i++;
      else if (isLineBreak(c)) {
        this.newline = true;
        i++;
      } else if (c === 47 && t.charCodeAt(i + 1) === 47) {
        while (i < n && !isLineBreak(t.charCodeAt(i))) i++;
      } else if (c === 47 && t.charCodeAt(i + 1) === 42) {
        const close = t.indexOf('*/', i + 2);
        if (close < 0) return this.fail();
        for (let j = i + 2; j < close; j++) {
          if (isLineBreak(t.charCodeAt(j))) {
            this.newline = true;
            break;
          }
        }
        i = close + 2;
      } else if (c > 127 && /\s/.test(t[i]!)) i++;
      else break;
    }
    const start = i;
    const c = t.charCodeAt(i);
    if (isIdStart(c)) {
      let h = c;
      i++;
      for (let d = t.charCodeAt(i); i < n && isIdPart(d); d = t.charCodeAt(++i)) h = (Math.imul(h, 31) + d) | 0;
      // After `.` a keyword is a property name (`obj.new / 2`), so a value.
      const property = this.kind === Tok.Dot || this.kind === Tok.QuestionDot;
      this.property = property;
      this.finish(Tok.Word, start, i, property || !this.is(OPERATOR_WORDS.get(h), start, i));
      this.hash = h;
      return Tok.Word;
    }
    if ((c >= 48 && c <= 57) || (c === 46 && t.charCodeAt(i + 1) >= 48 && t.charCodeAt(i + 1) <= 57)) {
      i++;
      while (i < n) {
        const d = t.charCodeAt(i);
        if (isIdPart(d) || d === 46) i++;
        else if ((d === 43 || d === 45) && (t.charCodeAt(i - 1) | 32) === 101 && !/^0[xX]/.test(t.slice(start, start + 2))) i++; // 1e-5
        else break;
      }
      return this.finish(Tok.Number, start, i, true);
    }
    if (c === 39 || c === 34) {
      i++;
      for (;;) {
        if (i >= n) return this.fail();
        const d = t.charCodeAt(i);
        if (d === c) break;
        if (d === 92) i += t.charCodeAt(i + 1) === 13 && t.charCodeAt(i + 2) === 10 ? 3 : 2;
        else if (d === 10 || d === 13) return this.fail();
        else i++;
      }
      return this.finish(Tok.String, start, i + 1, true);
    }
    if (c === 96) return this.template(start, start + 1);
    if (c === 47 && !this.afterValue) {
      // `of / 2 / 1` (a name) or `of /2/` (an operator)? Rare either way: not worth a guess.
      if (this.kind === Tok.Word && this.is(CONTEXTUAL_WORDS.get(this.hash), this.start, this.end)) return this.fail();
      // A regular expression: to the closing `/` outside a character class, then its flags.
      i++;
      let inClass = false;
      for (;;) {
        if (i >= n) return this.fail();
        const d = t.charCodeAt(i);
        if (isLineBreak(d)) return this.fail();
        if (d === 92) i += 2;
        else {
          if (d === 91) inClass = true;
          else if (d === 93) inClass = false;
          else if (d === 47 && !inClass) break;
          i++;
        }
      }
      i++;
      while (i < n && isIdPart(t.charCodeAt(i))) i++;
      return this.finish(Tok.Regex, start, i, true);
    }
    // `}` then `/`: a regular expression after a block (`if (a) {}\n/re/.test(s)`), or a division
    // after an object literal? Only the parser knows.
    if (c === 47 && this.kind === Tok.CloseBrace) return this.fail();
    const c2 = t.charCodeAt(i + 1);
    switch (c) {
      case 40:
        this.depth++;
        this.parens.push(this.kind === Tok.Word && STATEMENT_HEADS.has(this.hash) && this.isStatementHead());
        return this.finish(Tok.OpenParen, start, i + 1);
      case 91: this.depth++; return this.finish(Tok.OpenBracket, start, i + 1);
      case 123: this.depth++; return this.finish(Tok.OpenBrace, start, i + 1);
      case 41: {
        const head = this.parens.pop() === true;
        this.close(Tok.CloseParen, start);
        this.afterValue = !head;
        return this.kind;
      }
      case 93: return this.close(Tok.CloseBracket, start);
      case 125: {
        const top = this.templates.length > 0 ? this.templates[this.templates.length - 1]! : -1;
        if (top === this.depth - 1) {
          // The `}` of a `${…}`: the template literal goes on.
          this.depth--;
          this.templates.pop();
          return this.template(start, start + 1);
        }
        return this.close(Tok.CloseBrace, start);
      }
      case 59: return this.finish(Tok.Semicolon, start, i + 1);
      case 44: return this.finish(Tok.Comma, start, i + 1);
      case 58: return this.finish(Tok.Colon, start, i + 1);
      case 64: return this.finish(Tok.At, start, i + 1);
      case 46:
        if (c2 === 46 && t.charCodeAt(i + 2) === 46) return this.finish(Tok.Op, start, i + 3);
        return this.finish(Tok.Dot, start, i + 1);
      case 63:
        if (c2 === 46 && !(t.charCodeAt(i + 2) >= 48 && t.charCodeAt(i + 2) <= 57)) return this.finish(Tok.QuestionDot, start, i + 2);
        return this.op(start, i);
      case 61:
        if (c2 === 62) return this.finish(Tok.Arrow, start, i + 2);
        if (c2 === 61) return this.op(start, i);
        return this.finish(Tok.Equals, start, i + 1);
      case 124:
        return c2 === 124 || c2 === 61 ? this.op(start, i) : this.finish(Tok.Bar, start, i + 1);
      case 38:
        return c2 === 38 || c2 === 61 ? this.op(start, i) : this.finish(Tok.Amp, start, i + 1);
      case 60:
        // In JavaScript, `<` where no value ends is JSX: `<div>`, `<>`, `< div>` (its text is no code).
        if (this.jsx && !this.afterValue) return this.fail();
        return c2 === 60 || c2 === 61 ? this.op(start, i) : this.finish(Tok.Less, start, i + 1);
      case 43:
      case 45:
        if (c2 === c) return this.finish(Tok.PlusPlus, start, i + 2, this.afterValue); // x++ ends a value; ++x does not
        return this.op(start, i);
      case 33:
        // `x!` (TypeScript's non-null assertion) is still a value: `x! / 2` divides.
        if (c2 !== 61 && this.afterValue && !this.newline) return this.finish(Tok.Op, start, i + 1, true);
        return this.op(start, i);
      default:
        // Outside a literal, `\` can only be a unicode escape in a name: `\u0062uild` is `build`.
        if (c < 33 || c > 126 || c === 92) return this.fail();
        return this.op(start, i);
    }
  }

  /**
   * Whether the current word is `if`/`while`/`for`/`with` as a keyword (not the method `x.if`), or
   * the `await` of `for await`: then a `/` after the `(…)` it opens starts a regex. Rare words, so
   * the text before `await` is read only then.
   */
  private isStatementHead(): boolean {
    if (this.property || !this.is(STATEMENT_HEADS.get(this.hash), this.start, this.end)) return false;
    if (this.end - this.start !== 5) return true;
    const t = this.text;
    let before = this.start - 1;
    while (before >= 0 && (t.charCodeAt(before) === 32 || t.charCodeAt(before) === 9 || isLineBreak(t.charCodeAt(before)))) before--;
    return before >= 2 && t.startsWith('for', before - 2) && !isIdPart(t.charCodeAt(before - 3)); // `for await (…)`
  }

  /** The current word's text (made on demand). */
  get word(): string {
    return this.text.slice(this.start, this.end);
  }

  /** Whether text[start, end) is `word`. */
  private is(word: string | undefined, start: number, end: number): boolean {
    return word !== undefined && word.length === end - start && this.text.startsWith(word, start);
  }

  /** An operator: its characters up to the next that cannot continue one. */
  private op(start: number, i: number): Tok {
    let j = i + 1;
    while (j < this.text.length && '=<>&|*?!^%'.includes(this.text[j]!) && j - i < 4) j++;
    return this.finish(Tok.Op, start, j);
  }

  /** The rest of a template literal from `i`: to its closing backtick, or to a `${`. */
  private template(start: number, i: number): Tok {
    const t = this.text;
    for (;;) {
      if (i >= t.length) return this.fail();
      const d = t.charCodeAt(i);
      if (d === 96) return this.finish(Tok.Template, start, i + 1, true);
      if (d === 92) i += 2;
      else if (d === 36 && t.charCodeAt(i + 1) === 123) {
        this.templates.push(this.depth);
        this.depth++;
        return this.finish(Tok.TemplateHead, start, i + 2);
      } else i++;
    }
  }

  private close(kind: Tok, start: number): Tok {
    if (this.depth === 0) return this.fail();
    this.depth--;
    return this.finish(kind, start, start + 1, true);
  }

  private finish(kind: Tok, start: number, end: number, value = false): Tok {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.pos = end;
    this.afterValue = value;
    return kind;
  }

  private fail(): Tok {
    this.failed = true;
    this.failedAt = this.pos;
    return this.finish(Tok.End, this.text.length, this.text.length);
  }
}
