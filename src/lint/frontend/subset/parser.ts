// The subset parser: TypeScript and JavaScript as model code is usually written, read straight
// into the common syntax (../../syntax.ts), giving exactly what lowering TypeScript's own syntax
// tree gives (../typescript.ts), with the same offsets. It exists for speed: the TypeScript
// parser is large, and a fresh process runs it cold, at a third of its warm speed, for the first
// hundred files or so; this one is small and warms up at once, and most runs never load
// TypeScript at all.
//
// It never guesses. Whatever it does not read exactly as TypeScript would (decorators, `#private`
// names, unusual regular expressions, enums, `declare`, JSX, type syntax beyond the common, any
// syntax error) makes it give up, and the file goes to the TypeScript parser as before. So it
// must never accept what TypeScript rejects, and never read anything differently: the tests
// compare both on every example, every generated fuzz file, and mutated copies of them.
//
// Statements and modules here; expressions, bindings and parameters in expressions.ts; types in
// types.ts; tokens in scanner.ts.
import type { Expr, Stmt, Target } from '../../syntax.js';
import { ExpressionReader } from './expressions.js';
import { NOT_SUBSET, notSubset, RESERVED, Scanner, T, type TokenKind } from './scanner.js';
import { NO_MATCH, noMatch } from './types.js';

/** Compound assignments the lowering turns into `x = x op y`. */
const COMPOUND = new Set(['+=', '-=', '*=', '/=']);

/** Statement words that begin declarations outside the subset when a name follows on the same line. */
const UNSUPPORTED_DECLARATIONS = new Set(['declare', 'abstract', 'namespace', 'module', 'global', 'using', 'accessor']);

/** Words that modify a class member (when a member name follows them on the same line). */
const MEMBER_MODIFIERS = new Set(['public', 'private', 'protected', 'static', 'readonly', 'abstract', 'override', 'declare', 'async', 'accessor']);

/**
 * The file's statements in the common syntax, or undefined when the text is outside the subset
 * (or has a syntax error): then TypeScript must parse it. `js`: a JavaScript file, where any
 * TypeScript-only syntax is left to TypeScript.
 */
export function parseSubset(text: string, js: boolean): Stmt[] | undefined {
  return read(text, js).body;
}

/** Where the subset parser gives up on `text` (the offset of the token it stopped at), or undefined if it does not: for tests. */
export function subsetStop(text: string, js: boolean): number | undefined {
  return read(text, js).stop;
}

function read(text: string, js: boolean): { body?: Stmt[]; stop?: number } {
  let scanner: Scanner | undefined;
  try {
    scanner = new Scanner(text);
    return { body: new SubsetParser(scanner, text, js).program() };
  } catch (e) {
    // Deep nesting overflows the stack here as it would in TypeScript's parser, which then reports it.
    if (e === NOT_SUBSET || e === NO_MATCH || e instanceof RangeError) return { stop: scanner?.start ?? 0 };
    throw e;
  }
}

class SubsetParser extends ExpressionReader {
  program(): Stmt[] {
    this.s.next();
    const out: Stmt[] = [];
    while (this.s.kind !== T.EOF) this.statement(out);
    // In a script TypeScript reads a top-level `await (x)` as a call.
    if (this.topLevelAwait && !this.module) notSubset();
    return out;
  }


