// Expressions for the subset parser (parser.ts): TypeScript's expression grammar, read straight
// into the common syntax with the offsets the lowering of TypeScript's tree gives (a node starts
// where its first token's leading trivia starts, and ends with its last token). Also what
// statements and expressions share: binding patterns, parameters, function bodies.
import type { Expr, Kwarg, Stmt, Target } from '../../syntax.js';
import { notSubset, RESERVED, T, type Scanner, type TokenKind } from './scanner.js';
import { NO_MATCH, noMatch, TypeReader } from './types.js';

/** TypeScript's binary operator precedences (OperatorPrecedence); `>`-operators are joined first. */
const PRECEDENCE = new Map<string, number>([
  ['??', 4], ['||', 5], ['&&', 6], ['|', 7], ['^', 8], ['&', 9],
  ['==', 10], ['!=', 10], ['===', 10], ['!==', 10],
  ['<', 11], ['>', 11], ['<=', 11], ['>=', 11], ['instanceof', 11], ['in', 11], ['as', 11], ['satisfies', 11],
  ['<<', 12], ['>>', 12], ['>>>', 12], ['+', 13], ['-', 13], ['*', 14], ['/', 14], ['%', 14], ['**', 15],
]);

/** Modifiers of a constructor parameter that make it a property. */
const PARAMETER_MODIFIERS = new Set(['public', 'private', 'protected', 'readonly', 'override']);

const ASSIGNMENT = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=']);

interface Span {
  a: number;
  b: number;
}

export interface Params {
  params: string[];
  defaults: (Expr | undefined)[];
}

export abstract class ExpressionReader extends TypeReader {
  /** Inside an async function (`await` is an operator), inside any function (`return` is allowed). */
  protected async = false;
  /** Inside a generator (`yield` is an operator). */
  protected generator = false;
  protected inFunction = false;
  /** In a `for (…;` head, where `in` ends the expression. */
  protected noIn = false;
  /** The file has an import or export, so it is a module (a top-level `await` needs one). */
  protected module = false;
  protected topLevelAwait = false;
  /** Whether the expression just parsed is a left-hand side (TypeScript's isLeftHandSideExpression). */
  protected lhs = false;
  /** Whether the unary expression just parsed began with a unary operator (then `**` may not follow). */
  protected prefixed = false;
  /**
   * Expressions behind parentheses, `await`, `as`, `satisfies` or `!`: the common syntax skips
   * these, except where the lowering looks at the node itself (assignment targets). The span of
   * the outermost.
   */
  protected readonly wrapped = new Map<Expr, Span>();
  protected readonly parenthesized = new Set<Expr>();
  /** Where an arrow function's head was tried and is not (see attemptArrow). */
  private readonly notArrows = new Set<number>();
  /** String values that were template literals (`` x[`a`] `` is no property access). */
  protected readonly fromTemplate = new Set<Expr>();

  constructor(scanner: Scanner, protected readonly text: string, protected readonly js: boolean) {
    super(scanner);
  }

  /** `{ … }`: its statements go to `out` (parser.ts). */
  protected abstract block(out: Stmt[]): void;


  /** The end of the last token read: where a node that ends there ends. */
  protected end(): number {
    return this.s.fullStart;
  }

  protected tsOnly(): void {
    if (this.js) notSubset();
  }

  protected peek(): { kind: TokenKind; value: string; nl: boolean } {
    const state = this.s.save();
    this.s.next();
    const r = { kind: this.s.kind, value: this.s.value, nl: this.s.nl };
    this.s.restore(state);
    return r;
  }

  protected nextIsNameOnSameLine(strings = false): boolean {
    const p = this.peek();
    return !p.nl && (p.kind === T.Name || (strings && p.kind === T.Str));
  }

  protected identifier(): string {
    const s = this.s;
    if (s.kind !== T.Name || RESERVED.has(s.value)) noMatch();
    const v = s.value;
    s.next();
    return v;
  }

  /** `;`, or a place where JavaScript inserts one. */
  protected semicolon(): void {
    if (this.isPunct(';')) this.s.next();
    else if (!this.canEndStatement()) noMatch();
  }

  protected canEndStatement(): boolean {
    return this.isPunct(';') || this.isPunct('}') || this.s.kind === T.EOF || this.s.nl;
  }

