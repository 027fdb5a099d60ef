// What the code printers (numpy, TypeScript) share: which functions a module has, which
// identifiers everything gets, and, per function, which statements compute it.
//
// Every function of a module takes every free variable of the expression (and every abstract
// function F with its gradient grad_F), computes the named bindings it needs — and a temporary
// for any other non-trivial node it uses twice — then returns its result.

import { topoOrder, type DimValue, type Expr } from '../expr/expr.js';
import type { Derivation, DerivativeKind } from '../calculus/derive.js';

/** A variable's declared shape: dims (`['m', 'n']`, `['n']`, `[]`) or the analysis's VariableInfo. */
export type VariableShape = readonly (DimValue | null)[] | { shape: readonly DimValue[]; symmetric?: boolean };

export interface PlannedVariable {
  name: string;
  ident: string;
  rows: DimValue;
  cols: DimValue;
  symmetric: boolean;
}

export interface PlannedAbstract {
  name: string;
  ident: string;
  gradIdent: string;
  /** The argument's shape. */
  rows: DimValue;
  cols: DimValue;
  /** Which of F and grad_F the module uses. */
  usesValue: boolean;
  usesGrad: boolean;
}

export interface PlannedDim {
  dim: string;
  ident: string;
  /** Read off a variable's shape; absent: the dim is a parameter of its own. */
  source?: { variable: PlannedVariable; axis: 0 | 1 };
}

export interface Statement {
  ident: string;
  expr: Expr;
}

export interface PlannedFunction {
  ident: string;
  kind: 'value' | DerivativeKind;
  wrt?: string;
  result: Expr;
  statements: Statement[];
  /** Node id → identifier, for the bindings and temporaries of this function. */
  names: Map<number, string>;
  /** Symbolic dims it needs (for ones, zeros, eye, numel). */
  dims: PlannedDim[];
  /** Variables and abstract functions it reads. */
  variables: PlannedVariable[];
  /** Abstract functions it calls, and whether it calls F itself and/or grad_F. */
  abstracts: Array<{ abstract: PlannedAbstract; value: boolean; grad: boolean }>;
}

export interface CodePlan {
  root: Expr;
  variables: PlannedVariable[];
  abstracts: PlannedAbstract[];
  /** Dims that no variable has: extra parameters. */
  freeDims: PlannedDim[];
  functions: PlannedFunction[];
}

export interface Language {
  /** Words that may not be used as identifiers (keywords, helper names, module names). */
  reserved: ReadonlySet<string>;
}

const IDENT = /^[\p{L}_][\p{L}\p{N}_]*$/u;

export class Identifiers {
  private readonly used = new Set<string>();
  constructor(private readonly reserved: ReadonlySet<string>) {}
  /** A fresh identifier as close to `name` as possible. */
  take(name: string): string {
    let base = name.replace(/[^\p{L}\p{N}_]/gu, '_');
    if (!IDENT.test(base)) base = `_${base}`;
    let id = base;
    if (this.reserved.has(id) || this.used.has(id)) id = `${base}_`;
    for (let k = 2; this.reserved.has(id) || this.used.has(id); k++) id = `${base}_${k}`;
    this.used.add(id);
    return id;
  }
  has(name: string): boolean {
    return this.used.has(name) || this.reserved.has(name);
  }
  fork(): Identifiers {
    const f = new Identifiers(this.reserved);
    for (const u of this.used) f.used.add(u);
    return f;
  }
}

export const isScalar = (e: { rows: DimValue; cols: DimValue }) => e.rows === 1 && e.cols === 1;

const TRIVIAL = new Set(['var', 'num', 'ones', 'zeros', 'eye']);
function trivial(e: Expr): boolean {
  if (TRIVIAL.has(e.op)) return true;
  return (e.op === 'transpose' || e.op === 'neg') && (e.args[0]!.op === 'var' || e.args[0]!.op === 'num');
}

/** Ops whose operands are not evaluated: numel(X) is read off the dims of X. */
const OPAQUE = new Set(['numel']);

