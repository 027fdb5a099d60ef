// Shaped, immutable expression nodes, hash-consed: building the same op on the same operands
// twice returns the same node, so shared sub-expressions are one node and derivatives are DAGs.

import { DimTable, type MatType } from '../shape/unify.js';
import { PairTable } from './intern.js';
import { inferShape, shapeRule } from './ops.js';

export type DimValue = number | string;

export interface Expr {
  readonly id: number;
  readonly op: string;
  readonly args: readonly Expr[];
  readonly rows: DimValue;
  readonly cols: DimValue;
  /** var: its name; apply/grad: the abstract function's name. */
  readonly name?: string;
  /** num: its value; mpow: the integer exponent. */
  readonly value?: number;
  /** ones/zeros/eye: their dims. */
  readonly dims?: readonly DimValue[];
}

export interface Attrs {
  name?: string;
  value?: number;
  dims?: readonly DimValue[];
  rows?: DimValue;
  cols?: DimValue;
}

export class ShapeBug extends Error {}

export function isScalar(e: Expr): boolean {
  return e.rows === 1 && e.cols === 1;
}

export function sameShape(a: { rows: DimValue; cols: DimValue }, b: { rows: DimValue; cols: DimValue }): boolean {
  return a.rows === b.rows && a.cols === b.cols;
}

/** A builder owns one family of hash-consed nodes (ids are only comparable within it). */
export class ExprBuilder {
  private readonly table = new DimTable();
  private readonly interned = new Map<string, Expr>();
  private readonly pairs = new PairTable<Expr>();
  private nextId = 0;

  get size(): number {
    return this.nextId;
  }

  make(op: string, args: readonly Expr[] = [], attrs: Attrs = {}): Expr {
    const hasAttrs = attrs.name !== undefined || attrs.value !== undefined || attrs.dims !== undefined || attrs.rows !== undefined || attrs.cols !== undefined;
    // Fast path for the common node (one or two operands, no attributes): see intern.ts.
    if (!hasAttrs && (args.length === 1 || args.length === 2)) {
      const o = this.pairs.opId(op);
      const l = args[0]!.id;
      const r = args.length === 2 ? args[1]!.id : -1;
      const hit = this.pairs.get(o, l, r);
      if (hit) return hit;
      const [rows, cols] = this.shapeOf(op, args, attrs);
      const node: Expr = { id: this.nextId++, op, args, rows, cols };
      this.pairs.set(o, l, r, node);
      return node;
    }
    // Other keys are built by hand: keys with attributes contain '|', keys without never do,
    // so the two kinds cannot collide.
    let key = op;
    for (let i = 0; i < args.length; i++) key += ',' + args[i]!.id;
    if (hasAttrs) {
      key += `|${attrs.name ?? ''}|${attrs.value ?? ''}|${attrs.dims?.join(',') ?? ''}|${attrs.rows ?? ''}|${attrs.cols ?? ''}`;
    }
    const hit = this.interned.get(key);
    if (hit) return hit;
    const [rows, cols] = this.shapeOf(op, args, attrs);
    const node: Expr = { id: this.nextId++, op, args, rows, cols, ...pick(attrs) };
    this.interned.set(key, node);
    return node;
  }

  variable(name: string, rows: DimValue, cols: DimValue): Expr {
    return this.make('var', [], { name, rows, cols });
  }
  num(value: number): Expr {
    return this.make('num', [], { value: Object.is(value, -0) ? 0 : value });
  }
  ones(rows: DimValue, cols: DimValue): Expr {
    return this.make('ones', [], { dims: [rows, cols] });
  }
  zeros(rows: DimValue, cols: DimValue): Expr {
    return this.make('zeros', [], { dims: [rows, cols] });
  }
  eye(n: DimValue): Expr {
    return this.make('eye', [], { dims: [n] });
  }

  private shapeOf(op: string, args: readonly Expr[], attrs: Attrs): [DimValue, DimValue] {
    switch (op) {
      case 'var':
        return [attrs.rows!, attrs.cols!];
      case 'num':
        return [1, 1];
      case 'ones':
      case 'zeros':
        return [attrs.dims![0]!, attrs.dims![1]!];
      case 'eye':
        return [attrs.dims![0]!, attrs.dims![0]!];
    }
    if (shapeRule(op).kind === 'constructor') throw new ShapeBug(`${op} needs dims`);
    const types: MatType[] = args.map((a) => [this.table.of(a.rows), this.table.of(a.cols)]);
    const out = inferShape(op, types, this.table);
    if (!out.ok) {
      throw new ShapeBug(`${op} does not fit operands ${args.map((a) => `[${a.rows}×${a.cols}]`).join(', ')}`);
    }
    return [this.table.resolve(out.type[0])!, this.table.resolve(out.type[1])!];
  }
}

function pick(attrs: Attrs): Partial<Expr> {
  const out: { name?: string; value?: number; dims?: readonly DimValue[] } = {};
  if (attrs.name !== undefined) out.name = attrs.name;
  if (attrs.value !== undefined) out.value = attrs.value;
  if (attrs.dims !== undefined) out.dims = attrs.dims;
  return out;
}

/** Nodes reachable from the roots, operands before users, without recursion. */
export function topoOrder(roots: readonly Expr[]): Expr[] {
  const seen = new Set<number>();
  const out: Expr[] = [];
  const stack: Array<[Expr, number]> = [];
  for (const r of roots) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    stack.push([r, 0]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top[1] < top[0].args.length) {
        const child = top[0].args[top[1]++]!;
        if (!seen.has(child.id)) {
          seen.add(child.id);
          stack.push([child, 0]);
        }
      } else {
        stack.pop();
        out.push(top[0]);
      }
    }
  }
  return out;
}

/** Free variables of an expression, in first-appearance order. */
export function freeVariables(roots: readonly Expr[]): Expr[] {
  return topoOrder(roots).filter((e) => e.op === 'var');
}

/** Ids of the nodes under `roots` that depend on any of the nodes `vars`. */
export function dependsOn(roots: readonly Expr[], vars: ReadonlySet<number>): Set<number> {
  const dep = new Set<number>();
  for (const e of topoOrder(roots)) {
    if (vars.has(e.id) || e.args.some((a) => dep.has(a.id))) dep.add(e.id);
  }
  return dep;
}
