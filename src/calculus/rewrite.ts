// The rewrite engine: rules/simplify applied bottom-up over the DAG, to a fixed point (bounded).

import { allRewriteRules } from '../../rules/simplify/registry.js';
import type { Ast } from '../expr/ast.js';
import { sameShape, topoOrder, type DimValue, type Expr } from '../expr/expr.js';
import { lower } from '../expr/lower.js';
import { functionNames, parseShapeRule } from '../expr/ops.js';
import { parse } from '../expr/parser.js';
import type { Algebra } from './algebra.js';
import { normalizeElementwise } from './elementwise-normal.js';

interface CompiledRule {
  text: string;
  pattern: Ast;
  replacement: Ast;
  /** Required shapes of wildcards (`where`). */
  shapes: Array<{ name: string; dims: [string | number, string | number] }>;
}

let compiled: CompiledRule[] | undefined;

export function compiledRules(): CompiledRule[] {
  compiled ??= allRewriteRules.map((r) => {
    const [p, q] = r.rule.split('->');
    if (p === undefined || q === undefined) throw new Error(`rewrite rule without '->': ${r.rule}`);
    const where = r.where ? parseShapeRule(`${r.where} -> [1,1]`) : undefined;
    return { text: r.rule, pattern: parse(p), replacement: parse(q), shapes: where?.kind === 'pattern' ? where.params : [] };
  });
  return compiled;
}

interface Bindings {
  exprs: Map<string, Expr>;
  dims: Map<string, DimValue>;
  /** What the pattern's `*` matched: every `*` of one rule must match the same op. Mixing them is
   *  wrong: `A*C - B*C -> (A - B)*C` on `M*C - s*C` (s a scalar) would give (M - s)*C, which
   *  subtracts s from every entry of M instead of from its diagonal. */
  star?: string;
}

const BINARY: Record<string, string[]> = {
  '+': ['add'], '-': ['sub'], '.*': ['hadamard'], './': ['div'], '/': ['div'], '.^': ['pow'], '^': ['pow'], '*': ['matmul', 'scale'],
};

/** Does `e` match the pattern? Patterns are small, so recursion here is bounded by the rule text. */
export function match(p: Ast, e: Expr, b: Bindings): boolean {
  switch (p.kind) {
    case 'paren':
      return match(p.arg, e, b);
    case 'num':
      return e.op === 'num' && e.value === p.value;
    case 'ident': {
      if (/^[A-Z]$/.test(p.name)) {
        const prev = b.exprs.get(p.name);
        if (prev) return prev === e;
        b.exprs.set(p.name, e);
        return true;
      }
      if (p.name === 'c' || p.name === 'd') {
        if (e.op !== 'num') return false;
        const prev = b.exprs.get(p.name);
        if (prev) return prev === e;
        b.exprs.set(p.name, e);
        return true;
      }
      return false;
    }
    case 'neg':
      return e.op === 'neg' && match(p.arg, e.args[0]!, b);
    case 'transpose':
      return e.op === 'transpose' && match(p.arg, e.args[0]!, b);
    case 'binary':
      if (p.op === '*' && BINARY['*']!.includes(e.op)) {
        if (b.star !== undefined && b.star !== e.op) return false;
        b.star = e.op;
      }
      return BINARY[p.op]!.includes(e.op) && e.args.length === 2 && match(p.left, e.args[0]!, b) && match(p.right, e.args[1]!, b);
    case 'call': {
      if (p.name === 'ones' || p.name === 'zeros' || p.name === 'eye') {
        if (e.op !== p.name) return false;
        return p.args.every((a, i) => matchDim(a, e.dims![i]!, b));
      }
      const spec = functionNames.get(p.name);
      if (!spec || e.op !== spec.name || e.args.length !== p.args.length) return false;
      return p.args.every((a, i) => match(a, e.args[i]!, b));
    }
  }
}

function matchDim(p: Ast, d: DimValue, b: Bindings): boolean {
  if (p.kind === 'num') return d === p.value;
  if (p.kind !== 'ident') return false;
  const prev = b.dims.get(p.name);
  if (prev !== undefined) return prev === d;
  b.dims.set(p.name, d);
  return true;
}

/** The `where` shapes: numbers must match exactly, a named dim must be the same everywhere. */
function shapesHold(r: CompiledRule, b: Bindings): boolean {
  const dims = new Map<string, DimValue>();
  for (const { name, dims: want } of r.shapes) {
    const e = b.exprs.get(name);
    if (!e) return false;
    const got = [e.rows, e.cols];
    for (let i = 0; i < 2; i++) {
      const w = want[i]!;
      if (typeof w === 'number') {
        if (got[i] !== w) return false;
      } else if (dims.has(w) ? dims.get(w) !== got[i] : (dims.set(w, got[i]!), false)) return false;
    }
  }
  return true;
}

function instantiate(alg: Algebra, q: Ast, b: Bindings): Expr {
  return lower(q, alg, {
    ident: (name) => b.exprs.get(name)!,
    dim: (a) => (a.kind === 'num' ? a.value : a.kind === 'ident' ? b.dims.get(a.name) ?? a.name : 1),
  });
}

/** Try every rule at one node; the first whose replacement keeps the shape wins. */
export function rewriteOnce(alg: Algebra, e: Expr, trace?: string[]): Expr | undefined {
  for (const r of compiledRules()) {
    const b: Bindings = { exprs: new Map(), dims: new Map() };
    if (!match(r.pattern, e, b) || !shapesHold(r, b)) continue;
    const out = instantiate(alg, r.replacement, b);
    if (out !== e && sameShape(out, e)) {
      trace?.push(r.text);
      return out;
    }
  }
  return undefined;
}

const MAX_PASSES = 12;
const MAX_LOCAL = 8;

/** Simplify every root with the rewrite rules, sharing work across roots. */
export function simplifyAll(alg: Algebra, roots: readonly Expr[], trace?: string[]): Expr[] {
  let current = [...roots];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const memo = new Map<number, Expr>();
    let changed = false;
    for (const node of topoOrder(current)) {
      const args = node.args.map((a) => memo.get(a.id)!);
      let out = args.every((a, i) => a === node.args[i]) ? node : rebuild(alg, node, args);
      for (let k = 0; k < MAX_LOCAL; k++) {
        const next = rewriteOnce(alg, out, trace);
        if (!next) break;
        out = next;
      }
      const normal = normalizeElementwise(alg, out);
      if (normal) {
        trace?.push('elementwise normal form');
        out = normal;
      }
      if (out !== node) changed = true;
      memo.set(node.id, out);
    }
    current = current.map((r) => memo.get(r.id)!);
    if (!changed) break;
  }
  return current;
}

function rebuild(alg: Algebra, node: Expr, args: Expr[]): Expr {
  const attrs: { name?: string; value?: number; dims?: readonly DimValue[] } = {};
  if (node.name !== undefined) attrs.name = node.name;
  if (node.value !== undefined) attrs.value = node.value;
  if (node.dims !== undefined) attrs.dims = node.dims;
  return alg.make(node.op, args, attrs);
}
