// Types, for the subset parser: the model lint never looks at them, so they are read only to find
// where they end (annotations, `as T`, `f<T>(…)`, interfaces, type aliases). Two ways to fail:
// `noMatch()` when the tokens are no type at all (the parser may then read them another way, as
// TypeScript does: `i < n` is a comparison, not the start of `f<n>(…)`), and `notSubset()` for
// type syntax that TypeScript accepts but this reader does not (mapped, template literal, `infer`,
// named tuple members): then TypeScript parses the file.
import { NOT_SUBSET, notSubset, RESERVED, T, type Scanner, type TokenKind } from './scanner.js';

/** Thrown when the tokens ahead are not what was tried (see `attempt`). */
export const NO_MATCH = { noMatch: true } as const;

export function noMatch(): never {
  throw NO_MATCH;
}

/** Words that begin type syntax outside the subset. */
const UNSUPPORTED_TYPE_WORDS = new Set(['infer', 'asserts', 'import', 'unique']);

/** Types that are keywords: they take no type arguments. */
const KEYWORD_TYPES = new Set(['any', 'unknown', 'string', 'number', 'bigint', 'symbol', 'boolean', 'undefined', 'never', 'object', 'void', 'null', 'this', 'true', 'false']);

/** Reserved words that can start a type. */
const TYPE_START_WORDS = new Set(['void', 'null', 'this', 'true', 'false', 'typeof', 'new', 'function', 'import']);

/** Reserved words that are types. */
const TYPE_KEYWORDS = new Set(['void', 'null', 'this', 'true', 'false', 'typeof']);

export class TypeReader {
  /** Reading a conditional type's `extends` clause, where `A extends B ? …` cannot nest (as in TypeScript). */
  private noConditional = false;

  constructor(protected readonly s: Scanner) {}

  /** `fn()` with `noConditional` set as given (brackets lift it, as in TypeScript). */
  private conditionals<R>(allowed: boolean, fn: () => R): R {
    const saved = this.noConditional;
    this.noConditional = !allowed;
    try {
      return fn();
    } finally {
      this.noConditional = saved;
    }
  }

  protected is(value: string): boolean {
    return (this.s.kind === T.Punct || this.s.kind === T.Name) && this.s.value === value;
  }

  protected isPunct(value: string): boolean {
    return this.s.kind === T.Punct && this.s.value === value;
  }

  protected isWord(value: string): boolean {
    return this.s.kind === T.Name && this.s.value === value;
  }

  protected expect(value: string): void {
    if (!this.is(value)) noMatch();
    this.s.next();
  }

  /** `fn()`, or undefined with the scanner back where it was when the tokens do not match. */
  protected attempt<R>(fn: () => R): R | undefined {
    const state = this.s.save();
    try {
      return fn();
    } catch (e) {
      if (e !== NO_MATCH) throw e;
      this.s.restore(state);
      return undefined;
    }
  }

  /** A type (TypeScript's parseType): a function type, or a union with an optional conditional. */
  protected type(): void {
    if (this.isPunct('<') || this.isWord('new')) notSubset(); // generic function types, constructor types
    if (this.isPunct('(') && this.attempt(() => this.functionType()) !== undefined) return;
    this.union();
    if (!this.noConditional && this.isWord('extends') && !this.s.nl) {
      this.s.next();
      this.conditionals(false, () => this.type());
      this.expect('?');
      this.conditionals(true, () => this.type());
      this.expect(':');
      this.conditionals(true, () => this.type());
    }
  }

  /** `(a: T, b?: U, ...c: V[]) => R`; NO_MATCH when the parenthesis is a grouping. */
  private functionType(): true {
    this.parameterTypes(true);
    if (!this.isPunct('=>')) noMatch();
    this.s.next();
    this.returnType();
    return true;
  }

  /**
   * `(a: T, b?: U, ...c: V[])` of a function type or a signature (names only: patterns are not
   * ours). `maybeGrouping`: the `(` may be a parenthesised type instead, so a token that cannot
   * be a parameter is no match (and a `this` parameter is left to TypeScript).
   */
  private parameterTypes(maybeGrouping: boolean): void {
    this.expect('(');
    while (!this.isPunct(')')) {
      if (this.isPunct('...')) this.s.next();
      if (this.isWord('this')) {
        if (maybeGrouping) notSubset();
      } else if (this.s.kind !== T.Name) {
        if (maybeGrouping) noMatch();
        notSubset();
      } else if (RESERVED.has(this.s.value)) noMatch();
      this.s.next();
      if (this.isPunct('?')) this.s.next();
      if (this.isPunct(':')) {
        this.s.next();
        this.type();
      }
      if (!this.isPunct(',')) break;
      this.s.next();
    }
    this.expect(')');
  }