/** Nodes the code for `root` evaluates, in dependency order. */
export function evalOrder(root: Expr): Expr[] {
  return cutOrder(root, (e) => OPAQUE.has(e.op), true);
}

/** Nodes of `root` in dependency order, not descending below nodes for which `stop` holds. */
export function cutOrder(root: Expr, stop: (e: Expr) => boolean, stopAtRoot = false): Expr[] {
  const seen = new Set<number>([root.id]);
  const out: Expr[] = [];
  const stack: Array<[Expr, number]> = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const node = top[0];
    if (top[1] < node.args.length && ((node === root && !stopAtRoot) || !stop(node))) {
      const child = node.args[top[1]++]!;
      if (!seen.has(child.id)) {
        seen.add(child.id);
        stack.push([child, 0]);
      }
    } else {
      stack.pop();
      out.push(node);
    }
  }
  return out;
}

function shapeOf(v: VariableShape | undefined): { dims?: readonly (DimValue | null)[]; symmetric: boolean } {
  if (!v) return { symmetric: false };
  if (Array.isArray(v)) return { dims: v as readonly (DimValue | null)[], symmetric: false };
  const info = v as { shape: readonly DimValue[]; symmetric?: boolean };
  return { dims: info.shape, symmetric: !!info.symmetric };
}