  private statement(out: Stmt[]): void {
    const s = this.s;
    const a = s.fullStart;
    if (s.kind === T.Punct) {
      if (s.value === ';') {
        s.next();
        return;
      }
      if (s.value === '{') {
        this.block(out);
        return;
      }
    } else if (s.kind === T.Name) {
      switch (s.value) {
        case 'var':
        case 'const':
          this.variableStatement(out);
          return;
        case 'let': {
          const p = this.peek();
          if (p.kind === T.Name || (p.kind === T.Punct && (p.value === '[' || p.value === '{'))) this.variableStatement(out);
          else notSubset();
          return;
        }
        case 'function':
          this.functionDeclaration(out, a, false);
          return;
        case 'async':
          if (this.nextIsNameOnSameLine() && this.peek().value === 'function') {
            this.functionDeclaration(out, a, false);
            return;
          }
          break;
        case 'if':
          this.ifStatement(out, a);
          return;
        case 'for':
          this.forStatement(out, a);
          return;
        case 'while': {
          s.next();
          this.condition();
          const body: Stmt[] = [];
          this.statement(body);
          out.push({ k: 'maybe', body, a, b: this.end() });
          return;
        }
        case 'do': {
          s.next();
          const body: Stmt[] = [];
          this.statement(body);
          if (!this.isWord('while')) noMatch();
          s.next();
          this.condition();
          if (this.isPunct(';')) s.next();
          out.push({ k: 'maybe', body, a, b: this.end() });
          return;
        }
        case 'try':
          this.tryStatement(out, a);
          return;
        case 'switch':
          this.switchStatement(out);
          return;
        case 'return': {
          if (!this.inFunction) notSubset();
          s.next();
          const e = this.canEndStatement() ? undefined : this.expression();
          this.semicolon();
          out.push(e ? { k: 'return', e, a, b: this.end() } : { k: 'return', a, b: this.end() });
          return;
        }
        case 'throw':
          s.next();
          if (s.nl) noMatch();
          this.expression();
          this.semicolon();
          return;
        case 'break':
        case 'continue':
          s.next();
          if (s.kind === T.Name && !s.nl) this.identifier();
          this.semicolon();
          return;
        case 'debugger':
          s.next();
          this.semicolon();
          return;
        case 'import':
          this.importDeclaration(out, a);
          return;
        case 'export':
          this.exportDeclaration(out, a);
          return;
        case 'type':
        case 'interface':
          if (this.nextIsNameOnSameLine()) {
            this.typeDeclaration();
            return;
          }
          break;
        case 'class':
          this.classDeclaration(false);
          return;
        case 'abstract':
          if (this.nextIsNameOnSameLine() && this.peek().value === 'class') {
            this.classDeclaration(false);
            return;
          }
          break;
        case 'enum':
        case 'with':
          notSubset();
          break;
        default:
          if (UNSUPPORTED_DECLARATIONS.has(s.value) && this.nextIsNameOnSameLine(true)) notSubset();
          if (!RESERVED.has(s.value)) {
            const p = this.peek();
            if (p.kind === T.Punct && p.value === ':') {
              // A labelled statement.
              s.next();
              s.next();
              const body: Stmt[] = [];
              this.statement(body);
              out.push({ k: 'maybe', body, a, b: this.end() });
              return;
            }
          }
      }
    }
    this.expressionStatement(out, a);
  }

  /** `{ … }`: its statements go where the block is (the lowering flattens blocks). */
  protected block(out: Stmt[]): void {
    this.expect('{');
    while (!this.isPunct('}')) {
      if (this.s.kind === T.EOF) noMatch();
      this.statement(out);
    }
    this.s.next();
  }

  /** `( expression )` after `if`, `while`, `switch`. */
  private condition(): void {
    this.expect('(');
    this.allowIn(() => this.expression());
    this.expect(')');
  }

  private expressionStatement(out: Stmt[], a: number): void {
    const e = this.expression();
    this.semicolon();
    const b = this.end();
    if (e.k === 'bin' && e.op === '=') out.push({ k: 'assign', target: this.target(e.left), value: e.right, a, b });
    else if (e.k === 'bin' && COMPOUND.has(e.op)) {
      const value: Expr = { k: 'bin', op: e.op.slice(0, -1), left: e.left, right: e.right, a: e.a, b: e.b };
      out.push({ k: 'assign', target: this.target(e.left), value, a, b });
    } else out.push({ k: 'expr', e, a, b });
  }

  private variableStatement(out: Stmt[]): void {
    this.s.next();
    for (const d of this.declarations()) if (d.value) out.push({ k: 'assign', target: d.target, value: d.value, a: d.a, b: d.b });
    this.semicolon();
  }