  protected wrap(e: Expr, a: number): void {
    this.wrapped.set(e, { a, b: this.end() });
  }

  /** An optional type annotation, `: T` (TypeScript only). */
  protected annotation(): void {
    if (!this.isPunct(':')) return;
    this.tsOnly();
    this.s.next();
    this.type();
  }

  /** `fn()` where `in` is an operator again (inside brackets): the common case costs nothing. */
  protected allowIn<R>(fn: () => R): R {
    if (!this.noIn) return fn();
    this.noIn = false;
    try {
      return fn();
    } finally {
      this.noIn = true;
    }
  }

  /** Run `fn` with parser state that its tokens set (restored even when it gives up). */
  protected within<R>(state: { async?: boolean; generator?: boolean; inFunction?: boolean; noIn?: boolean }, fn: () => R): R {
    const saved = { async: this.async, generator: this.generator, inFunction: this.inFunction, noIn: this.noIn };
    if (state.async !== undefined) this.async = state.async;
    if (state.generator !== undefined) this.generator = state.generator;
    if (state.inFunction !== undefined) this.inFunction = state.inFunction;
    if (state.noIn !== undefined) this.noIn = state.noIn;
    try {
      return fn();
    } finally {
      this.async = saved.async;
      this.generator = saved.generator;
      this.inFunction = saved.inFunction;
      this.noIn = saved.noIn;
    }
  }

  /** A binding name or destructuring pattern, as an assignment target. */
  protected binding(): Target {
    const s = this.s;
    const a = s.fullStart;
    if (s.kind === T.Name) {
      const id = this.identifier();
      return { k: 'name', id, a, b: this.end() };
    }
    if (this.isPunct('[')) {
      s.next();
      const items: Target[] = [];
      while (!this.isPunct(']')) {
        if (this.isPunct(',')) {
          // A hole (TypeScript's OmittedExpression: empty, where the comma's trivia starts).
          items.push({ k: 'other', a: s.fullStart, b: s.fullStart });
          s.next();
          continue;
        }
        const rest = this.isPunct('...');
        if (rest) s.next();
        items.push(this.binding());
        if (!rest && this.isPunct('=')) {
          s.next();
          this.assignment();
        }
        if (rest || !this.isPunct(',')) break;
        s.next();
      }
      this.expect(']');
      return { k: 'tuple', items, a, b: this.end() };
    }
    if (this.isPunct('{')) {
      s.next();
      const props: { key: string; target: Target }[] = [];
      while (!this.isPunct('}')) {
        if (this.isPunct('...')) {
          s.next();
          const target = this.binding();
          if (target.k !== 'name') noMatch();
          props.push({ key: target.id, target });
          break;
        }
        // `{ a }`, `{ a = 1 }`, `{ a: b }`, `{ 'a-b': b }`, `{ [k]: b }`. The key is the property
        // name when it is a name, else the bound name (as the lowering has it).
        const pa = s.fullStart;
        let propertyName: string | undefined;
        let shorthand: string | undefined;
        if ((s.kind as TokenKind) === T.Name) {
          propertyName = s.value;
          if (!RESERVED.has(s.value)) shorthand = s.value;
          s.next();
        } else if (s.kind === T.Str) s.next();
        else if (this.isPunct('[')) {
          s.next();
          this.allowIn(() => this.assignment());
          this.expect(']');
        } else notSubset();
        let target: Target;
        if (this.isPunct(':')) {
          s.next();
          target = this.binding();
        } else if (shorthand !== undefined) target = { k: 'name', id: shorthand, a: pa, b: this.end() };
        else return noMatch();
        if (this.isPunct('=')) {
          s.next();
          this.assignment();
        }
        props.push({ key: propertyName ?? (target.k === 'name' ? target.id : ''), target });
        if (!this.isPunct(',')) break;
        s.next();
      }
      this.expect('}');
      return { k: 'props', props, a, b: this.end() };
    }
    return noMatch();
  }

  /** An assignment's left side as a target, as the lowering reads the expression there. */
  protected target(e: Expr): Target {
    const outer = this.wrapped.get(e);
    if (outer) return { k: 'other', a: outer.a, b: outer.b };
    if (e.k === 'name') return { k: 'name', id: e.id, a: e.a, b: e.b };
    if (e.k === 'none' && this.text.startsWith('undefined', e.b - 9)) return { k: 'name', id: 'undefined', a: e.a, b: e.b };
    if (e.k === 'list') return { k: 'tuple', items: e.items.map((x) => this.target(x)), a: e.a, b: e.b };
    return { k: 'other', a: e.a, b: e.b };
  }