export function planCode(root: Expr, d: Derivation, lang: Language, variables?: ReadonlyMap<string, VariableShape>): CodePlan {
  const ids = new Identifiers(lang.reserved);
  const all = topoOrder([root, ...d.derivatives.map((k) => k.expr)]);

  // Variables: those of the expression, in the order of the declarations when given.
  const vars = new Map<string, Expr>();
  for (const e of topoOrder([root])) if (e.op === 'var' && !vars.has(e.name!)) vars.set(e.name!, e);
  for (const e of all) if (e.op === 'var' && !vars.has(e.name!)) vars.set(e.name!, e);
  const names = [...vars.keys()];
  if (variables) {
    const order = [...variables.keys()];
    names.sort((a, b) => (order.indexOf(a) < 0 ? Infinity : order.indexOf(a)) - (order.indexOf(b) < 0 ? Infinity : order.indexOf(b)));
  }
  const planned: PlannedVariable[] = names.map((name) => {
    const e = vars.get(name)!;
    const info = shapeOf(variables?.get(name));
    return { name, ident: ids.take(name), rows: e.rows, cols: e.cols, symmetric: info.symmetric };
  });
  const byName = new Map(planned.map((v) => [v.name, v]));

  const abstracts = new Map<string, PlannedAbstract>();
  for (const e of all) {
    if (e.op !== 'apply' && e.op !== 'grad') continue;
    let f = abstracts.get(e.name!);
    if (!f) {
      f = { name: e.name!, ident: '', gradIdent: '', rows: e.args[0]!.rows, cols: e.args[0]!.cols, usesValue: false, usesGrad: false };
      abstracts.set(e.name!, f);
    }
    if (e.op === 'apply') f.usesValue = true;
    else f.usesGrad = true;
  }
  for (const f of abstracts.values()) {
    f.ident = ids.take(f.name);
    f.gradIdent = ids.take(`grad_${f.name}`);
  }

  const bindingIdent = new Map<number, string>();
  for (const b of d.bindings) bindingIdent.set(b.expr.id, ids.take(b.name));

  // Symbolic dims: read off the first variable that has them, else parameters of their own.
  const dims = new Map<string, PlannedDim>();
  const dimOf = (dim: string): PlannedDim => {
    let pd = dims.get(dim);
    if (!pd) {
      const v = planned.find((x) => x.rows === dim) ?? planned.find((x) => x.cols === dim);
      pd = { dim, ident: ids.take(dim) };
      if (v) pd.source = { variable: v, axis: v.rows === dim ? 0 : 1 };
      dims.set(dim, pd);
    }
    return pd;
  };
  const dimsOfNode = (e: Expr): DimValue[] => {
    if (e.op === 'ones' || e.op === 'zeros' || e.op === 'eye') return [...e.dims!];
    if (e.op === 'numel') return [e.args[0]!.rows, e.args[0]!.cols];
    return [];
  };

  for (const e of all) for (const dm of dimsOfNode(e)) if (typeof dm === 'string') dimOf(dm);

  const fnIds = new Identifiers(new Set());
  const functions: PlannedFunction[] = [];
  const plan = (kind: PlannedFunction['kind'], ident: string, target: Expr, wrt?: string) => {
    const local = ids.fork();
    const fnames = new Map<number, string>();
    const order = evalOrder(target);
    const uses = new Map<number, number>();
    for (const n of order) for (const a of n.args) uses.set(a.id, (uses.get(a.id) ?? 0) + 1);
    let k = 1;
    for (const n of order) {
      if (n === target) continue;
      const b = bindingIdent.get(n.id);
      if (b !== undefined) fnames.set(n.id, b);
      else if ((uses.get(n.id) ?? 0) >= 2 && !trivial(n)) {
        while (local.has(`tmp${k}`)) k++;
        fnames.set(n.id, local.take(`tmp${k}`));
      }
    }
    const statements = order.filter((n) => n !== target && fnames.has(n.id)).map((n) => ({ ident: fnames.get(n.id)!, expr: n }));
    const fdims = new Map<string, PlannedDim>();
    const fvars = new Set<string>();
    const fabs = new Map<string, { value: boolean; grad: boolean }>();
    for (const n of order) {
      for (const dm of dimsOfNode(n)) if (typeof dm === 'string' && !fdims.has(dm)) fdims.set(dm, dimOf(dm));
      if (n.op === 'var') fvars.add(n.name!);
      if (n.op === 'apply' || n.op === 'grad') {
        const u = fabs.get(n.name!) ?? { value: false, grad: false };
        if (n.op === 'apply') u.value = true;
        else u.grad = true;
        fabs.set(n.name!, u);
      }
    }
    // Read a dim off a variable this function uses anyway, when one has it.
    const own = planned.filter((v) => fvars.has(v.name));
    const localDims = [...fdims.values()].map((pd): PlannedDim => {
      const v = own.find((x) => x.rows === pd.dim) ?? own.find((x) => x.cols === pd.dim);
      return v ? { dim: pd.dim, ident: pd.ident, source: { variable: v, axis: v.rows === pd.dim ? 0 : 1 } } : pd;
    });
    const f: PlannedFunction = {
      ident: fnIds.take(ident),
      kind,
      result: target,
      statements,
      names: fnames,
      dims: localDims,
      variables: planned.filter((v) => fvars.has(v.name)),
      abstracts: [...abstracts.values()].filter((a) => fabs.has(a.name)).map((a) => ({ abstract: a, ...fabs.get(a.name)! })),
    };
    if (wrt !== undefined) f.wrt = wrt;
    functions.push(f);
  };
  plan('value', 'value', root);
  const prefix: Record<DerivativeKind, string> = { gradient: 'grad', jacobian: 'jacobian', hessian: 'hessian' };
  for (const k of d.derivatives) plan(k.kind, `${prefix[k.kind]}_${byName.get(k.wrt)?.ident ?? k.wrt}`, k.expr, k.wrt);
  return { root, variables: planned, abstracts: [...abstracts.values()], freeDims: [...dims.values()].filter((x) => !x.source), functions };
}

/** Render an expression bottom-up with `node`, printing named nodes (other than the root) by name. */
export function renderWith<P>(root: Expr, names: ReadonlyMap<number, string>, named: (ident: string, e: Expr) => P, node: (e: Expr, get: (a: Expr) => P) => P): P {
  const memo = new Map<number, P>();
  const isNamed = (e: Expr) => e !== root && names.has(e.id);
  for (const e of cutOrder(root, (e) => isNamed(e) || OPAQUE.has(e.op), OPAQUE.has(root.op))) {
    memo.set(e.id, isNamed(e) ? named(names.get(e.id)!, e) : node(e, (a) => memo.get(a.id)!));
  }
  return memo.get(root.id)!;
}

/** `[m×n]` for comments. */
export function shapeText(e: { rows: DimValue; cols: DimValue }): string {
  return `[${e.rows}×${e.cols}]`;
}