  private union(): void {
    if (this.isPunct('|')) this.s.next();
    this.intersection();
    while (this.isPunct('|')) {
      this.s.next();
      this.intersection();
    }
  }

  private intersection(): void {
    if (this.isPunct('&')) this.s.next();
    this.operator();
    while (this.isPunct('&')) {
      this.s.next();
      this.operator();
    }
  }

  private operator(): void {
    if (this.isWord('keyof') || this.isWord('readonly')) {
      this.s.next();
      this.operator();
      return;
    }
    this.primaryType();
    // `T[]`, `T[K]`, and the JSDoc postfixes `T!` and `T?` that TypeScript also parses (and
    // rejects only later); anything on the next line starts something else.
    while (!this.s.nl) {
      if (this.isPunct('[')) {
        this.s.next();
        if (!this.isPunct(']')) this.type();
        this.expect(']');
      } else if (this.isPunct('!')) this.s.next();
      else if (this.isPunct('?') && !this.nextStartsType()) this.s.next(); // else a conditional type's `?`
      else break;
    }
  }

  /** TypeScript's nextTokenIsStartOfType. */
  private nextStartsType(): boolean {
    const state = this.s.save();
    this.s.next();
    const { kind, value } = this.s;
    let starts = kind === T.Str || kind === T.Num || kind === T.Template || kind === T.TemplateHead ||
      (kind === T.Name && (!RESERVED.has(value) || TYPE_START_WORDS.has(value))) ||
      (kind === T.Punct && ['{', '[', '<', '|', '&', '*', '?', '!', '...', '('].includes(value));
    if (kind === T.Punct && value === '-') {
      this.s.next();
      starts = (this.s.kind as TokenKind) === T.Num;
    }
    this.s.restore(state);
    return starts;
  }

  private primaryType(): void {
    const s = this.s;
    switch (s.kind) {
      case T.Name:
        if (UNSUPPORTED_TYPE_WORDS.has(s.value)) notSubset();
        if (RESERVED.has(s.value) && !TYPE_KEYWORDS.has(s.value)) noMatch();
        if (s.value === 'typeof') {
          s.next();
          if (this.isWord('import')) notSubset();
          this.entityName();
          if (this.isPunct('<') && !s.nl) notSubset(); // `typeof f<T>`
          return;
        }
        if (s.value === 'this') {
          s.next(); // the `this` type takes no dot (`typeof this.x` is read above)
          return;
        }
        if (KEYWORD_TYPES.has(s.value)) {
          // `number`, `undefined`: no type arguments (unless a dot makes it a name: `string.x`).
          const state = s.save();
          s.next();
          if (!this.isPunct('.')) return;
          s.restore(state);
        }
        this.entityName();
        if (this.isPunct('<') && !s.nl) this.typeArguments();
        return;
      case T.Str:
      case T.Num:
        s.next();
        return;
      case T.Template:
      case T.TemplateHead:
        return notSubset();
      case T.Punct:
        switch (s.value) {
          case '-':
            s.next();
            if ((s.kind as TokenKind) !== T.Num) noMatch();
            s.next();
            return;
          case '(':
            s.next();
            this.conditionals(true, () => this.type());
            this.expect(')');
            return;
          case '[':
            this.tuple();
            return;
          case '{':
            this.objectType();
            return;
          case '?':
          case '!':
          case '*':
          case '...':
            return notSubset(); // JSDoc types, a rest element out of place
          default:
            return noMatch();
        }
      default:
        return noMatch();
    }
  }

  /** `A.B.C` (names or keywords after a dot). */
  protected entityName(): void {
    if (this.s.kind !== T.Name || (RESERVED.has(this.s.value) && this.s.value !== 'this')) noMatch();
    this.s.next();
    while (this.isPunct('.')) {
      this.s.next();
      if (this.s.kind !== T.Name) noMatch();
      // `A.\nB C`: TypeScript takes the dot for unfinished code, as in expressions.
      if (this.s.nl) notSubset();
      this.s.next();
    }
  }

  /** `<A, B>`. */
  protected typeArguments(): void {
    this.expect('<');
    this.conditionals(true, () => {
      this.type();
      while (this.isPunct(',')) {
        this.s.next();
        this.type();
      }
    });
    this.expect('>');
  }

