// Python front end: parse with @lezer/python (an error-tolerant parser: syntax errors show up as
// error nodes, which we collect) and lower Keras-style code to the common syntax.
import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import { lazyDef, type Expr, type Kwarg, type Program, type Stmt, type Target } from '../syntax.js';

export function parsePython(text: string): Program {
  const tree = parser.parse(text);
  const errors: Program['errors'] = [];
  tree.iterate({
    enter(n) {
      if (n.type.isError && errors.length < 20) errors.push({ a: n.from, b: Math.max(n.to, n.from), message: describeError(text, n.from) });
    },
  });
  const lower = new Lowering(text);
  const commentStartsAt = (offset: number) => {
    const node = tree.resolveInner(offset, 1);
    return node.name === 'Comment' && node.from === offset;
  };
  return { body: lower.block(tree.topNode), errors, commentStartsAt };
}

function describeError(text: string, at: number): string {
  const near = text.slice(at, at + 20).split('\n')[0]!.trim();
  return near ? `invalid syntax near '${near}'` : 'invalid syntax (unexpected end of line or indentation)';
}

function children(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Punctuation and keywords that carry no meaning once the structure is known. */
const PUNCT = new Set(['(', ')', '[', ']', '{', '}', ',', ':', '.', 'Comment']);

class Lowering {
  constructor(private readonly text: string) {}

  private src(n: SyntaxNode): string {
    return this.text.slice(n.from, n.to);
  }

  block(n: SyntaxNode): Stmt[] {
    const out: Stmt[] = [];
    for (const c of children(n)) this.stmt(c, out);
    return out;
  }

  private bodyOf(n: SyntaxNode): Stmt[] {
    const body = children(n).find((c) => c.name === 'Body');
    return body ? this.block(body) : [];
  }

  private stmt(n: SyntaxNode, out: Stmt[]): void {
    const at = { a: n.from, b: n.to };
    const kids = children(n);
    switch (n.name) {
      case 'ExpressionStatement':
        if (kids[0]) out.push({ k: 'expr', e: this.expr(kids[0]), ...at });
        return;
      case 'AssignStatement': {
        // a = b = value, or a, b = 1, 2: groups separated by `=`; the last group is the value.
        const groups: SyntaxNode[][] = [[]];
        for (const c of kids) {
          if (c.name === 'AssignOp') groups.push([]);
          else if (c.name !== 'TypeDef' && !PUNCT.has(c.name)) groups[groups.length - 1]!.push(c);
        }
        if (groups.length < 2) return;
        const valueNodes = groups.pop()!;
        const value: Expr = valueNodes.length === 1 ? this.expr(valueNodes[0]!) : { k: 'list', items: valueNodes.map((v) => this.expr(v)), ...at };
        for (const g of groups) out.push({ k: 'assign', target: this.targetOf(g, at), value, ...at });
        return;
      }
      case 'UpdateStatement': {
        const [t, op, v] = kids;
        if (!t || !op || !v) return;
        const value: Expr = { k: 'bin', op: this.src(op).slice(0, -1), left: this.expr(t), right: this.expr(v), ...at };
        out.push({ k: 'assign', target: this.targetOf([t], at), value, ...at });
        return;
      }
      case 'ForStatement': {
        const inAt = kids.findIndex((c) => c.name === 'in');
        const targetNodes = kids.slice(1, inAt).filter((c) => !PUNCT.has(c.name));
        const iter = kids[inAt + 1];
        if (inAt < 0 || !iter) return;
        out.push({ k: 'for', target: this.targetOf(targetNodes, at), iter: this.expr(iter), body: this.bodyOf(n), ...at });
        return;
      }
      case 'WithStatement': {
        const items: { e: Expr; as?: Target }[] = [];
        for (let i = 1; i < kids.length; i++) {
          const c = kids[i]!;
          if (c.name === 'Body' || PUNCT.has(c.name) || c.name === 'as') continue;
          if (kids[i - 1]?.name === 'as') items[items.length - 1]!.as = this.targetOf([c], at);
          else items.push({ e: this.expr(c) });
        }
        out.push({ k: 'with', items, body: this.bodyOf(n), ...at });
        return;
      }
      case 'FunctionDefinition': {
        const name = kids.find((c) => c.name === 'VariableName');
        const paramList = kids.find((c) => c.name === 'ParamList');
        const params: string[] = [];
        const defaults: (Expr | undefined)[] = [];
        if (paramList) {
          const ps = children(paramList);
          ps.forEach((p, i) => {
            if (p.name !== 'VariableName' || ps[i - 1]?.name === 'AssignOp' || ps[i - 1]?.name === ':') return;
            if (this.src(p) === 'self') return;
            // `*args` / `**kwargs` take no positional slot we can follow.
            if (ps[i - 1] && /^\*{1,2}$/.test(this.src(ps[i - 1]!))) return;
            params.push(this.src(p));
            let j = i + 1;
            if (ps[j]?.name === 'TypeDef') j++;
            defaults.push(ps[j]?.name === 'AssignOp' && ps[j + 1] ? this.expr(ps[j + 1]!) : undefined);
          });
        }
        if (name) out.push(lazyDef(this.src(name), params, defaults, () => this.bodyOf(n), at));
        return;
      }
      case 'DecoratedStatement':
        for (const c of kids) if (c.name !== 'Decorator') this.stmt(c, out);
        return;
      case 'ReturnStatement': {
        const v = kids.filter((c) => c.name !== 'return' && !PUNCT.has(c.name));
        if (v.length === 0) out.push({ k: 'return', ...at });
        else out.push({ k: 'return', e: v.length === 1 ? this.expr(v[0]!) : { k: 'list', items: v.map((x) => this.expr(x)), ...at }, ...at });
        return;
      }
      case 'ImportStatement':
        this.importStmt(n, kids, out);
        return;
      case 'IfStatement':
        // `if __name__ == "__main__":` is the script's main code: it runs.
        if (kids[1] && /^__name__\s*==\s*['"]__main__['"]$/.test(this.src(kids[1])) && kids[2]?.name === 'Body' && !kids.some((c) => c.name === 'else' || c.name === 'elif')) {
          out.push(...this.block(kids[2]));
          return;
        }
        for (const c of kids) if (c.name === 'Body') out.push({ k: 'maybe', body: this.block(c), a: c.from, b: c.to });
        return;
      case 'WhileStatement':
      case 'TryStatement':
      case 'MatchStatement':
        for (const c of kids) if (c.name === 'Body') out.push({ k: 'maybe', body: this.block(c), a: c.from, b: c.to });
        return;
      default:
        // Classes (subclassed models), pass, del, global, …: not followed.
        return;
    }
  }

  private importStmt(n: SyntaxNode, kids: SyntaxNode[], out: Stmt[]): void {
    const at = { a: n.from, b: n.to };
    const isFrom = kids[0]?.name === 'from';
    const importAt = kids.findIndex((c) => c.name === 'import');
    if (isFrom) {
      const from = kids.slice(1, importAt).map((c) => this.src(c)).join('');
      const names: { local: string; imported: string }[] = [];
      const rest = kids.slice(importAt + 1).filter((c) => !PUNCT.has(c.name));
      for (let i = 0; i < rest.length; i++) {
        const c = rest[i]!;
        if (c.name === 'as') continue;
        if (rest[i - 1]?.name === 'as') names[names.length - 1]!.local = this.src(c);
        else names.push({ local: this.src(c), imported: this.src(c) });
      }
      out.push({ k: 'import', from, names, ...at });
      return;
    }
    // import a.b.c [as d], e
    let dotted: string[] = [];
    const flush = (local?: string) => {
      if (dotted.length === 0) return;
      const path = dotted.join('.');
      out.push({ k: 'import', from: path, names: [{ local: local ?? dotted[0]!, imported: local ? '*' : '*root' }], ...at });
      dotted = [];
    };
    for (let i = 1; i < kids.length; i++) {
      const c = kids[i]!;
      if (c.name === 'VariableName' && kids[i - 1]?.name === 'as') flush(this.src(c));
      else if (c.name === 'VariableName') {
        if (kids[i - 1]?.name !== '.' && dotted.length > 0) flush();
        dotted.push(this.src(c));
      }
    }
    flush();
  }

  private targetOf(nodes: SyntaxNode[], at: { a: number; b: number }): Target {
    if (nodes.length === 1) return this.target(nodes[0]!);
    return { k: 'tuple', items: nodes.map((x) => this.target(x)), ...at };
  }

  private target(n: SyntaxNode): Target {
    const at = { a: n.from, b: n.to };
    if (n.name === 'VariableName') return { k: 'name', id: this.src(n), ...at };
    if (n.name === 'TupleExpression' || n.name === 'ArrayExpression' || n.name === 'ParenthesizedExpression') {
      return { k: 'tuple', items: children(n).filter((c) => !PUNCT.has(c.name)).map((c) => this.target(c)), ...at };
    }
    return { k: 'other', ...at };
  }

  expr(n: SyntaxNode): Expr {
    const at = { a: n.from, b: n.to };
    const kids = children(n);
    const inner = kids.filter((c) => !PUNCT.has(c.name));
    switch (n.name) {
      case 'Number': {
        const v = Number(this.src(n).replace(/_/g, ''));
        return Number.isFinite(v) ? { k: 'num', v, ...at } : { k: 'other', parts: [], ...at };
      }
      case 'String': {
        const m = /^[rRuU]?(['"]{3}|['"])([\s\S]*)\1$/.exec(this.src(n));
        return m ? { k: 'str', v: m[2]!, ...at } : { k: 'other', parts: [], ...at };
      }
      case 'Boolean':
        return { k: 'bool', v: this.src(n) === 'True', ...at };
      case 'None':
        return { k: 'none', ...at };
      case 'VariableName':
        return { k: 'name', id: this.src(n), ...at };
      case 'ParenthesizedExpression':
        // `(100)` is the int 100, not a tuple — the seed's `input_shape=(100)`.
        return inner.length === 1 ? this.expr(inner[0]!) : { k: 'other', parts: inner.map((c) => this.expr(c)), ...at };
      case 'TupleExpression':
      case 'ArrayExpression': {
        const items: Expr[] = [];
        for (let i = 0; i < inner.length; i++) {
          const c = inner[i]!;
          const star = this.src(c) === '*' && inner[i + 1];
          if (star) items.push({ k: 'spread', arg: this.expr(inner[++i]!), a: c.from, b: inner[i]!.to });
          else items.push(this.expr(c));
        }
        return { k: 'list', items, ...at };
      }
      case 'DictionaryExpression': {
        const entries: Kwarg[] = [];
        for (let i = 0; i + 1 < inner.length; i += 2) {
          const key = this.expr(inner[i]!);
          if (key.k === 'str') entries.push({ name: key.v, value: this.expr(inner[i + 1]!) });
        }
        return { k: 'dict', entries, ...at };
      }
      case 'MemberExpression': {
        const obj = kids[0]!;
        const prop = kids.find((c) => c.name === 'PropertyName');
        if (prop) return { k: 'member', obj: this.expr(obj), prop: this.src(prop), ...at };
        const index = kids.slice(1).find((c) => !PUNCT.has(c.name));
        return index ? { k: 'index', obj: this.expr(obj), index: this.expr(index), ...at } : { k: 'other', parts: [this.expr(obj)], ...at };
      }
      case 'CallExpression': {
        const callee = this.expr(kids[0]!);
        const argList = kids.find((c) => c.name === 'ArgList');
        const args: Expr[] = [];
        const kwargs: Kwarg[] = [];
        if (argList) {
          const as = children(argList);
          for (let i = 0; i < as.length; i++) {
            const c = as[i]!;
            if (PUNCT.has(c.name)) continue;
            if (c.name === 'VariableName' && as[i + 1]?.name === 'AssignOp' && as[i + 2]) {
              kwargs.push({ name: this.src(c), value: this.expr(as[i + 2]!) });
              i += 2;
            } else if (c.name === 'ArithOp' || c.name === '*' || c.name === '**') {
              // *args / **kwargs: positions after this are unknowable.
              args.push({ k: 'other', parts: [], a: c.from, b: c.to });
              if (as[i + 1]) i++;
            } else args.push(this.expr(c));
          }
        }
        return { k: 'call', callee, args, kwargs, ...at };
      }
      case 'UnaryExpression': {
        const op = kids[0] ? this.src(kids[0]) : '?';
        const arg = kids[1];
        return arg ? { k: 'unary', op, arg: this.expr(arg), ...at } : { k: 'other', parts: [], ...at };
      }
      case 'BinaryExpression': {
        const [l, op, r] = kids;
        if (!l || !op || !r) return { k: 'other', parts: [], ...at };
        return { k: 'bin', op: this.src(op), left: this.expr(l), right: this.expr(r), ...at };
      }
      case 'LambdaExpression': {
        const paramList = kids.find((c) => c.name === 'ParamList');
        const params = paramList ? children(paramList).filter((c) => c.name === 'VariableName').map((c) => this.src(c)) : [];
        const body = kids[kids.length - 1]!;
        return { k: 'func', params, body: [{ k: 'return', e: this.expr(body), a: body.from, b: body.to }], ...at };
      }
      default:
        return { k: 'other', parts: inner.map((c) => this.expr(c)), ...at };
    }
  }
}