  /**
   * A function from its type parameters or `(`: parameters, return type, body. `declaration`:
   * the body may be missing (an overload).
   */
  protected functionRest(async: boolean, declaration: boolean, generator = false): Params & { body: Stmt[] } {
    if (this.isPunct('<')) {
      this.tsOnly();
      this.typeParameters();
    }
    const { params, defaults } = this.parameters();
    if (this.isPunct(':')) {
      this.tsOnly();
      this.s.next();
      this.returnType();
    }
    if (declaration && !this.isPunct('{')) {
      this.tsOnly();
      this.semicolon();
      return { params, defaults, body: [] };
    }
    return { params, defaults, body: this.functionBody(async, generator) };
  }

  /** `(a, b: T = 1, ...c)`; `properties`: a constructor's, where `private x: T` declares a property too. */
  protected parameters(properties = false): Params {
    const s = this.s;
    this.expect('(');
    const params: string[] = [];
    const defaults: (Expr | undefined)[] = [];
    this.within({ async: false, generator: false, inFunction: true, noIn: false }, () => {
      while (!this.isPunct(')')) {
        while (properties && s.kind === T.Name && PARAMETER_MODIFIERS.has(s.value)) {
          const p = this.peek();
          if (p.nl || !(p.kind === T.Name || (p.kind === T.Punct && (p.value === '[' || p.value === '{')))) break;
          this.tsOnly();
          s.next();
        }
        const rest = this.isPunct('...');
        if (rest) s.next();
        const target = this.binding();
        if (this.isPunct('?')) {
          this.tsOnly();
          s.next();
        }
        this.annotation();
        let value: Expr | undefined;
        if (this.isPunct('=')) {
          s.next();
          value = this.assignment();
        }
        params.push(target.k === 'name' ? target.id : '');
        defaults.push(value);
        if (rest || !this.isPunct(',')) break;
        s.next();
      }
    });
    this.expect(')');
    return { params, defaults };
  }

  protected functionBody(async: boolean, generator = false): Stmt[] {
    return this.within({ async, generator, inFunction: true, noIn: false }, () => {
      const out: Stmt[] = [];
      this.block(out);
      return out;
    });
  }


  protected expression(): Expr {
    const a = this.s.fullStart;
    let e = this.assignment();
    while (this.isPunct(',')) {
      this.s.next();
      const right = this.assignment();
      e = { k: 'bin', op: ',', left: e, right, a, b: this.end() };
      this.lhs = false;
    }
    return e;
  }

  /** TypeScript's parseAssignmentExpressionOrHigher: arrows, assignments, conditionals. */
  protected assignment(allowReturnType = true): Expr {
    const s = this.s;
    const a = s.fullStart;
    if (this.generator && this.isWord('yield')) return this.yieldExpression(a);
    const arrow = this.arrowFunction(a, allowReturnType);
    if (arrow) {
      this.lhs = false;
      return arrow;
    }
    const e = this.binary(0);
    if (this.lhs && s.kind === T.Punct && ASSIGNMENT.has(s.value)) {
      const op = s.value;
      s.next();
      const right = this.assignment(allowReturnType);
      this.lhs = false;
      return { k: 'bin', op, left: e, right, a, b: this.end() };
    }
    if (this.isPunct('?')) {
      s.next();
      const whenTrue = this.allowIn(() => this.assignment(false));
      this.expect(':');
      const whenFalse = this.assignment(allowReturnType);
      this.lhs = false;
      return { k: 'other', parts: [e, whenTrue, whenFalse], a, b: this.end() };
    }
    return e;
  }

  /** `yield`, `yield x`, `yield* xs` (TypeScript's parseYieldExpression). */
  private yieldExpression(a: number): Expr {
    const s = this.s;
    s.next();
    const parts: Expr[] = [];
    const operand = !s.nl && s.kind !== T.EOF && !(s.kind === T.Punct && [';', ')', ']', '}', ',', ':'].includes(s.value));
    if (operand) {
      if (this.isPunct('*')) s.next();
      parts.push(this.assignment());
    }
    this.lhs = false;
    return { k: 'other', parts, a, b: this.end() };
  }

