// Unification of symbolic dimensions (union–find).
//
// A dimension slot is a small integer. Its root carries what is known about it: a size, a
// declared ("rigid") symbol such as `m`, or nothing yet (a variable, from an undeclared name).
// Two different rigid symbols never unify: `m` and `n` are different dimensions by declaration.

import type { Dim } from './dim.js';

export type DimRef = number;
/** A matrix type during inference: [rows, cols]. */
export type MatType = readonly [DimRef, DimRef];

type Known = { size: number } | { symbol: string } | undefined;

export class DimTable {
  private readonly parent: number[] = [];
  private readonly known: Known[] = [];
  /** Members of each root's class: the smaller class joins the larger (union by size). */
  private readonly members: number[] = [];
  private readonly symbols = new Map<string, DimRef>();
  private readonly sizes = new Map<number, DimRef>();
  /** Undo entries: which array (0 parent, 1 known, 2 members), the index, the old value. */
  private readonly log: Array<[0 | 1 | 2, number, number | Known]> | null;

  constructor(recordUndo = false) {
    this.log = recordUndo ? [] : null;
  }

  fresh(): DimRef {
    this.parent.push(this.parent.length);
    this.known.push(undefined);
    this.members.push(1);
    return this.parent.length - 1;
  }

  size(n: number): DimRef {
    let r = this.sizes.get(n);
    if (r === undefined) {
      r = this.fresh();
      this.known[r] = { size: n };
      this.sizes.set(n, r);
    }
    return r;
  }

  symbol(name: string): DimRef {
    let r = this.symbols.get(name);
    if (r === undefined) {
      r = this.fresh();
      this.known[r] = { symbol: name };
      this.symbols.set(name, r);
    }
    return r;
  }

  of(d: Dim): DimRef {
    if (typeof d === 'number') return this.size(d);
    if (typeof d === 'string') return this.symbol(d);
    return this.fresh();
  }

  find(a: DimRef): DimRef {
    let r = a;
    while (this.parent[r] !== r) r = this.parent[r]!;
    return r;
  }

  /** The size of a dim if it is known to be a number. */
  sizeOf(a: DimRef): number | undefined {
    const k = this.known[this.find(a)];
    return k && 'size' in k ? k.size : undefined;
  }

  isOne(a: DimRef): boolean {
    return this.sizeOf(a) === 1;
  }

  isVariable(a: DimRef): boolean {
    return this.known[this.find(a)] === undefined;
  }

  same(a: DimRef, b: DimRef): boolean {
    return this.find(a) === this.find(b);
  }

  /** Make a and b the same dimension; false (and no change) when they are known to differ. */
  unify(a: DimRef, b: DimRef): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return true;
    const ka = this.known[ra];
    const kb = this.known[rb];
    if (ka !== undefined && kb !== undefined) return false;
    // Union by size keeps every path O(log n): without it, `x1 + x2 + … + xN` built a chain of
    // N links that every later find walked (quadratic; 40,000 terms took 16 s). No path
    // compression: it would not survive rollback. What the class knows moves to the new root.
    const [child, root] = this.members[ra]! < this.members[rb]! ? [ra, rb] : [rb, ra];
    this.log?.push([0, child, this.parent[child]!], [2, root, this.members[root]!]);
    this.parent[child] = root;
    this.members[root]! += this.members[child]!;
    const kc = this.known[child];
    if (kc !== undefined) {
      this.log?.push([1, root, this.known[root]]);
      this.known[root] = kc;
    }
    return true;
  }

  /** A point to roll back to (only with recordUndo). */
  mark(): number {
    return this.log?.length ?? 0;
  }

  rollback(mark: number): void {
    if (!this.log) throw new Error('DimTable was created without undo');
    while (this.log.length > mark) {
      const [which, index, old] = this.log.pop()!;
      if (which === 0) this.parent[index] = old as number;
      else if (which === 1) this.known[index] = old as Known;
      else this.members[index] = old as number;
    }
  }

  /** The dim as the outside world sees it: a size, a symbol, or undefined for an unresolved variable. */
  resolve(a: DimRef): number | string | undefined {
    const k = this.known[this.find(a)];
    if (k === undefined) return undefined;
    return 'size' in k ? k.size : k.symbol;
  }

  /** Is `name` a symbol some declaration or constructor named? */
  hasSymbol(name: string): boolean {
    return this.symbols.has(name);
  }

  declaredSymbols(): string[] {
    return [...this.symbols.keys()];
  }
}