  /** `a = 1, [b, c] = f()` after `const`/`let`/`var`. */
  private declarations(inFor = false): { target: Target; value?: Expr; a: number; b: number }[] {
    const list: { target: Target; value?: Expr; a: number; b: number }[] = [];
    for (;;) {
      const a = this.s.fullStart;
      const target = this.binding();
      if (this.isPunct('!') && target.k === 'name' && !this.s.nl && !inFor) {
        this.tsOnly(); // `let x!: T`
        this.s.next();
      }
      this.annotation();
      let value: Expr | undefined;
      if (this.isPunct('=')) {
        this.s.next();
        value = this.assignment();
      }
      list.push({ target, value, a, b: this.end() });
      if (!this.isPunct(',')) return list;
      this.s.next();
    }
  }



  private functionDeclaration(out: Stmt[], a: number, isDefault: boolean): void {
    const s = this.s;
    const async = this.isWord('async');
    if (async) s.next();
    this.expect('function');
    const generator = this.isPunct('*');
    if (generator) s.next();
    const name = s.kind === T.Name ? this.identifier() : isDefault ? undefined : noMatch();
    const { params, defaults, body } = this.functionRest(async, true, generator);
    if (name !== undefined) out.push({ k: 'def', name, params, defaults, body, a, b: this.end() });
  }




  private ifStatement(out: Stmt[], a: number): void {
    const s = this.s;
    s.next();
    this.condition();
    const then: Stmt[] = [];
    this.statement(then);
    let otherwise: Stmt[] | undefined;
    let elseAt = 0;
    if (this.isWord('else')) {
      s.next();
      elseAt = s.fullStart;
      otherwise = [];
      this.statement(otherwise);
    }
    const b = this.end();
    out.push({ k: 'maybe', body: then, a, b });
    if (otherwise) out.push({ k: 'maybe', body: otherwise, a: elseAt, b });
  }

  private forStatement(out: Stmt[], a: number): void {
    const s = this.s;
    s.next();
    const isAwait = this.isWord('await');
    if (isAwait) {
      this.awaitAllowed();
      s.next();
    }
    this.expect('(');
    // The head: declarations or an expression, read where `in` ends it.
    let target: Target | undefined; // set when the head can be a for-of's
    if (this.isPunct(';')) {
      // no initializer
    } else if (this.isWord('var') || this.isWord('const') || this.isWord('let')) {
      s.next();
      const decls = this.within({ noIn: true }, () => this.declarations(true));
      if (this.isWord('of') || this.isWord('in')) {
        // `for (const x = 1 of …)` and `for (const a, b of …)` are errors TypeScript reports.
        if (decls.length !== 1 || decls[0]!.value) notSubset();
        target = decls[0]!.target;
      }
    } else {
      const init = this.within({ noIn: true }, () => this.expression());
      target = this.target(init);
    }
    const body: Stmt[] = [];
    if (this.isWord('of')) {
      if (!target) noMatch();
      s.next();
      const iter = this.allowIn(() => this.assignment());
      this.expect(')');
      this.statement(body);
      out.push({ k: 'for', target, iter, body, a, b: this.end() });
      return;
    }
    if (isAwait) noMatch();
    if (this.isWord('in')) {
      if (!target) noMatch();
      s.next();
      this.allowIn(() => this.expression());
    } else {
      this.expect(';');
      if (!this.isPunct(';')) this.allowIn(() => this.expression());
      this.expect(';');
      if (!this.isPunct(')')) this.allowIn(() => this.expression());
    }
    this.expect(')');
    this.statement(body);
    out.push({ k: 'maybe', body, a, b: this.end() });
  }

  private tryStatement(out: Stmt[], a: number): void {
    const s = this.s;
    s.next();
    const body: Stmt[] = [];
    this.block(body);
    let handler: Stmt | undefined;
    if (this.isWord('catch')) {
      const ca = s.fullStart;
      s.next();
      if (this.isPunct('(')) {
        s.next();
        this.binding();
        this.annotation();
        this.expect(')');
      }
      const inner: Stmt[] = [];
      this.block(inner);
      handler = { k: 'maybe', body: inner, a: ca, b: this.end() };
    }
    let finalizer: Stmt[] | undefined;
    if (this.isWord('finally')) {
      s.next();
      finalizer = [];
      this.block(finalizer);
    }
    if (!handler && !finalizer) noMatch();
    out.push({ k: 'maybe', body, a, b: this.end() });
    if (handler) out.push(handler);
    if (finalizer) out.push(...finalizer);
  }