  /** An arrow function starting here, or undefined (and nothing read). */
  protected arrowFunction(a: number, allowReturnType: boolean): Expr | undefined {
    const s = this.s;
    let head: (Params & { async: boolean }) | undefined;
    if (this.isPunct('<')) notSubset(); // a generic arrow (or a type assertion)
    if (s.kind === T.Name) {
      if (s.value === 'async') {
        const p = this.peek();
        if (p.nl || !(p.kind === T.Name || (p.kind === T.Punct && p.value === '('))) return undefined;
        head = this.attemptArrow(allowReturnType, () => {
          s.next();
          return { ...this.arrowHead(allowReturnType), async: true };
        });
      } else {
        const p = this.peek();
        if (p.kind !== T.Punct || p.value !== '=>') return undefined;
        head = { params: [this.identifier()], defaults: [undefined], async: false };
        this.arrowToken();
      }
    } else if (this.isPunct('(')) {
      head = this.attemptArrow(allowReturnType, () => ({ ...this.arrowHead(allowReturnType), async: false }));
    }
    if (!head) return undefined;
    let body: Stmt[];
    if (this.isPunct('{')) body = this.functionBody(head.async);
    else {
      const ba = s.fullStart;
      const e = this.within({ async: head.async, generator: false, inFunction: true }, () => this.assignment(allowReturnType));
      body = [{ k: 'return', e, a: ba, b: this.end() }];
    }
    return { k: 'func', params: head.params, defaults: head.defaults, body, a, b: this.end() };
  }

  /**
   * Try an arrow function's head here, once: a failed try is remembered, or `(a = (b = (…)))`
   * would be tried again at every level for every level around it (exponential time).
   */
  private attemptArrow(allowReturnType: boolean, head: () => Params & { async: boolean }): (Params & { async: boolean }) | undefined {
    const key = this.s.start * 2 + (allowReturnType ? 1 : 0);
    if (this.notArrows.has(key)) return undefined;
    const found = this.attempt(head);
    if (!found) this.notArrows.add(key);
    return found;
  }

  /** `x =>` or `(params): T =>`, up to and including the arrow. */
  protected arrowHead(allowReturnType: boolean): Params {
    let head: Params;
    if (this.s.kind === T.Name) head = { params: [this.identifier()], defaults: [undefined] };
    else {
      head = this.parameters();
      if (this.isPunct(':')) {
        if (!allowReturnType) noMatch();
        this.tsOnly();
        this.s.next();
        this.returnType();
      }
    }
    this.arrowToken();
    return head;
  }

  protected arrowToken(): void {
    if (!this.isPunct('=>')) noMatch();
    if (this.s.nl) notSubset(); // a line break before `=>` is a syntax error
    this.s.next();
  }

  /** TypeScript's parseBinaryExpressionOrHigher. */
  protected binary(precedence: number): Expr {
    const a = this.s.fullStart;
    const left = this.unary();
    return this.binaryRest(precedence, left, a);
  }

  protected binaryRest(precedence: number, left: Expr, a: number): Expr {
    const s = this.s;
    for (;;) {
      if (this.isPunct('>')) s.joinGreater();
      const p = s.kind === T.Punct || s.kind === T.Name ? PRECEDENCE.get(s.value) : undefined;
      if (p === undefined) return left;
      const op = s.value;
      if (op === '**' ? p < precedence : p <= precedence) return left;
      if (op === 'in' && this.noIn) return left;
      if (s.kind === T.Name && op !== 'in' && op !== 'instanceof') {
        // `as T`, `satisfies T`: on the same line only.
        if (s.nl) return left;
        this.tsOnly();
        s.next();
        if (op === 'as' && this.isWord('const')) s.next();
        else this.type();
        this.wrap(left, a);
        this.lhs = false;
        continue;
      }
      s.next();
      const right = this.binary(p);
      this.checkMixedCoalesce(op, left, right);
      left = { k: 'bin', op, left, right, a, b: this.end() };
      this.lhs = false;
    }
  }

