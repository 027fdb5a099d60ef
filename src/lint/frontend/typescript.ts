// TypeScript / JavaScript front end: parse one file with the TypeScript parser bundled in ts-morph
// (syntax only: no Program, no type checking, nothing executed) and lower it to the common syntax.
import { typescript, type TS } from './ts-api.js';
import { focusText } from './focus.js';
import { parseSubset } from './subset/parser.js';
import { lazyDef, lazyFunc, type Expr, type Kwarg, type Program, type Stmt, type Target } from '../syntax.js';

// Bound on first parse (see ts-api.ts); every function below runs only after that.
let ts: typeof TS;
let K: typeof TS.SyntaxKind;
let STRING_KINDS: Set<TS.SyntaxKind>;

function bind(): void {
  if (ts) return;
  ts = typescript();
  K = ts.SyntaxKind;
  STRING_KINDS = new Set([K.StringLiteral, K.NoSubstitutionTemplateLiteral, K.TemplateHead, K.TemplateMiddle, K.TemplateTail, K.JsxText, K.RegularExpressionLiteral]);
}

/** `SHAPEGRAD_PARSER=typescript`: every file by TypeScript's parser (to compare, or to rule the subset parser out). */
const SUBSET = process.env['SHAPEGRAD_PARSER'] !== 'typescript';

/**
 * `focus: false` parses every function body (the differential tests compare both ways). Most
 * files are read by the subset parser (subset/parser.ts) without loading TypeScript at all; the
 * rest, and every file with a suppression comment (they need TypeScript's trivia), by TypeScript.
 */
export function parseTypeScript(filePath: string, text: string, { focus = true } = {}): Program {
  const kind = fileKind(filePath);
  const focused = focus ? focusText(text, kind) : text;
  if (SUBSET && kind !== 'jsx' && !text.includes('shapegrad')) {
    const body = parseSubset(focused, kind === 'js');
    if (body) return { body, errors: [], commentStartsAt: () => false };
  }
  return parseWithTypeScript(filePath, text, focused);
}

function fileKind(filePath: string): 'ts' | 'js' | 'jsx' {
  return /\.(tsx|jsx)$/i.test(filePath) ? 'jsx' : /\.(m|c)?js$/i.test(filePath) ? 'js' : 'ts';
}

/** The TypeScript parser and the lowering of its tree; `focused` is `text` or its focused copy. */
export function parseWithTypeScript(filePath: string, text: string, focused = text): Program {
  bind();
  const kind = fileKind(filePath);
  const scriptKind = kind === 'jsx' ? ts.ScriptKind.TSX : kind === 'js' ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  let sf = parse(filePath, focused, scriptKind);
  // The focused text must parse exactly when the whole text does; if not, trust the whole text.
  if (focused !== text && syntaxErrors(sf).length > 0) sf = parse(filePath, text, scriptKind);
  const lower = new Lowering();
  const body = lower.stmts(sf.statements);
  const errors = syntaxErrors(sf).map((d) => ({
    a: d.start,
    b: d.start + Math.max(d.length, 0),
    message: ts.flattenDiagnosticMessageText(d.messageText, ' '),
  }));
  return { body, errors, commentStartsAt: (offset) => commentStartsAt(sf, text, offset) };
}

function parse(filePath: string, text: string, kind: TS.ScriptKind): TS.SourceFile {
  // JSDoc is never needed here; skipping it is a measurable share of parse time.
  return ts.createSourceFile(filePath, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, kind);
}

/** parseDiagnostics is not in the public typings, but it is how the parser reports syntax errors. */
function syntaxErrors(sf: TS.SourceFile): readonly TS.DiagnosticWithLocation[] {
  return (sf as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}


/**
 * Find the innermost node around `offset`, then scan its tokens: a comment trivia token must
 * start exactly there. Only asked for the rare lines that mention shapegrad.
 */
function commentStartsAt(sf: TS.SourceFile, text: string, offset: number): boolean {
  let node: TS.Node = sf;
  for (;;) {
    let inner: TS.Node | undefined;
    node.forEachChild((c) => {
      if (!inner && c.pos <= offset && offset < c.end) inner = c;
    });
    if (!inner) break;
    node = inner;
  }
  if (STRING_KINDS.has(node.kind)) return false;
  const variant = sf.languageVariant;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, variant, text, undefined, node.pos, node.end - node.pos);
  for (let k = scanner.scan(); k !== K.EndOfFileToken; k = scanner.scan()) {
    const start = scanner.getTokenStart();
    if (start > offset) return false;
    if (offset < scanner.getTokenEnd()) return (k === K.SingleLineCommentTrivia || k === K.MultiLineCommentTrivia) && start === offset;
  }
  return false;
}

class Lowering {
  /**
   * Offsets of a node. `pos` includes leading trivia (computing the exact start costs a rescan per
   * node); consumers skip it on demand with `skipTrivia` when they build a span.
   */
  private at(n: TS.Node) {
    return { a: n.pos, b: n.end };
  }