  /** `<T extends U = V, K>` after a function, interface or alias name. */
  protected typeParameters(): void {
    this.expect('<');
    for (;;) {
      if (this.s.kind !== T.Name || ['const', 'in', 'out'].includes(this.s.value)) notSubset();
      if (RESERVED.has(this.s.value)) noMatch();
      this.s.next();
      if (this.isWord('extends')) {
        this.s.next();
        this.type();
      }
      if (this.isPunct('=')) {
        this.s.next();
        this.type();
      }
      if (!this.isPunct(',')) break;
      this.s.next();
    }
    this.expect('>');
  }

  /** A return type, which may be a type predicate: `x is T`, `this is T`. */
  protected returnType(): void {
    if (this.s.kind === T.Name && this.s.value !== 'asserts' && (!RESERVED.has(this.s.value) || this.s.value === 'this')) {
      const state = this.s.save();
      this.s.next();
      if (this.isWord('is') && !this.s.nl) {
        this.s.next();
        this.type();
        return;
      }
      this.s.restore(state);
    }
    this.type();
  }

  /** `[A, B?, ...C[]]`; named members (`[x: A]`) are outside the subset. */
  private tuple(): void {
    this.conditionals(true, () => this.tupleElements());
  }

  private tupleElements(): void {
    this.expect('[');
    while (!this.isPunct(']')) {
      if (this.isPunct('...')) this.s.next();
      if (this.s.kind === T.Name) {
        const state = this.s.save();
        this.s.next();
        if (this.isPunct(':') || this.isPunct('?')) {
          // `[x?: A]` is a named member; `[A?]` an optional one.
          if (this.isPunct(':')) notSubset();
          this.s.next();
          if (this.isPunct(':')) notSubset();
        }
        this.s.restore(state);
      }
      this.type(); // an optional element's `?` is read with it (a postfix, on the same line only)
      if (!this.isPunct(',')) break;
      this.s.next();
    }
    this.expect(']');
  }

  /** `{ a: T; b?(x: U): V; readonly c: W; [k: string]: X; (x: Y): Z }`; mapped types are outside the subset. */
  protected objectType(): void {
    this.conditionals(true, () => this.members());
  }

  private members(): void {
    this.expect('{');
    while (!this.isPunct('}')) {
      this.typeMember();
      // Members are separated by `;`, `,` or a line break.
      if (this.isPunct(';') || this.isPunct(',')) this.s.next();
      else if (!this.isPunct('}') && !this.s.nl) noMatch();
    }
    this.s.next();
  }

  private typeMember(): void {
    const s = this.s;
    if (this.isPunct('(') || this.isPunct('<')) {
      this.signature();
      return;
    }
    if (this.isPunct('[')) {
      // An index signature `[key: string]: T`, or a computed or mapped member (not ours).
      s.next();
      if (s.kind !== T.Name) notSubset();
      if (RESERVED.has(s.value)) noMatch();
      s.next();
      if (!this.isPunct(':')) notSubset();
      s.next();
      this.type();
      this.expect(']');
      this.expect(':');
      this.type();
      return;
    }
    if (this.isPunct('+') || this.isPunct('-')) notSubset();
    if (this.isWord('readonly')) {
      // `readonly a: T`, `readonly [k: string]: T`; or a member named readonly (`readonly: boolean`).
      const p = s.save();
      s.next();
      const modifier = !s.nl && (s.kind === T.Name || s.kind === T.Str || this.isPunct('['));
      if (!modifier) s.restore(p);
      else if (this.isPunct('[')) {
        this.typeMember();
        return;
      }
    }
    if (s.kind === T.Name && ['new', 'get', 'set', 'static', 'public', 'private', 'protected', 'abstract', 'declare', 'readonly'].includes(s.value)) {
      // A modifier, or a member so named (`readonly: boolean`, `new(): T`): not worth telling apart.
      const state = s.save();
      s.next();
      const modifier = !(this.isPunct(':') || this.isPunct('?') || this.isPunct('(') || this.isPunct(';') || this.isPunct(',') || this.isPunct('}') || s.nl);
      s.restore(state);
      if (modifier) notSubset();
    }
    if (s.kind === T.Num) notSubset();
    if (s.kind !== T.Name && s.kind !== T.Str) noMatch();
    s.next();
    if (this.isPunct('?')) s.next();
    if (this.isPunct('(') || this.isPunct('<')) this.signature();
    else if (this.isPunct(':')) {
      s.next();
      this.type();
    }
  }

  /** A call or method signature from its `(` (or type parameters): `(x: A): B`. */
  private signature(): void {
    if (this.isPunct('<')) this.typeParameters();
    this.parameterTypes(false);
    if (this.isPunct(':')) {
      this.s.next();
      this.returnType();
    }
  }
}

export { NOT_SUBSET };