  /** `a ?? b || c` without parentheses is a syntax error. */
  protected checkMixedCoalesce(op: string, left: Expr, right: Expr): void {
    const bare = (e: Expr, ops: string[]) => e.k === 'bin' && ops.includes(e.op) && !this.parenthesized.has(e);
    if (op === '??' && (bare(left, ['||', '&&']) || bare(right, ['||', '&&']))) notSubset();
    if ((op === '||' || op === '&&') && (bare(left, ['??']) || bare(right, ['??']))) notSubset();
  }

  /** TypeScript's parseUnaryExpressionOrHigher: `-x ** 2` is a syntax error, `++x ** 2` is not. */
  protected unary(): Expr {
    const e = this.simpleUnary();
    if (this.prefixed && this.isPunct('**')) notSubset();
    return e;
  }

  protected simpleUnary(): Expr {
    const s = this.s;
    const a = s.fullStart;
    if (s.kind === T.Punct) {
      const op = s.value;
      if (op === '!' || op === '~' || op === '+' || op === '-') {
        s.next();
        const arg = this.simpleUnary();
        this.lhs = false;
        this.prefixed = true;
        return { k: 'unary', op, arg, a, b: this.end() };
      }
      if (op === '++' || op === '--') {
        s.next();
        const arg = this.leftHandSide();
        this.lhs = false;
        this.prefixed = false;
        return { k: 'unary', op, arg, a, b: this.end() };
      }
    } else if (s.kind === T.Name) {
      const word = s.value;
      if (word === 'typeof' || word === 'void' || word === 'delete') {
        s.next();
        const arg = this.simpleUnary();
        this.lhs = false;
        this.prefixed = true;
        return { k: 'other', parts: [arg], a, b: this.end() };
      }
      if (word === 'await') {
        this.awaitAllowed();
        s.next();
        const arg = this.simpleUnary();
        this.wrap(arg, a);
        this.lhs = false;
        this.prefixed = true;
        return arg;
      }
    }
    const e = this.leftHandSide();
    this.prefixed = false;
    if ((this.isPunct('++') || this.isPunct('--')) && !s.nl) {
      s.next();
      this.lhs = false;
      return { k: 'other', parts: [e], a, b: this.end() };
    }
    return e;
  }

  /** `await` is an operator in async functions and at the top of a module; elsewhere it is not ours. */
  protected awaitAllowed(): void {
    if (this.async) return;
    if (this.inFunction) notSubset();
    // At the top level TypeScript first parses `await` as a name, then parses again in a module.
    // Only when a name or literal follows on the same line do both parses agree on where the
    // statements end (when they do not, its second parse can even list a statement twice).
    const p = this.peek();
    if (p.nl || !(p.kind === T.Name || p.kind === T.Num || p.kind === T.Str || p.kind === T.Template)) notSubset();
    this.topLevelAwait = true;
  }

  /** Calls, member accesses, `x!`, `f<T>(…)`, `new`. */
  protected leftHandSide(): Expr {
    const s = this.s;
    const a = s.fullStart;
    let e: Expr;
    if (this.isWord('new')) e = this.newExpression(a);
    else if (this.isWord('super')) {
      // `super(…)`, `super.m(…)`, `super[k]`: nothing else may follow it.
      s.next();
      if (!this.isPunct('(') && !this.isPunct('.') && !this.isPunct('[')) notSubset();
      e = { k: 'other', parts: [], a, b: this.end() };
    } else if (this.isWord('import')) return notSubset();
    else e = this.primary();
    for (;;) {
      if (s.kind === T.Template || s.kind === T.TemplateHead) notSubset(); // a tagged template
      if (s.kind !== T.Punct) break;
      const v = s.value;
      if (v === '.') {
        s.next();
        e = { k: 'member', obj: e, prop: this.propertyName(), a, b: this.end() };
      } else if (v === '?.') {
        s.next();
        if (this.isPunct('(')) e = { k: 'call', callee: e, args: this.argumentList(), kwargs: [], a, b: this.end() };
        else if (this.isPunct('[')) e = this.elementAccess(e, a);
        else if ((s.kind as TokenKind) === T.Name) e = { k: 'member', obj: e, prop: this.propertyName(), a, b: this.end() };
        else notSubset();
      } else if (v === '[') e = this.elementAccess(e, a);
      else if (v === '(') e = { k: 'call', callee: e, args: this.argumentList(), kwargs: [], a, b: this.end() };
      else if (v === '!' && !s.nl) {
        this.tsOnly();
        s.next();
        this.wrap(e, a);
      } else if (v === '<') {
        if (!this.typeArgumentsOfCall()) break;
        e = { k: 'call', callee: e, args: this.argumentList(), kwargs: [], a, b: this.end() };
      } else break;
    }
    this.lhs = true;
    return e;
  }