  private switchStatement(out: Stmt[]): void {
    const s = this.s;
    s.next();
    this.condition();
    this.expect('{');
    let defaults = 0;
    while (!this.isPunct('}')) {
      const a = s.fullStart;
      if (this.isWord('case')) {
        s.next();
        this.allowIn(() => this.expression());
      } else if (this.isWord('default')) {
        if (++defaults > 1) notSubset();
        s.next();
      } else noMatch();
      this.expect(':');
      const body: Stmt[] = [];
      while (!this.isPunct('}') && !this.isWord('case') && !this.isWord('default')) {
        if (s.kind === T.EOF) noMatch();
        this.statement(body);
      }
      out.push({ k: 'maybe', body, a, b: this.end() });
    }
    s.next();
  }

  private importDeclaration(out: Stmt[], a: number): void {
    const s = this.s;
    s.next();
    if (this.isPunct('(') || this.isPunct('.')) notSubset(); // import(…), import.meta
    this.module = true;
    if (s.kind === T.Str) {
      s.next();
      this.moduleEnd();
      return;
    }
    if (this.isWord('type')) {
      const p = this.peek();
      if ((p.kind === T.Name && p.value !== 'from') || (p.kind === T.Punct && (p.value === '{' || p.value === '*'))) {
        this.tsOnly();
        s.next();
      } else if (p.kind === T.Name) notSubset(); // `import type from …`
    }
    const names: { local: string; imported: string }[] = [];
    let any = false;
    let more = true; // after a default import, `*` or `{` only after a comma
    if (s.kind === T.Name && (!this.isWord('from') || this.peek().value === 'from')) {
      names.push({ local: this.identifier(), imported: 'default' }); // also `import from from 'x'`
      any = true;
      more = this.isPunct(',');
      if (more) {
        s.next();
        if (!this.isPunct('*') && !this.isPunct('{')) noMatch();
      }
    }
    if (!more) {
      // `import x from 'm'`
    } else if (this.isPunct('*')) {
      s.next();
      if (!this.isWord('as')) noMatch();
      s.next();
      names.push({ local: this.identifier(), imported: '*' });
      any = true;
    } else if (this.isPunct('{')) {
      s.next();
      while (!this.isPunct('}')) {
        if (this.isWord('type')) {
          const p = this.peek();
          if (p.kind === T.Name) {
            if (p.value === 'as') notSubset();
            this.tsOnly();
            s.next();
          }
        }
        if (s.kind !== T.Name) notSubset(); // string names
        const imported = s.value;
        s.next();
        let local = imported;
        if (this.isWord('as')) {
          s.next();
          local = this.identifier();
        } else if (RESERVED.has(imported)) noMatch();
        names.push({ local, imported });
        if (!this.isPunct(',')) break;
        s.next();
      }
      this.expect('}');
      any = true;
    }
    if (!any) noMatch();
    if (!this.isWord('from')) noMatch();
    s.next();
    if ((s.kind as TokenKind) !== T.Str) noMatch();
    const from = s.value;
    s.next();
    this.moduleEnd();
    out.push({ k: 'import', from, names, a, b: this.end() });
  }

  /** After a module specifier: import attributes are outside the subset; then `;`. */
  private moduleEnd(): void {
    if ((this.isWord('with') || this.isWord('assert')) && !this.s.nl) notSubset();
    this.semicolon();
  }