  stmts(list: readonly TS.Statement[]): Stmt[] {
    const out: Stmt[] = [];
    for (const s of list) this.stmt(s, out);
    return out;
  }

  private block(s: TS.Statement | undefined): Stmt[] {
    if (!s) return [];
    if (ts.isBlock(s)) return this.stmts(s.statements);
    const out: Stmt[] = [];
    this.stmt(s, out);
    return out;
  }

  private stmt(s: TS.Statement, out: Stmt[]): void {
    const at = this.at(s);
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (d.initializer) out.push({ k: 'assign', target: this.target(d.name), value: this.expr(d.initializer), ...this.at(d) });
      }
    } else if (ts.isExpressionStatement(s)) {
      const e = skipWrappers(s.expression);
      if (ts.isBinaryExpression(e) && e.operatorToken.kind === K.EqualsToken) {
        out.push({ k: 'assign', target: this.target(e.left), value: this.expr(e.right), ...at });
      } else if (ts.isBinaryExpression(e) && isCompoundAssignment(e.operatorToken.kind)) {
        const op = ts.tokenToString(e.operatorToken.kind)!.slice(0, -1);
        const value: Expr = { k: 'bin', op, left: this.expr(e.left), right: this.expr(e.right), ...this.at(e) };
        out.push({ k: 'assign', target: this.target(e.left), value, ...at });
      } else {
        out.push({ k: 'expr', e: this.expr(s.expression), ...at });
      }
    } else if (ts.isFunctionDeclaration(s)) {
      if (s.name) out.push(lazyDef(s.name.text, this.params(s.parameters), this.defaults(s.parameters), () => this.block(s.body), at));
    } else if (ts.isForOfStatement(s)) {
      const init = s.initializer;
      const target: Target = ts.isVariableDeclarationList(init) && init.declarations[0]
        ? this.target(init.declarations[0].name)
        : ts.isExpression(init) ? this.target(init) : { k: 'other', ...this.at(init) };
      out.push({ k: 'for', target, iter: this.expr(s.expression), body: this.block(s.statement), ...at });
    } else if (ts.isIfStatement(s)) {
      out.push({ k: 'maybe', body: this.block(s.thenStatement), ...at });
      if (s.elseStatement) out.push({ k: 'maybe', body: this.block(s.elseStatement), ...this.at(s.elseStatement) });
    } else if (ts.isForStatement(s) || ts.isForInStatement(s) || ts.isWhileStatement(s) || ts.isDoStatement(s) || ts.isLabeledStatement(s)) {
      out.push({ k: 'maybe', body: this.block(s.statement), ...at });
    } else if (ts.isBlock(s)) {
      out.push(...this.stmts(s.statements));
    } else if (ts.isTryStatement(s)) {
      out.push({ k: 'maybe', body: this.block(s.tryBlock), ...at });
      if (s.catchClause) out.push({ k: 'maybe', body: this.block(s.catchClause.block), ...this.at(s.catchClause) });
      if (s.finallyBlock) out.push(...this.block(s.finallyBlock));
    } else if (ts.isSwitchStatement(s)) {
      for (const c of s.caseBlock.clauses) out.push({ k: 'maybe', body: this.stmts(c.statements), ...this.at(c) });
    } else if (ts.isReturnStatement(s)) {
      out.push(s.expression ? { k: 'return', e: this.expr(s.expression), ...at } : { k: 'return', ...at });
    } else if (ts.isImportDeclaration(s)) {
      this.importDecl(s, out);
    } else if (ts.isExportAssignment(s)) {
      out.push({ k: 'assign', target: { k: 'name', id: 'default', ...at }, value: this.expr(s.expression), ...at });
    }
    // Classes, interfaces, types, enums, exports lists: nothing the model lint follows.
  }

  private importDecl(s: TS.ImportDeclaration, out: Stmt[]): void {
    const clause = s.importClause;
    if (!clause || !ts.isStringLiteral(s.moduleSpecifier)) return;
    const names: { local: string; imported: string }[] = [];
    if (clause.name) names.push({ local: clause.name.text, imported: 'default' });
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push({ local: bindings.name.text, imported: '*' });
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) names.push({ local: el.name.text, imported: (el.propertyName ?? el.name).text });
    }
    out.push({ k: 'import', from: s.moduleSpecifier.text, names, ...this.at(s) });
  }

  private defaults(ps: readonly TS.ParameterDeclaration[]): (Expr | undefined)[] {
    return ps.map((p) => (p.initializer ? this.expr(p.initializer) : undefined));
  }

  private params(ps: readonly TS.ParameterDeclaration[]): string[] {
    return ps.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ''));
  }

  private target(n: TS.Node): Target {
    const at = this.at(n);
    if (ts.isIdentifier(n)) return { k: 'name', id: n.text, ...at };
    if (ts.isArrayBindingPattern(n) || ts.isArrayLiteralExpression(n)) {
      const items = (n.elements as readonly TS.Node[]).map((el) =>
        ts.isBindingElement(el) ? this.target(el.name) : ts.isOmittedExpression(el) ? { k: 'other' as const, ...this.at(el) } : this.target(el));
      return { k: 'tuple', items, ...at };
    }
    if (ts.isObjectBindingPattern(n)) {
      const props = n.elements.map((el) => {
        const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : '';
        return { key, target: this.target(el.name) };
      });
      return { k: 'props', props, ...at };
    }
    return { k: 'other', ...at };
  }

  expr(node: TS.Expression): Expr {
    const n = skipWrappers(node);
    const at = this.at(n);
    if (ts.isNumericLiteral(n)) return { k: 'num', v: Number(n.text), ...at };
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return { k: 'str', v: n.text, ...at };
    if (n.kind === K.TrueKeyword || n.kind === K.FalseKeyword) return { k: 'bool', v: n.kind === K.TrueKeyword, ...at };
    if (n.kind === K.NullKeyword) return { k: 'none', ...at };
    if (ts.isIdentifier(n)) return n.text === 'undefined' ? { k: 'none', ...at } : { k: 'name', id: n.text, ...at };
    if (ts.isPropertyAccessExpression(n)) return { k: 'member', obj: this.expr(n.expression), prop: n.name.text, ...at };
    if (ts.isElementAccessExpression(n)) {
      const arg = skipWrappers(n.argumentExpression);
      if (ts.isStringLiteral(arg)) return { k: 'member', obj: this.expr(n.expression), prop: arg.text, ...at };
      return { k: 'index', obj: this.expr(n.expression), index: this.expr(n.argumentExpression), ...at };
    }
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      return { k: 'call', callee: this.expr(n.expression), args: (n.arguments ?? []).map((x) => this.expr(x)), kwargs: [], ...at };
    }
    if (ts.isArrayLiteralExpression(n)) return { k: 'list', items: n.elements.map((x) => this.expr(x)), ...at };
    if (ts.isObjectLiteralExpression(n)) return { k: 'dict', entries: this.entries(n), ...at };
    if (ts.isBinaryExpression(n)) {
      const op = ts.tokenToString(n.operatorToken.kind) ?? '?';
      return { k: 'bin', op, left: this.expr(n.left), right: this.expr(n.right), ...at };
    }
    if (ts.isPrefixUnaryExpression(n)) {
      return { k: 'unary', op: ts.tokenToString(n.operator) ?? '?', arg: this.expr(n.operand), ...at };
    }
    if (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) {
      const fnBody = n.body;
      const lower = (): Stmt[] => (ts.isBlock(fnBody) ? this.stmts(fnBody.statements) : [{ k: 'return', e: this.expr(fnBody), ...this.at(fnBody) }]);
      return lazyFunc(this.params(n.parameters), this.defaults(n.parameters), lower, at);
    }
    if (ts.isSpreadElement(n)) return { k: 'spread', arg: this.expr(n.expression), ...at };
    if (ts.isConditionalExpression(n)) return { k: 'other', parts: [this.expr(n.condition), this.expr(n.whenTrue), this.expr(n.whenFalse)], ...at };
    if (ts.isTemplateExpression(n)) return { k: 'other', parts: n.templateSpans.map((s) => this.expr(s.expression)), ...at };
    // Anything else (void, typeof, template tags, …): keep the calls inside it.
    const parts: Expr[] = [];
    n.forEachChild((c) => {
      if (ts.isExpression(c)) parts.push(this.expr(c));
    });
    return { k: 'other', parts, ...at };
  }

  private entries(n: TS.ObjectLiteralExpression): Kwarg[] {
    const out: Kwarg[] = [];
    for (const p of n.properties) {
      if (ts.isPropertyAssignment(p)) {
        const name = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name) ? p.name.text : undefined;
        if (name !== undefined) out.push({ name, value: this.expr(p.initializer) });
      } else if (ts.isShorthandPropertyAssignment(p)) {
        out.push({ name: p.name.text, value: { k: 'name', id: p.name.text, ...this.at(p.name) } });
      }
    }
    return out;
  }
}

/** Parentheses, `await`, `as`, `!`, `<T>x`, `satisfies` do not change shapes. */
function skipWrappers(n: TS.Expression): TS.Expression {
  for (;;) {
    if (ts.isParenthesizedExpression(n) || ts.isAwaitExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) ||
      ts.isTypeAssertionExpression(n) || ts.isSatisfiesExpression(n)) n = n.expression;
    else return n;
  }
}

function isCompoundAssignment(kind: TS.SyntaxKind): boolean {
  return kind === K.PlusEqualsToken || kind === K.MinusEqualsToken || kind === K.AsteriskEqualsToken || kind === K.SlashEqualsToken;
}