  /**
   * At `<` after an expression: type arguments of a call (`f<T>(x)`: true, at the `(`), or a
   * comparison (false, nothing read). TypeScript reads type arguments whenever they parse and `>`
   * closes them; any reading but a call (`a < b > c`, `f<T>`) is left to it.
   */
  protected typeArgumentsOfCall(): boolean {
    const state = this.s.save();
    try {
      this.typeArguments();
    } catch (e) {
      if (e !== NO_MATCH) throw e;
      this.s.restore(state);
      return false;
    }
    if (this.js || !this.isPunct('(')) notSubset();
    return true;
  }

  protected newExpression(a: number): Expr {
    const s = this.s;
    s.next();
    if (this.isPunct('.')) notSubset(); // new.target
    const ca = s.fullStart;
    let callee = this.isWord('new') ? this.newExpression(ca) : this.primary();
    for (;;) {
      if (this.isPunct('.')) {
        s.next();
        callee = { k: 'member', obj: callee, prop: this.propertyName(), a: ca, b: this.end() };
      } else if (this.isPunct('[')) callee = this.elementAccess(callee, ca);
      else if (this.isPunct('?.') || s.kind === T.Template || s.kind === T.TemplateHead || (this.isPunct('!') && !s.nl)) notSubset();
      else break;
    }
    if (this.isPunct('<') && !this.typeArgumentsOfCall()) return { k: 'call', callee, args: [], kwargs: [], a, b: this.end() };
    const args = this.isPunct('(') ? this.argumentList() : [];
    return { k: 'call', callee, args, kwargs: [], a, b: this.end() };
  }

  /** The name after `.` or `?.`: any word, keywords included. */
  protected propertyName(): string {
    if (this.s.kind !== T.Name) noMatch();
    // `a.\nb c`: TypeScript takes the dot for unfinished code (the name is missing), not `a.b`.
    if (this.s.nl && this.nextIsNameOnSameLine()) noMatch();
    const v = this.s.value;
    this.s.next();
    return v;
  }

  protected elementAccess(obj: Expr, a: number): Expr {
    this.s.next();
    const index = this.allowIn(() => this.expression());
    this.expect(']');
    if (index.k === 'str' && !this.fromTemplate.has(index)) return { k: 'member', obj, prop: index.v, a, b: this.end() };
    return { k: 'index', obj, index, a, b: this.end() };
  }

  protected argumentList(): Expr[] {
    this.expect('(');
    const args = this.allowIn(() => {
      const list: Expr[] = [];
      while (!this.isPunct(')')) {
        list.push(this.isPunct('...') ? this.spread() : this.assignment());
        if (!this.isPunct(',')) break;
        this.s.next();
      }
      return list;
    });
    this.expect(')');
    return args;
  }

  protected spread(): Expr {
    const a = this.s.fullStart;
    this.s.next();
    const arg = this.assignment();
    return { k: 'spread', arg, a, b: this.end() };
  }

  protected primary(): Expr {
    const s = this.s;
    const a = s.fullStart;
    switch (s.kind) {
      case T.Name: {
        const word = s.value;
        if (word === 'function') return this.functionExpression(a, false);
        if (word === 'async' && this.nextIsNameOnSameLine() && this.peek().value === 'function') return this.functionExpression(a, true);
        if (word === 'this' || word === 'null' || word === 'true' || word === 'false' || word === 'undefined') {
          s.next();
          const b = this.end();
          if (word === 'this') return { k: 'other', parts: [], a, b };
          if (word === 'true' || word === 'false') return { k: 'bool', v: word === 'true', a, b };
          return { k: 'none', a, b };
        }
        const id = this.identifier();
        return { k: 'name', id, a, b: this.end() };
      }
      case T.Num: {
        const v = s.num;
        s.next();
        return { k: 'num', v, a, b: this.end() };
      }
      case T.Str:
      case T.Template: {
        const v = s.value;
        const template = s.kind === T.Template;
        s.next();
        const e: Expr = { k: 'str', v, a, b: this.end() };
        if (template) this.fromTemplate.add(e);
        return e;
      }
      case T.TemplateHead:
        return this.templateExpression(a);
      case T.Punct:
        switch (s.value) {
          case '(': {
            s.next();
            const e = this.allowIn(() => this.expression());
            this.expect(')');
            this.wrap(e, a);
            this.parenthesized.add(e);
            return e;
          }
          case '[':
            return this.arrayLiteral(a);
          case '{':
            return this.objectLiteral(a);
          case '/':
          case '/=': {
            // Where an operand stands, `/` starts a regular expression (TypeScript's reScanSlashToken).
            s.regex();
            return { k: 'other', parts: [], a, b: this.end() };
          }
          case '<':
            return notSubset(); // JSX or a type assertion
        }
    }
    return noMatch();
  }