  private exportDeclaration(out: Stmt[], a: number): void {
    const s = this.s;
    s.next();
    this.module = true;
    if (this.isWord('default') || this.isPunct('=')) {
      if (this.isPunct('=')) this.tsOnly();
      const isDefault = this.isWord('default');
      s.next();
      if (isDefault && (this.isWord('function') || (this.isWord('async') && this.nextIsNameOnSameLine() && this.peek().value === 'function'))) {
        this.functionDeclaration(out, a, true);
        return;
      }
      if (isDefault && (this.isWord('class') || (this.isWord('abstract') && this.peek().value === 'class'))) {
        this.classDeclaration(true);
        return;
      }
      if (isDefault && (this.isWord('abstract') || this.isWord('interface') || this.isWord('enum'))) notSubset();
      const value = this.assignment();
      this.semicolon();
      const b = this.end();
      out.push({ k: 'assign', target: { k: 'name', id: 'default', a, b }, value, a, b });
      return;
    }
    if (this.isPunct('*')) {
      s.next();
      if (this.isWord('as')) {
        s.next();
        if (s.kind !== T.Name) notSubset();
        s.next();
      }
      this.moduleFrom(true);
      return;
    }
    if (this.isWord('type') && this.peek().value === '{') {
      this.tsOnly();
      s.next();
    }
    if (this.isPunct('{')) {
      s.next();
      let reserved = false;
      while (!this.isPunct('}')) {
        if (s.kind !== T.Name) notSubset();
        if (this.isWord('type') && this.peek().kind === T.Name && this.peek().value !== 'as') {
          this.tsOnly();
          s.next();
        }
        reserved ||= RESERVED.has(s.value);
        s.next();
        if (this.isWord('as')) {
          s.next();
          if (s.kind !== T.Name) notSubset();
          s.next();
        }
        if (!this.isPunct(',')) break;
        s.next();
      }
      this.expect('}');
      // `export { default }` only re-exports.
      if (!this.moduleFrom(false) && reserved) noMatch();
      return;
    }
    if (this.isWord('const') || this.isWord('var') || this.isWord('let')) {
      this.variableStatement(out);
      return;
    }
    if (this.isWord('function') || (this.isWord('async') && this.nextIsNameOnSameLine() && this.peek().value === 'function')) {
      this.functionDeclaration(out, a, false);
      return;
    }
    if ((this.isWord('interface') || this.isWord('type')) && this.nextIsNameOnSameLine()) {
      this.typeDeclaration();
      return;
    }
    if (this.isWord('class') || (this.isWord('abstract') && this.nextIsNameOnSameLine() && this.peek().value === 'class')) {
      this.classDeclaration(false);
      return;
    }
    notSubset(); // classes, enums, namespaces, `declare`, `import x = …`, `as namespace`
  }

  /** `from 'm'` and the end of an export; whether there was a `from`. */
  private moduleFrom(required: boolean): boolean {
    const has = this.isWord('from');
    if (has) {
      this.s.next();
      if (this.s.kind !== T.Str) noMatch();
      this.s.next();
    } else if (required) noMatch();
    this.moduleEnd();
    return has;
  }

  /**
   * `class A<T> extends B<T> implements C { … }`: read (so that the file is known to be free of
   * syntax errors) and dropped, as the lowering drops classes. Decorators, `#private` names, index
   * signatures and static blocks are not in the subset.
   */
  private classDeclaration(isDefault: boolean): void {
    const s = this.s;
    if (this.isWord('abstract')) {
      this.tsOnly();
      s.next();
    }
    this.expect('class');
    if (s.kind === T.Name && !this.isWord('extends') && !this.isWord('implements')) this.identifier();
    else if (!isDefault) noMatch();
    if (this.isPunct('<')) {
      this.tsOnly();
      this.typeParameters();
    }
    if (this.isWord('extends')) {
      s.next();
      this.heritage();
    }
    if (this.isWord('implements')) {
      this.tsOnly();
      do {
        s.next();
        this.heritage();
      } while (this.isPunct(','));
    }
    this.expect('{');
    while (!this.isPunct('}')) {
      if (s.kind === T.EOF) noMatch();
      this.classMember();
    }
    s.next();
  }

