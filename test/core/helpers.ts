// Shared by the core tests: the AST as a compact S-expression (precedence at a glance), the
// spans of every node, and a one-call analysis with declarations written like the CLI flags.

import type { Ast } from '../../src/expr/ast.js';
import { postOrder } from '../../src/expr/ast.js';
import { analyze, type Analysis } from '../../src/expr/analyze.js';
import { parseDims, type Dim } from '../../src/shape/dim.js';
import { formatShape } from '../../src/shape/dim.js';
import type { Expr } from '../../src/expr/expr.js';
import { lower } from '../../src/expr/lower.js';
import { parse } from '../../src/expr/parser.js';

/** `(+ a (* b c))`; parentheses the user wrote show as `[…]`, ∇ marks a gradient call. */
export function sexpr(a: Ast): string {
  switch (a.kind) {
    case 'num':
      return String(a.value);
    case 'ident':
      return a.name;
    case 'call':
      return `(${a.gradOf ? '∇' : ''}${a.name}${a.args.map((x) => ` ${sexpr(x)}`).join('')})`;
    case 'binary':
      return `(${a.op} ${sexpr(a.left)} ${sexpr(a.right)})`;
    case 'neg':
      return `(neg ${sexpr(a.arg)})`;
    case 'transpose':
      return `(' ${sexpr(a.arg)})`;
    case 'paren':
      return `[${sexpr(a.arg)}]`;
  }
}

/** Every node as `kind:text`, children first. */
export function spans(text: string, a: Ast): string[] {
  return postOrder(a).map((n) => `${n.kind}:${text.slice(n.start, n.end)}`);
}

/** `analyze` with declarations written like `--shape` flags: `W=m,n`, `h=n`, `a=scalar`. */
export function check(text: string, ...shapes: string[]): Analysis {
  const decl = new Map<string, Dim[]>();
  for (const s of shapes) {
    const eq = s.indexOf('=');
    const dims = parseDims(s.slice(eq + 1));
    if (dims === null) throw new Error(`bad shape in test: ${s}`);
    decl.set(s.slice(0, eq), dims);
  }
  return analyze(text, { shapes: decl });
}

/** The shape of the whole expression as `[m×1]`, or the first diagnostic's message. */
export function shapeOrError(a: Analysis): string {
  if (!a.ok) return `error: ${a.diagnostics.find((d) => d.severity === 'error')!.message}`;
  return formatShape(a.elaborated!.shapeOf(a.ast!)!);
}

/** Variables as `name:[r×c]` (`*` marks an inferred one), in order of appearance. */
export function variables(a: Analysis): string {
  return [...a.elaborated!.variables].map(([n, v]) => `${n}:${formatShape(v.shape)}${v.declared ? '' : '*'}`).join(' ');
}

/**
 * Print an analysed expression and read the text back into the same ExprBuilder: the round
 * trip holds when the result is the very same hash-consed node.
 */
export function reparse(a: Analysis, text: string): Expr {
  const el = a.elaborated!;
  return lower(parse(text), el.builder, {
    ident: (name) => {
      const v = el.variables.get(name);
      if (!v) throw new Error(`printed text names an unknown variable ${name}`);
      return el.builder.variable(name, v.shape[0], v.shape[1]);
    },
    dim: (node) => (node.kind === 'num' ? node.value : node.kind === 'ident' ? node.name : 1),
  });
}

/** The declarations of an analysis, to re-check a printed text under the same shapes. */
export function declarationsOf(a: Analysis): Map<string, Dim[]> {
  return new Map([...a.elaborated!.variables].map(([n, v]) => [n, [...v.shape]]));
}