  protected functionExpression(a: number, async: boolean): Expr {
    const s = this.s;
    if (async) s.next();
    s.next();
    const generator = this.isPunct('*');
    if (generator) s.next();
    if (s.kind === T.Name) this.identifier();
    const { params, defaults, body } = this.functionRest(async, false, generator);
    return { k: 'func', params, defaults, body, a, b: this.end() };
  }

  protected templateExpression(a: number): Expr {
    const s = this.s;
    const parts: Expr[] = [];
    s.next();
    for (;;) {
      parts.push(this.allowIn(() => this.expression()));
      if (!this.isPunct('}')) noMatch();
      s.continueTemplate();
      const tail = s.kind === T.Template;
      s.next();
      if (tail) break;
    }
    return { k: 'other', parts, a, b: this.end() };
  }

  protected arrayLiteral(a: number): Expr {
    const s = this.s;
    s.next();
    const items = this.allowIn(() => {
      const list: Expr[] = [];
      while (!this.isPunct(']')) {
        if (this.isPunct(',')) {
          list.push({ k: 'other', parts: [], a: s.fullStart, b: s.fullStart }); // a hole
          s.next();
          continue;
        }
        list.push(this.isPunct('...') ? this.spread() : this.assignment());
        if (!this.isPunct(',')) break;
        s.next();
      }
      return list;
    });
    this.expect(']');
    return { k: 'list', items, a, b: this.end() };
  }

  protected objectLiteral(a: number): Expr {
    const s = this.s;
    s.next();
    const entries = this.allowIn(() => {
      const list: Kwarg[] = [];
      while (!this.isPunct('}')) {
        this.property(list);
        if (!this.isPunct(',')) break;
        s.next();
      }
      return list;
    });
    this.expect('}');
    return { k: 'dict', entries, a, b: this.end() };
  }

  /** One member of an object literal: `a: v`, `'a': v`, `a`, `[k]: v`, `...o`, `m(…) {…}`. */
  protected property(out: Kwarg[]): void {
    const s = this.s;
    if (this.isPunct('...')) {
      s.next();
      this.assignment();
      return;
    }
    const pa = s.fullStart;
    let name: string | undefined;
    let shorthand = false;
    if (s.kind === T.Name) {
      name = s.value;
      if (name === 'get' || name === 'set' || name === 'async') {
        const p = this.peek();
        if (!(p.kind === T.Punct && [':', '(', ',', '}', '<'].includes(p.value))) notSubset(); // accessors, async methods
      }
      shorthand = !RESERVED.has(name);
      s.next();
    } else if (s.kind === T.Str) {
      name = s.value;
      s.next();
    } else if (this.isPunct('[')) {
      s.next();
      this.assignment();
      this.expect(']');
    } else if (this.isPunct('*')) {
      s.next(); // a generator method: its name, then `(`
      if ((s.kind as TokenKind) !== T.Name && (s.kind as TokenKind) !== T.Str) notSubset();
      s.next();
      if (!this.isPunct('(') && !this.isPunct('<')) noMatch();
      this.functionRest(false, false, true);
      return;
    } else notSubset(); // numeric keys
    if (this.isPunct(':')) {
      s.next();
      const value = this.assignment();
      if (name !== undefined) out.push({ name, value });
    } else if (this.isPunct('(') || this.isPunct('<')) {
      this.functionRest(false, false); // a method: not an entry
    } else if (shorthand && (this.isPunct(',') || this.isPunct('}'))) {
      out.push({ name: name!, value: { k: 'name', id: name!, a: pa, b: this.end() } });
    } else noMatch();
  }
}