  /** `Base`, `tf.layers.Layer`, `Base<T>` after `extends`/`implements` (a call, as in mixins, is not ours). */
  private heritage(): void {
    if (this.s.kind !== T.Name || RESERVED.has(this.s.value)) notSubset();
    this.entityName();
    if (this.isPunct('<')) {
      this.tsOnly();
      this.typeArguments();
    }
    if (this.isPunct('(') || this.isPunct('.')) notSubset();
  }

  private classMember(): void {
    const s = this.s;
    if (this.isPunct(';')) {
      s.next();
      return;
    }
    let async = false;
    while (s.kind === T.Name && MEMBER_MODIFIERS.has(s.value)) {
      // A modifier when the member's name follows on the same line; else the member's own name (`static() {}`, `readonly = 1`).
      const p = this.peek();
      const nameFollows = p.kind === T.Name || p.kind === T.Str || p.kind === T.Num || (p.kind === T.Punct && ['[', '{', '*', '#'].includes(p.value));
      if (!nameFollows) break;
      if (p.nl || s.value === 'accessor' || (s.value === 'static' && p.value === '{')) notSubset(); // static blocks, auto-accessors
      if (s.value === 'async') async = true;
      else if (s.value !== 'static') this.tsOnly();
      s.next();
    }
    if (this.isPunct('@')) notSubset();
    if (this.isPunct('*')) {
      s.next(); // a generator method
      this.memberName();
      if (!this.isPunct('(') && !this.isPunct('<')) noMatch();
      this.functionRest(async, true, true);
      return;
    }
    if ((this.isWord('get') || this.isWord('set')) && !async) {
      const p = this.peek();
      if (!p.nl && (p.kind === T.Name || p.kind === T.Str || (p.kind === T.Punct && p.value === '['))) {
        s.next(); // an accessor: a method by another name
        this.memberName();
        this.functionRest(false, true);
        return;
      }
    }
    const constructor = this.isWord('constructor');
    this.memberName();
    if (constructor && !this.isPunct('(')) notSubset(); // `constructor?(…)`, `constructor<T>(…)`, a field so named
    if (this.isPunct('?') || this.isPunct('!')) {
      this.tsOnly();
      const definite = this.isPunct('!'); // `x!: T` is a field, never a method
      s.next();
      if (definite && (this.isPunct('(') || this.isPunct('<'))) noMatch();
    }
    if (constructor) {
      this.parameters(true);
      if (this.isPunct(':')) notSubset();
      if (this.isPunct('{')) this.functionBody(false);
      else {
        this.tsOnly();
        this.semicolon();
      }
    } else if (this.isPunct('(') || this.isPunct('<')) {
      this.functionRest(async, true);
    } else {
      if (async) noMatch();
      this.annotation();
      if (this.isPunct('=')) {
        s.next();
        this.within({ async: false, inFunction: true, noIn: false }, () => this.assignment());
      }
      this.semicolon();
    }
  }

  /** A class member's name: a word, a string, or `[computed]` (an index signature is not ours). */
  private memberName(): void {
    const s = this.s;
    if (s.kind === T.Name || s.kind === T.Str) s.next();
    else if (this.isPunct('[')) {
      s.next();
      if ((s.kind as TokenKind) === T.Name && this.peek().value === ':') notSubset();
      this.allowIn(() => this.assignment());
      this.expect(']');
    } else notSubset();
  }

  /** `interface I<T> extends A<T>, B { … }` or `type A<T> = …;`: read and dropped. */
  private typeDeclaration(): void {
    this.tsOnly();
    const s = this.s;
    const keyword = s.value;
    s.next();
    if (this.isWord('as') || this.isWord('from')) notSubset(); // `export type as …` reads otherwise
    this.identifier();
    if (this.isPunct('<')) this.typeParameters();
    if (keyword === 'type') {
      this.expect('=');
      this.type();
      this.semicolon();
      return;
    }
    if (this.isWord('extends')) {
      do {
        s.next();
        this.entityName();
        if (this.isPunct('<')) this.typeArguments();
      } while (this.isPunct(','));
    }
    this.objectType();
  }

}
