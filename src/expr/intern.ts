// The hash-consing table of the common node: an op applied to one or two operands, no
// attributes. Open addressing over typed arrays, because a Map keyed by strings (or by numbers
// beyond the small-integer range) was the single hottest spot when analysing a 1 MB input.

export class PairTable<T> {
  private ops = new Int32Array(1024);
  private lefts = new Int32Array(1024);
  private rights = new Int32Array(1024);
  private values: Array<T | undefined> = new Array(1024);
  private count = 0;
  private readonly opIds = new Map<string, number>();

  /** The op's small integer (0 marks an empty slot, so ids start at 1). */
  opId(op: string): number {
    let id = this.opIds.get(op);
    if (id === undefined) {
      id = this.opIds.size + 1;
      this.opIds.set(op, id);
    }
    return id;
  }

  /** `right` is -1 for a one-operand node. */
  get(op: number, left: number, right: number): T | undefined {
    const mask = this.ops.length - 1;
    for (let i = hash(op, left, right) & mask; ; i = (i + 1) & mask) {
      const o = this.ops[i]!;
      if (o === 0) return undefined;
      if (o === op && this.lefts[i] === left && this.rights[i] === right) return this.values[i];
    }
  }

  set(op: number, left: number, right: number, value: T): void {
    if (2 * (this.count + 1) > this.ops.length) this.grow();
    this.insert(op, left, right, value);
    this.count++;
  }

  private insert(op: number, left: number, right: number, value: T): void {
    const mask = this.ops.length - 1;
    let i = hash(op, left, right) & mask;
    while (this.ops[i] !== 0) i = (i + 1) & mask;
    this.ops[i] = op;
    this.lefts[i] = left;
    this.rights[i] = right;
    this.values[i] = value;
  }

  private grow(): void {
    const { ops, lefts, rights, values } = this;
    const n = ops.length * 2;
    this.ops = new Int32Array(n);
    this.lefts = new Int32Array(n);
    this.rights = new Int32Array(n);
    this.values = new Array(n);
    for (let i = 0; i < ops.length; i++) if (ops[i] !== 0) this.insert(ops[i]!, lefts[i]!, rights[i]!, values[i]!);
  }
}

function hash(op: number, left: number, right: number): number {
  let h = Math.imul(left, 0x9e3779b1) ^ Math.imul(right + 2, 0x85ebca77) ^ Math.imul(op, 0xc2b2ae3d);
  h ^= h >>> 15;
  return h >>> 0;
}
